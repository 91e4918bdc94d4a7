import { readFileSync } from 'fs';

/**
 * Summarises a V8 CPU profile (`node --cpu-prof`; the benchmarks pass SERVICE_NODE_ARGS to every
 * service they start) into where the busy time went: by package or source area, and by function.
 *
 *   SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=$PWD/.run/prof" npm run bench -- --quick --part reservations
 *   node dist/scripts/bench/cpu-profile.js .run/prof/CPU.*.cpuprofile [--top 25]
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time in ms, idle excluded. */
  busyMs: number;
  idleMs: number;
  /** Self time per area (npm package, apps/<x>, libs/<x>, node internals, GC), share of busy. */
  byArea: Array<{ area: string; share: number }>;
  byFunction: Array<{ fn: string; share: number }>;
}

/** The package or source area a frame belongs to. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(apps|libs|scripts)\/([^/]+)/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return 'node (runtime)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)' || functionName === '') return 'V8 / native';
  return `native: ${functionName}`;
}

export function summarise(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  let busy = 0;
  let idle = 0;
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    busy += micros;
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + micros);
    const where = frame.url
      ? ` ${frame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${frame.lineNumber + 1}`
      : '';
    const fn = `${frame.functionName || '(anonymous)'}${where}`;
    fns.set(fn, (fns.get(fn) ?? 0) + micros);
  }
  const ranked = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    byArea: ranked(areas).map(([area, t]) => ({ area, share: t / busy })),
    byFunction: ranked(fns).map(([fn, t]) => ({ fn, share: t / busy })),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  // Every argument but `--top` and its value (without --top, every argument is a file).
  const files = args.filter((_, i) => topAt < 0 || (i !== topAt && i !== topAt + 1));
  if (files.length === 0) {
    console.error('usage: cpu-profile <file.cpuprofile>... [--top N]');
    process.exit(2);
  }
  for (const file of files) {
    const s = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top);
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
    console.log(`${file}: busy ${s.busyMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms`);
    console.log('  self time by area:');
    for (const a of s.byArea) console.log(`  ${pct(a.share)}  ${a.area}`);
    console.log('  self time by function:');
    for (const f of s.byFunction) console.log(`  ${pct(f.share)}  ${f.fn}`);
  }
}

if (require.main === module) main();
