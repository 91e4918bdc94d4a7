import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAnalysis } from './analysis';
import { renderMarkdown, verdict } from './render';
import type { Results } from './result';
import { figure } from './stats';

const sample: Results = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8'),
);

describe('benchmark report', () => {
  it('says by how much a median misses its target', () => {
    expect(verdict(figure('x', 'lines/s', [2000, 2500, 3000], { op: '>=', value: 5000 }))).toBe(
      '**missed** by 2,500 lines/s, 50% short',
    );
    expect(verdict(figure('x', 'ms', [400, 450, 500], { op: '<=', value: 100 }))).toBe(
      '**missed** by 350 ms, 4.5× the limit',
    );
    expect(verdict(figure('x', 'units', [0, 2, 3], { op: '<=', value: 0 }))).toBe(
      '**missed** by 2.00 units',
    );
    expect(verdict(figure('x', 'req/s', [14900, 14936], { op: '>=', value: 15000 }))).toBe(
      '**missed** by 82.00 req/s, 0.5% short',
    );
    expect(verdict(figure('x', 'ms', [5, 6, 7], { op: '<=', value: 10 }))).toBe('met');
    expect(verdict(figure('x', 'ms', [5, 6, 7]))).toBe('');
  });

  it('reads the hand-written explanations by part', () => {
    const analysis = parseAnalysis(
      '# Title\n\nIntro.\n\n## reservations\n\nWhy it is slow.\n\n## `salable-read`\nCPU.\n',
    );
    expect([...analysis]).toEqual([
      ['reservations', 'Why it is slow.'],
      ['salable-read', 'CPU.'],
    ]);
  });

  it('puts ratios, charts, misses and their explanations in the report', () => {
    const md = renderMarkdown(sample, {
      quick: true,
      outLabel: '.run/bench-quick',
      charts: [{ file: 'product-vs-infra.svg', title: 'Side by side' }],
      analysis: new Map([['reservations', 'Hand-written reason.']]),
    });
    expect(md).toMatch(/^# Benchmarks \(quick run\)/);
    expect(md).toContain('![Side by side](benchmarks/product-vs-infra.svg)');
    // 2,400 lines/s against 12,000 Kafka round trips/s.
    expect(md).toMatch(
      /\| reservations, 1,000 SKUs \| 2,400 lines\/s \|.*\| 20\.00% of the ceiling \|/,
    );
    // A latency against its floor: 466 ms against Kafka's end-to-end p99 of 30 ms.
    expect(md).toMatch(
      /\| reservation decision p99, 1,000 SKUs \| 466 ms \|.*\| 15\.53× the floor \|/,
    );
    const why = md.slice(md.indexOf('## Where targets are missed, and why'));
    expect(why).toContain('Hand-written reason.');
    expect(why).toContain('add a `## salable-read` section to docs/benchmarks-analysis.md');
  });
});
