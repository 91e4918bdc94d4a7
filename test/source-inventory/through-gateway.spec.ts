import { execFile } from 'child_process';
import { join } from 'path';
import { promisify } from 'util';
import { Pool } from 'pg';
import { ServiceProcess, api, json, startService, testInfraEnv, waitFor } from '@inventory/testing';

const run = promisify(execFile);

/**
 * Operator flows as Magento scripts run them, through the gateway: sources, source items,
 * adjustments, the three kinds of transfer, history, low stock, searchCriteria and bad input.
 */
describe('source-inventory through the gateway', () => {
  const env = {
    ...testInfraEnv(),
    KAFKA_TOPIC_PREFIX: `${process.env.KAFKA_TOPIC_PREFIX}si-gw.`,
    HTTP_BODY_LIMIT_BYTES: '65536',
  };
  let service: ServiceProcess;
  let gateway: ServiceProcess;
  let base: string;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    api(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const get = async (path: string) => json(await api(`${base}${path}`));
  /** Reads the PostgreSQL read model until it shows `expected` for one item. */
  const itemQty = (source: string, sku: string, expected: number) =>
    waitFor(
      async () => {
        const r = await get(
          `/V1/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0][filters][0][value]=${sku}&searchCriteria[filter_groups][1][filters][0][field]=source_code&searchCriteria[filter_groups][1][filters][0][value]=${source}`,
        );
        return r.items[0]?.quantity === expected ? r.items[0] : undefined;
      },
      { what: `${source}/${sku} = ${expected}`, timeoutMs: 10000, intervalMs: 50 },
    );

  beforeAll(async () => {
    service = await startService('source-inventory', env);
    await service.waitReady();
    gateway = await startService('gateway', { SOURCE_INVENTORY_URL: service.url });
    await gateway.waitReady();
    base = gateway.url;
  }, 90000);

  afterAll(async () => {
    await Promise.all([gateway, service].filter(Boolean).map((s) => s.stop('SIGKILL')));
    await pool.end();
  });

  it('has the default source from the first start', async () => {
    const source = await get('/V1/inventory/sources/default');
    expect(source).toMatchObject({ source_code: 'default', name: 'Default Source', enabled: true });
  });

  it('creates sources, saves items, adjusts, and keeps a history with who and why', async () => {
    for (const code of ['eu-1', 'eu-2']) {
      const res = await post('/V1/inventory/sources', {
        source: { source_code: code, name: `EU ${code}`, country_id: 'DE', postcode: '10115' },
      });
      expect(res.status).toBe(201);
    }
    const saved = await post('/V1/inventory/source-items', {
      sourceItems: [
        { sku: 'TSHIRT-M', source_code: 'eu-1', quantity: 10, status: 1 },
        { sku: 'TSHIRT-M', source_code: 'eu-2', quantity: '3.5', status: 1 },
        { sku: 'MUG', source_code: 'eu-1', quantity: 0.5, status: 1 },
      ],
    });
    expect(saved.status).toBe(200);
    const adjusted = await post(
      '/V1/inventory/source-item-adjustments',
      {
        adjustments: [
          {
            sku: 'TSHIRT-M',
            source_code: 'eu-1',
            delta: -2,
            reason: 'damaged',
            reference: 'count-7',
          },
        ],
      },
      { 'x-actor-id': 'alice' },
    );
    expect(adjusted.status).toBe(200);
    await itemQty('eu-1', 'TSHIRT-M', 8);
    const history = await get('/V1/inventory/source-items/eu-1/TSHIRT-M/history');
    expect(history.map((h: { type: string }) => h.type)).toEqual([
      'source_item_adjusted',
      'source_item_saved',
    ]);
    expect(history[0]).toMatchObject({
      actor: { id: 'alice' },
      reason: 'damaged',
      reference: 'count-7',
      delta: '-2.0000',
      quantity: '8.0000',
    });
  });

  it('transfers partially, in bulk, and staged (in transit until received)', async () => {
    const partial = await post('/V1/inventory/bulk-partial-source-transfer', {
      originSourceCode: 'eu-1',
      destinationSourceCode: 'eu-2',
      items: [{ sku: 'TSHIRT-M', qty: 3 }],
    });
    expect(partial.status).toBe(200);
    await itemQty('eu-1', 'TSHIRT-M', 5);
    await itemQty('eu-2', 'TSHIRT-M', 6.5);

    const tooMuch = await post('/V1/inventory/bulk-partial-source-transfer', {
      originSourceCode: 'eu-1',
      destinationSourceCode: 'eu-2',
      items: [
        { sku: 'TSHIRT-M', qty: 1 },
        { sku: 'MUG', qty: 5 },
      ],
    });
    expect(tooMuch.status).toBe(400);
    expect((await json(tooMuch)).message).toBe(
      'Not all of your products are available in the requested quantity.',
    );
    await itemQty('eu-1', 'TSHIRT-M', 5); // nothing was taken

    const bulk = await post('/V1/inventory/bulk-product-source-transfer', {
      skus: ['MUG'],
      originSource: 'eu-1',
      destinationSource: 'default',
      unassignFromOrigin: true,
    });
    expect(bulk.status).toBe(200);
    await itemQty('default', 'MUG', 0.5);

    const created = await json(
      await post('/V1/inventory/source-transfers', {
        transfer: {
          origin_source_code: 'eu-2',
          destination_source_code: 'eu-1',
          items: [{ sku: 'TSHIRT-M', qty: 2 }],
        },
      }),
    );
    expect(created.status).toBe('created');
    const dispatched = await json(
      await post(`/V1/inventory/source-transfers/${created.transfer_id}/dispatch`, {}),
    );
    expect(dispatched.status).toBe('dispatched');
    await itemQty('eu-2', 'TSHIRT-M', 4.5); // left the origin, in transit
    const cancel = await post(`/V1/inventory/source-transfers/${created.transfer_id}/cancel`, {});
    expect(cancel.status).toBe(409);
    const received = await json(
      await post(`/V1/inventory/source-transfers/${created.transfer_id}/receive`, {}),
    );
    expect(received.status).toBe('received');
    await itemQty('eu-1', 'TSHIRT-M', 7);
  });

  it('lists low stock below each item threshold, lowest first', async () => {
    await post('/V1/inventory/low-quantity-notification', {
      sourceItemConfigurations: [{ source_code: 'eu-1', sku: 'TSHIRT-M', notify_stock_qty: 10 }],
    });
    const report = await waitFor(
      async () => {
        const r = await get('/V1/inventory/low-quantity-report');
        return r.items.some((i: { sku: string }) => i.sku === 'TSHIRT-M') ? r : undefined;
      },
      { what: 'the low-stock report', timeoutMs: 10000 },
    );
    expect(
      report.items.map((i: { source_code: string; sku: string }) => `${i.source_code}/${i.sku}`),
    ).toEqual(['default/MUG', 'eu-1/TSHIRT-M']);
    expect(await get('/V1/inventory/low-quantity-notification/eu-1/TSHIRT-M')).toMatchObject({
      notify_stock_qty: 10,
    });
  });

  it('answers bad input with 4xx naming the field and the reason, and applies nothing', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [
        { sourceItems: [{ sku: 'X', source_code: 'eu-1', quantity: 'lots', status: 1 }] },
        400,
        /quantity.{0,4} should be numeric/,
      ],
      [{ sourceItems: [{ sku: 'X', source_code: 'eu-1', quantity: 1 }] }, 400, /status/],
      [
        { sourceItems: [{ sku: 'X', source_code: 'eu-1', quantity: 1, status: 1, colour: 'red' }] },
        400,
        /colour/,
      ],
      [
        { sourceItems: [{ sku: 'X', source_code: 'nowhere', quantity: 1, status: 1 }] },
        404,
        /Source with code .{0,4}nowhere.{0,4} does not exist/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await post('/V1/inventory/source-items', body);
      expect(res.status).toBe(status);
      expect(JSON.stringify(await json(res))).toMatch(message);
    }
    const huge = await post('/V1/inventory/source-items', {
      sourceItems: Array.from({ length: 2000 }, (_, i) => ({
        sku: `S${i}`,
        source_code: 'eu-1',
        quantity: 1,
        status: 1,
      })),
    });
    expect(huge.status).toBe(413);
    const none = await get(
      '/V1/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0][filters][0][value]=X',
    );
    expect(none.total_count).toBe(0);
    const unknownSource = await api(`${base}/V1/inventory/sources/nowhere`);
    expect(unknownSource.status).toBe(404);
    expect(await json(unknownSource)).toMatchObject({
      message: 'Source with code "nowhere" does not exist.',
    });
  });

  it('searches with MSI searchCriteria and pages', async () => {
    const page = await get(
      '/V1/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0][filters][0][value]=TSHIRT%25&searchCriteria[filter_groups][0][filters][0][condition_type]=like&searchCriteria[sortOrders][0][field]=quantity&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=1&searchCriteria[currentPage]=2',
    );
    expect(page.total_count).toBe(2);
    expect(page.items).toEqual([
      { source_code: 'eu-2', sku: 'TSHIRT-M', quantity: 4.5, status: 1 },
    ]);
  });

  it('rebuilds its read models from the event store to the same rows', async () => {
    const dump = async () =>
      (
        await pool.query(
          'SELECT source_code, sku, quantity::text, status, notify_stock_qty::text FROM si_source_items ORDER BY 1, 2',
        )
      ).rows;
    const live = await dump();
    const { stdout, stderr } = await run(
      process.execPath,
      [join(__dirname, '../../dist/apps/source-inventory/src/cli.js'), 'rebuild', '--all'],
      {
        env: { PATH: process.env.PATH, ...env },
      },
    );
    expect(stdout + stderr).toMatch(/rebuilt source-inventory.source-items: \d+ events/);
    expect(await dump()).toEqual(live);
  }, 60000);
});
