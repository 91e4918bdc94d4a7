import { readFileSync } from 'fs';
import { join } from 'path';
import { PATTERN_EXTRAS_METADATA } from '@nestjs/microservices/constants';
import { KAFKA_HANDLER_EXTRAS, KafkaHandlerOptions } from '@inventory/messaging';
import { OrderEventsController } from './order-events.controller';

const CONTRACTS = join(__dirname, '..', '..', '..', '..', 'docs', 'contracts');
const schema = (file: string) => JSON.parse(readFileSync(join(CONTRACTS, file), 'utf8'));

/** The event types the published contract of commerce.orders.v1 allows, from its oneOf branches. */
function contractTypes(): string[] {
  const topic = schema('commerce.orders.v1.schema.json');
  return topic.oneOf.map((branch: { $ref: string }) => schema(branch.$ref).properties.type.const);
}

describe('reservations on commerce.orders.v1', () => {
  const options = (
    Reflect.getMetadata(PATTERN_EXTRAS_METADATA, OrderEventsController.prototype.handle) as Record<
      string,
      KafkaHandlerOptions
    >
  )[KAFKA_HANDLER_EXTRAS];

  it('handles or deliberately skips every type of the contract, so none is dead-lettered', () => {
    const known = [...Object.keys(options.types), ...(options.ignoredTypes ?? [])];
    expect(contractTypes().filter((t) => !known.includes(t))).toEqual([]);
    expect(options.unknownTypes ?? 'dead-letter').toBe('dead-letter');
  });

  it('lists the same types in the contract enum as in its branches', () => {
    const topic = schema('commerce.orders.v1.schema.json');
    expect([...topic.properties.type.enum].sort()).toEqual(contractTypes().sort());
  });
});
