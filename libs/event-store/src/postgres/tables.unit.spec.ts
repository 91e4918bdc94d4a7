import { resolveTables, statementName } from './tables';

describe('statementName', () => {
  it('keeps a short name readable and makes a long one fit PostgreSQL without collisions', () => {
    const tables = resolveTables({ schema: 'public' });
    expect(statementName(tables, 'read-stream')).toBe('es:public.es_:read-stream');
    const long = resolveTables({ schema: 'es_contract_6f772fb255_and_some_more' });
    const a = statementName(long, 'read-all:ac97503daf584,bbf7c4d5345ee');
    const b = statementName(long, 'read-all:ac97503daf584,bbf7c4d5345ef');
    for (const name of [a, b]) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    // Cut to 63 bytes these two would be one statement to PostgreSQL.
    expect(a).not.toBe(b);
    expect(statementName(long, 'read-all:ac97503daf584,bbf7c4d5345ee')).toBe(a);
  });
});
