import { randomBytes } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ServiceProcess, api, json, startService, testInfraEnv, waitFor } from '@inventory/testing';

/**
 * Stocks, channels and links as an operator's script drives them through the gateway, with the
 * sources coming from source-inventory over Kafka; product configuration directly on the service
 * (its paths are not in the gateway's route table yet). The run's database is shared by every
 * suite, so codes carry a per-suite suffix and stock ids are taken from the responses.
 */
describe('stock-aggregation: stocks, links and configuration', () => {
  const run = randomBytes(3).toString('hex');
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX}sa-stocks.`;
  const env: Record<string, string> = { ...testInfraEnv(), KAFKA_TOPIC_PREFIX: prefix };
  const [eu1, eu2, euChannel, deChannel] = ['eu-1', 'eu-2', 'eu', 'de'].map((c) => `${c}-${run}`);
  let sources: ServiceProcess;
  let stocks: ServiceProcess;
  let gateway: ServiceProcess;
  let stockA: number;
  let stockB: number;

  const send = (base: string, method: string, path: string, body?: unknown) =>
    api(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const gw = (method: string, path: string, body?: unknown) =>
    send(gateway.url, method, path, body);
  const get = async (path: string) => json(await gw('GET', path));
  const channel = (code: string) => ({ type: 'website', code });
  const ordered = async (stockId: number) =>
    (await get(`/V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/${stockId}`)).map(
      (s: { source_code: string; enabled?: boolean }) => [s.source_code, s.enabled],
    );

  beforeAll(async () => {
    [sources, stocks] = await Promise.all([
      startService('source-inventory', env),
      startService('stock-aggregation', env),
    ]);
    await Promise.all([sources.waitReady(), stocks.waitReady()]);
    gateway = await startService('gateway', {
      SOURCE_INVENTORY_URL: sources.url,
      STOCK_AGGREGATION_URL: stocks.url,
    });
    await gateway.waitReady();
  }, 90000);

  afterAll(async () => {
    await Promise.all([gateway, stocks, sources].filter(Boolean).map((s) => s.stop('SIGKILL')));
  });

  it('has the default stock with website/base and the default source from the first start', async () => {
    const stock = await get('/V1/inventory/stocks/1');
    expect(stock).toMatchObject({ stock_id: 1, name: 'Default Stock' });
    expect(stock.extension_attributes.sales_channels).toContainEqual(channel('base'));
    expect((await get('/V1/inventory/stock-resolver/website/base')).stock_id).toBe(1);
    const links = await get(
      '/V1/inventory/stock-source-links?searchCriteria[filter_groups][0][filters][0][field]=stock_id&searchCriteria[filter_groups][0][filters][0][value]=1',
    );
    expect(links.items).toEqual([{ stock_id: 1, source_code: 'default', priority: 1 }]);
  });

  it('creates stocks with channels and moves a channel between stocks', async () => {
    const created = await gw('POST', '/V1/inventory/stocks', {
      stock: { name: 'EU', extension_attributes: { sales_channels: [channel(euChannel)] } },
    });
    expect(created.status).toBe(200);
    stockA = await json(created);
    expect(Number.isInteger(stockA)).toBe(true);
    stockB = await json(
      await gw('POST', '/V1/inventory/stocks', {
        stock: { name: 'DE', extension_attributes: { sales_channels: [channel(deChannel)] } },
      }),
    );
    expect(stockB).toBeGreaterThan(stockA);
    expect((await get(`/V1/inventory/stock-resolver/website/${euChannel}`)).stock_id).toBe(stockA);

    // Saving B with eu takes it from A.
    const moved = await gw('PUT', `/V1/inventory/stocks/${stockB}`, {
      stock: {
        name: 'DACH',
        extension_attributes: { sales_channels: [channel(deChannel), channel(euChannel)] },
      },
    });
    expect(moved.status).toBe(200);
    expect(await json(moved)).toBe(stockB);
    expect((await get(`/V1/inventory/stock-resolver/website/${euChannel}`)).stock_id).toBe(stockB);
    expect((await get(`/V1/inventory/stocks/${stockA}`)).extension_attributes).toEqual({
      sales_channels: [],
    });

    // A channel dropped from a stock falls back to the default stock.
    await gw('PUT', `/V1/inventory/stocks/${stockB}`, {
      stock: { name: 'DACH', extension_attributes: { sales_channels: [channel(deChannel)] } },
    });
    expect((await get(`/V1/inventory/stock-resolver/website/${euChannel}`)).stock_id).toBe(1);

    const search = await get(
      `/V1/inventory/stocks?searchCriteria[filter_groups][0][filters][0][field]=name&searchCriteria[filter_groups][0][filters][0][value]=DACH&searchCriteria[filter_groups][0][filters][0][condition_type]=eq`,
    );
    expect(search.items.map((s: { stock_id: number }) => s.stock_id)).toContain(stockB);
    expect(search.total_count).toBeGreaterThanOrEqual(1);
  });

  it('answers MSI errors for bad stocks and unknown channels', async () => {
    const empty = await gw('POST', '/V1/inventory/stocks', { stock: { name: '' } });
    expect(empty.status).toBe(400);
    expect(await json(empty)).toMatchObject({
      errors: [{ message: '"%field" can not be empty.', parameters: { field: 'name' } }],
    });
    const badChannel = await gw('POST', '/V1/inventory/stocks', {
      stock: { name: 'X', extension_attributes: { sales_channels: [channel('no spaces')] } },
    });
    expect(badChannel.status).toBe(400);
    const missing = await gw('GET', '/V1/inventory/stocks/999999');
    expect(missing.status).toBe(404);
    expect((await json(missing)).message).toBe('Stock with id "999999" does not exist.');
    const unresolved = await gw('GET', `/V1/inventory/stock-resolver/website/none-${run}`);
    expect(unresolved.status).toBe(404);
    expect((await json(unresolved)).message).toBe('No linked stock found');
  });

  it('links sources from source-inventory with priorities and lists them in order', async () => {
    for (const [code, enabled] of [
      [eu1, true],
      [eu2, false],
    ] as const) {
      const res = await gw('POST', '/V1/inventory/sources', {
        source: { source_code: code, name: code, enabled, country_id: 'DE', postcode: '10115' },
      });
      expect(res.status).toBe(201);
    }
    const links = [
      { stock_id: stockA, source_code: eu1, priority: 2 },
      { stock_id: stockA, source_code: eu2, priority: 1 },
    ];
    // Sources reach this service over Kafka: until then the link is refused as unknown.
    await waitFor(
      async () => (await gw('POST', '/V1/inventory/stock-source-links', { links })).ok,
      {
        what: 'the sources to be known to stock-aggregation',
        timeoutMs: 15000,
        intervalMs: 100,
      },
    );
    expect(await ordered(stockA)).toEqual([
      [eu2, false], // disabled sources are included
      [eu1, true],
    ]);

    // Re-prioritise: upsert.
    const saved = await gw('POST', '/V1/inventory/stock-source-links', {
      links: [{ stock_id: stockA, source_code: eu2, priority: 3 }],
    });
    expect(saved.status).toBe(200);
    expect(await ordered(stockA)).toEqual([
      [eu1, true],
      [eu2, false],
    ]);

    const unknown = await gw('POST', '/V1/inventory/stock-source-links', {
      links: [{ stock_id: stockA, source_code: `nowhere-${run}`, priority: 1 }],
    });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).message).toBe(`Source with code "nowhere-${run}" does not exist.`);
    for (const link of [
      { stock_id: 1, source_code: eu1, priority: 1 },
      { stock_id: stockA, source_code: 'default', priority: 1 },
    ]) {
      const res = await gw('POST', '/V1/inventory/stock-source-links', { links: [link] });
      expect(res.status).toBe(400);
      expect((await json(res)).message).toBe(
        'Can not save link related to Default Source or Default Stock',
      );
    }
    const zero = await gw('POST', '/V1/inventory/stock-source-links', {
      links: [{ stock_id: stockA, source_code: eu1, priority: 0 }],
    });
    expect(zero.status).toBe(400);

    const listed = await get(
      `/V1/inventory/stock-source-links?searchCriteria[filter_groups][0][filters][0][field]=stock_id&searchCriteria[filter_groups][0][filters][0][value]=${stockA}`,
    );
    expect(listed.total_count).toBe(2);
    expect(listed.items.map((l: { source_code: string }) => l.source_code)).toEqual([eu1, eu2]);

    const deleted = await gw('POST', '/V1/inventory/stock-source-links-delete', {
      links: [{ stock_id: stockA, source_code: eu2 }],
    });
    expect(deleted.status).toBe(200);
    expect(await ordered(stockA)).toEqual([[eu1, true]]);
    expect(
      await get('/V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/999999'),
    ).toEqual([]);
  }, 30000);

  it('protects the default stock and stocks with channels from deletion', async () => {
    const defaultStock = await gw('DELETE', '/V1/inventory/stocks/1');
    expect(defaultStock.status).toBe(400);
    expect((await json(defaultStock)).message).toBe('Default Stock could not be deleted.');
    const withChannels = await gw('DELETE', `/V1/inventory/stocks/${stockB}`);
    expect(withChannels.status).toBe(400);
    expect((await json(withChannels)).message).toBe(
      'Stock has at least one sale channel and could not be deleted.',
    );

    const deleted = await gw('DELETE', `/V1/inventory/stocks/${stockA}`);
    expect(deleted.status).toBe(200);
    expect((await gw('GET', `/V1/inventory/stocks/${stockA}`)).status).toBe(404);
    expect(await ordered(stockA)).toEqual([]); // its links went with it
  });

  it('publishes registry events keyed by stock id', async () => {
    const kafka = new Kafka({
      clientId: `sa-test-${run}`,
      brokers: env.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `sa-test-${run}` });
    const seen: Array<{ key: string; type: string }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: `${prefix}inventory.stocks.v1`, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push({
            key: message.key?.toString() ?? '',
            type: message.headers?.['event-type']?.toString() ?? '',
          });
        },
      });
      await waitFor(
        // Partitions are consumed independently: wait for both, whatever order they arrive in.
        () =>
          seen.some((m) => m.type === 'stock_deleted' && m.key === String(stockA)) &&
          seen.some((m) => m.type === 'stock_created' && m.key === String(stockB)),
        {
          what: 'stock_deleted on inventory.stocks.v1',
          timeoutMs: 20000,
        },
      );
      expect(seen).toContainEqual({ key: String(stockB), type: 'stock_created' });
    } finally {
      await consumer.disconnect();
    }
  }, 30000);

  it('serves the global configuration and per-SKU stock items (directly on the service)', async () => {
    const direct = (method: string, path: string, body?: unknown) =>
      send(stocks.url, method, path, body);
    const before = await json(await direct('GET', '/V1/inventory/configuration'));
    expect(before).toMatchObject({ manage_stock: true, backorders: 0, max_sale_qty: '10000.0000' });
    // Only notify_stock_qty changes (no effect on salability), and it is put back: other
    // suites share the run's event store.
    const saved = await direct('PUT', '/V1/inventory/configuration', {
      configuration: { notify_stock_qty: '2.5' },
    });
    expect(saved.status).toBe(200);
    expect(await json(saved)).toMatchObject({ notify_stock_qty: '2.5000' });
    expect((await json(await direct('GET', '/V1/inventory/configuration'))).notify_stock_qty).toBe(
      '2.5000',
    );
    await direct('PUT', '/V1/inventory/configuration', {
      configuration: { notify_stock_qty: before.notify_stock_qty },
    });
    const invalid = await direct('PUT', '/V1/inventory/configuration', {
      configuration: { backorders: 5 },
    });
    expect(invalid.status).toBe(400);
    expect(await json(invalid)).toMatchObject({
      errors: [{ message: '"%field" must be one of %values.' }],
    });

    const sku = `TEE-${run}`;
    const fresh = await json(await direct('GET', `/V1/inventory/stock-items/${sku}`));
    expect(fresh).toMatchObject({ sku, type_id: 'simple', use_config_backorders: true });
    const item = await direct('PUT', `/V1/inventory/stock-items/${sku}`, {
      stockItem: { type_id: 'virtual', backorders: 1, use_config_backorders: false },
    });
    expect(item.status).toBe(200);
    expect(await json(await direct('GET', `/V1/inventory/stock-items/${sku}`))).toMatchObject({
      sku,
      type_id: 'virtual',
      backorders: 1,
      use_config_backorders: false,
      use_config_min_qty: true,
    });
    const bad = await direct('PUT', `/V1/inventory/stock-items/${sku}`, {
      stockItem: { min_sale_qty: 0 },
    });
    expect(bad.status).toBe(400);
    const renamed = await direct('PUT', `/V1/inventory/stock-items/${sku}`, {
      stockItem: { sku: 'OTHER' },
    });
    expect(renamed.status).toBe(400);
  });
});
