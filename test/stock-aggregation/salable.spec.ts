import { randomBytes, randomUUID } from 'crypto';
import Redis from 'ioredis';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { ServiceProcess, api, json, startService, testInfraEnv, waitFor } from '@inventory/testing';

/**
 * Salable quantities end to end: sources and items are saved in source-inventory, reach
 * stock-aggregation over Kafka, and the salable read model (Redis) answers through the gateway.
 * Every wait is a bounded poll of the public API; the bound is far above the propagation target.
 */
describe('stock-aggregation: salable quantity read model', () => {
  const run = randomBytes(3).toString('hex');
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX}sa-salable.`;
  const env: Record<string, string> = { ...testInfraEnv(), KAFKA_TOPIC_PREFIX: prefix };
  const [s1, s2, web] = ['wh-1', 'wh-2', 'shop'].map((c) => `${c}-${run}`);
  const sku = `TEE-${run}`;
  const lonely = `LONELY-${run}`;
  let sources: ServiceProcess;
  let stocks: ServiceProcess;
  let gateway: ServiceProcess;
  let stockId: number;

  const send = (base: string, method: string, path: string, body?: unknown) =>
    api(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const gw = (method: string, path: string, body?: unknown) =>
    send(gateway.url, method, path, body);
  const get = async (path: string) => json(await gw('GET', path));
  const salableQty = (s: string) =>
    get(`/V1/inventory/get-product-salable-quantity/${s}/${stockId}`);
  const until = (what: string, probe: () => Promise<boolean>) =>
    waitFor(async () => (await probe()) || undefined, { what, timeoutMs: 15000, intervalMs: 50 });
  const qtyBecomes = (expected: number) =>
    until(`salable qty of ${sku} = ${expected}`, async () => (await salableQty(sku)) === expected);
  const saveSource = (code: string, enabled: boolean, method: 'POST' | 'PUT') =>
    gw(method, method === 'POST' ? '/V1/inventory/sources' : `/V1/inventory/sources/${code}`, {
      source: { source_code: code, name: code, enabled, country_id: 'DE', postcode: '10115' },
    });
  const saveItems = (
    items: Array<{ source_code: string; quantity: number | string; status: number }>,
  ) =>
    gw('POST', '/V1/inventory/source-items', {
      sourceItems: items.map((i) => ({ sku, ...i })),
    });
  const forQty = async (qty: string | number) =>
    get(`/V1/inventory/is-product-salable-for-requested-qty/${sku}/${stockId}/${qty}`);

  beforeAll(async () => {
    [sources, stocks] = await Promise.all([
      startService('source-inventory', env),
      startService('stock-aggregation', env),
    ]);
    await Promise.all([sources.waitReady(), stocks.waitReady()]);
    gateway = await startService('gateway', {
      SOURCE_INVENTORY_URL: sources.url,
      STOCK_AGGREGATION_URL: stocks.url,
      // The gateway answers the hot reads from the read model itself (every check below).
      REDIS_URL: env.REDIS_URL,
      REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX,
    });
    await gateway.waitReady();
  }, 90000);

  afterAll(async () => {
    await Promise.all([gateway, stocks, sources].filter(Boolean).map((s) => s.stop('SIGKILL')));
  });

  it('sums in-stock items of enabled linked sources', async () => {
    for (const code of [s1, s2]) expect((await saveSource(code, true, 'POST')).status).toBe(201);
    stockId = await json(
      await gw('POST', '/V1/inventory/stocks', {
        stock: {
          name: `Shop ${run}`,
          extension_attributes: { sales_channels: [{ type: 'website', code: web }] },
        },
      }),
    );
    const links = [
      { stock_id: stockId, source_code: s1, priority: 1 },
      { stock_id: stockId, source_code: s2, priority: 2 },
    ];
    await until(
      'the sources to be known to stock-aggregation',
      async () => (await gw('POST', '/V1/inventory/stock-source-links', { links })).ok,
    );
    const saved = await saveItems([
      { source_code: s1, quantity: 10, status: 1 },
      { source_code: s2, quantity: '5.5', status: 1 },
    ]);
    expect(saved.ok).toBe(true);
    await qtyBecomes(15.5);
    expect(await get(`/V1/inventory/is-product-salable/${sku}/${stockId}`)).toBe(true);
    expect(
      await get(`/V1/inventory/are-products-salable?skus[]=${sku}&stockId=${stockId}`),
    ).toEqual([{ sku, stock_id: stockId, is_salable: true, errors: [] }]);
  });

  it('follows a source being disabled, an item changing and a link being re-prioritised', async () => {
    expect((await saveSource(s2, false, 'PUT')).ok).toBe(true);
    await qtyBecomes(10);
    expect((await saveItems([{ source_code: s1, quantity: 4, status: 1 }])).ok).toBe(true);
    await qtyBecomes(4);
    expect((await saveSource(s2, true, 'PUT')).ok).toBe(true);
    await qtyBecomes(9.5);
    // Priority changes no quantity.
    const reprioritised = await gw('POST', '/V1/inventory/stock-source-links', {
      links: [
        { stock_id: stockId, source_code: s2, priority: 1 },
        { stock_id: stockId, source_code: s1, priority: 2 },
      ],
    });
    expect(reprioritised.ok).toBe(true);
    expect(await salableQty(sku)).toBe(9.5);
    // An out-of-stock item counts for nothing.
    expect((await saveItems([{ source_code: s2, quantity: '5.5', status: 0 }])).ok).toBe(true);
    await qtyBecomes(4);
  });

  it('answers 0 and not salable, with MSI codes, for a SKU not assigned to the stock', async () => {
    expect(await salableQty(lonely)).toBe(0);
    expect(await get(`/V1/inventory/is-product-salable/${lonely}/${stockId}`)).toBe(false);
    const code = 'requested-sku-is-not-assigned-to-given-stock';
    expect(
      await get(
        `/V1/inventory/are-products-salable?skus[]=${lonely}&skus[]=${sku}&stockId=${stockId}`,
      ),
    ).toEqual([
      {
        sku: lonely,
        stock_id: stockId,
        is_salable: false,
        errors: [{ code, message: 'The requested sku is not assigned to given stock.' }],
      },
      { sku, stock_id: stockId, is_salable: true, errors: [] },
    ]);
    const forLonely = await get(
      `/V1/inventory/is-product-salable-for-requested-qty/${lonely}/${stockId}/1`,
    );
    expect(forLonely).toMatchObject({ salable: false, errors: [{ code }] });
    // The default stock has no link to these sources.
    expect(await get(`/V1/inventory/get-product-salable-quantity/${sku}/1`)).toBe(0);
  });

  it('checks requested quantities against the SKU configuration', async () => {
    // Configuration is saved directly on the service (as in stocks.spec.ts).
    const put = await send(stocks.url, 'PUT', `/V1/inventory/stock-items/${sku}`, {
      stockItem: { min_sale_qty: 2, use_config_min_sale_qty: false },
    });
    expect(put.ok).toBe(true);
    await until('min_sale_qty to reach the read model', async () => !(await forQty(1)).salable);
    expect(await forQty(1)).toEqual({
      salable: false,
      errors: [
        { code: 'is_correct_qty-min_sale_qty', message: 'The fewest you may purchase is 2' },
      ],
    });
    expect(await forQty(4)).toEqual({ salable: true, errors: [] }); // equality passes
    expect((await forQty(5)).errors.map((e: { code: string }) => e.code)).toEqual([
      'back_order-disabled',
      'manage_stock-enabled',
      'is_salable_with_reservations-not_enough_qty',
    ]);
    expect((await forQty('2.5')).errors[0].code).toBe('is_correct_qty-is_qty_decimal');
    // On the service: the gateway's route table has no are-product-salable-for-requested-qty yet.
    const many = await json(
      await send(
        stocks.url,
        'GET',
        `/V1/inventory/are-product-salable-for-requested-qty?skuRequests[0][sku]=${sku}&skuRequests[0][qty]=1&skuRequests[1][sku]=${sku}&skuRequests[1][qty]=3&stockId=${stockId}`,
      ),
    );
    expect(many).toEqual([
      {
        sku,
        stock_id: stockId,
        salable: false,
        errors: [
          { code: 'is_correct_qty-min_sale_qty', message: 'The fewest you may purchase is 2' },
        ],
      },
      { sku, stock_id: stockId, salable: true, errors: [] },
    ]);
    // MSI writes a slash before the query; served too.
    const slashForm = await send(
      stocks.url,
      'GET',
      `/V1/inventory/are-product-salable-for-requested-qty/?skuRequests[0][sku]=${sku}&skuRequests[0][qty]=3&stockId=${stockId}`,
    );
    expect(await json(slashForm)).toEqual([{ sku, stock_id: stockId, salable: true, errors: [] }]);

    // An out-of-stock threshold of 1 keeps one unit back.
    await send(stocks.url, 'PUT', `/V1/inventory/stock-items/${sku}`, {
      stockItem: { min_qty: 1, use_config_min_qty: false },
    });
    await qtyBecomes(3);
  });

  it('reads many SKUs in one request', async () => {
    const res = await send(stocks.url, 'POST', '/V1/inventory/salable-quantities', {
      stock_id: stockId,
      skus: [sku, lonely, ...Array.from({ length: 1000 }, (_, i) => `NONE-${i}`)],
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toHaveLength(1002);
    expect(body.slice(0, 2)).toEqual([
      { sku, salable_qty: 3, is_salable: true },
      { sku: lonely, salable_qty: 0, is_salable: false },
    ]);
    const tooMany = await send(stocks.url, 'POST', '/V1/inventory/salable-quantities', {
      stock_id: stockId,
      skus: Array.from({ length: 5001 }, (_, i) => `X${i}`),
    });
    expect(tooMany.status).toBe(400);
  });

  it('ignores a late older source-item event', async () => {
    const kafka = new Kafka({
      clientId: `sa-salable-test-${run}`,
      brokers: env.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      // Version 1 of the item's stream, long superseded: it must change nothing.
      await producer.send({
        topic: `${prefix}inventory.source-items.v1`,
        messages: [
          {
            key: sku,
            headers: {
              'event-id': randomUUID(),
              'event-type': 'source_item_saved',
              'stream-name': `sourceitem-${s1}/${sku}`,
              'stream-version': '1',
            },
            value: JSON.stringify({
              source_code: s1,
              sku,
              quantity: '999.0000',
              status: 1,
              previous_quantity: null,
              previous_status: null,
              actor: { type: 'system', id: 'test' },
              occurred_at: new Date().toISOString(),
              reason: 'set',
            }),
          },
        ],
      });
    } finally {
      await producer.disconnect();
    }
    // A later event of the same SKU (same key, same partition) is consumed after it.
    expect((await saveItems([{ source_code: s2, quantity: 2, status: 1 }])).ok).toBe(true);
    await until('the later event', async () => {
      const qty = await salableQty(sku);
      if (qty !== 3 && qty !== 5) throw new Error(`unexpected salable quantity ${qty}`);
      return qty === 5; // 4 + 2 - threshold 1; the stale 999 would give 1000
    });
  });

  it('answers the hot reads at the gateway as the service does, and proxies them while the model is of another layout', async () => {
    const paths = [
      `/V1/inventory/get-product-salable-quantity/${sku}/${stockId}`,
      `/V1/inventory/is-product-salable/${sku}/${stockId}`,
      `/V1/inventory/get-product-salable-quantity/${lonely}/${stockId}`,
      `/V1/inventory/get-product-salable-quantity/${sku}/not-a-stock`,
    ];
    const both = async (path: string) => {
      const [edge, service] = await Promise.all([
        send(gateway.url, 'GET', path),
        send(stocks.url, 'GET', path),
      ]);
      return { edge, service, edgeBody: await edge.text(), serviceBody: await service.text() };
    };
    for (const path of paths) {
      const { edge, service, edgeBody, serviceBody } = await both(path);
      expect([edge.status, edgeBody]).toEqual([service.status, serviceBody]);
      expect(edge.headers.get('x-served-by')).toBe('gateway');
    }
    expect((await both(paths[3])).edge.status).toBe(404);

    const redis = new Redis(env.REDIS_URL);
    const versionKey = `${env.REDIS_KEY_PREFIX}sa-meta:model-version`;
    const servedBy = async () =>
      (await send(gateway.url, 'GET', paths[0])).headers.get('x-served-by');
    try {
      await redis.set(versionKey, 'some-other-layout');
      await waitFor(async () => (await servedBy()) === 'stock-aggregation' || undefined, {
        what: 'the gateway to proxy',
        timeoutMs: 15000,
      });
      const { edge, edgeBody, serviceBody } = await both(paths[0]);
      expect([edge.status, edgeBody]).toEqual([200, serviceBody]);
    } finally {
      await redis.set(versionKey, '2');
      redis.disconnect();
    }
    await waitFor(async () => (await servedBy()) === 'gateway' || undefined, {
      what: 'the gateway to answer again',
      timeoutMs: 15000,
    });
  }, 45000);

  it('drops the SKU from the stock when its sources are unlinked', async () => {
    const res = await gw('POST', '/V1/inventory/stock-source-links-delete', {
      links: [
        { stock_id: stockId, source_code: s1 },
        { stock_id: stockId, source_code: s2 },
      ],
    });
    expect(res.ok).toBe(true);
    expect(await salableQty(sku)).toBe(0);
    expect(await get(`/V1/inventory/is-product-salable/${sku}/${stockId}`)).toBe(false);
  });
});
