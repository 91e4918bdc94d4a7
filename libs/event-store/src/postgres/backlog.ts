import { decodeCheckpoint, type Checkpoint } from '../port/checkpoint';
import type { Backlog } from '../port/event-store';
import type { Queryable } from './append';
import { AFTER_CHECKPOINT } from './read';
import { statementName, type PostgresTables } from './tables';

/**
 * Committed events after a checkpoint: a count bounded by `max` (per category: one index range
 * each, on the (category, transaction_id, global_position) index, see byCategory) and the age
 * of the first of them in commit order, by the database's clock so that pods with a skewed
 * clock agree.
 * Unlike readAll it does not stop at the snapshot's xmin: an event committed behind a
 * transaction that is still open has not been read either, and that is lag too.
 */
export async function backlogRows(
  db: Queryable,
  tables: PostgresTables,
  after: Checkpoint | null,
  categories: string[] | undefined,
  max: number,
): Promise<Backlog> {
  const { major, minor } = after === null ? { major: 0n, minor: 0n } : decodeCheckpoint(after);
  const from = `${tables.events} e`;
  const first = `SELECT e.recorded_at FROM ${from} WHERE ${AFTER_CHECKPOINT} %s
    ORDER BY e.transaction_id, e.global_position LIMIT 1`;
  const count = `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${AFTER_CHECKPOINT} %s LIMIT $3) x`;
  const age = (oldest: string) =>
    `coalesce(greatest(extract(epoch FROM clock_timestamp() - ${oldest}), 0), 0)::float8 AS age`;
  const query =
    categories === undefined
      ? {
          name: statementName(tables, 'backlog:all'),
          text: `SELECT (${count.replace('%s', '')})::text AS events,
            ${age(`(${first.replace('%s', '')})`)}`,
          values: [major.toString(), minor.toString(), max],
        }
      : byCategory(categories, count, first, age, [major.toString(), minor.toString(), max]);
  const { rows } = await db.query<{ events: string; age: number }>(query);
  return { events: Number(rows[0].events), oldestAgeSeconds: rows[0].age };
}

/**
 * One index range per category, each category its own parameter, not prepared: planned for
 * the categories it is run with (see readAllQuery for why a plan must know them). It runs on
 * metric scrapes, so planning it every time costs little.
 */
function byCategory(
  categories: string[],
  count: string,
  first: string,
  age: (oldest: string) => string,
  values: unknown[],
): { text: string; values: unknown[] } {
  const distinct = [...new Set(categories)];
  const filter = (i: number) => `AND e.category = $${i + 4}::text`;
  const counts = distinct.map((_, i) => `(${count.replace('%s', filter(i))})`);
  const firsts = distinct.map((_, i) => `(${first.replace('%s', filter(i))})`);
  return {
    text: `SELECT (SELECT coalesce(sum(b.n), 0) FROM (${counts.join(' UNION ALL ')}) b)::text
      AS events, ${age(`(SELECT min(o.recorded_at) FROM (${firsts.join(' UNION ALL ')}) o)`)}`,
    values: [...values, ...distinct],
  };
}
