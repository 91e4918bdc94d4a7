import { IsInt, IsString, Min } from 'class-validator';
import { KafkaMessage } from 'kafkajs';
import { decodeMessage } from './decode';

class ThingAdded {
  @IsString()
  sku!: string;

  @IsInt()
  @Min(1)
  qty!: number;
}

const message = (value: string | null, headers: Record<string, string> = {}): KafkaMessage =>
  ({
    key: Buffer.from('k'),
    value: value === null ? null : Buffer.from(value),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
    offset: '7',
    timestamp: '0',
    attributes: 0,
  }) as KafkaMessage;

const options = { types: { thing_added: ThingAdded } };
const decode = (m: KafkaMessage, o = options) => decodeMessage('t', 0, m, o);

describe('decodeMessage', () => {
  it('accepts a valid message typed by headers', async () => {
    const r = await decode(
      message('{"sku":"A","qty":2}', { 'event-type': 'thing_added', 'event-id': 'e1' }),
    );
    expect(r).toMatchObject({
      ok: true,
      message: { eventId: 'e1', eventType: 'thing_added', key: 'k', offset: '7' },
    });
    expect(r.ok && r.message.payload).toBeInstanceOf(ThingAdded);
  });

  it('accepts a message typed by its body (outside systems)', async () => {
    const r = await decode(message('{"type":"thing_added","event_id":"e2","sku":"A","qty":1}'));
    expect(r.ok && r.message.eventId).toBe('e2');
  });

  it.each([
    ['malformed JSON', message('{"sku":'), 'unparseable'],
    ['a JSON array', message('[1]'), 'unparseable'],
    ['an empty value', message(null), 'unparseable'],
    ['no type', message('{"sku":"A","qty":1}', { 'event-id': 'e' }), 'invalid'],
    ['no event id', message('{"sku":"A","qty":1}', { 'event-type': 'thing_added' }), 'invalid'],
    [
      'an unknown type',
      message('{}', { 'event-type': 'thing_removed', 'event-id': 'e' }),
      'unknown_type',
    ],
    [
      'wrong field types',
      message('{"sku":5,"qty":"two"}', { 'event-type': 'thing_added', 'event-id': 'e' }),
      'invalid',
    ],
  ])('rejects %s', async (_label, m, reason) => {
    const r = await decode(m);
    expect(r).toMatchObject({ ok: false, reason });
  });

  it('names the failing fields', async () => {
    const r = await decode(
      message('{"sku":5,"qty":0}', { 'event-type': 'thing_added', 'event-id': 'e' }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('sku: sku must be a string');
      expect(r.error).toContain('qty: qty must not be less than 1');
    }
  });

  it('skips unknown types when the handler ignores them', async () => {
    const r = await decode(message('{}', { 'event-type': 'other', 'event-id': 'e' }), {
      ...options,
      unknownTypes: 'ignore',
    } as never);
    expect(r).toMatchObject({ ok: false, reason: 'ignored' });
  });

  it('skips the types it is told to ignore, and dead-letters other unknown ones', async () => {
    const ignoring = { ...options, ignoredTypes: ['for_someone_else'] } as never;
    const skipped = await decode(
      message('{}', { 'event-type': 'for_someone_else', 'event-id': 'e' }),
      ignoring,
    );
    expect(skipped).toMatchObject({ ok: false, reason: 'ignored' });
    const other = await decode(message('{}', { 'event-type': 'other', 'event-id': 'e' }), ignoring);
    expect(other).toMatchObject({ ok: false, reason: 'unknown_type' });
  });
});
