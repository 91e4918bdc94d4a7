import { createWriteStream } from 'fs';
import { once } from 'events';
import { finished } from 'stream/promises';

export interface GenerateCsvOptions {
  /** Source codes, used in turn; they should exist where the file is imported. */
  sources: readonly string[];
  /** Distinct SKUs. Row i is item (i mod sources, i div sources mod skus), so the rows are
   * distinct items while rows <= sources x skus, and repeat items (later rows win) beyond. */
  skus: number;
  /** Every badEvery-th row (1-based) is invalid in one of several ways; default none. */
  badEvery?: number;
}

export interface GeneratedCsv {
  rows: number;
  badRows: number;
  bytes: number;
}

/** A source code no test or benchmark creates, for rows rejected as "source does not exist". */
export const MISSING_SOURCE = 'no-such-source';

// One of each kind of rejection: quantity not numeric, unknown source, unknown status, too many
// decimals, a SKU with a leading space, a row with a field missing.
const BAD_ROWS: ReadonlyArray<(source: string, sku: string) => string> = [
  (source, sku) => `${source},${sku},1,abc`,
  (_source, sku) => `${MISSING_SOURCE},${sku},1,5`,
  (source, sku) => `${source},${sku},7,5`,
  (source, sku) => `${source},${sku},1,1.23456`,
  (source, sku) => `${source}," ${sku}",1,5`,
  (source, sku) => `${source},${sku},1`,
];

const LINES_PER_WRITE = 1000;

/**
 * Writes a synthetic MSI source-item import (`source_code,sku,status,quantity`) with every
 * feature the parser must handle: some SKUs quoted because they hold a comma or a quote,
 * out-of-stock rows, fractional quantities, and optionally bad rows. Deterministic, so tests
 * can predict every row; written in blocks with backpressure, so any size costs no memory.
 */
export async function generateCsv(
  path: string,
  rows: number,
  options: GenerateCsvOptions,
): Promise<GeneratedCsv> {
  const { badEvery } = options;
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let badRows = 0;
  let block = 'source_code,sku,status,quantity\n';
  for (let i = 0; i < rows; i++) {
    const bad = badEvery !== undefined && (i + 1) % badEvery === 0;
    block += `${bad ? badRow(i, options, badRows++) : goodRow(i, options)}\n`;
    if ((i + 1) % LINES_PER_WRITE === 0) {
      if (!out.write(block)) await once(out, 'drain');
      block = '';
    }
  }
  if (block !== '') out.write(block);
  out.end();
  await finished(out);
  return { rows, badRows, bytes: out.bytesWritten };
}

/** The SKU of row i, as it appears in the file (quoted where the value needs it). */
function generatedSku(i: number, options: GenerateCsvOptions): string {
  const n = Math.floor(i / options.sources.length) % options.skus;
  if (n % 97 === 1) return `"SKU,${n}"`;
  if (n % 89 === 1) return `"SKU ""${n}"""`;
  return `SKU-${n}`;
}

function goodRow(i: number, options: GenerateCsvOptions): string {
  const source = options.sources[i % options.sources.length];
  const status = i % 10 === 0 ? 0 : 1;
  const quantity = `${(i * 37) % 1000}.${((i % 4) * 25).toString().padStart(2, '0')}`;
  return `${source},${generatedSku(i, options)},${status},${quantity}`;
}

function badRow(i: number, options: GenerateCsvOptions, nth: number): string {
  const source = options.sources[i % options.sources.length];
  return BAD_ROWS[nth % BAD_ROWS.length](source, `SKU-bad-${i}`);
}
