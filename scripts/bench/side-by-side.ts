import { Results, findFigure } from './result';
import type { Figure } from './stats';

interface Ref {
  part: string;
  figure: string | RegExp;
}

/**
 * A product figure next to the raw infrastructure it runs on. `share`: a throughput as a share
 * of its ceiling (1 = as fast as the bare infrastructure); `times`: a latency as a multiple of
 * its floor.
 */
export interface Comparison {
  label: string;
  product: Ref;
  raw: Ref;
  kind: 'share' | 'times';
  /** The raw figure in a few words, for the chart. */
  rawLabel: string;
  why: string;
}

export const COMPARISONS: Comparison[] = [
  {
    label: 'salable reads, stock-aggregation directly',
    product: { part: 'salable-read', figure: 'stock-aggregation directly: throughput' },
    raw: { part: 'salable-read', figure: 'bare Fastify handler returning a constant: throughput' },
    kind: 'share',
    rawLabel: 'bare Fastify',
    why: 'same HTTP stack answering a constant, measured in the same rounds (target >= 60%)',
  },
  {
    label: 'salable reads, through the gateway',
    product: { part: 'salable-read', figure: 'through the gateway: throughput' },
    raw: { part: 'salable-read', figure: 'bare Fastify handler returning a constant: throughput' },
    kind: 'share',
    rawLabel: 'bare Fastify',
    why: 'as above, with the gateway hop in front',
  },
  {
    label: 'salable reads, stock-aggregation directly',
    product: { part: 'salable-read', figure: 'stock-aggregation directly: throughput' },
    raw: { part: 'infra', figure: 'Redis GET (redis-benchmark' },
    kind: 'share',
    rawLabel: 'Redis GET',
    why: 'each read is one Redis round trip (one pipeline)',
  },
  {
    label: 'reservations, 1,000 SKUs',
    product: { part: 'reservations', figure: 'order lines/s, 1,000 SKUs' },
    raw: { part: 'infra', figure: 'Kafka round trips' },
    kind: 'share',
    rawLabel: 'Kafka round trips',
    why: 'order event consumed, outcome produced (lines/s against messages/s; an order has 3 lines on average)',
  },
  {
    label: 'reservations, hot SKU',
    product: { part: 'reservations', figure: 'order lines/s, one hot SKU' },
    raw: { part: 'infra', figure: 'Kafka round trips' },
    kind: 'share',
    rawLabel: 'Kafka round trips',
    why: 'one line per order event, so lines/s = messages/s',
  },
  {
    label: 'event-store appends',
    product: { part: 'event-store', figure: 'single-event appends, 8 concurrent writers' },
    raw: { part: 'infra', figure: 'PostgreSQL single-row inserts' },
    kind: 'share',
    rawLabel: 'PostgreSQL inserts',
    why: 'one committed transaction per append against one autocommit INSERT per row, 8 connections each',
  },
  {
    label: 'read-model rebuild',
    product: { part: 'event-store', figure: /^replay of .* events into a Redis projection$/ },
    raw: { part: 'infra', figure: 'Redis SET, pipelines of 16' },
    kind: 'share',
    rawLabel: 'Redis SET, pipelined',
    why: 'the rebuild batches its Redis writes (one script per page), so pipelined SET is its ceiling',
  },
  {
    label: 'propagation p50',
    product: {
      part: 'salable-propagation',
      figure: 'source-item change to salable read model: p50',
    },
    raw: { part: 'infra', figure: 'Kafka end-to-end latency p50' },
    kind: 'times',
    rawLabel: 'Kafka end to end p50',
    why: 'one Kafka hop, plus HTTP, two PostgreSQL transactions and a Redis write',
  },
  {
    label: 'propagation p99',
    product: {
      part: 'salable-propagation',
      figure: 'source-item change to salable read model: p99',
    },
    raw: { part: 'infra', figure: 'Kafka end-to-end latency p99' },
    kind: 'times',
    rawLabel: 'Kafka end to end p99',
    why: 'as above (target p99 <= 250 ms)',
  },
  {
    label: 'reservation decision p99, 1,000 SKUs',
    product: { part: 'reservations', figure: 'decision latency p99, 1,000 SKUs' },
    raw: { part: 'infra', figure: 'Kafka end-to-end latency p99' },
    kind: 'times',
    rawLabel: 'Kafka end to end p99',
    why: 'two Kafka hops (order in, outcome out) around a PostgreSQL transaction: 2× is the floor',
  },
];

export interface ComparisonRow {
  comparison: Comparison;
  product: Figure;
  raw: Figure;
  ratio: number;
}

/** The comparisons whose two figures are both in the results. */
export function sideBySide(all: Results): ComparisonRow[] {
  return COMPARISONS.flatMap((c) => {
    const product = findFigure(all, c.product.part, c.product.figure);
    const raw = findFigure(all, c.raw.part, c.raw.figure);
    if (!product || !raw || !raw.median) return [];
    return [{ comparison: c, product, raw, ratio: product.median / raw.median }];
  });
}
