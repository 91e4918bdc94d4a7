import { countSql, selectSql, SqlTarget, toSql } from './search-sql';
import { criteriaFrom } from './source-items.fixture';

const target: SqlTarget = {
  table: 'inventory_source_item si',
  columns: {
    sku: 'si.sku',
    source_code: 'si.source_code',
    quantity: 'si.quantity',
    status: 'si.status',
    note: 'si.note',
  },
};

const q = (g: number, i: number, field: string, value: string, type: string): string =>
  `searchCriteria[filter_groups][${g}][filters][${i}][field]=${encodeURIComponent(field)}` +
  `&searchCriteria[filter_groups][${g}][filters][${i}][value]=${encodeURIComponent(value)}` +
  `&searchCriteria[filter_groups][${g}][filters][${i}][condition_type]=${type}`;

describe('toSql', () => {
  it('binds every value, ORs within a group, ANDs groups, and ends ORDER BY with the key', () => {
    const criteria = criteriaFrom(
      `${q(0, 0, 'sku', "ABC%' OR 1=1 --", 'like')}&${q(0, 1, 'source_code', 'a,b', 'in')}` +
        `&${q(1, 0, 'quantity', '2.5', 'gt')}&${q(1, 1, 'status', '', 'null')}&${q(2, 0, 'note', 'x', 'nin')}` +
        '&searchCriteria[sortOrders][0][field]=quantity&searchCriteria[sortOrders][0][direction]=DESC' +
        '&searchCriteria[pageSize]=20&searchCriteria[currentPage]=3',
    );
    expect(toSql(criteria, { ...target, paramOffset: 2 })).toEqual({
      where:
        '(si.sku ILIKE $3 OR si.source_code = ANY($4)) AND (si.quantity > $5::numeric OR si.status IS NULL)' +
        ' AND (si.note <> ALL($6))',
      orderBy:
        'si.quantity DESC NULLS LAST, (si.sku COLLATE "C") ASC NULLS FIRST, (si.source_code COLLATE "C") ASC NULLS FIRST',
      limit: 20,
      offset: 40,
      values: ["ABC%' OR 1=1 --", ['a', 'b'], 2.5, ['x']],
    });
  });

  it.each([
    ['eq', 'quantity', '3', 'si.quantity = $1', 3],
    ['neq', 'status', '0', 'si.status <> $1', false],
    ['nlike', 'note', '%a%', 'si.note NOT ILIKE $1', '%a%'],
    ['lt', 'sku', 'M', '(si.sku COLLATE "C") < $1', 'M'],
    ['gteq', 'quantity', '-4', 'si.quantity >= $1', -4],
    ['lteq', 'quantity', '3000000000', 'si.quantity <= $1::numeric', 3000000000],
    ['from', 'quantity', '1', 'si.quantity >= $1', 1],
    ['to', 'quantity', '9', 'si.quantity <= $1', 9],
    ['notnull', 'note', '', 'si.note IS NOT NULL', undefined],
    ['in', 'quantity', '1,1.5', 'si.quantity = ANY($1::numeric[])', [1, 1.5]],
  ])('%s on %s', (type, field, value, where, bound) => {
    const sql = toSql(criteriaFrom(q(0, 0, field, value, type)), target);
    expect(sql.where).toBe(`(${where})`);
    expect(sql.values).toEqual(bound === undefined ? [] : [bound]);
  });

  it('says TRUE when there is nothing to filter', () => {
    expect(toSql(criteriaFrom(''), target).where).toBe('TRUE');
  });

  it('refuses a field the target does not map, instead of guessing a column', () => {
    const { note: _note, ...columns } = target.columns;
    expect(() => toSql(criteriaFrom(q(0, 0, 'note', 'x', 'eq')), { ...target, columns })).toThrow(
      'No SQL column is mapped for search field "note"',
    );
  });
});

describe('selectSql and countSql', () => {
  const criteria = criteriaFrom(
    `${q(0, 0, 'sku', 'A%', 'like')}&searchCriteria[pageSize]=5&searchCriteria[currentPage]=2`,
  );

  it('selects one page with each column aliased to its field', () => {
    expect(selectSql(criteria, target)).toEqual({
      text:
        'SELECT si.sku AS "sku", si.source_code AS "source_code", si.quantity AS "quantity", si.status AS "status",' +
        ' si.note AS "note" FROM inventory_source_item si WHERE (si.sku ILIKE $1)' +
        ' ORDER BY (si.sku COLLATE "C") ASC NULLS FIRST, (si.source_code COLLATE "C") ASC NULLS FIRST LIMIT $2 OFFSET $3',
      values: ['A%', 5, 5],
    });
  });

  it('counts with the same filters and no paging', () => {
    expect(countSql(criteria, target)).toEqual({
      text: 'SELECT count(*)::int AS total_count FROM inventory_source_item si WHERE (si.sku ILIKE $1)',
      values: ['A%'],
    });
  });
});
