import { randomBytes } from 'crypto';
import { json, privateInfraEnv, waitFor } from '@inventory/testing';
import { ReservationsSuite } from './suite';

/** Cart holds: expiry returns the quantity (as an event), conversion is not double counted. */
describe('reservations: cart holds', () => {
  const run = randomBytes(3).toString('hex');
  const channel = `holds-${run}`;
  const sku = `CUP-${run}`;
  const sales_channel = { type: 'website', code: channel };
  let suite: ReservationsSuite;
  let drop: () => Promise<void>;
  let stockId: number;
  const ledgerEvents: Array<{ type: string; data: Record<string, unknown> }> = [];

  beforeAll(async () => {
    const infra = await privateInfraEnv(`rh${run}`);
    drop = infra.drop;
    suite = new ReservationsSuite(infra.env);
    await suite.start(1);
    stockId = await suite.seed(run, channel, { [sku]: 10 });
    await suite.collect('inventory.reservations.v1', ledgerEvents);
  }, 180000);

  afterAll(async () => {
    await suite?.stop();
    await drop?.();
  }, 60000);

  const hold = (method: string, path: string, body?: unknown) =>
    suite.call(suite.gateway.url, method, `/V1/inventory/holds${path}`, body);
  const salableBecomes = (qty: number) =>
    waitFor(async () => (await suite.salable(sku, stockId)) === qty || undefined, {
      what: `salable ${sku} = ${qty}`,
      timeoutMs: 15000,
    });

  it('holds quantities and gives them back when the hold expires, as an event', async () => {
    const res = await hold('POST', '', {
      hold_id: `h1-${run}`,
      sales_channel,
      items: [{ sku, qty: 4 }],
      ttl_seconds: 2,
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({
      hold_id: `h1-${run}`,
      stock_id: stockId,
      lines: [{ sku, qty: 4 }],
      status: 'active',
    });
    await salableBecomes(6);
    await salableBecomes(10);
    expect(await json(await hold('GET', `/h1-${run}`))).toMatchObject({ status: 'expired' });
    await waitFor(
      () =>
        ledgerEvents.some(
          (e) =>
            e.type === 'reservation_released' &&
            e.data.reason === 'hold_expired' &&
            (e.data.ref as { id: string }).id === `h1-${run}`,
        ) || undefined,
      { what: 'the expiry on inventory.reservations.v1', timeoutMs: 10000 },
    );
    // Extending or releasing an expired hold says so.
    const late = await hold('PUT', `/h1-${run}`, { ttl_seconds: 60 });
    expect(late.status).toBe(409);
    expect(await json(late)).toMatchObject({ errors: [{ code: 'hold-expired' }] });
  });

  it('converts a hold into the order reservation without counting it twice', async () => {
    const placed = await hold('POST', '', {
      hold_id: `h2-${run}`,
      sales_channel,
      items: [{ sku, qty: 5 }],
      ttl_seconds: 60,
    });
    expect(placed.status).toBe(201);
    await salableBecomes(5);
    const extended = await hold('PUT', `/h2-${run}`, { ttl_seconds: 600 });
    expect(extended.status).toBe(200);
    const expiresAt = Date.parse(((await json(extended)) as { expires_at: string }).expires_at);
    expect(expiresAt).toBeGreaterThan(Date.now() + 500_000);
    // Another cart cannot take more than what is left.
    const greedy = await hold('POST', '', {
      hold_id: `h3-${run}`,
      sales_channel,
      items: [{ sku, qty: 6 }],
      ttl_seconds: 60,
    });
    expect(greedy.status).toBe(409);
    expect(await json(greedy)).toMatchObject({
      errors: expect.arrayContaining([
        expect.objectContaining({ code: 'is_salable_with_reservations-not_enough_qty', sku }),
      ]),
    });
    const order = {
      id: `o2-${run}`,
      increment_id: '2',
      sales_channel,
      items: [{ sku, qty: 5 }],
      hold_id: `h2-${run}`,
    };
    const res = await suite.checkout(suite.gateway.url, order);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'order_inventory_reserved',
      data: { hold_id: `h2-${run}` },
    });
    expect(await suite.salable(sku, stockId)).toBe(5);
    await new Promise((r) => setTimeout(r, 300));
    expect(await suite.salable(sku, stockId)).toBe(5);
    expect(await json(await hold('GET', `/h2-${run}`))).toMatchObject({ status: 'converted' });
    // A second order cannot use the converted hold.
    const reuse = await suite.checkout(suite.gateway.url, { ...order, id: `o3-${run}` });
    expect(reuse.status).toBe(409);
    expect(reuse.body.data.errors).toEqual([
      { sku: null, code: 'hold-not_found', message: 'The hold does not exist or was released.' },
    ]);
    // Cancelling the order returns the quantity.
    await suite.publishOrderEvent('order_canceled', { id: order.id });
    await salableBecomes(10);
  });

  it('releases a hold on DELETE; an unknown hold is 404', async () => {
    expect(
      (
        await hold('POST', '', {
          hold_id: `h4-${run}`,
          sales_channel,
          items: [{ sku, qty: 3 }],
          ttl_seconds: 60,
        })
      ).status,
    ).toBe(201);
    await salableBecomes(7);
    expect((await hold('DELETE', `/h4-${run}`)).status).toBe(200);
    await salableBecomes(10);
    expect((await hold('DELETE', `/h4-${run}`)).status).toBe(404);
    expect((await hold('DELETE', `/nope-${run}`)).status).toBe(404);
    const bad = await hold('POST', '', { hold_id: '', sales_channel, items: [], ttl_seconds: 0 });
    expect(bad.status).toBe(400);
  });

  it('an order with an outcome gets the same one back, even once it could be reserved', async () => {
    const order = (id: string, qty: number) => ({
      id: `${id}-${run}`,
      increment_id: id,
      sales_channel,
      items: [{ sku, qty }],
    });
    const rejected = await suite.checkout(suite.gateway.url, order('r1', 11));
    expect(rejected.status).toBe(409);
    const reserved = await suite.checkout(suite.gateway.url, order('r2', 3));
    expect(reserved.status).toBe(201);
    await salableBecomes(7);
    await suite.ok('POST', '/V1/inventory/source-items', {
      sourceItems: [{ sku, source_code: `src-${run}`, quantity: 20, status: 1 }],
    });
    await salableBecomes(17);
    // Both ledgers are idle and in memory, so the retries try the one-commit path first.
    const again = await suite.checkout(suite.gateway.url, order('r1', 11));
    expect(again).toEqual(rejected);
    expect(await suite.checkout(suite.gateway.url, order('r2', 3))).toEqual(reserved);
    await new Promise((r) => setTimeout(r, 300));
    expect(await suite.salable(sku, stockId)).toBe(17);
  });
});
