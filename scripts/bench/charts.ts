import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Results, SeriesPoint } from './result';
import { sideBySide } from './side-by-side';

/** A chart of the report: its file name under benchmarks/ and its Vega-Lite spec. */
export interface ChartSpec {
  file: string;
  title: string;
  spec: TopLevelSpec;
}

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  background: 'white',
  config: { font: 'sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 } },
} as const;

const rule = (value: number, field: 'x' | 'y') => ({
  mark: { type: 'rule' as const, strokeDash: [4, 4], color: '#c0392b' },
  encoding: { [field]: { datum: value } },
});

/** Throughput and p99 of salable reads against the number of connections (autocannon). */
function salableLoad(points: SeriesPoint[]): TopLevelSpec {
  const x = {
    field: 'connections',
    type: 'quantitative' as const,
    scale: { type: 'log' as const },
    title: 'connections (autocannon)',
  };
  const color = { field: 'target', type: 'nominal' as const, title: null };
  const panel = (field: string, title: string, target: number) => ({
    width: 300,
    height: 220,
    layer: [
      {
        mark: { type: 'line' as const, point: true },
        encoding: { x, y: { field, type: 'quantitative' as const, title }, color },
      },
      rule(target, 'y'),
    ],
  });
  return {
    ...base,
    data: { values: points },
    hconcat: [panel('rps', 'requests/s', 15000), panel('p99', 'p99 latency (ms)', 10)],
  } as TopLevelSpec;
}

/** Reservation decision latency (p50, p99) against the offered rate of order lines. */
function reservationLatency(points: SeriesPoint[]): TopLevelSpec {
  const values = points.flatMap((p) => [
    { offered: p.offered, quantile: 'p50', ms: p.p50 },
    { offered: p.offered, quantile: 'p99', ms: p.p99 },
  ]);
  return {
    ...base,
    width: 420,
    height: 240,
    data: { values },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'offered', type: 'quantitative', title: 'offered order lines/s (paced)' },
          y: { field: 'ms', type: 'quantitative', title: 'order event → outcome received (ms)' },
          color: { field: 'quantile', type: 'nominal', title: null },
        },
      },
      rule(100, 'y'),
    ],
  } as TopLevelSpec;
}

/**
 * Each product figure next to its raw ceiling (throughputs) or floor (latencies): one row per
 * pair, each with a linear scale of its own, as the pairs differ by orders of magnitude.
 */
function productVsInfra(all: Results): TopLevelSpec | undefined {
  const rows = sideBySide(all);
  if (!rows.length) return undefined;
  const values = rows.flatMap((r, order) => {
    const label = `${r.comparison.label} vs ${r.comparison.rawLabel}`;
    const share =
      r.comparison.kind === 'share'
        ? `${Math.round(r.ratio * 100)}% of the ceiling`
        : `${r.ratio.toFixed(1)}× the floor`;
    return [
      {
        label: `${label}: ${share}`,
        order,
        which: 'product',
        value: r.product.median,
        unit: r.product.unit,
      },
      {
        label: `${label}: ${share}`,
        order,
        which: 'raw infrastructure',
        value: r.raw.median,
        unit: r.raw.unit,
      },
    ];
  });
  return {
    ...base,
    config: { ...base.config, view: { stroke: null } },
    data: { values },
    facet: {
      row: {
        field: 'label',
        type: 'nominal',
        sort: { field: 'order' },
        title: null,
        header: {
          labelAngle: 0,
          labelOrient: 'top',
          labelAnchor: 'start',
          labelLimit: 0,
          labelFontSize: 12,
        },
      },
    },
    resolve: { scale: { x: 'independent' } },
    spacing: 6,
    spec: {
      width: 420,
      height: 36,
      layer: [
        {
          mark: 'bar',
          encoding: {
            y: { field: 'which', type: 'nominal', title: null, axis: null },
            x: { field: 'value', type: 'quantitative', title: null, axis: null },
            color: { field: 'which', type: 'nominal', title: null },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 3 },
          encoding: {
            y: { field: 'which', type: 'nominal' },
            x: { field: 'value', type: 'quantitative' },
            text: { field: 'text', type: 'nominal' },
          },
          transform: [
            {
              calculate:
                "format(datum.value, datum.value >= 100 ? ',.0f' : '.1f') + ' ' + datum.unit",
              as: 'text',
            },
          ],
        },
      ],
    },
  } as TopLevelSpec;
}

/** Peak resident memory of each service process (median in the bar's label), with the target. */
function memory(all: Results): TopLevelSpec | undefined {
  const values = Object.values(all).flatMap((r) =>
    (r.series?.rss ?? []).map((p) => ({ ...p, label: `${p.service} (${r.part})` })),
  );
  if (!values.length) return undefined;
  return {
    ...base,
    width: 380,
    data: { values },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y: {
            field: 'label',
            type: 'nominal',
            title: null,
            sort: null,
            axis: { labelLimit: 400 },
          },
          x: { field: 'peakMb', type: 'quantitative', title: 'peak resident memory (MB)' },
        },
      },
      {
        mark: { type: 'tick', color: 'black', thickness: 2 },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: null },
          x: { field: 'medianMb', type: 'quantitative' },
        },
      },
      rule(300, 'x'),
    ],
  } as TopLevelSpec;
}

/** The charts the results have data for. */
export function chartSpecs(all: Results): ChartSpec[] {
  const specs: ChartSpec[] = [];
  const load = all['salable-read']?.series?.load;
  if (load?.length)
    specs.push({
      file: 'salable-read-load.svg',
      title: 'Salable reads: throughput and p99 latency against connections',
      spec: salableLoad(load),
    });
  const latency = all.reservations?.series?.latencyVsRate;
  if (latency?.length)
    specs.push({
      file: 'reservations-latency.svg',
      title: 'Reservations: decision latency against offered rate (1,000 SKUs)',
      spec: reservationLatency(latency),
    });
  const side = productVsInfra(all);
  if (side)
    specs.push({
      file: 'product-vs-infra.svg',
      title: 'Product figures next to the raw infrastructure',
      spec: side,
    });
  const mem = memory(all);
  if (mem)
    specs.push({
      file: 'memory.svg',
      title: 'Resident memory of the service processes (bar: peak, tick: median)',
      spec: mem,
    });
  return specs;
}

/** Renders a Vega-Lite spec to SVG in Node: Vega's SVG string renderer needs no canvas. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
