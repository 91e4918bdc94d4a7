import { execFile } from 'child_process';
import { loadavg } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import type { BenchEnv } from './event-store.part';
import { PartResult, machine } from './report';
import { figure, repeat } from './stats';

const run = promisify(execFile);

interface ImportRun {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

/** CSV import of source items (MSI format) into the event store, each run in a fresh process. */
export async function importPart(env: BenchEnv, log: (s: string) => void): Promise<PartResult> {
  const before = loadavg();
  const rows = env.quick ? 25_000 : 1_000_000;
  const runs = await repeat(3, async (i) => {
    const { stdout } = await run(
      process.execPath,
      [join(__dirname, 'import-child.js'), String(rows)],
      {
        env: process.env,
        maxBuffer: 1 << 20,
      },
    );
    const r = JSON.parse(stdout.trim().split('\n').pop()!) as ImportRun;
    log(
      `import run ${i + 1}/3: ${r.rows} rows in ${r.seconds.toFixed(1)} s, peak ${Math.round(r.peakRssMb)} MB`,
    );
    return r;
  });
  return {
    part: 'import',
    title: 'Source-item CSV import',
    measuredAt: new Date().toISOString(),
    machine: machine(before),
    quick: env.quick,
    figures: [
      figure(
        `import of ${rows.toLocaleString('en-US')} rows`,
        's',
        runs.map((r) => r.seconds),
        env.quick ? undefined : { op: '<=', value: 120 },
      ),
      figure(
        'import throughput',
        'rows/s',
        runs.map((r) => r.rowsPerSecond),
      ),
      figure(
        'peak resident memory of the importing process',
        'MB',
        runs.map((r) => r.peakRssMb),
        { op: '<=', value: 512 },
      ),
    ],
    notes: [
      "Each row becomes one source_item_saved event on its own stream; chunks of 1,000 rows are written with the event store's atomic multi-stream append (one statement per chunk).",
      'The time covers parsing, validation and the event-store writes; the PostgreSQL read model and the relay catch up afterwards.',
    ],
  };
}
