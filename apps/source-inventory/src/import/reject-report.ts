import { once } from 'events';
import { open } from 'fs/promises';
import { finished } from 'stream/promises';
import type { RejectedRow } from './import-row';

export interface RejectReport {
  add(row: RejectedRow): Promise<void> | undefined;
  close(): Promise<void>;
}

const NO_REPORT: RejectReport = { add: () => undefined, close: async () => undefined };

/**
 * The rejected rows as CSV (`line,source_code,sku,reason`), written as they are found so that a
 * file of a million bad rows costs no memory. The file is opened before anything is imported,
 * so a report path that cannot be written stops the import before it starts.
 */
export async function openRejectReport(path: string | undefined): Promise<RejectReport> {
  if (path === undefined) return NO_REPORT;
  const out = (await open(path, 'w')).createWriteStream({ highWaterMark: 1 << 16 });
  out.write('line,source_code,sku,reason\n');
  return {
    add(row) {
      const line = [String(row.line), row.source_code, row.sku, row.reason].map(csvField);
      // Backpressure: the caller awaits only when the buffer is full.
      if (!out.write(`${line.join(',')}\n`)) return once(out, 'drain').then(() => undefined);
      return undefined;
    },
    async close() {
      out.end();
      await finished(out);
    },
  };
}

/** RFC 4180 quoting; padded values are quoted too, so a reader cannot trim what was rejected. */
export function csvField(value: string): string {
  if (!/[",\r\n]/.test(value) && value.trim() === value) return value;
  return `"${value.replace(/"/g, '""')}"`;
}
