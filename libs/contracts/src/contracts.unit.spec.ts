import {
  GATEWAY_ROUTES,
  TOPICS,
  allTopicSpecs,
  dlqTopicName,
  routeFor,
} from '@inventory/contracts';

describe('topics', () => {
  it('follow <context>.<entity>.v<major> and are unique', () => {
    const names = Object.values(TOPICS).map((t) => t.name);
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z-]+\.v\d+$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it('each have a dead-letter twin with the same partition count', () => {
    const specs = allTopicSpecs();
    for (const topic of Object.values(TOPICS)) {
      const dlq = specs.find((s) => s.name === dlqTopicName(topic.name));
      expect(dlq?.partitions).toBe(topic.partitions);
    }
    expect(specs).toHaveLength(Object.keys(TOPICS).length * 2);
  });
});

describe('gateway routes', () => {
  it('resolve paths under a prefix to the owning service', () => {
    expect(routeFor('/V1/inventory/sources')).toBe('source-inventory');
    expect(routeFor('/V1/inventory/sources/default')).toBe('source-inventory');
    expect(routeFor('/V1/inventory/stocks/1')).toBe('stock-aggregation');
    expect(routeFor('/V1/inventory/checkout/reservations')).toBe('reservations');
  });

  it('prefer the longest prefix and do not match a prefix of a word', () => {
    expect(routeFor('/V1/inventory/source-items-delete')).toBe('source-inventory');
    expect(routeFor('/V1/inventory/stock-source-links-delete')).toBe('stock-aggregation');
    expect(routeFor('/V1/inventory/sourcesX')).toBeUndefined();
    expect(routeFor('/health')).toBeUndefined();
  });

  it('has no duplicate prefixes', () => {
    const prefixes = GATEWAY_ROUTES.map((r) => r.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
