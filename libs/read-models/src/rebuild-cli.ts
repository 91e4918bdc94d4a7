import { SingleBar, Presets } from 'cli-progress';
import { ProjectionRunner } from './projection-runner';

/**
 * Operator-facing rebuild: drops the projection's keys and replays the event store with a progress
 * bar. `total` is an estimate of the events to replay (e.g. a count from the store), for the bar.
 */
export async function rebuildWithProgress(
  runner: ProjectionRunner,
  total: number,
  out: NodeJS.WriteStream = process.stderr,
): Promise<{ events: number; seconds: number }> {
  const bar = new SingleBar(
    {
      format: `rebuild ${runner.keys.projection} [{bar}] {value}/{total} events | {eta_formatted} left | {rate} ev/s`,
      stream: out,
      fps: 5,
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
  out.write(`rebuilt ${runner.keys.projection}: ${events} events in ${seconds.toFixed(1)} s\n`);
  return { events, seconds };
}
