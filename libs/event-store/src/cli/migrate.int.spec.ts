import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { runMigrateCli } from './migrate';

describe('event-store migrate CLI', () => {
  const schema = `es_cli_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

  afterAll(async () => {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('prints what it applied, then that the schema is up to date', async () => {
    const env = { DATABASE_URL: process.env.DATABASE_URL, EVENT_STORE_SCHEMA: schema };
    const first: string[] = [];
    const second: string[] = [];

    expect(await runMigrateCli(env, (line) => first.push(line))).toBe(0);
    expect(await runMigrateCli(env, (line) => second.push(line))).toBe(0);

    expect(first).toEqual([
      `event-store migrate: applied 001_create_event_tables (schema ${schema}, prefix es_)`,
    ]);
    expect(second).toEqual([
      `event-store migrate: up to date at version 1 (schema ${schema}, prefix es_)`,
    ]);
  });

  it('explains a missing DATABASE_URL and exits with 2', async () => {
    const lines: string[] = [];
    expect(await runMigrateCli({}, (line) => lines.push(line))).toBe(2);
    expect(lines[0]).toContain('DATABASE_URL is not set');
  });

  it('reports a failure with exit code 1', async () => {
    const lines: string[] = [];
    const code = await runMigrateCli(
      { DATABASE_URL: process.env.DATABASE_URL, EVENT_STORE_SCHEMA: 'Not-Valid' },
      (line) => lines.push(line),
    );
    expect(code).toBe(1);
    expect(lines[0]).toContain('invalid schema name');
  });
});
