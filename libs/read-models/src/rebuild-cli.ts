import { SingleBar, Presets } from 'cli-progress';

/** Either kind of projection runner. */
export interface Rebuildable {
  readonly name: string;
  rebuild(onBatch?: (applied: number) => void): Promise<number>;
}

/**
 * Operator-facing rebuild: drops the projection's keys and replays the event store with a progress
 * bar. `total` is an estimate of the events to replay (e.g. a count from the store), for the bar.
 */
export async function rebuildWithProgress(
  runner: Rebuildable,
  total: number,
  out: NodeJS.WriteStream = process.stderr,
): Promise<{ events: number; seconds: number }> {
  const bar = new SingleBar(
    {
      format: `rebuild ${runner.name} [{bar}] {value}/{total} events | {eta_formatted} left | {rate} ev/s`,
      stream: out,
      fps: 5,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(Math.max(total, 1), 0, { rate: 0 });
  const events = await runner.rebuild((applied) => {
    if (applied > bar.getTotal()) bar.setTotal(applied);
    bar.update(applied, {
      rate: Math.round(applied / Math.max((Date.now() - started) / 1000, 0.001)),
    });
  });
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  // A running service's runner of the same projection keeps polling, sees the reset checkpoint
  // and applies pages too (each event still once): then this run applied fewer than there are.
  const others = total > events ? ` (a running service applied the other ${total - events})` : '';
  out.write(`rebuilt ${runner.name}: ${events} events in ${seconds.toFixed(1)} s${others}\n`);
  return { events, seconds };
}
