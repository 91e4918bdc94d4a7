import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { register } from 'prom-client';
import { APPS } from '../k8s/lib/apps';
import { renderOverlay } from '../k8s/lib/kustomize';
import { rulesOf } from '../k8s/lib/rules';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const GUIDE = read('docs/operations.md');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
const headings = [...GUIDE.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1].trim());
/** The lines of the guide outside fenced blocks and inside them alike. */
const lines = GUIDE.split('\n');

/**
 * docs/operations.md against the code it describes: the alert rules' runbook links and names,
 * the metrics the services register, and the CLI entry points, commands and flags it shows.
 */
describe('operations guide', () => {
  const rules = rulesOf(renderOverlay('prod'));

  it('has the section every runbook link of the alert rules points to', () => {
    const anchors = new Set(headings.map(slug));
    const links = rules.map((r) => r.annotations.runbook);
    expect(links.every((l) => l?.startsWith('docs/operations.md#'))).toBe(true);
    expect(links.map((l) => l.split('#')[1]).filter((a) => !anchors.has(a))).toEqual([]);
  });

  it('describes each alert under Alerts, and no other', () => {
    const alerts = GUIDE.split(/^## /m)
      .find((s) => s.startsWith('Alerts\n'))!
      .match(/^### (\S+)$/gm)!
      .map((h) => h.slice(4));
    expect(alerts.sort()).toEqual(rules.map((r) => r.alert!).sort());
  });

  it('lists exactly the metrics the services register (besides Node defaults)', async () => {
    expect(APPS).toHaveLength(5); // importing them is what registers the metrics
    const registered = (await register.getMetricsAsJSON())
      .map((m) => m.name)
      .filter((n) => !n.startsWith('process_') && !n.startsWith('nodejs_'));
    // Registered when the thing they measure starts, not on import.
    const atRuntime = {
      salable_cache: 'libs/salable-read/src/salable-cache.ts',
      stock_level_cache: 'apps/reservations/src/orders/stock-levels.ts',
    };
    for (const [name, file] of Object.entries(atRuntime))
      expect(read(file)).toContain(`name: '${name}'`);
    const section = GUIDE.split(/^## /m).find((s) => s.startsWith('Metrics\n'))!;
    const documented = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(
      [...new Set([...registered, ...Object.keys(atRuntime)])].sort(),
    );
  });

  it('names only entry points the build produces', () => {
    const entries = [...GUIDE.matchAll(/node (dist\/[\w/.-]+)\.js/g)].map((m) => m[1]);
    expect(entries.length).toBeGreaterThan(10);
    const missing = entries.filter(
      (e) => !e.includes('<') && !existsSync(join(ROOT, `${e.slice('dist/'.length)}.ts`)),
    );
    expect(missing).toEqual([]);
  });

  it('shows only CLI commands and flags the CLIs have', () => {
    const cliSources = [
      'libs/service-kit/src/cli.ts',
      'libs/service-kit/src/replay-cli.ts',
      'apps/source-inventory/src/cli.ts',
      'apps/source-inventory/src/import/import-cli.ts',
      'apps/stock-aggregation/src/cli.ts',
      'apps/reservations/src/cli.ts',
      'apps/shipment-matching/src/cli.ts',
      'apps/shipment-matching/src/postcodes/import-postcodes.ts',
    ]
      .map(read)
      .join('\n');
    const commands = [...GUIDE.matchAll(/cli\.js ([a-z][a-z-]+)/g)].map((m) => m[1]);
    expect(
      commands.filter((c) => !new RegExp(`^\\s+${c}\\b|'${c}'`, 'm').test(cliSources)),
    ).toEqual([]);
    const flags = lines
      .filter((l) => /cli\.js|replay-dead-letters|rebuild-salable|db:migrate/.test(l))
      .flatMap((l) => [...l.matchAll(/(?<![\w-])(--[a-z][a-z-]+)/g)].map((m) => m[1]))
      .filter((f) => !['--silent', '--dry-run=client'].includes(f));
    expect(flags.length).toBeGreaterThan(3);
    expect([...new Set(flags)].filter((f) => !cliSources.includes(`'${f}'`))).toEqual([]);
  });
});
