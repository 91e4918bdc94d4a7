import { spawnSync } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { json, privateInfraEnv, waitFor } from '@inventory/testing';
import { ReservationsSuite } from '../reservations/suite';
import { contracts } from './contracts';

type Msg = { type: string; data: Record<string, unknown> };
type Line = { sku: string; qty: number };

/**
 * The whole loop across every service with the real broker: an order for 2 SKUs spread over 3
 * sources is reserved, planned by priority into one `ship_from_source` per source, and the test
 * acts as the shipping system: a partial dispatch, a failure (re-planned elsewhere) and the
 * rest. Meanwhile a sampler reads the salable quantities through the gateway: they must never
 * exceed the truth (what is on the shelves less what is still reserved), which shipping does
 * not change.
 */
describe('shipment matching: reserve, plan, dispatch, fail, re-plan, deduct, release', () => {
  const run = randomBytes(3).toString('hex');
  const channel = `ship-${run}`;
  const [A, B] = [`MUG-${run}`, `CAP-${run}`];
  const [s1, s2, s3] = [1, 2, 3].map((n) => `wh${n}-${run}`);
  const orderId = `order-${run}`;
  let suite: ReservationsSuite;
  let drop: () => Promise<void>;
  let stockId: number;
  const commands: Msg[] = [];
  const shipments: Msg[] = [];

  beforeAll(async () => {
    const infra = await privateInfraEnv(`sm${run}`);
    drop = infra.drop;
    suite = new ReservationsSuite(infra.env);
    await suite.start(1, true);
    await suite.collect('shipping.commands.v1', commands);
    await suite.collect('inventory.shipments.v1', shipments);
  }, 180000);

  afterAll(async () => {
    await suite?.stop();
    await drop?.();
  }, 60000);

  const gw = (method: string, path: string, body?: unknown) =>
    suite.call(suite.gateway.url, method, path, body);
  const salable = (sku: string) => suite.salable(sku, stockId);
  const until = <T>(what: string, probe: () => Promise<T | undefined | false>) =>
    waitFor(probe, { what, timeoutMs: 30000, intervalMs: 100 });
  const commandFor = (source: string, nth = 0) =>
    commands.filter((c) => c.data.source_code === source)[nth]?.data as
      { shipment_request_id: string; items: Line[]; order_id: string } | undefined;

  it('ships the order from the right sources and ends with exact quantities, never overselling', async () => {
    // Three sources, priority 1..3; A at s1 (3) and s2 (5); B at s2 (2) and s3 (6).
    for (const [code, lat] of [
      [s1, 52.5],
      [s2, 48.1],
      [s3, 50.1],
    ] as const) {
      expect(
        (
          await gw('POST', '/V1/inventory/sources', {
            source: {
              source_code: code,
              name: code,
              enabled: true,
              country_id: 'DE',
              postcode: '10115',
              latitude: lat,
              longitude: 11,
            },
          })
        ).ok,
      ).toBe(true);
    }
    stockId = (await json(
      await gw('POST', '/V1/inventory/stocks', {
        stock: {
          name: `Ship ${run}`,
          extension_attributes: { sales_channels: [{ type: 'website', code: channel }] },
        },
      }),
    )) as number;
    const links = [s1, s2, s3].map((source_code, i) => ({
      stock_id: stockId,
      source_code,
      priority: i + 1,
    }));
    await until('the sources to reach stock-aggregation', async () => {
      const res = await gw('POST', '/V1/inventory/stock-source-links', { links });
      // Not yet: the timeout then says what the last answer was.
      if (!res.ok) throw new Error(`links answered ${res.status} ${await res.text()}`);
      return true;
    });
    const items = [
      { sku: A, source_code: s1, quantity: 3, status: 1 },
      { sku: A, source_code: s2, quantity: 5, status: 1 },
      { sku: B, source_code: s2, quantity: 2, status: 1 },
      { sku: B, source_code: s3, quantity: 6, status: 1 },
    ];
    expect((await gw('POST', '/V1/inventory/source-items', { sourceItems: items })).ok).toBe(true);
    await until('salable A = 8 and B = 8', async () =>
      (await salable(A)) === 8 && (await salable(B)) === 8 ? true : undefined,
    );
    // shipment-matching knows the sources, links and items once it plans this exactly.
    const preview = {
      stockId,
      items: [
        { sku: A, qty: 6 },
        { sku: B, qty: 5 },
      ],
    };
    await until('shipment-matching to know the stock', async () => {
      const res = await gw('POST', '/V1/inventory/source-selection-algorithm-result', {
        inventoryRequest: preview,
        algorithmCode: 'priority',
      });
      const body = (await json(res)) as { shippable: boolean; source_selection_items: unknown[] };
      return (res.ok && body.shippable && body.source_selection_items.length === 4) || undefined;
    });
    // The channel is known to reservations once a probe is rejected for the SKU only.
    await until('the channel to reach reservations', async () => {
      const probe = await suite.checkout(suite.gateway.url, {
        id: `probe-${run}-${Date.now()}`,
        increment_id: 'probe',
        sales_channel: { type: 'website', code: channel },
        items: [{ sku: `NOPE-${run}`, qty: 1 }],
      });
      return (
        probe.body.data.errors?.[0]?.code === 'requested-sku-is-not-assigned-to-given-stock' ||
        undefined
      );
    });

    // Truth while the order ships: on shelves less reserved, i.e. 8 - 6 and 8 - 5.
    const truth: Record<string, number> = { [A]: 2, [B]: 3 };
    const seen: Array<{ sku: string; qty: number }> = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const sku of [A, B]) seen.push({ sku, qty: await salable(sku) });
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    const placed = await suite.checkout(suite.gateway.url, {
      id: orderId,
      increment_id: orderId,
      sales_channel: { type: 'website', code: channel },
      items: [
        { sku: A, qty: 6 },
        { sku: B, qty: 5 },
      ],
      shipping_address: { country: 'DE', postcode: '10115', city: 'Berlin' },
    });
    expect(placed.status).toBe(201);

    // Priority: A 3 from s1 and 3 from s2; B 2 from s2 and 3 from s3.
    await until('three ship_from_source commands', async () => commands.length >= 3 || undefined);
    const sort = (l: Line[]) => [...l].sort((x, y) => x.sku.localeCompare(y.sku));
    expect(sort(commandFor(s1)!.items)).toEqual([{ sku: A, qty: 3 }]);
    expect(sort(commandFor(s2)!.items)).toEqual(
      sort([
        { sku: A, qty: 3 },
        { sku: B, qty: 2 },
      ]),
    );
    expect(sort(commandFor(s3)!.items)).toEqual([{ sku: B, qty: 3 }]);
    expect(commands.every((c) => c.type === 'ship_from_source' && c.data.event_id)).toBe(true);

    const sent: Array<Record<string, unknown>> = [];
    const report = (request: string, message: Record<string, unknown>) => {
      const full = { event_id: randomUUID(), occurred_at: new Date().toISOString(), ...message };
      sent.push(full);
      return suite.publish('shipping.events.v1', request, full);
    };
    const dispatch = (shipment: string, source: string, request: string, lines: Line[]) =>
      report(request, {
        type: 'shipment_dispatched',
        shipment_id: shipment,
        shipment_request_id: request,
        order_id: orderId,
        source_code: source,
        items: lines,
      });
    // s2 ships A only, then reports it cannot ship the rest (B 2): re-planned without s2.
    await dispatch(`sh1-${run}`, s2, commandFor(s2)!.shipment_request_id, [{ sku: A, qty: 3 }]);
    await report(commandFor(s2)!.shipment_request_id, {
      type: 'shipment_failed',
      shipment_request_id: commandFor(s2)!.shipment_request_id,
      reason: 'damaged in the warehouse',
    });
    await until('a re-plan to s3', async () => commandFor(s3, 1) ?? undefined);
    expect(commandFor(s3, 1)!.items).toEqual([{ sku: B, qty: 2 }]);
    // The rest ships.
    await dispatch(`sh2-${run}`, s1, commandFor(s1)!.shipment_request_id, [{ sku: A, qty: 3 }]);
    await dispatch(`sh3-${run}`, s3, commandFor(s3)!.shipment_request_id, [{ sku: B, qty: 3 }]);
    await dispatch(`sh4-${run}`, s3, commandFor(s3, 1)!.shipment_request_id, [{ sku: B, qty: 2 }]);
    // A redelivered dispatch changes nothing.
    await dispatch(`sh4-${run}`, s3, commandFor(s3, 1)!.shipment_request_id, [{ sku: B, qty: 2 }]);

    await until(
      'four shipments created',
      async () => shipments.filter((s) => s.type === 'shipment_created').length >= 4 || undefined,
    );
    const redis = new Redis(suite.env.REDIS_URL);
    const reserved = (sku: string) =>
      redis.hget(`${suite.env.REDIS_KEY_PREFIX}rm:reservations:${stockId}:${sku}`, 'orders');
    try {
      await until('every reservation released', async () =>
        Number((await reserved(A)) ?? 0) === 0 && Number((await reserved(B)) ?? 0) === 0
          ? true
          : undefined,
      );
      await until('salable back at the truth', async () =>
        (await salable(A)) === truth[A] && (await salable(B)) === truth[B] ? true : undefined,
      );
    } finally {
      redis.disconnect();
    }
    sampling = false;
    await sampler;

    // Sources: A s1 0, s2 2; B s2 2 (never shipped), s3 1.
    const onHand = async (source: string, sku: string) => {
      const res = await gw(
        'GET',
        `/V1/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0][filters][0][value]=${sku}&searchCriteria[filter_groups][1][filters][0][field]=source_code&searchCriteria[filter_groups][1][filters][0][value]=${source}`,
      );
      const body = (await json(res)) as { items: Array<{ quantity: number }> };
      return body.items[0]?.quantity;
    };
    expect([
      await onHand(s1, A),
      await onHand(s2, A),
      await onHand(s2, B),
      await onHand(s3, B),
    ]).toEqual([0, 2, 2, 1]);
    expect(shipments.filter((s) => s.type === 'shipment_created')).toHaveLength(4);
    expect(shipments.some((s) => s.type === 'order_unshippable')).toBe(false);
    // Never above the truth: per SKU, from the first sample that shows its reservation on
    // (each SKU's reservation becomes visible on its own), the truth never changed.
    expect(seen.length).toBeGreaterThan(20);
    for (const sku of [A, B]) {
      const samples = seen.filter((x) => x.sku === sku).map((x) => x.qty);
      const reservedFrom = samples.findIndex((q) => q <= truth[sku]);
      expect(reservedFrom).toBeGreaterThanOrEqual(0);
      expect(samples.slice(reservedFrom).filter((q) => q > truth[sku])).toEqual([]);
    }

    // Every message published on the shipping topics conforms to docs/contracts.
    const schemas = contracts();
    for (const c of commands) expect(schemas.check('shipping.commands.v1', c.data)).toEqual([]);
    for (const m of shipments) expect(schemas.check('inventory.shipments.v1', m.data)).toEqual([]);
    for (const m of sent) expect(schemas.check('shipping.events.v1', m)).toEqual([]);

    const state = (await json(await gw('GET', `/V1/inventory/shipments/${orderId}`))) as {
      requests: Array<{ status: string }>;
      shipments: Array<{ status: string }>;
    };
    expect(state.requests.map((r) => r.status).sort()).toEqual(['failed', 'open', 'open', 'open']);
    expect(state.shipments.every((s) => s.status === 'created')).toBe(true);
  }, 240000);

  it('imports a GeoNames postcode table, selects by distance from a postcode, finds pickup locations, and answers MSI errors', async () => {
    // A small postcode table, written by the test: Berlin 10115 and one malformed line.
    const dir = mkdtempSync(join(tmpdir(), 'geonames-'));
    const file = join(dir, 'DE.txt');
    writeFileSync(
      file,
      [
        'DE\t10115\tBerlin\tBerlin\tBE\tKreisfreie Stadt Berlin\t00\tBerlin, Stadt\t11000\t52.5323\t13.3846\t4',
        'DE\t80331\tMünchen\tBayern\tBY\t\t\t\t\t48.1372\t11.5755\t4',
        'DE\tbroken line',
      ].join('\n'),
    );
    const cli = spawnSync(
      process.execPath,
      [
        join(__dirname, '..', '..', 'dist', 'apps', 'shipment-matching', 'src', 'cli.js'),
        'import-postcodes',
        file,
        '--country',
        'DE',
      ],
      { env: { PATH: process.env.PATH ?? '', ...suite.env, LOG_LEVEL: 'warn' }, encoding: 'utf8' },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('imported 2 DE postcodes, 1 lines rejected');
    expect(cli.stderr).toContain('line 3:');

    // B is left at s2 (2) and s3 (1). From Berlin's postcode, s3 (about 320 km) is nearer than
    // s2 (about 520 km); by priority s2 comes first.
    const ask = async (algorithmCode: string, destination?: Record<string, unknown>) => {
      const res = await gw('POST', '/V1/inventory/source-selection-algorithm-result', {
        inventoryRequest: {
          stockId,
          items: [{ sku: B.toLowerCase(), qty: 1 }],
          ...(destination ? { extension_attributes: { destination_address: destination } } : {}),
        },
        algorithmCode,
      });
      return { status: res.status, body: (await json(res)) as Record<string, unknown> };
    };
    const deducting = (body: Record<string, unknown>) =>
      (body.source_selection_items as Array<{ source_code: string; qty_to_deduct: number }>)
        .filter((r) => r.qty_to_deduct > 0)
        .map((r) => r.source_code);
    expect(deducting((await ask('priority')).body)).toEqual([s2]);
    const byDistance = await ask('distance', { country: 'DE', postcode: '10115' });
    expect(byDistance.status).toBe(200);
    expect(deducting(byDistance.body)).toEqual([s3]);
    expect(byDistance.body.shippable).toBe(true);
    expect(
      deducting((await ask('fewest_splits', { country: 'DE', postcode: '10115' })).body),
    ).toEqual([s3]);
    expect(await ask('distance')).toEqual({
      status: 400,
      body: expect.objectContaining({
        message: 'No destination address was provided in the request',
      }),
    });
    expect(await ask('cheapest')).toEqual({
      status: 400,
      body: expect.objectContaining({
        message: 'There is no such Source Selection Algorithm implemented: cheapest',
      }),
    });
    const list = (await json(
      await gw('GET', '/V1/inventory/source-selection-algorithm-list'),
    )) as Array<{ code: string }>;
    expect(list.map((a) => a.code)).toEqual(['priority', 'distance', 'fewest_splits']);

    // The default algorithm per stock is kept and validated.
    const setDefault = (algorithmCode: string) =>
      gw('PUT', `/V1/inventory/source-selection-algorithm-default/${stockId}`, { algorithmCode });
    expect((await setDefault('nearest')).status).toBe(400);
    expect((await setDefault('distance')).status).toBe(200);
    expect(
      await json(await gw('GET', `/V1/inventory/source-selection-algorithm-default/${stockId}`)),
    ).toEqual({
      stock_id: stockId,
      algorithm_code: 'distance',
      auto_plan: true,
    });

    // A pickup store in Berlin Mitte, linked to the stock, holding 4 of A.
    const store = `pickup-${run}`;
    expect(
      (
        await gw('POST', '/V1/inventory/sources', {
          source: {
            source_code: store,
            name: 'Mitte store',
            enabled: true,
            country_id: 'DE',
            postcode: '10117',
            city: 'Berlin',
            street: 'Friedrichstraße 1',
            phone: '+49 30 000000',
            latitude: 52.52,
            longitude: 13.39,
            is_pickup_location_active: true,
          },
        })
      ).ok,
    ).toBe(true);
    await until(
      'the pickup store linked',
      async () =>
        (
          await gw('POST', '/V1/inventory/stock-source-links', {
            links: [{ stock_id: stockId, source_code: store, priority: 4 }],
          })
        ).ok || undefined,
    );
    expect(
      (
        await gw('POST', '/V1/inventory/source-items', {
          sourceItems: [{ sku: A, source_code: store, quantity: 4, status: 1 }],
        })
      ).ok,
    ).toBe(true);
    const pickup = async (term: string, radius: number, sku: string, qty = 1) =>
      (await json(
        await gw(
          'GET',
          `/V1/inventory/in-store-pickup/pickup-locations?searchRequest[area][radius]=${radius}&searchRequest[area][searchTerm]=${encodeURIComponent(term)}&searchRequest[scopeCode]=${channel}&searchRequest[extensionAttributes][productsInfo][0][sku]=${sku}&searchRequest[extensionAttributes][productsInfo][0][qty]=${qty}`,
        ),
      )) as {
        items: Array<{
          pickup_location_code: string;
          extension_attributes: { distance_km: number };
        }>;
        total_count: number;
      };
    const found = await until('the pickup store found near 10115', async () => {
      const r = await pickup('10115:DE', 10, A);
      return r.total_count === 1 ? r : undefined;
    });
    expect(found.items[0].pickup_location_code).toBe(store);
    expect(found.items[0].extension_attributes.distance_km).toBeLessThan(2);
    expect((await pickup('Berlin:DE', 10, A)).total_count).toBe(1);
    expect((await pickup('10115:DE', 10, A, 5)).total_count).toBe(0); // holds 4
    expect((await pickup('10115:DE', 10, B)).total_count).toBe(0); // holds no B
    expect((await pickup('80331:DE', 100, A)).total_count).toBe(0); // Munich is 500 km away
    const noRadius = await gw(
      'GET',
      '/V1/inventory/in-store-pickup/pickup-locations?searchRequest[area][searchTerm]=10115:DE',
    );
    expect(noRadius.status).toBe(400);
  }, 120000);
});
