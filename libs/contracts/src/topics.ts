import { DomainServiceName } from './services';

export interface TopicSpec {
  /** `<context>.<entity>.v<major>` */
  name: string;
  partitions: number;
  /** The service that publishes on it; undefined for topics fed by outside systems. */
  producer?: DomainServiceName;
  /** What the key is: it keeps everything about one stream (or SKU) in one partition. */
  key: string;
  description: string;
}

/**
 * Every topic of the suite, in one place. Services create missing ones (and their `.dlq`) at
 * start-up, so nothing depends on broker auto-creation (which is disabled in our broker config).
 * Partition counts are part of the contract: keys hash over them, so changing one reorders keys.
 */
export const TOPICS = {
  sources: t(
    'inventory.sources.v1',
    3,
    'source-inventory',
    'source_code',
    'Source created/updated/enabled/disabled',
  ),
  sourceItems: t(
    'inventory.source-items.v1',
    6,
    'source-inventory',
    'sku',
    'Source item quantity and status changes',
  ),
  sourceCommands: t(
    'inventory.source-commands.v1',
    6,
    undefined,
    'shipment or credit-memo id',
    'Deduction and restock commands',
  ),
  sourceDeductions: t(
    'inventory.source-deductions.v1',
    3,
    'source-inventory',
    'shipment id',
    'Outcome of each deduction command: completed or rejected',
  ),
  transfers: t(
    'inventory.transfers.v1',
    3,
    'source-inventory',
    'transfer id',
    'Source transfer lifecycle',
  ),
  stocks: t(
    'inventory.stocks.v1',
    3,
    'stock-aggregation',
    'stock_id',
    'Stocks, sales channels and stock-source links',
  ),
  productConfig: t(
    'inventory.product-config.v1',
    3,
    'stock-aggregation',
    'sku',
    'Product inventory configuration',
  ),
  stockLevels: t(
    'inventory.stock-levels.v1',
    6,
    'stock-aggregation',
    'shipment id',
    'Stock-level acknowledgements: a shipment deduction is applied to the stock levels',
  ),
  orders: t('commerce.orders.v1', 6, undefined, 'order id', 'Order events from commerce platforms'),
  reservations: t(
    'inventory.reservations.v1',
    6,
    'reservations',
    'stock_id:sku',
    'Reservation ledger events',
  ),
  orderOutcomes: t(
    'inventory.order-outcomes.v1',
    6,
    'reservations',
    'order id',
    'One outcome per order',
  ),
  shipmentCommands: t(
    'shipping.commands.v1',
    3,
    'shipment-matching',
    'source code',
    'ship_from_source commands to shipping systems',
  ),
  shipmentEvents: t(
    'shipping.events.v1',
    3,
    undefined,
    'shipment request id',
    'Dispatch and failure reports from shipping systems',
  ),
  shipments: t(
    'inventory.shipments.v1',
    6,
    'shipment-matching',
    'order id',
    'Shipments created (reservation released) and unshippable orders',
  ),
  diagnostics: t(
    'platform.diagnostics.v1',
    1,
    undefined,
    'probe id',
    'Bus probes: every service echoes receipt',
  ),
} as const satisfies Record<string, TopicSpec>;

function t(
  name: string,
  partitions: number,
  producer: DomainServiceName | undefined,
  key: string,
  description: string,
): TopicSpec {
  return { name, partitions, producer, key, description };
}

export const DLQ_SUFFIX = '.dlq';

export function dlqTopicName(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

/** Every topic with its dead-letter twin; the dead-letter topic has the same partition count. */
export function allTopicSpecs(): TopicSpec[] {
  return Object.values(TOPICS).flatMap((spec) => [
    spec,
    { ...spec, name: dlqTopicName(spec.name), description: `Dead letters of ${spec.name}` },
  ]);
}

export function prefixedTopic(prefix: string, topic: string): string {
  return `${prefix}${topic}`;
}
