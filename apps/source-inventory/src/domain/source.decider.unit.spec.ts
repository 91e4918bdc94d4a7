import { deciderSpec } from '@inventory/decider';
import type { Actor, SourceData } from '@inventory/contracts';
import {
  defaultSourceData,
  sourceDecider,
  type SourceCommand,
  type SourceEvent,
} from './source.decider';
import type { SourceInput } from './source.normalize';
import { validateSource } from './source.validation';
import { ValidationFailedError } from './errors';

const spec = deciderSpec(sourceDecider);
const actor: Actor = { type: 'user', id: 'admin' };
const at = '2024-05-01T10:00:00.000Z';
const input: SourceInput = {
  source_code: 'eu-1',
  name: 'EU 1',
  country_id: 'DE',
  postcode: '10115',
};
const eu1: SourceData = validateSource(input);

const create = (source: SourceInput): SourceCommand => ({
  type: 'create_source',
  source,
  actor,
  occurred_at: at,
});
const update = (source: SourceInput, code = 'eu-1'): SourceCommand => ({
  type: 'update_source',
  source_code: code,
  source,
  actor,
  occurred_at: at,
});
const created = (source: SourceData): SourceEvent => ({
  type: 'source_created',
  data: { source, actor, occurred_at: at },
});

describe('source decider', () => {
  describe('create_source', () => {
    it('creates a normalized source', () => {
      const state = spec
        .givenEvents()
        .when(create(input))
        .then([created(eu1)]);
      expect(state).toEqual(eu1);
    });

    it('refuses an invalid source with every problem listed', () => {
      const error = spec
        .givenEvents()
        .when(create({ source_code: 'eu 1' }))
        .thenThrows('VALIDATION_FAILED');
      expect((error as ValidationFailedError).errors.map((e) => e.parameters)).toEqual([
        { field: 'source_code' },
        { field: 'name' },
        { field: 'country_id' },
        { field: 'postcode' },
      ]);
    });

    it('refuses a code that exists, as a conflict', () => {
      const error = spec
        .givenEvents(created(eu1))
        .when(create(input))
        .thenThrows('SOURCE_ALREADY_EXISTS');
      expect(error).toMatchObject({
        kind: 'conflict',
        message: 'Source with code "eu-1" already exists.',
        details: {
          template: 'Source with code "%value" already exists.',
          parameters: { value: 'eu-1' },
        },
      });
    });

    it('refuses to create the default source disabled', () => {
      spec
        .givenEvents()
        .when(create({ ...defaultSourceData(), enabled: false }))
        .thenThrows('VALIDATION_FAILED');
    });
  });

  describe('update_source', () => {
    it('replaces every editable field (PUT) and lists the changed ones', () => {
      const next = { ...input, name: 'EU One', city: 'Berlin', enabled: false };
      spec
        .givenEvents(created(eu1))
        .when(update(next))
        .then([
          {
            type: 'source_updated',
            data: {
              source: validateSource(next),
              changed: ['name', 'enabled', 'city'],
              actor,
              occurred_at: at,
            },
          },
        ]);
    });

    it('lists a field that a full replacement leaves out as changed', () => {
      const withCity = validateSource({ ...input, city: 'Berlin' });
      spec
        .givenEvents(created(withCity))
        .when(update(input))
        .then([
          {
            type: 'source_updated',
            data: { source: eu1, changed: ['city'], actor, occurred_at: at },
          },
        ]);
    });

    it('decides nothing when nothing changes (defaults and nulls included)', () => {
      spec
        .givenEvents(created(eu1))
        .when(update({ ...input, enabled: true, description: null, source_code: undefined }))
        .thenNothing();
    });

    it('refuses to change the source code', () => {
      const error = spec
        .givenEvents(created(eu1))
        .when(update({ ...input, source_code: 'eu-2' }))
        .thenThrows('VALIDATION_FAILED');
      expect(error.message).toBe('"source_code" can not be changed from "eu-1" to "eu-2".');
    });

    it('refuses a source that does not exist', () => {
      const error = spec.givenEvents().when(update(input)).thenThrows('SOURCE_NOT_FOUND');
      expect(error).toMatchObject({
        kind: 'not_found',
        message: 'Source with code "eu-1" does not exist.',
      });
    });

    it('refuses to disable the default source', () => {
      const error = spec
        .givenEvents(created(defaultSourceData()))
        .when(update({ ...defaultSourceData(), enabled: false }, 'default'))
        .thenThrows('VALIDATION_FAILED');
      expect(error.message).toBe('Default source can not be disabled.');
    });

    it('refuses to make the default source a pickup location', () => {
      const error = spec
        .givenEvents(created(defaultSourceData()))
        .when(
          update(
            {
              ...defaultSourceData(),
              is_pickup_location_active: true,
              city: 'c',
              street: 's',
              phone: 'p',
            },
            'default',
          ),
        )
        .thenThrows('VALIDATION_FAILED');
      expect(error.message).toBe(
        'The Default Source can not be used for In-Store Pickup Delivery.',
      );
    });

    it('makes a source a pickup location only with its address, phone and coordinates', () => {
      spec
        .givenEvents(created(eu1))
        .when(update({ ...input, is_pickup_location_active: true }))
        .thenThrows('VALIDATION_FAILED');
      const pickup = {
        ...input,
        is_pickup_location_active: true,
        city: 'B',
        street: 'S',
        phone: '1',
        latitude: 1,
        longitude: 2,
      };
      const state = spec
        .givenEvents(created(eu1))
        .when(update(pickup))
        .then([
          {
            type: 'source_updated',
            data: {
              source: validateSource(pickup),
              changed: [
                'latitude',
                'longitude',
                'city',
                'street',
                'phone',
                'is_pickup_location_active',
                'frontend_name',
              ],
              actor,
              occurred_at: at,
            },
          },
        ]);
      expect(state?.frontend_name).toBe('EU 1');
    });
  });

  describe('ensure_default_source', () => {
    const ensure: SourceCommand = { type: 'ensure_default_source', actor, occurred_at: at };

    it("creates MSI's default source when missing", () => {
      spec
        .givenEvents()
        .when(ensure)
        .then([created(defaultSourceData())]);
      expect(defaultSourceData()).toMatchObject({
        source_code: 'default',
        name: 'Default Source',
        enabled: true,
        country_id: 'US',
        postcode: '00000',
      });
    });

    it('decides nothing when it exists, even changed', () => {
      spec
        .givenEvents(created({ ...defaultSourceData(), name: 'Main' }))
        .when(ensure)
        .thenNothing();
    });

    it('is valid by its own rules', () => {
      expect(validateSource(defaultSourceData())).toEqual(defaultSourceData());
    });
  });
});
