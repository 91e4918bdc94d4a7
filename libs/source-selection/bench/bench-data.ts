import type { Quantity } from '@inventory/kernel';
import type { GeoNameEntry } from '../src/geonames/geoname-entry';
import type { InventoryRequest, LinkedSource, SourceItem } from '../src/types';

export interface BenchDataOptions {
  seed: number;
  sources: number;
  /** Lines per order. */
  lines: number;
  orders: number;
  catalog: number;
}

export interface BenchOrder {
  request: InventoryRequest;
  /** The stock's items for the order's SKUs, as a `sku IN (...)` query would load them. */
  items: SourceItem[];
}

export interface BenchData {
  sources: LinkedSource[];
  orders: BenchOrder[];
  postcodes: GeoNameEntry[];
}

/** mulberry32: small, fast and seedable, so every run measures the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const units = (n: number): Quantity => (n * 10_000) as Quantity;

/**
 * A European network: 1 source in 25 is a warehouse carrying 70% of the catalog in depth, the
 * rest are stores carrying 12% a few units deep; 3% of sources are disabled, 8% of items out
 * of stock. Priorities are a shuffle, unrelated to place. Orders ask 1 to 3 units per line
 * (some half units) and ship to one of 300 postcodes.
 */
export function benchData(options: BenchDataOptions): BenchData {
  const random = seededRandom(options.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const place = () => ({ latitude: 36 + random() * 24, longitude: -9 + random() * 33 });
  const priorities = Array.from({ length: options.sources }, (_, i) => i + 1);
  for (let i = priorities.length - 1; i > 0; i--) {
    const j = int(0, i);
    [priorities[i], priorities[j]] = [priorities[j], priorities[i]];
  }
  const sources = priorities.map((priority, i) => ({
    code: `src-${String(i).padStart(3, '0')}`,
    priority,
    enabled: random() >= 0.03,
    ...place(),
  }));
  const sku = (n: number) => `SKU-${String(n).padStart(5, '0')}`;
  const stock = new Map<string, SourceItem[]>();
  sources.forEach((source, i) => {
    const warehouse = i % 25 === 0;
    for (let n = 0; n < options.catalog; n++) {
      if (random() >= (warehouse ? 0.7 : 0.12)) continue;
      const quantity = units(warehouse ? int(0, 200) : int(0, 6));
      const row = { source_code: source.code, sku: sku(n), quantity, in_stock: random() >= 0.08 };
      const list = stock.get(row.sku) ?? [];
      list.push(row);
      stock.set(row.sku, list);
    }
  });
  const postcodes = Array.from({ length: 300 }, (_, i) => ({
    country_code: 'EU',
    postcode: String(10_000 + i * 7),
    city: `City ${i}`,
    region: `Region ${i % 40}`,
    province: '',
    ...place(),
  }));
  const orders = Array.from({ length: options.orders }, () => {
    const skus = new Set<string>();
    while (skus.size < options.lines) skus.add(sku(int(0, options.catalog - 1)));
    const items = [...skus].map((s) => ({ sku: s, qty: units(random() < 0.1 ? 0.5 : int(1, 3)) }));
    const postcode = postcodes[int(0, postcodes.length - 1)].postcode;
    const request = { stockId: 1, items, destination: { country: 'EU', postcode } };
    return { request, items: [...skus].flatMap((s) => stock.get(s) ?? []) };
  });
  return { sources, orders, postcodes };
}
