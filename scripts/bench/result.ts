import { cpus, loadavg, totalmem } from 'os';
import type { Figure } from './stats';

/** A point of a chart's series: plain numbers and labels, kept in benchmarks.json. */
export type SeriesPoint = Record<string, number | string>;

export interface PartResult {
  part: string;
  title: string;
  measuredAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    loadAvgBefore: number[];
    loadAvgAfter: number[];
  };
  quick: boolean;
  figures: Figure[];
  notes: string[];
  /** Data behind the charts (charts.ts), by series name. */
  series?: Record<string, SeriesPoint[]>;
}

export function machine(loadAvgBefore: number[]): PartResult['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAvgBefore,
    loadAvgAfter: loadavg(),
  };
}

/** Results by part name, in the order the parts ran: what benchmarks.json holds. */
export type Results = Record<string, PartResult>;

/** A part's figure whose name starts with `prefix` (names carry counts that quick runs change). */
export function findFigure(all: Results, part: string, prefix: string | RegExp) {
  return all[part]?.figures.find((f) =>
    typeof prefix === 'string' ? f.name.startsWith(prefix) : prefix.test(f.name),
  );
}
