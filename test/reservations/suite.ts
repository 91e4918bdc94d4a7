import { Kafka, Partitioners, logLevel, type Consumer, type Producer } from 'kafkajs';
import { randomUUID } from 'crypto';
import { ServiceProcess, api, json, startService, waitFor } from '@inventory/testing';

export interface Outcome {
  /** The outcome event's id (`event-id` header): a re-sent message carries the same one. */
  eventId: string;
  type: 'order_inventory_reserved' | 'order_inventory_rejected';
  data: {
    order_id: string;
    stock_id: number | null;
    lines?: Array<{ sku: string; qty: number }>;
    errors?: Array<{ sku: string | null; code: string; message: string }>;
  };
}

/**
 * The services a reservations suite needs: source-inventory, stock-aggregation, N replicas of
 * reservations and the gateway, on a private database, Redis prefix and topic prefix.
 */
export class ReservationsSuite {
  sources!: ServiceProcess;
  stocks!: ServiceProcess;
  replicas: ServiceProcess[] = [];
  gateway!: ServiceProcess;
  private kafka: Kafka;
  private producer?: Producer;
  private consumer?: Consumer;
  /** Every outcome message seen, in arrival order. */
  readonly outcomes: Outcome[] = [];

  constructor(readonly env: Record<string, string>) {
    this.kafka = new Kafka({
      clientId: `reservations-test-${randomUUID()}`,
      brokers: env.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
  }

  shipments?: ServiceProcess;

  /** `withShipments` also starts shipment-matching (behind the gateway). */
  async start(replicas: number, withShipments = false): Promise<void> {
    [this.sources, this.stocks] = await Promise.all([
      startService('source-inventory', this.env),
      startService('stock-aggregation', this.env),
    ]);
    await Promise.all([this.sources.waitReady(), this.stocks.waitReady()]);
    for (let i = 0; i < replicas; i++) this.replicas.push(await this.startReplica());
    if (withShipments) {
      this.shipments = await startService('shipment-matching', this.env);
      await this.shipments.waitReady();
    }
    this.gateway = await startService('gateway', {
      ...(this.shipments ? { SHIPMENT_MATCHING_URL: this.shipments.url } : {}),
      SOURCE_INVENTORY_URL: this.sources.url,
      STOCK_AGGREGATION_URL: this.stocks.url,
      RESERVATIONS_URL: this.replicas[0].url,
      REDIS_URL: this.env.REDIS_URL,
      REDIS_KEY_PREFIX: this.env.REDIS_KEY_PREFIX,
    });
    await this.gateway.waitReady();
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({ groupId: `outcomes-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: `${this.env.KAFKA_TOPIC_PREFIX}inventory.order-outcomes.v1`,
      fromBeginning: true,
    });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.outcomes.push({
          eventId: message.headers?.['event-id']?.toString() ?? '',
          type: message.headers?.['event-type']?.toString() as Outcome['type'],
          data: JSON.parse(message.value!.toString()),
        });
      },
    });
  }

  async startReplica(port?: number): Promise<ServiceProcess> {
    const replica = await startService('reservations', this.env, port);
    await replica.waitReady();
    return replica;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    for (const c of this.extraConsumers) await c.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await Promise.all(
      [this.gateway, this.shipments, ...this.replicas, this.stocks, this.sources]
        .filter((s): s is ServiceProcess => s !== undefined)
        .map((s) => s.stop('SIGKILL')),
    );
  }

  call(base: string, method: string, path: string, body?: unknown): Promise<Response> {
    return api(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async ok(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.call(this.gateway.url, method, path, body);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return json(res);
  }

  /** A source, a stock on `channel` linked to it, and items; waits until all is known everywhere. */
  async seed(run: string, channel: string, items: Record<string, number>): Promise<number> {
    const source = `src-${run}`;
    await this.ok('POST', '/V1/inventory/sources', {
      source: { source_code: source, name: source, enabled: true, country_id: 'DE', postcode: '1' },
    });
    const stockId = (await this.ok('POST', '/V1/inventory/stocks', {
      stock: {
        name: `Stock ${run}`,
        extension_attributes: { sales_channels: [{ type: 'website', code: channel }] },
      },
    })) as number;
    const links = [{ stock_id: stockId, source_code: source, priority: 1 }];
    await waitFor(
      async () =>
        (await this.call(this.gateway.url, 'POST', '/V1/inventory/stock-source-links', { links }))
          .ok || undefined,
      { what: 'the source to reach stock-aggregation', timeoutMs: 20000 },
    );
    await this.ok('POST', '/V1/inventory/source-items', {
      sourceItems: Object.entries(items).map(([sku, quantity]) => ({
        sku,
        source_code: source,
        quantity,
        status: 1,
      })),
    });
    for (const [sku, qty] of Object.entries(items)) {
      await waitFor(async () => (await this.salable(sku, stockId)) === qty || undefined, {
        what: `salable ${sku} = ${qty}`,
        timeoutMs: 20000,
      });
    }
    // The reservations service knows the channel once a probe is rejected for the SKU, not the channel.
    await waitFor(
      async () => {
        const outcome = await this.checkout(this.replicas[0].url, {
          id: `probe-${randomUUID()}`,
          increment_id: 'probe',
          sales_channel: { type: 'website', code: channel },
          items: [{ sku: `NOT-ASSIGNED-${run}`, qty: 1 }],
        });
        return (
          outcome.body.data.errors?.[0]?.code === 'requested-sku-is-not-assigned-to-given-stock' ||
          undefined
        );
      },
      { what: 'the channel to reach reservations', timeoutMs: 20000, intervalMs: 200 },
    );
    return stockId;
  }

  async salable(sku: string, stockId: number): Promise<number> {
    return (await this.ok(
      'GET',
      `/V1/inventory/get-product-salable-quantity/${encodeURIComponent(sku)}/${stockId}`,
    )) as number;
  }

  async checkout(base: string, order: unknown): Promise<{ status: number; body: Outcome }> {
    const res = await this.call(base, 'POST', '/V1/inventory/checkout/reservations', { order });
    return { status: res.status, body: (await json(res)) as Outcome };
  }

  /** Reads a topic (with the suite's prefix) from the beginning into `into`. */
  async collect(topic: string, into: Array<{ type: string; data: Record<string, unknown> }>) {
    const consumer = this.kafka.consumer({ groupId: `collect-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({
      topic: `${this.env.KAFKA_TOPIC_PREFIX}${topic}`,
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        into.push({
          type: message.headers?.['event-type']?.toString() ?? '',
          data: JSON.parse(message.value!.toString()),
        });
      },
    });
    this.extraConsumers.push(consumer);
  }

  private readonly extraConsumers: Consumer[] = [];

  /** A message as an outside system sends it: `event_id`, `type`, `occurred_at` in the value. */
  async publish(topic: string, key: string, message: Record<string, unknown>): Promise<void> {
    await this.producer!.send({
      topic: `${this.env.KAFKA_TOPIC_PREFIX}${topic}`,
      messages: [
        {
          key,
          value: JSON.stringify({
            event_id: randomUUID(),
            occurred_at: new Date().toISOString(),
            ...message,
          }),
        },
      ],
    });
  }

  async publishOrderEvent(type: string, order: unknown): Promise<void> {
    await this.producer!.send({
      topic: `${this.env.KAFKA_TOPIC_PREFIX}commerce.orders.v1`,
      messages: [
        {
          key: (order as { id: string }).id,
          value: JSON.stringify({
            event_id: randomUUID(),
            type,
            occurred_at: new Date().toISOString(),
            order,
          }),
        },
      ],
    });
  }

  async publishOrders(orders: Array<{ id: string }>, times = 1): Promise<void> {
    const topic = `${this.env.KAFKA_TOPIC_PREFIX}commerce.orders.v1`;
    const messages = orders.map((order) => ({
      key: order.id,
      value: JSON.stringify({
        event_id: randomUUID(),
        type: 'order_placed',
        occurred_at: new Date().toISOString(),
        order,
      }),
    }));
    // The same message (same event_id) each time: a redelivery, not a new order event.
    for (let i = 0; i < times; i++) await this.producer!.send({ topic, messages });
  }
}
