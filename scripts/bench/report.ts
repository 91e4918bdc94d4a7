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

/**
 * Merges a part's result into `<dir>/benchmarks.json` (parts not in `known` are dropped), renders
 * the charts into `<dir>/benchmarks/` and regenerates `<dir>/benchmarks.md` from it all.
 */
export async function writeReport(result: PartResult, dir: string, known: string[]): Promise<void> {
  const jsonFile = join(dir, 'benchmarks.json');
  const previous: Results = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {};
  const all: Results = {};
  for (const [name, r] of Object.entries(previous)) if (known.includes(name)) all[name] = r;
  all[result.part] = result;
  mkdirSync(join(dir, 'benchmarks'), { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(all, null, 2)}\n`);
  const charts = chartSpecs(all);
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
