import { createReadStream } from 'fs';
import { pipeline, Transform, type Readable } from 'stream';
import { parse, type CsvError } from 'csv-parse';
import { ImportFormatError } from './import-row';

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on, as an editor shows it (the header is line 1). */
  line: number;
  /** Bytes of the input read so far (a little ahead of the parser). */
  bytes: number;
}

// RFC 4180 with a UTF-8 BOM allowed. Rows of the wrong width are reported per row by the caller
// (relaxed count). Empty lines are not skipped by the parser but here, because counting lines
// needs to see them: csv-parse's own `info.lines` counts a CRLF inside quotes twice, and asking
// for `info` makes parsing three times slower.
const CSV_OPTIONS = { bom: true, relax_column_count: true };

/**
 * The non-empty records of a CSV file or byte stream, parsed as they are read. Consumed with
 * `for await`, the reader waits whenever the consumer does: that is the import's backpressure.
 * Broken quoting cannot be skipped reliably (the parser loses its place and swallows the lines
 * after it), so it ends the iteration with an ImportFormatError naming the line.
 */
export async function* csvRecords(file: string | Readable): AsyncGenerator<CsvRecord> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const input =
    typeof file === 'string' ? createReadStream(file, { highWaterMark: 1 << 16 }) : file;
  // pipeline, unlike pipe, destroys the parser when the input fails, so the loop sees the error.
  const parser = pipeline(input, counter, parse(CSV_OPTIONS), () => undefined);
  let line = 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + lineBreaksIn(fields);
      if (fields.length === 1 && fields[0] === '') continue;
      yield { fields, line: start, bytes };
    }
  } catch (error) {
    throw asFormatError(error);
  }
}

/** Line breaks inside quoted fields: CRLF, LF or a lone CR each start a new line. */
function lineBreaksIn(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) continue;
    breaks += field.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return breaks;
}

function asFormatError(error: unknown): unknown {
  const csv = error as Partial<CsvError> & { lines?: number };
  if (error instanceof Error && typeof csv.code === 'string' && csv.code.startsWith('CSV_')) {
    return new ImportFormatError(`malformed CSV: ${error.message}`, csv.lines);
  }
  return error;
}
