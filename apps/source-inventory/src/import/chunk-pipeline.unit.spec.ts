import { ChunkPipeline, type ChunkEntry, type ChunkOutcome } from './chunk-pipeline';

const entry = (streamName: string, n = 0): ChunkEntry => ({
  streamName,
  event: { eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 't', data: n },
});

/** A store stand-in whose writes finish only when the test says so. */
function manualWrites() {
  const calls: { streams: string[]; finish: (error?: Error) => void }[] = [];
  const write = (entries: readonly ChunkEntry[]) =>
    new Promise<ChunkOutcome>((resolve, reject) => {
      calls.push({
        streams: entries.map((e) => e.streamName),
        finish: (error) =>
          error ? reject(error) : resolve({ appended: entries.length, alreadyApplied: 0 }),
      });
    });
  return { calls, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ChunkPipeline', () => {
  it('closes a chunk early rather than name a stream twice in one write', async () => {
    const written: string[][] = [];
    const pipeline = new ChunkPipeline(
      async (entries) => {
        written.push(entries.map((e) => e.streamName));
        return { appended: entries.length, alreadyApplied: 0 };
      },
      { chunkSize: 3, maxInFlight: 2, onWritten: () => undefined },
    );

    for (const stream of ['s-a', 's-b', 's-a', 's-c', 's-d', 's-e', 's-f']) {
      await pipeline.add(entry(stream));
    }
    await pipeline.finish();

    expect(written).toEqual([
      ['s-a', 's-b'],
      ['s-a', 's-c', 's-d'],
      ['s-e', 's-f'],
    ]);
  });

  it('starts a chunk that repeats a stream only after the earlier write of it is done', async () => {
    const { calls, write } = manualWrites();
    const pipeline = new ChunkPipeline(write, {
      chunkSize: 2,
      maxInFlight: 3,
      onWritten: () => undefined,
    });

    await pipeline.add(entry('s-a'));
    await pipeline.add(entry('s-b')); // chunk 1 written
    await pipeline.add(entry('s-c'));
    await pipeline.add(entry('s-d')); // chunk 2 written alongside: no shared stream
    await pipeline.add(entry('s-e'));
    const adding = pipeline.add(entry('s-a')); // chunk 3 repeats s-a: waits for chunk 1
    await tick();
    expect(calls.map((c) => c.streams)).toEqual([
      ['s-a', 's-b'],
      ['s-c', 's-d'],
    ]);

    calls[0].finish();
    await adding;
    expect(calls[2].streams).toEqual(['s-e', 's-a']);
    calls[1].finish();
    calls[2].finish();
    await pipeline.finish();
  });

  it('keeps at most maxInFlight writes running', async () => {
    const { calls, write } = manualWrites();
    const pipeline = new ChunkPipeline(write, {
      chunkSize: 1,
      maxInFlight: 2,
      onWritten: () => undefined,
    });

    await pipeline.add(entry('s-1'));
    await pipeline.add(entry('s-2'));
    const third = pipeline.add(entry('s-3')).then(() => pipeline.add(entry('s-4')));
    await tick();
    expect(calls).toHaveLength(2);

    calls[0].finish();
    await tick();
    expect(calls).toHaveLength(3);
    calls[1].finish();
    calls[2].finish();
    await third;
    expect(calls).toHaveLength(4);
    calls[3].finish();
    await pipeline.finish();
  });

  it('adds up what the writes report and rethrows the first failed write', async () => {
    const outcomes: ChunkOutcome[] = [];
    let n = 0;
    const pipeline = new ChunkPipeline(
      async (entries) => {
        if (++n === 2) throw new Error('database went away');
        return { appended: entries.length, alreadyApplied: 0 };
      },
      { chunkSize: 1, maxInFlight: 1, onWritten: (o) => outcomes.push(o) },
    );

    await pipeline.add(entry('s-1'));
    await pipeline.add(entry('s-2'));
    await expect(pipeline.add(entry('s-3'))).rejects.toThrow('database went away');
    await expect(pipeline.finish()).rejects.toThrow('database went away');
    expect(outcomes).toEqual([{ appended: 1, alreadyApplied: 0 }]);
  });
});
