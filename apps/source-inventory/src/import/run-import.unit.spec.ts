import { mkdtemp, readFile, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { eventIdFor } from '@inventory/decider';
import {
  InMemoryEventStore,
  type EventStore,
  type RecordedEvent,
  type StreamAppend,
} from '@inventory/event-store';
import { withoutMultiStreamAppend } from './chunk-writer';
import { runImport, type ImportOptions } from './run-import';

const actor = { type: 'user' as const, id: 'ops' };
const SOURCES = new Set(['default', 'eu-1']);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-unit-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function csvFile(content: string | Buffer, name = 'items.csv'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  return (await store.readAll(null, 10_000)).events;
}

const variants: Array<[string, (store: InMemoryEventStore) => EventStore]> = [
  ['multi-stream append', (store) => store],
  ['single appends', (store) => withoutMultiStreamAppend(store)],
];

describe.each(variants)('runImport with %s', (_, wrap) => {
  let memory: InMemoryEventStore;
  let store: EventStore;
  beforeEach(() => {
    memory = new InMemoryEventStore();
    store = wrap(memory);
  });

  const run = (file: ImportOptions['file'], options: Partial<ImportOptions> = {}) =>
    runImport({
      store,
      file,
      actor,
      occurredAt: '2025-01-02T03:04:05.000Z',
      sourceExists: async (code) => SOURCES.has(code),
      ...options,
    });

  it('imports every row as one source_item_saved event on its item stream', async () => {
    const file = await csvFile(
      'source_code,sku,status,quantity\ndefault,SKU-1,1,10\neu-1,SKU-2,0,2.5\n',
    );

    const summary = await run(file, { importId: 'first' });

    expect(summary).toMatchObject({
      importId: 'first',
      rows: 2,
      imported: 2,
      alreadyApplied: 0,
      rejected: 0,
    });
    const events = await allEvents(memory);
    expect(events.map((e) => [e.streamName, e.eventId, e.data])).toEqual([
      [
        'sourceitem-default/SKU-1',
        eventIdFor('import:first:2', 0),
        expect.objectContaining({
          quantity: '10.0000',
          status: 1,
          reason: 'import',
          previous_quantity: null,
        }),
      ],
      [
        'sourceitem-eu-1/SKU-2',
        eventIdFor('import:first:3', 0),
        expect.objectContaining({ quantity: '2.5000', status: 0, previous_status: null }),
      ],
    ]);
  });

  it('reads RFC 4180 quoting, a BOM, CRLF line ends, empty lines and any column order', async () => {
    const content =
      '\ufeffQuantity,SKU,Source_Code\r\n\r\n' +
      '"1,5","SKU ""A"", blue",default\r\n' +
      '3,"two\r\nlines",eu-1\r\n' +
      '\r\n' +
      '4,plain,default\r\n';
    const file = await csvFile(Buffer.from(content, 'utf8'));

    const summary = await run(file, { importId: 'q' });

    // Line 3 is rejected ("1,5" is not a number); the SKU spanning lines 4-5 counts from line 4.
    expect(summary).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    const events = await allEvents(memory);
    expect(events.map((e) => e.eventId)).toEqual([
      eventIdFor('import:q:4', 0),
      eventIdFor('import:q:7', 0),
    ]);
  });

  it('keeps quoted SKUs with commas, quotes and line breaks intact', async () => {
    const file = await csvFile(
      'source_code,sku,quantity\ndefault,"SKU ""A"", blue",1\ndefault,"two\nlines",2\n',
    );

    await run(file, { importId: 'q' });

    const events = await allEvents(memory);
    expect(events.map((e) => (e.data as { sku: string }).sku)).toEqual([
      'SKU "A", blue',
      'two\nlines',
    ]);
  });

  it('reports bad rows with their line numbers and writes none of them', async () => {
    const file = await csvFile(
      'source_code,sku,status,quantity\n' +
        'default,SKU-1,1,10\n' +
        'default,SKU-2,1,lots\n' +
        '\n' +
        'nowhere,SKU-3,1,1\n' +
        'default,"multi\nline",1,1\n' +
        'default," SKU-4",9,1\n',
    );
    const reportFile = join(dir, 'rejected.csv');

    const summary = await run(file, { importId: 'bad', reportFile });

    expect(summary).toMatchObject({ rows: 5, imported: 2, rejected: 3 });
    expect(await readFile(reportFile, 'utf8')).toBe(
      'line,source_code,sku,reason\n' +
        '3,default,SKU-2,"""quantity"" should be numeric."\n' +
        '5,nowhere,SKU-3,"Source with code ""nowhere"" does not exist."\n' +
        '8,default," SKU-4","""sku"" can not contain whitespaces. ""status"" should a known status."\n',
    );
    const ids = (await allEvents(memory)).map((e) => e.eventId);
    expect(ids).toEqual([eventIdFor('import:bad:2', 0), eventIdFor('import:bad:6', 0)]);
  });

  it('applies a SKU listed twice in order, so the later row wins', async () => {
    const file = await csvFile(
      'source_code,sku,quantity\ndefault,A,1\ndefault,B,1\ndefault,A,2\neu-1,A,5\ndefault,A,3\n',
    );
    const calls: StreamAppend[][] = [];
    const spy = memory.appendToStreams.bind(memory);
    memory.appendToStreams = (appends) => {
      calls.push([...appends]);
      return spy(appends);
    };

    await run(file, { importId: 'dup', chunkSize: 10 });

    const stream = await memory.readStream('sourceitem-default/A');
    expect(stream.map((e) => (e.data as { quantity: string }).quantity)).toEqual([
      '1.0000',
      '2.0000',
      '3.0000',
    ]);
    for (const call of calls) {
      expect(new Set(call.map((a) => a.streamName)).size).toBe(call.length);
    }
  });

  it('changes nothing when run again: every row is already applied', async () => {
    const content =
      'source_code,sku,quantity\ndefault,A,1\ndefault,B,2\ndefault,A,3\nnowhere,C,1\n';
    const file = await csvFile(content);
    const first = await run(file, { chunkSize: 2 });
    const copy = await csvFile(content, 'copy.csv');

    const again = await run(copy, { chunkSize: 3 });

    expect(first).toMatchObject({ imported: 3, alreadyApplied: 0, rejected: 1 });
    expect(again).toMatchObject({
      importId: first.importId,
      imported: 0,
      alreadyApplied: 3,
      rejected: 1,
    });
    expect(await allEvents(memory)).toHaveLength(3);
  });

  it('refuses a file without a header, naming line 1, and writes nothing', async () => {
    const file = await csvFile('default,SKU-1,1,10\ndefault,SKU-2,1,5\n');

    await expect(run(file, { importId: 'x' })).rejects.toMatchObject({
      code: 'IMPORT_FORMAT',
      message: expect.stringMatching(/^line 1: the first line must be a header/),
    });
    expect(await allEvents(memory)).toEqual([]);
  });

  it('refuses an empty file', async () => {
    await expect(run(await csvFile('\n\n'), { importId: 'x' })).rejects.toThrow(
      'the file is empty',
    );
  });

  it('refuses a file with broken quoting before writing anything, naming the line', async () => {
    const file = await csvFile(
      'source_code,sku,quantity\ndefault,A,1\ndefault,"B"x,1\ndefault,C,1\n',
    );

    await expect(run(file, { importId: 'x' })).rejects.toMatchObject({
      code: 'IMPORT_FORMAT',
      line: 3,
    });
    expect(await allEvents(memory)).toEqual([]);
  });

  it('stops a stream at broken quoting with the line', async () => {
    const input = Readable.from(['source_code,sku,quantity\ndefault,A,1\n"unclosed,1\n']);

    await expect(run(input, { importId: 'x' })).rejects.toMatchObject({ code: 'IMPORT_FORMAT' });
  });

  it('reads a stream when given an import id, and looks each source up once', async () => {
    const lookups: string[] = [];
    const progress: number[] = [];
    const rows = Array.from({ length: 2500 }, (_, i) => `${i % 2 ? 'default' : 'eu-1'},S${i},7`);
    const input = Readable.from([`source_code,sku,quantity\n${rows.join('\n')}\n`]);

    const summary = await run(input, {
      importId: 'stream',
      sourceExists: async (code) => (lookups.push(code), true),
      onProgress: (p) => progress.push(p.rows),
    });

    expect(summary).toMatchObject({ rows: 2500, imported: 2500 });
    expect(lookups.sort()).toEqual(['default', 'eu-1']);
    expect(progress).toEqual([1000, 2000, 2500]);
    await expect(run(Readable.from(['x']))).rejects.toThrow('importId is required');
  });
});
