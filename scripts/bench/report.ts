import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { parseAnalysis } from './analysis';
import { chartSpecs, renderSvg } from './charts';
import { renderMarkdown } from './render';
import type { PartResult, Results } from './result';

export { machine, type PartResult } from './result';

/** The repository root: the nearest parent with package.json (from scripts/ or dist/scripts/). */
function findRoot(dir: string): string {
  for (let d = dir; dirname(d) !== d; d = dirname(d))
    if (existsSync(join(d, 'package.json'))) return d;
  throw new Error(`no package.json above ${dir}`);
}

export const ROOT = findRoot(__dirname);
const ANALYSIS_FILE = join(ROOT, 'docs', 'benchmarks-analysis.md');

/**
 * Where a run writes: a full run to docs/ (the committed report), a quick run to
 * .run/bench-quick/ unless `--out` says otherwise.
 */
export function reportDir(quick: boolean, out?: string): string {
  if (out) return join(process.cwd(), out);
  return quick ? join(ROOT, '.run', 'bench-quick') : join(ROOT, 'docs');
}

/** Merges a part's result into `<dir>/benchmarks.json` (parts not in `known` are dropped). */
export function mergeResult(result: PartResult, dir: string, known: string[]): void {
  const all: Results = {};
  for (const [name, r] of Object.entries(readResults(dir))) if (known.includes(name)) all[name] = r;
  all[result.part] = result;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'benchmarks.json'), `${JSON.stringify(all, null, 2)}\n`);
}

function readResults(dir: string): Results {
  const file = join(dir, 'benchmarks.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/**
 * Renders `<dir>/benchmarks.json` into the charts in `<dir>/benchmarks/` and `<dir>/benchmarks.md`
 * (with the explanations of docs/benchmarks-analysis.md); no benchmark runs.
 */
export async function renderReport(dir: string): Promise<void> {
  const all = readResults(dir);
  const charts = chartSpecs(all);
  mkdirSync(join(dir, 'benchmarks'), { recursive: true });
  for (const c of charts)
    writeFileSync(join(dir, 'benchmarks', c.file), `${await renderSvg(c.spec)}\n`);
  const analysis = existsSync(ANALYSIS_FILE)
    ? parseAnalysis(readFileSync(ANALYSIS_FILE, 'utf8'))
    : new Map<string, string>();
  writeFileSync(
    join(dir, 'benchmarks.md'),
    renderMarkdown(all, {
      quick: Object.values(all).some((r) => r.quick),
      outLabel: relative(ROOT, dir) || '.',
      charts,
      analysis,
    }),
  );
}
