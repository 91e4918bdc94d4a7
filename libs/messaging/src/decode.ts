import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { KafkaMessage } from 'kafkajs';
import { DeadLetterReason, HEADERS } from '@inventory/contracts';
import { InboundMessage, KafkaHandlerOptions } from './inbound-message';
import { cacheValidationMetadata } from './validation-metadata';

cacheValidationMetadata();

export type Decoded =
  | { ok: true; message: InboundMessage<object> }
  | { ok: false; reason: DeadLetterReason | 'ignored'; error: string };

export function headersToStrings(headers: KafkaMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(',') : v.toString();
  }
  return out;
}

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...describe(e.children ?? [], path)];
  });
}

/** Parses and validates one message against the handler's declared types. Never throws. */
export async function decodeMessage(
  topic: string,
  partition: number,
  raw: KafkaMessage,
  options: KafkaHandlerOptions,
): Promise<Decoded> {
  const headers = headersToStrings(raw.headers);
  let body: unknown;
  try {
    body = JSON.parse(raw.value?.toString('utf8') ?? '');
  } catch (err) {
    return {
      ok: false,
      reason: 'unparseable',
      error: `value is not JSON: ${(err as Error).message}`,
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'unparseable', error: 'value must be a JSON object' };
  }
  const record = body as Record<string, unknown>;
  const eventType =
    headers[HEADERS.eventType] ?? (typeof record.type === 'string' ? record.type : undefined);
  if (!eventType)
    return {
      ok: false,
      reason: 'invalid',
      error: 'no event-type header and no string "type" field',
    };
  const schema = options.types[eventType];
  if (!schema) {
    if (options.unknownTypes === 'ignore' || options.ignoredTypes?.includes(eventType))
      return { ok: false, reason: 'ignored', error: eventType };
    return { ok: false, reason: 'unknown_type', error: `unknown event type "${eventType}"` };
  }
  const eventId =
    headers[HEADERS.eventId] ?? (typeof record.event_id === 'string' ? record.event_id : undefined);
  if (!eventId)
    return {
      ok: false,
      reason: 'invalid',
      error: 'no event-id header and no string "event_id" field',
    };
  const payload = plainToInstance(schema, record);
  // No contract has an asynchronous constraint; the synchronous run spares a promise per
  // property on the consumers' hot path.
  const errors = validateSync(payload, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0)
    return { ok: false, reason: 'invalid', error: describe(errors).join('; ') };
  return {
    ok: true,
    message: {
      topic,
      partition,
      offset: raw.offset,
      key: raw.key?.toString('utf8') ?? null,
      eventId,
      eventType,
      headers,
      payload,
    },
  };
}
