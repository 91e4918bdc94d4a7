import { execFile } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { join } from 'path';
import { promisify } from 'util';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { dumpKeys } from '@inventory/read-models';
import { PostgresEventStore } from '@inventory/event-store';
import { privateInfraEnv, waitFor } from '@inventory/testing';
import { ReservationsSuite } from './suite';

const exec = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'reservations', 'src', 'cli.js');

/**
 * Drift checks: a reservation left without an outcome (as a crash between the ledger and the
 * outcome would leave it) and a partial cancel are found by list-inconsistencies, and
 * create-compensations releases the excess.
 */
describe('reservations: drift checks', () => {
  const run = randomBytes(3).toString('hex');
  const channel = `drift-${run}`;
  const sku = `LAMP-${run}`;
  let suite: ReservationsSuite;
  let drop: () => Promise<void>;
  let stockId: number;

  beforeAll(async () => {
    const infra = await privateInfraEnv(`rd${run}`);
    drop = infra.drop;
    suite = new ReservationsSuite(infra.env);
    await suite.start(1);
    stockId = await suite.seed(run, channel, { [sku]: 10 });
  }, 180000);

  afterAll(async () => {
    await suite?.stop();
    await drop?.();
  }, 60000);

  const cli = async (...args: string[]) => {
    try {
      const extra = args[0] === 'rebuild' ? [] : ['--grace-seconds', '0'];
      const { stdout } = await exec(process.execPath, [CLI, ...args, ...extra], {
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...suite.env },
      });
      return { code: 0, stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout };
    }
  };

  it('lists orders whose reservations differ from their events and compensates them', async () => {
    // A healthy order, reserved then partly cancelled: consistent.
    const order = {
      id: `ok-${run}`,
      increment_id: '1',
      sales_channel: { type: 'website', code: channel },
      items: [{ sku, qty: 3 }],
    };
    expect((await suite.checkout(suite.replicas[0].url, order)).status).toBe(201);
    await suite.publishOrderEvent('order_canceled', { id: order.id, items: [{ sku, qty: 1 }] });
    await waitFor(async () => (await suite.salable(sku, stockId)) === 8 || undefined, {
      what: 'the partial cancel',
      timeoutMs: 15000,
    });
    expect(await cli('list-inconsistencies')).toEqual({ code: 0, stdout: '' });

    // A leaked reservation: in the ledger, but the order never got an outcome.
    const pool = new Pool({ connectionString: suite.env.DATABASE_URL, max: 1 });
    const store = new PostgresEventStore({ pool });
    const stream = `reservationledger-${stockId}/${encodeURIComponent(sku)}`;
    const version = (await store.readStream(stream)).length - 1;
    await store.appendToStream(
      stream,
      [
        {
          eventId: randomUUID(),
          type: 'reservation_placed',
          data: {
            stock_id: stockId,
            sku,
            ref: { type: 'order', id: `lost-${run}` },
            qty: '2.0000',
            decided_on: { aggregated_qty: '10.0000', threshold: '0.0000', reservations: '-2.0000' },
            metadata: {
              event_type: 'order_placed',
              object_type: 'order',
              object_id: `lost-${run}`,
              object_increment_id: '',
            },
          },
        },
      ],
      version,
    );
    await pool.end();
    await waitFor(async () => (await suite.salable(sku, stockId)) === 6 || undefined, {
      what: 'the leaked reservation in the read model',
      timeoutMs: 15000,
    });

    expect(await cli('list-inconsistencies')).toEqual({
      code: 1,
      stdout: `lost-${run}:${sku}:${stockId}:2.0000:0.0000\n`,
    });
    const compensated = await cli('create-compensations');
    expect(compensated.code).toBe(0);
    expect(compensated.stdout).toContain(`released lost-${run}:${sku}`);
    expect(await cli('list-inconsistencies')).toEqual({ code: 0, stdout: '' });
    await waitFor(async () => (await suite.salable(sku, stockId)) === 8 || undefined, {
      what: 'the compensation in the read model',
      timeoutMs: 15000,
    });
  }, 120000);

  it('rebuilds the reservations read model from the event store to the same contents', async () => {
    const redis = new Redis(suite.env.REDIS_URL);
    try {
      const pattern = `${suite.env.REDIS_KEY_PREFIX}rm:reservations:*`;
      const live = await dumpKeys(redis, pattern);
      expect(live.length).toBeGreaterThan(0);
      await redis.hset(live[0][0], 'orders', '12345');
      expect(await dumpKeys(redis, pattern)).not.toEqual(live);
      const { code } = await cli('rebuild', 'reservations');
      expect(code).toBe(0);
      expect(await dumpKeys(redis, pattern)).toEqual(live);
    } finally {
      redis.disconnect();
    }
  }, 60000);
});
