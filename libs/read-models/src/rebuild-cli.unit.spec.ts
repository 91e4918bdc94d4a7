import { PassThrough } from 'stream';
import { rebuildWithProgress } from './rebuild-cli';

describe('rebuildWithProgress', () => {
  const run = async (applied: number, total: number) => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (d) => (printed += d));
    const runner = { name: 'items', rebuild: async () => applied };
    const result = await rebuildWithProgress(runner, total, out as unknown as NodeJS.WriteStream);
    return { result, last: printed.trim().split('\n').at(-1) };
  };

  it('reports the events it replayed', async () => {
    const { result, last } = await run(8, 8);
    expect(result.events).toBe(8);
    expect(last).toMatch(/^rebuilt items: 8 events in \d+\.\d s$/);
  });

  it('says so when a running service applied part of the replay', async () => {
    const { last } = await run(3, 8);
    expect(last).toMatch(
      /^rebuilt items: 3 events in \d+\.\d s \(a running service applied the other 5\)$/,
    );
  });
});
