import type { Actor, SourceItemStatus } from '@inventory/contracts';
import { eventIdFor, isDomainError } from '@inventory/decider';
import type { NewEvent } from '@inventory/event-store';
import {
  initialSourceItemState,
  sourceItemDecider,
  sourceItemStream,
  type SaveSourceItem,
} from '../domain';

/** MSI's source-item import columns; `status` may be left out (then every row is in stock). */
export const IMPORT_HEADER = ['source_code', 'sku', 'status', 'quantity'] as const;
const REQUIRED = ['source_code', 'sku', 'quantity'] as const;
const DEFAULT_STATUS: SourceItemStatus = 1;

/** The file as a whole cannot be imported (no header, broken quoting); carries the line. */
export class ImportFormatError extends Error {
  readonly code = 'IMPORT_FORMAT';

  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'ImportFormatError';
  }
}

/** Field index of each column in the file's header, and how many fields every row must have. */
export interface ImportColumns {
  source_code: number;
  sku: number;
  quantity: number;
  status: number | undefined;
  width: number;
}

/** Names are compared trimmed and case-insensitively; columns MSI's format does not know are ignored. */
export function readHeader(fields: readonly string[], line: number): ImportColumns {
  const names = fields.map((name) => name.trim().toLowerCase());
  for (const known of IMPORT_HEADER) {
    if (names.indexOf(known) !== names.lastIndexOf(known)) {
      throw new ImportFormatError(`the header names column "${known}" twice`, line);
    }
  }
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new ImportFormatError(
      `the first line must be a header naming ${IMPORT_HEADER.join(',')} (status optional); ` +
        `missing: ${missing.join(', ')}`,
      line,
    );
  }
  const status = names.indexOf('status');
  return {
    source_code: names.indexOf('source_code'),
    sku: names.indexOf('sku'),
    quantity: names.indexOf('quantity'),
    status: status < 0 ? undefined : status,
    width: names.length,
  };
}

export interface ImportRow {
  line: number;
  streamName: string;
  event: NewEvent;
}

export interface RejectedRow {
  line: number;
  source_code: string;
  sku: string;
  reason: string;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; rejected: RejectedRow };

export interface RowContext {
  importId: string;
  actor: Actor;
  occurredAt: string;
}

/**
 * One data row to its `source_item_saved` event, validated by the domain's own save decision on
 * an item with no history. That is what makes the payload say `previous_quantity: null` and
 * `previous_status: null`: the import does not read the items it overwrites (reading a million
 * streams would cost more than writing them), so "previous" is unknown, not "absent".
 */
export function readRow(
  fields: readonly string[],
  line: number,
  columns: ImportColumns,
  context: RowContext,
): RowResult {
  const source_code = fields[columns.source_code] ?? '';
  const sku = fields[columns.sku] ?? '';
  const reject = (reason: string): RowResult => ({
    ok: false,
    rejected: { line, source_code, sku, reason },
  });
  if (fields.length !== columns.width) {
    return reject(`expected ${columns.width} fields as in the header, found ${fields.length}`);
  }
  const command: SaveSourceItem = {
    type: 'save_source_item',
    source_code,
    sku,
    quantity: fields[columns.quantity],
    status: readStatus(columns.status === undefined ? '' : fields[columns.status]),
    reason: 'import',
    actor: context.actor,
    occurred_at: context.occurredAt,
  };
  try {
    const [decided] = sourceItemDecider.decide(command, initialSourceItemState);
    // Line numbers are stable for a given file, so a re-run yields the same ids.
    const commandId = `import:${context.importId}:${line}`;
    const event: NewEvent = {
      eventId: eventIdFor(commandId, 0),
      type: decided.type,
      data: decided.data,
      metadata: { causationId: commandId },
    };
    return { ok: true, row: { line, streamName: sourceItemStream(source_code, sku), event } };
  } catch (error) {
    if (isDomainError(error)) return reject(error.message);
    throw error;
  }
}

/** "0" and "1" as numbers, a blank cell as the default; anything else is left for the decider to refuse. */
function readStatus(cell: string): SourceItemStatus {
  if (cell === '') return DEFAULT_STATUS;
  if (cell === '0' || cell === '1') return Number(cell) as SourceItemStatus;
  return cell as unknown as SourceItemStatus;
}

/** A row that is valid in itself but names a source that does not exist (MSI's message). */
export function sourceNotFound(
  fields: readonly string[],
  line: number,
  columns: ImportColumns,
): RowResult {
  const source_code = fields[columns.source_code];
  const reason = `Source with code "${source_code}" does not exist.`;
  return { ok: false, rejected: { line, source_code, sku: fields[columns.sku], reason } };
}
