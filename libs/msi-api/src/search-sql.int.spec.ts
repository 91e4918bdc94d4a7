import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { filterInMemory } from './filter-in-memory';
import { countSql, selectSql, SqlTarget } from './search-sql';
import { criteriaFrom, SourceItemRow, sourceItemRows } from './source-items.fixture';

const f = (g: number, i: number, field: string, value: string, type?: string): string =>
  `searchCriteria[filter_groups][${g}][filters][${i}][field]=${field}` +
  `&searchCriteria[filter_groups][${g}][filters][${i}][value]=${encodeURIComponent(value)}` +
  (type ? `&searchCriteria[filter_groups][${g}][filters][${i}][condition_type]=${type}` : '');
const sort = (i: number, field: string, direction: string): string =>
  `searchCriteria[sortOrders][${i}][field]=${field}&searchCriteria[sortOrders][${i}][direction]=${direction}`;
const page = (size: number, current: number): string =>
  `searchCriteria[pageSize]=${size}&searchCriteria[currentPage]=${current}`;

/** Each case is a Magento query; the reference decides what it should return. */
const CASES: [name: string, query: string][] = [
  ['no criteria: everything in key order', ''],
  ['eq (the default condition) on a string', f(0, 0, 'sku', 'SKU-012')],
  [
    'neq, sorted by quantity descending',
    `${f(0, 0, 'source_code', 'default', 'neq')}&${sort(0, 'quantity', 'DESC')}`,
  ],
  ['in with a comma-separated list', f(0, 0, 'source_code', 'eu-1, US-2', 'in')],
  ['nin', f(0, 0, 'source_code', 'eu-1,us-1', 'nin')],
  ['like is case-insensitive', f(0, 0, 'sku', 'sku-00%', 'like')],
  [
    'like with escaped _ and %',
    `${f(0, 0, 'sku', 'SKU\\_%', 'like')}&${f(1, 0, 'note', '%\\%', 'like')}`,
  ],
  ['nlike excludes NULLs too', f(0, 0, 'note', '%bulk%', 'nlike')],
  [
    'gt and lt on a number',
    `${f(0, 0, 'quantity', '10', 'gt')}&${f(1, 0, 'quantity', '15', 'lt')}`,
  ],
  [
    'gteq / lteq with a fraction',
    `${f(0, 0, 'quantity', '2.5', 'gteq')}&${f(1, 0, 'quantity', '4.5', 'lteq')}`,
  ],
  [
    'from / to in two groups form a range',
    `${f(0, 0, 'quantity', '0', 'from')}&${f(1, 0, 'quantity', '3', 'to')}`,
  ],
  ['in on fractional and negative numbers', f(0, 0, 'quantity', '2.5,-1.5, 7', 'in')],
  ['null and notnull', `${f(0, 0, 'quantity', '', 'null')}&${f(1, 0, 'status', '', 'notnull')}`],
  ['boolean eq with 1', f(0, 0, 'status', '1')],
  ['OR within a group', `${f(0, 0, 'sku', 'SKU-012')}&${f(0, 1, 'quantity', '18', 'gteq')}`],
  [
    'AND across groups with an OR inside',
    `${f(0, 0, 'source_code', 'default,eu-1', 'in')}&${f(1, 0, 'status', 'false')}&${f(1, 1, 'status', '', 'null')}&${f(2, 0, 'quantity', '5', 'lt')}`,
  ],
  ['string range in byte order', `${f(0, 0, 'sku', 'SKU-040', 'gt')}&${sort(0, 'sku', 'DESC')}`],
  [
    'sort ascending with NULLs first, third page of 7',
    `${sort(0, 'quantity', 'ASC')}&${page(7, 3)}`,
  ],
  [
    'sort descending with NULLs last, last partial page',
    `${sort(0, 'quantity', 'desc')}&${page(30, 7)}`,
  ],
  [
    'two sort orders, second page',
    `${sort(0, 'status', 'DESC')}&${sort(1, 'source_code', 'ASC')}&${page(25, 2)}`,
  ],
  ['a page past the end is empty', `${f(0, 0, 'source_code', 'us-1')}&${page(20, 4)}`],
  ['a number beyond int4', f(0, 0, 'quantity', '1e12', 'lt')],
];

describe('search SQL on real PostgreSQL agrees with filterInMemory', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const table = `msi_items_${randomUUID().slice(0, 8)}`;
  const rows = sourceItemRows();
  const target: SqlTarget = {
    table,
    columns: {
      sku: 'sku',
      source_code: 'source_code',
      quantity: 'quantity',
      status: 'status',
      note: 'note',
    },
  };

  beforeAll(async () => {
    // A linguistic collation where available (ICU builds), so the test shows that search-sql's
    // byte order does not depend on how the columns collate.
    const { rowCount } = await pool.query(
      `SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'`,
    );
    const text = rowCount ? 'text COLLATE "und-x-icu"' : 'text';
    await pool.query(
      `CREATE TABLE ${table} (sku ${text} NOT NULL, source_code ${text} NOT NULL,
       quantity double precision, status boolean, note ${text}, PRIMARY KEY (sku, source_code))`,
    );
    await pool.query(
      `INSERT INTO ${table} SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r(sku text, source_code text, quantity double precision, status boolean, note text)`,
      [JSON.stringify(rows)],
    );
  });

  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.end();
  });

  it.each(CASES)('%s', async (_name, query) => {
    const criteria = criteriaFrom(query);
    const expected = filterInMemory(rows, criteria);
    const { rows: items } = await pool.query<SourceItemRow>(selectSql(criteria, target));
    const { rows: counts } = await pool.query<{ total_count: number }>(countSql(criteria, target));
    expect(items).toEqual(expected.items);
    expect(counts[0].total_count).toBe(expected.totalCount);
  });

  it('the cases are not vacuous: most filter something out and keep something', () => {
    const totals = CASES.map(([, q]) => filterInMemory(rows, criteriaFrom(q)).totalCount);
    expect(totals.filter((t) => t > 0 && t < rows.length).length).toBeGreaterThanOrEqual(18);
    const escaped = filterInMemory(rows, criteriaFrom(CASES[6][1])).items;
    expect(new Set(escaped.map((r) => r.sku))).toEqual(new Set(['SKU_003']));
  });

  it('leaves the caller its own leading parameters', async () => {
    const criteria = criteriaFrom(f(0, 0, 'sku', 'SKU-01%', 'like'));
    const q = selectSql(criteria, { ...target, paramOffset: 1 });
    const text = q.text.replace('WHERE ', 'WHERE source_code = $1 AND ');
    const { rows: items } = await pool.query<SourceItemRow>(text, ['eu-1', ...q.values]);
    expect(items.map((r) => r.sku)).toEqual([
      'SKU-010',
      'SKU-011',
      'SKU-012',
      'SKU-013',
      'SKU-015',
      'SKU-016',
      'SKU-017',
      'SKU-018',
      'SKU-019',
      'sku-014',
    ]);
  });

  it('compares an integer expression with a fraction or a bigint without a type error', async () => {
    const ints: SqlTarget = {
      ...target,
      columns: { ...target.columns, quantity: 'quantity::int' },
    };
    for (const value of ['2.5', '3000000000']) {
      const criteria = criteriaFrom(f(0, 0, 'quantity', value, 'lt'));
      const { rows: counts } = await pool.query(countSql(criteria, ints));
      expect(counts[0].total_count).toBeGreaterThan(0);
    }
  });
});
