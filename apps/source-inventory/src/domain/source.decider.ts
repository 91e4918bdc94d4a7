import type { Decider } from '@inventory/decider';
import {
  DEFAULT_SOURCE_CODE,
  type Actor,
  type SourceCreated,
  type SourceData,
  type SourceUpdated,
} from '@inventory/contracts';
import { conflict, msiMessage, notFound, throwIfInvalid } from './errors';
import { normalizeSource, SOURCE_FIELDS, type SourceInput } from './source.normalize';
import { sourceErrors } from './source.validation';

/** Commands on one source stream (`source-<code>`); time and actor come with each one. */
export type SourceCommand =
  | { type: 'create_source'; source: SourceInput; actor: Actor; occurred_at: string }
  | {
      type: 'update_source';
      /** The source addressed (the URL's code). The body may omit its code, not change it. */
      source_code: string;
      /** MSI's PUT: a full replacement of every editable field. */
      source: SourceInput;
      actor: Actor;
      occurred_at: string;
    }
  | { type: 'ensure_default_source'; actor: Actor; occurred_at: string };

/** `data` is exactly the contract payload, which is what the relay publishes. */
export type SourceEvent =
  { type: 'source_created'; data: SourceCreated } | { type: 'source_updated'; data: SourceUpdated };

export type SourceState = SourceData | null;

/** The source MSI installs, which single-source merchants use without configuring anything. */
export function defaultSourceData(): SourceData {
  return normalizeSource({
    source_code: DEFAULT_SOURCE_CODE,
    name: 'Default Source',
    enabled: true,
    description: 'Default Source',
    latitude: 0,
    longitude: 0,
    country_id: 'US',
    postcode: '00000',
  });
}

export const sourceDecider: Decider<SourceCommand, SourceEvent, SourceState> = {
  initialState: null,
  decide(command, state) {
    switch (command.type) {
      case 'create_source':
        return create(command.source, state, command);
      case 'update_source':
        return update(command.source_code, command.source, state, command);
      case 'ensure_default_source':
        return state ? [] : create(defaultSourceData(), state, command);
    }
  },
  evolve(_state, event) {
    return event.data.source;
  },
};

interface Stamp {
  actor: Actor;
  occurred_at: string;
}

function create(input: SourceInput, state: SourceState, { actor, occurred_at }: Stamp) {
  const source = normalizeSource(input);
  throwIfInvalid(sourceErrors(source));
  if (state) {
    throw conflict('SOURCE_ALREADY_EXISTS', 'Source with code "%value" already exists.', {
      value: source.source_code,
    });
  }
  return [{ type: 'source_created' as const, data: { source, actor, occurred_at } }];
}

function update(
  code: string,
  input: SourceInput,
  state: SourceState,
  { actor, occurred_at }: Stamp,
) {
  if (!state) {
    throw notFound('SOURCE_NOT_FOUND', 'Source with code "%value" does not exist.', {
      value: code,
    });
  }
  const named = input.source_code || code;
  const source = normalizeSource({ ...input, source_code: code });
  const errors = sourceErrors(source);
  if (named !== code) {
    errors.unshift(
      msiMessage('"%field" can not be changed from "%value" to "%new_value".', {
        field: 'source_code',
        value: code,
        new_value: named,
      }),
    );
  }
  throwIfInvalid(errors);
  const changed = changedFields(state, source);
  if (changed.length === 0) return [];
  return [{ type: 'source_updated' as const, data: { source, changed, actor, occurred_at } }];
}

/** Field names whose value differs, in SourceData order; normalized values compare as JSON. */
export function changedFields(before: SourceData, after: SourceData): string[] {
  return SOURCE_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}
