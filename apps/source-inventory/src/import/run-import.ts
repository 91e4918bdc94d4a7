import type { Readable } from 'stream';
import { ChunkPipeline } from './chunk-pipeline';
import { csvRecords } from './csv-records';
import { chunkWriter } from './chunk-writer';
import { checkCsvFile } from './csv-precheck';
import {
  ImportFormatError,
  readHeader,
  readRow,
  sourceNotFound,
  type ImportColumns,
} from './import-row';
import type { ImportOptions, ImportSummary } from './import-types';
import { openRejectReport } from './reject-report';
import { cachedSourceExists } from './source-exists';

export type { ImportOptions, ImportProgress, ImportSummary } from './import-types';

const PROGRESS_EVERY = 1000;

/**
 * Imports MSI's source-item CSV as `source_item_saved` events, streaming: memory holds only the
 * chunks being written. Rows are independent: an invalid one is reported and skipped, never
 * written; a valid one is one event whose id derives from the import id and its line number, so
 * re-running the same import appends nothing (`alreadyApplied`).
 */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const chunkSize = positive(options.chunkSize ?? 1000, 'chunkSize');
  const maxInFlight = positive(options.maxInFlight ?? 2, 'maxInFlight');
  const importId = await checkedImportId(options.file, options.importId);
  if (importId === '') throw new TypeError('runImport: importId must not be empty');
  const counts = { bytes: 0, rows: 0, imported: 0, alreadyApplied: 0, rejected: 0 };
  let peakRss = process.memoryUsage.rss();
  const progress = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const { bytes, rows, imported, alreadyApplied, rejected } = counts;
    options.onProgress?.({ bytes, rows, imported, alreadyApplied, rejected });
  };
  const sourceExists = cachedSourceExists(options.sourceExists);
  const context = { importId, actor: options.actor, occurredAt: options.occurredAt ?? now() };
  const report = await openRejectReport(options.reportFile);
  const writes = new ChunkPipeline(chunkWriter(options.store, options.concurrency), {
    chunkSize,
    maxInFlight,
    onWritten: (outcome) => {
      counts.imported += outcome.appended;
      counts.alreadyApplied += outcome.alreadyApplied;
    },
  });
  let columns: ImportColumns | undefined;
  try {
    for await (const { fields, line, bytes } of csvRecords(options.file)) {
      if (columns === undefined) {
        columns = readHeader(fields, line);
        continue;
      }
      counts.rows++;
      counts.bytes = bytes;
      let result = readRow(fields, line, columns, context);
      if (result.ok) {
        // Only the first row of a source waits for the lookup; the rest read the cache.
        const exists = sourceExists(fields[columns.source_code]);
        if (!(typeof exists === 'boolean' ? exists : await exists)) {
          result = sourceNotFound(fields, line, columns);
        }
      }
      if (result.ok) {
        await writes.add(result.row);
      } else {
        counts.rejected++;
        const full = report.add(result.rejected);
        if (full) await full;
      }
      if (counts.rows % PROGRESS_EVERY === 0) progress();
    }
    if (columns === undefined) throw new ImportFormatError('the file is empty; expected a header');
    await writes.finish();
  } catch (error) {
    // Only a stream can be broken here (a file was checked first; a bad header comes before any
    // row): the rows parsed before the broken line are written like any others, and a re-run of
    // the fixed input with the same import id skips them. Other failures just wait for the writes
    // in flight.
    // A write failure found on the way replaces the format error: those rows were not written.
    if (error instanceof ImportFormatError) await writes.finish().catch(rethrowAfter(writes));
    else await writes.settle();
    throw error;
  } finally {
    await report.close();
  }
  progress();
  const seconds = (performance.now() - started) / 1000;
  return {
    importId,
    rows: counts.rows,
    imported: counts.imported,
    alreadyApplied: counts.alreadyApplied,
    rejected: counts.rejected,
    seconds,
    rowsPerSecond: seconds > 0 ? counts.rows / seconds : 0,
    peakRssMb: Math.round(peakRss / (1 << 20)),
  };
}

/** A file given by path is checked whole first; a stream cannot be, so it needs an id. */
async function checkedImportId(file: string | Readable, importId: string | undefined) {
  if (typeof file === 'string') {
    const { contentHash } = await checkCsvFile(file);
    return importId ?? contentHash;
  }
  if (importId === undefined) {
    throw new TypeError('runImport: importId is required when the file is given as a stream');
  }
  return importId;
}

function rethrowAfter(writes: ChunkPipeline) {
  return async (error: unknown): Promise<never> => {
    await writes.settle();
    throw error;
  };
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`runImport: ${name} must be a positive integer`);
  }
  return value;
}

function now(): string {
  return new Date().toISOString();
}
