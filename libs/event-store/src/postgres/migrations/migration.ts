import type { PostgresTables } from '../tables';

/**
 * Migrations are TypeScript rather than .sql files because table names depend on the
 * configured schema and prefix, and because `tsc` then ships them in dist/ without an asset
 * copy step. Versions are applied in order, each exactly once; never edit an applied one.
 */
export interface Migration {
  version: number;
  name: string;
  up(tables: PostgresTables): string;
}
