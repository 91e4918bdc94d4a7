import { readFileSync } from 'fs';
import { quantile } from './stats';

/** Resident set size of a process in MB (VmRSS from /proc, Linux); NaN once it has exited. */
export function rssMb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface RssSummary {
  peakMb: number;
  medianMb: number;
  samples: number;
}

/**
 * Samples the resident memory of the named processes every `intervalMs` until `take()` is
 * called, which returns peak and median per name since the previous `take()` (so one sampler
 * can report each benchmark round on its own). `stop()` ends the sampling.
 */
export function rssSampler(processes: Array<{ name: string; pid: number }>, intervalMs = 250) {
  let samples = new Map<string, number[]>(processes.map((p) => [p.name, []]));
  const sample = () => {
    for (const p of processes) {
      const mb = rssMb(p.pid);
      if (!Number.isNaN(mb)) samples.get(p.name)!.push(mb);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    take(): Record<string, RssSummary> {
      sample();
      const out: Record<string, RssSummary> = {};
      for (const [name, xs] of samples) {
        const sorted = [...xs].sort((a, b) => a - b);
        out[name] = {
          peakMb: sorted.length ? sorted[sorted.length - 1] : NaN,
          medianMb: quantile(sorted, 0.5),
          samples: sorted.length,
        };
      }
      samples = new Map(processes.map((p) => [p.name, []]));
      return out;
    },
    stop: () => clearInterval(timer),
  };
}
