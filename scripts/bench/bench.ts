import { eventStorePart } from './event-store.part';
import { importPart } from './import.part';
import { infraPart } from './infra.part';
import { PartResult, mergeResult, renderReport, reportDir } from './report';
import { reservationsPart } from './reservations.part';
import { meets } from './stats';
import { salablePropagationPart } from './salable-propagation.part';
import { salableReadPart } from './salable-read.part';
import { shipmentSelectionPart } from './shipment-selection.part';

type Part = (
  env: { databaseUrl: string; redisUrl: string; quick: boolean },
  log: (s: string) => void,
) => Promise<PartResult>;

// The raw infrastructure first: its figures are the ceilings the later parts are compared with.
const PARTS: Record<string, Part> = {
  infra: infraPart,
  'event-store': eventStorePart,
  import: importPart,
  'salable-read': salableReadPart,
  'salable-propagation': salablePropagationPart,
  reservations: reservationsPart,
  'shipment-selection': shipmentSelectionPart,
};

/**
 * `bench [--quick] [--part name ...] [--out dir]`: runs benchmark parts against the real stack
 * and writes the report (docs/ for a full run, .run/bench-quick/ for a quick one; report.ts).
 * `bench --render [--quick | --out dir]` only regenerates the report from its benchmarks.json.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const chosen = args.flatMap((a, i) =>
    a === '--part' ? [args[i + 1]] : a.startsWith('--part=') ? [a.slice(7)] : [],
  );
  const outAt = args.findIndex((a) => a === '--out' || a.startsWith('--out='));
  const out =
    outAt < 0
      ? undefined
      : args[outAt].startsWith('--out=')
        ? args[outAt].slice(6)
        : args[outAt + 1];
  const dir = reportDir(quick, out);
  if (args.includes('--render')) {
    await renderReport(dir);
    console.log(`[bench] rendered ${dir}/benchmarks.md and benchmarks/*.svg from benchmarks.json`);
    return;
  }
  const unknown = chosen.filter((p) => !PARTS[p]);
  if (unknown.length)
    throw new Error(
      `unknown part(s) ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`,
    );
  const env = {
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/inventory_bench',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    quick,
  };
  const started = performance.now();
  const elapsed = (from: number) => `${Math.round((performance.now() - from) / 1000)} s`;
  for (const name of chosen.length ? chosen : Object.keys(PARTS)) {
    console.log(`[bench] ${name}${quick ? ' (quick)' : ''}`);
    const partStarted = performance.now();
    const result = await PARTS[name](env, (s) => console.log(`[bench:${name}] ${s}`));
    mergeResult(result, dir, Object.keys(PARTS));
    await renderReport(dir);
    console.log(`[bench] ${name} took ${elapsed(partStarted)}`);
    const fmt = (n: number) => (Math.abs(n) >= 100 ? String(Math.round(n)) : n.toFixed(2));
    for (const f of result.figures)
      console.log(
        `[bench:${name}] ${f.name}: ${fmt(f.median)} ${f.unit} (min ${fmt(f.min)}, max ${fmt(f.max)})${meets(f) === false ? ' MISSED' : ''}`,
      );
  }
  console.log(
    `[bench] ${elapsed(started)} in all; wrote ${dir}/benchmarks.md, benchmarks.json and benchmarks/*.svg`,
  );
}

main().catch((err) => {
  console.error(`[bench] ${(err as Error).stack ?? err}`);
  process.exit(1);
});
