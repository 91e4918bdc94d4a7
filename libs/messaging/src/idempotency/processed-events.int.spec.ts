import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { ProcessedEvents } from './processed-events';

describe('ProcessedEvents on real PostgreSQL', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 12 });
  const table = `effects_${randomUUID().slice(0, 8)}`;
  const processed = new ProcessedEvents(pool, `test-${table}`);

  beforeAll(async () => {
    await processed.ensureTable();
    await pool.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, event_id text NOT NULL)`);
  });

  afterAll(async () => {
    await pool.query(`DROP TABLE ${table}`);
    await pool.end();
  });

  it('applies an effect once however often and however concurrently the event is delivered', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const deliveries = ids.flatMap((id) => [id, id, id]);
    const results = await Promise.all(
      deliveries.map((id) =>
        processed.once(id, (tx) =>
          tx.query(`INSERT INTO ${table} (event_id) VALUES ($1)`, [id]).then(() => undefined),
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(20);
    const { rows } = await pool.query(
      `SELECT event_id, count(*)::int AS n FROM ${table} GROUP BY event_id`,
    );
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('records nothing when the effect fails, so a redelivery applies it', async () => {
    const id = randomUUID();
    await expect(processed.once(id, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await processed.once(id, async () => undefined)).toBe(true);
  });
});
