import { ROUTE_SCOPES, SCOPES } from '@inventory/contracts';
import { RouteAccessTable } from '@inventory/auth';

const table = new RouteAccessTable();

describe('ROUTE_SCOPES', () => {
  it('names each method and path once, with a known scope or public', () => {
    const keys = ROUTE_SCOPES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of ROUTE_SCOPES) expect([...SCOPES, 'public']).toContain(r.access);
  });

  it('makes public only health, metrics and the API documents', () => {
    const open = ROUTE_SCOPES.filter((r) => r.access === 'public');
    for (const r of open) {
      expect(r.method).toBe('GET');
      expect(r.path).toMatch(/^\/(health|metrics|docs|openapi\.json)/);
    }
  });

  it('gives every write of the V1 API a scope other than read, except the bulk salable read', () => {
    const writes = ROUTE_SCOPES.filter((r) => r.method !== 'GET' && r.path.startsWith('/V1/'));
    expect(writes.filter((r) => r.access === 'inventory:read').map((r) => r.path)).toEqual([
      '/V1/inventory/salable-quantities',
    ]);
  });
});

describe('RouteAccessTable', () => {
  it('finds each entry by its own template and by a concrete path', () => {
    for (const r of ROUTE_SCOPES) {
      expect(table.forRoute(r.method, r.path)).toBe(r.access);
      const concrete = r.path.replace(/:[A-Za-z]+/g, 'X-1').replace(/\*$/, 'anything/else');
      expect(table.forPath(r.method, `${concrete}?searchCriteria[pageSize]=1`)).toBe(r.access);
    }
  });

  it('answers HEAD like GET, and nothing for unknown routes or malformed paths', () => {
    expect(table.forPath('HEAD', '/V1/inventory/sources/x')).toBe('inventory:read');
    expect(table.forPath('DELETE', '/V1/inventory/sources/x')).toBeUndefined();
    expect(table.forPath('GET', '/V1/inventory/no-such-thing')).toBeUndefined();
    expect(table.forPath('GET', '/V1/inventory/sources/%E0%A4%A')).toBeUndefined();
  });

  it('covers routes shipment-matching has yet to add under its prefixes', () => {
    expect(table.forRoute('GET', '/V1/inventory/shipments/:id')).toBe('inventory:read');
    expect(table.forRoute('POST', '/V1/inventory/shipments')).toBe('inventory:admin');
    expect(table.forRoute('POST', '/V1/inventory/source-selection-algorithm-result')).toBe(
      'inventory:admin',
    );
    expect(table.forPath('GET', '/V1/inventory/in-store-pickup/pickup-locations')).toBe(
      'inventory:read',
    );
  });
});
