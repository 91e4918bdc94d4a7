import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { join } from 'path';
import { promisify } from 'util';
import Redis from 'ioredis';
import { dumpKeys } from '@inventory/read-models';
import {
  ServiceProcess,
  api,
  json,
  privateInfraEnv,
  startService,
  waitFor,
} from '@inventory/testing';

const exec = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'stock-aggregation', 'src', 'cli.js');

/**
 * Rebuild equals live, and the paged export. This suite owns its database and Redis prefix:
 * the rebuild from the event store empties stock-aggregation's tables, which must not touch
 * the services of other suites.
 */
describe('stock-aggregation: rebuild of the salable read model, export', () => {
  const run = randomBytes(3).toString('hex');
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const [s1, s2, web] = ['wh-1', 'wh-2', 'shop'].map((c) => `${c}-${run}`);
  const skus = Array.from({ length: 30 }, (_, i) => `SKU-${String(i).padStart(2, '0')}`);
  let redis: Redis;
  let sources: ServiceProcess;
  let stocks: ServiceProcess;
  let gateway: ServiceProcess;
  let stockId: number;

  const gw = (method: string, path: string, body?: unknown) =>
    api(`${gateway.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
    return r;
  };
  const qty = async (sku: string, stock = stockId) =>
    json(await gw('GET', `/V1/inventory/get-product-salable-quantity/${sku}/${stock}`));
  const until = (what: string, probe: () => Promise<boolean>) =>
    waitFor(async () => (await probe()) || undefined, { what, timeoutMs: 20000, intervalMs: 50 });
  const dump = () => dumpKeys(redis, `${env.REDIS_KEY_PREFIX}sa:*`);
  const rebuild = (...args: string[]) =>
    exec(process.execPath, [CLI, 'rebuild-salable', ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    });

  beforeAll(async () => {
    ({ env, drop } = await privateInfraEnv(`rb${run}`));
    redis = new Redis(env.REDIS_URL);
    [sources, stocks] = await Promise.all([
      startService('source-inventory', env),
      startService('stock-aggregation', env),
    ]);
    await Promise.all([sources.waitReady(), stocks.waitReady()]);
    gateway = await startService('gateway', {
      SOURCE_INVENTORY_URL: sources.url,
      STOCK_AGGREGATION_URL: stocks.url,
      REDIS_URL: env.REDIS_URL,
      REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX,
    });
    await gateway.waitReady();
  }, 90000);

  afterAll(async () => {
    await Promise.all([gateway, stocks, sources].filter(Boolean).map((s) => s.stop('SIGKILL')));
    redis?.disconnect();
    await drop?.();
  });

  it('builds a live model through every kind of change', async () => {
    const mode = async () => json(await ok(gw('GET', '/V1/inventory/single-source-mode')));
    // A fresh installation: the default source only.
    expect((await mode()).single_source_mode).toBe(true);
    for (const code of [s1, s2])
      await ok(
        gw('POST', '/V1/inventory/sources', {
          source: { source_code: code, name: code, enabled: true, country_id: 'DE', postcode: '1' },
        }),
      );
    stockId = await json(
      await ok(
        gw('POST', '/V1/inventory/stocks', {
          stock: {
            name: `Shop ${run}`,
            extension_attributes: { sales_channels: [{ type: 'website', code: web }] },
          },
        }),
      ),
    );
    const links = [
      { stock_id: stockId, source_code: s1, priority: 1 },
      { stock_id: stockId, source_code: s2, priority: 2 },
    ];
    await until(
      'the sources to be known to stock-aggregation',
      async () => (await gw('POST', '/V1/inventory/stock-source-links', { links })).ok,
    );
    expect(await mode()).toEqual({
      single_source_mode: false,
      enabled_sources: ['default', s1, s2].sort(),
    });
    await ok(
      gw('POST', '/V1/inventory/source-items', {
        sourceItems: skus.flatMap((sku, i) => [
          { sku, source_code: s1, quantity: i, status: i % 7 === 0 ? 0 : 1 },
          { sku, source_code: s2, quantity: '0.5', status: 1 },
          { sku, source_code: 'default', quantity: 100, status: 1 },
        ]),
      }),
    );
    await ok(
      gw('PUT', '/V1/inventory/stock-items/SKU-03', {
        stockItem: { min_qty: 2, use_config_min_qty: false },
      }),
    );
    await ok(gw('PUT', '/V1/inventory/stock-items/SKU-04', { stockItem: { type_id: 'bundle' } }));
    await ok(
      gw('POST', '/V1/inventory/source-items-delete', {
        sourceItems: [{ sku: 'SKU-05', source_code: s1 }],
      }),
    );
    await ok(
      gw('PUT', `/V1/inventory/sources/${s2}`, {
        source: { source_code: s2, name: s2, enabled: false, country_id: 'DE', postcode: '1' },
      }),
    );
    await ok(
      gw('POST', '/V1/inventory/source-items', {
        sourceItems: [{ sku: 'SKU-29', source_code: s1, quantity: 1000, status: 1 }],
      }),
    );
    // What the model must say: s2 is disabled; SKU-03 keeps 2 back; SKU-04 is a bundle.
    const expected = (stock: number) =>
      skus.map((sku, i) => {
        const atS1 = i === 29 ? 1000 : i === 5 || i % 7 === 0 ? 0 : i;
        const q =
          sku === 'SKU-04' ? 0 : stock === 1 ? 100 - (i === 3 ? 2 : 0) : atS1 - (i === 3 ? 2 : 0);
        return { sku, salable_qty: q, is_salable: q > 0 };
      });
    const bulk = async (stock: number) =>
      json(await ok(gw('POST', '/V1/inventory/salable-quantities', { stock_id: stock, skus })));
    await until('every change to reach the read model', async () => {
      const [mine, deflt] = await Promise.all([bulk(stockId), bulk(1)]);
      return (
        JSON.stringify(mine) === JSON.stringify(expected(stockId)) &&
        JSON.stringify(deflt) === JSON.stringify(expected(1))
      );
    });
    expect(await qty('SKU-12')).toBe(12);
  });

  it('exports the stock of a sales channel page by page', async () => {
    const page = async (query: string) =>
      json(await ok(gw('GET', `/V1/inventory/export-stock-salable-qty/website/${web}?${query}`)));
    const first = await page('searchCriteria[pageSize]=10&searchCriteria[currentPage]=1');
    // SKU-04 is a bundle: not in the stock. SKU-05 is (its item at the disabled s2 is linked).
    expect(first.total_count).toBe(29);
    expect(first.items).toHaveLength(10);
    expect(first.items[0]).toEqual({ sku: 'SKU-00', qty: 0, is_salable: false });
    expect(first.items[3]).toEqual({ sku: 'SKU-03', qty: 1, is_salable: true });
    expect(first.items[4]).toEqual({ sku: 'SKU-05', qty: 0, is_salable: false });
    const last = await page('searchCriteria[pageSize]=10&searchCriteria[currentPage]=3');
    expect(last.items.map((i: { sku: string }) => i.sku)).toEqual(skus.slice(21));
    const filtered = await page(
      'searchCriteria[filterGroups][0][filters][0][field]=qty' +
        '&searchCriteria[filterGroups][0][filters][0][value]=25' +
        '&searchCriteria[filterGroups][0][filters][0][conditionType]=gteq' +
        '&searchCriteria[sortOrders][0][field]=qty&searchCriteria[sortOrders][0][direction]=DESC',
    );
    expect(filtered.items).toEqual([
      { sku: 'SKU-29', qty: 1000, is_salable: true },
      { sku: 'SKU-27', qty: 27, is_salable: true },
      { sku: 'SKU-26', qty: 26, is_salable: true },
      { sku: 'SKU-25', qty: 25, is_salable: true },
    ]);
    expect(filtered.total_count).toBe(4);
    const missing = await gw('GET', '/V1/inventory/export-stock-salable-qty/website/nowhere');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ message: 'No linked stock found' });
    const bad = await gw(
      'GET',
      `/V1/inventory/export-stock-salable-qty/website/${web}?searchCriteria[pageSize]=0`,
    );
    expect(bad.status).toBe(400);
  });

  it('rebuilds to the same Redis contents, in place and from the event store', async () => {
    const live = await dump();
    expect(live.length).toBeGreaterThan(50);
    // Damage the model: a changed value, a lost key and a stray key.
    await redis.hset(
      `${env.REDIS_KEY_PREFIX}sa:stock-level:${stockId}:SKU-12`,
      'aggregated_qty',
      '1.0000',
    );
    await redis.del(`${env.REDIS_KEY_PREFIX}sa:stock-level:1:SKU-13`);
    await redis.hset(`${env.REDIS_KEY_PREFIX}sa:stock-level:${stockId}:GHOST`, 'assigned', '1');
    expect(await dump()).not.toEqual(live);
    await rebuild();
    expect(await dump()).toEqual(live);

    await stocks.stop();
    await redis.del(`${env.REDIS_KEY_PREFIX}sa:stock-level:1:SKU-14`);
    const { stdout } = await rebuild('--from-event-store');
    expect(stdout).toMatch(/replayed \d+ source and source-item events/);
    expect(await dump()).toEqual(live);
  }, 60000);

  it('upgrades a read model of the older layout when the service starts', async () => {
    const live = await dump();
    const prefix = env.REDIS_KEY_PREFIX;
    // What the first release left: one hash per pair under sa:salable, no version.
    await redis.del(`${prefix}sa-meta:model-version`);
    await redis.hset(`${prefix}sa:salable:${stockId}:SKU-12`, 'assigned', '1');
    await redis.del(`${prefix}sa:stock-level:1:SKU-15`);
    stocks = await startService('stock-aggregation', env);
    await stocks.waitReady();
    await waitFor(
      async () => (await redis.get(`${prefix}sa-meta:model-version`)) === '2' || undefined,
      { what: 'the upgrade', timeoutMs: 30000 },
    );
    expect(await dump()).toEqual(live);
  }, 60000);
});
