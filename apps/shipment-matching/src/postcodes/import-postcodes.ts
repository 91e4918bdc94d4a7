import { createReadStream, statSync } from 'fs';
import { createInterface } from 'readline';
import { Presets, SingleBar } from 'cli-progress';
import type { Pool } from 'pg';
import { ensureTables, withTransaction } from '@inventory/event-store';
import { readGeoNamesPostalLine, type GeoNamesPostalRow } from '@inventory/source-selection';
import { CATALOG_DDL, TABLES } from '../catalog/catalog.tables';

export const IMPORT_POSTCODES_USAGE = `  import-postcodes <file> --country <CC>
                          replace one country's rows of the postcode table (distance selection
                          and pickup search) with a GeoNames postal-code dump (<CC>.txt, tab-separated)`;

const CHUNK = 2000;

export interface ImportReport {
  rows: number;
  rejected: Array<{ line: number; reason: string }>;
}

/**
 * Replaces the country's rows in one transaction (readers see the old table or the new one,
 * never half), streaming the file in chunks with a progress bar on stderr. Lines of another
 * country and malformed lines are reported and skipped; the rest is imported.
 */
export async function importPostcodes(
  pool: Pool,
  file: string,
  country: string,
  progress: NodeJS.WritableStream | null = process.stderr,
): Promise<ImportReport> {
  await ensureTables(pool, 'shipment-matching catalog', CATALOG_DDL);
  const bar = progress
    ? new SingleBar(
        { stream: progress, noTTYOutput: true, format: '{bar} {percentage}% | {rows} rows' },
        Presets.shades_classic,
      )
    : undefined;
  bar?.start(statSync(file).size, 0, { rows: 0 });
  const report: ImportReport = { rows: 0, rejected: [] };
  try {
    await withTransaction(pool, async (client) => {
      await client.query(`DELETE FROM ${TABLES.postcodes} WHERE country = $1`, [country]);
      let chunk: GeoNamesPostalRow[] = [];
      const flush = async () => {
        if (chunk.length === 0) return;
        await client.query(
          `INSERT INTO ${TABLES.postcodes} (country, postcode, place, region, latitude, longitude)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[])`,
          [
            chunk.map((r) => r.countryCode),
            chunk.map((r) => r.postalCode),
            chunk.map((r) => r.placeName),
            chunk.map((r) => r.adminName1),
            chunk.map((r) => r.latitude),
            chunk.map((r) => r.longitude),
          ],
        );
        report.rows += chunk.length;
        chunk = [];
      };
      const stream = createReadStream(file);
      let lineNumber = 0;
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        lineNumber++;
        if (line.trim() === '') continue;
        const read = readGeoNamesPostalLine(line, lineNumber);
        if (!read.ok) report.rejected.push({ line: lineNumber, reason: read.reason });
        else if (read.row.countryCode !== country)
          report.rejected.push({
            line: lineNumber,
            reason: `country ${read.row.countryCode}, not ${country}`,
          });
        else chunk.push(read.row);
        if (chunk.length >= CHUNK) {
          await flush();
          bar?.update(stream.bytesRead, { rows: report.rows });
        }
      }
      await flush();
      bar?.update(statSync(file).size, { rows: report.rows });
    });
  } finally {
    bar?.stop();
  }
  return report;
}
