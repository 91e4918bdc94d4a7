import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { MIGRATIONS } from './migrations';
import { migrate } from './migrate';
import { resolveTables } from './tables';

describe('migrate', () => {
  const schema = `es_migrate_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const pools: Pool[] = [];
  const newPool = () => {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    pools.push(pool);
    return pool;
  };

  afterAll(async () => {
    await pools[0]?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all(pools.map((pool) => pool.end()));
  });

  it('applies every migration exactly once when replicas start concurrently', async () => {
    const reports = await Promise.all(
      Array.from({ length: 5 }, () => migrate(newPool(), { schema })),
    );

    const applied = reports.flatMap((r) => r.applied.map((m) => m.version));
    expect(applied.sort()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(reports.every((r) => r.currentVersion === MIGRATIONS.at(-1)!.version)).toBe(true);
    const { rows } = await pools[0].query(
      `SELECT version, name FROM ${resolveTables({ schema }).migrations}`,
    );
    expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('applies nothing when the schema is up to date', async () => {
    expect(await migrate(newPool(), { schema })).toEqual({
      applied: [],
      currentVersion: MIGRATIONS.at(-1)!.version,
    });
  });

  it('rolls back a failing migration and leaves its version unrecorded', async () => {
    const broken = {
      version: 99,
      name: 'broken',
      up: () => 'CREATE TABLE ok_then (x int); SELECT 1/0;',
    };

    await expect(migrate(newPool(), { schema }, [...MIGRATIONS, broken])).rejects.toThrow(
      'division by zero',
    );

    const pool = pools[0];
    const { rows } = await pool.query(
      `SELECT max(version) AS v FROM ${resolveTables({ schema }).migrations}`,
    );
    expect(rows[0].v).toBe(MIGRATIONS.at(-1)!.version);
    const { rows: tables } = await pool.query(`SELECT to_regclass('ok_then') AS t`);
    expect(tables[0].t).toBeNull();
  });

  it('refuses to run when an applied version was renamed', async () => {
    const renamed = MIGRATIONS.map((m) => ({ ...m, name: `${m.name}_renamed` }));
    await expect(migrate(newPool(), { schema }, renamed)).rejects.toThrow('never be renumbered');
  });

  it('refuses a database whose stored transaction ids are ahead of the cluster', async () => {
    const ahead = `es_ahead_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const pool = newPool();
    const tables = resolveTables({ schema: ahead });
    try {
      await migrate(pool, { schema: ahead });
      // As a pg_dump of a busier cluster restored here leaves it: ids this cluster never gave.
      const { rows } = await pool.query<{ next: string }>(
        'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next',
      );
      const future = (BigInt(rows[0].next) + 5_000_000n).toString();
      await pool.query(
        `INSERT INTO ${tables.events} (transaction_id, stream_name, category, stream_version,
           event_id, event_type, data) VALUES ($1::text::xid8, 'thing-1', 'thing', 0, $2, 't', '{}')`,
        [future, randomUUID()],
      );
      await expect(migrate(pool, { schema: ahead })).rejects.toThrow(
        new RegExp(`stored transaction ids reach ${future} .*pg_resetwal -e 0 -x \\d+`),
      );
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${ahead}" CASCADE`);
    }
  });
});
