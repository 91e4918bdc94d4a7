import { readFileSync } from 'fs';
import { join } from 'path';
import { chartSpecs, renderSvg } from './charts';
import type { Results } from './result';

const sample: Results = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8'),
);

/** Throws unless every tag is closed in order and the root element is one <svg>. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  let roots = 0;
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) {
      if (!stack.length) roots++;
      stack.push(name);
    }
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

describe('benchmark charts', () => {
  it('renders no chart for results without their data', () => {
    expect(chartSpecs({})).toEqual([]);
  });

  it('renders each chart of the sample results as well-formed SVG with its labels', async () => {
    const specs = chartSpecs(sample);
    expect(specs.map((s) => s.file)).toEqual([
      'salable-read-load.svg',
      'reservations-latency.svg',
      'product-vs-infra.svg',
      'memory.svg',
    ]);
    const svgs = Object.fromEntries(
      await Promise.all(specs.map(async (s) => [s.file, await renderSvg(s.spec)] as const)),
    );
    for (const [file, svg] of Object.entries(svgs)) {
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/ width="\d+" height="\d+"/);
      // A field name out of step with the data shows up as NaN coordinates.
      expect({ file, nan: svg.includes('NaN') }).toEqual({ file, nan: false });
      assertWellFormed(svg);
    }
    expect(svgs['salable-read-load.svg']).toContain('connections (autocannon)');
    expect(svgs['salable-read-load.svg']).toContain('stock-aggregation');
    expect(svgs['reservations-latency.svg']).toContain('offered order lines/s (paced)');
    expect(svgs['product-vs-infra.svg']).toContain('reservations, 1,000 SKUs vs Kafka round trips');
    expect(svgs['memory.svg']).toContain('reservations (reservations)');
  });

  it('finds a broken SVG', () => {
    expect(() => assertWellFormed('<svg><g></svg>')).toThrow('</svg> closes <g>');
  });
});
