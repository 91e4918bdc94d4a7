import { DOMAIN_SERVICES } from '@inventory/contracts';
import { ServiceProcess, api, json, startService, testInfraEnv, waitFor } from '@inventory/testing';

/**
 * The whole suite as operators run it: four domain services and the gateway as separate
 * processes on the real Kafka broker, PostgreSQL and Redis.
 */
describe('suite of services over real infrastructure', () => {
  const env = { ...testInfraEnv(), KAFKA_TOPIC_PREFIX: `${process.env.KAFKA_TOPIC_PREFIX}suite.` };
  const services: Record<string, ServiceProcess> = {};
  let gateway: ServiceProcess;

  beforeAll(async () => {
    for (const name of DOMAIN_SERVICES) services[name] = await startService(name, env);
    await Promise.all(Object.values(services).map((s) => s.waitReady()));
    const urls = Object.fromEntries(
      DOMAIN_SERVICES.map((n) => [`${n.toUpperCase().replace(/-/g, '_')}_URL`, services[n].url]),
    );
    gateway = await startService('gateway', urls);
    await gateway.waitReady();
  }, 120000);

  afterAll(async () => {
    await Promise.all(
      [gateway, ...Object.values(services)].filter(Boolean).map((s) => s.stop('SIGKILL')),
    );
  });

  it('reports every service and dependency up through the gateway /health', async () => {
    const res = await fetch(`${gateway.url}/health`);
    const body = await json(res);
    expect(res.status).toBe(200);
    for (const name of DOMAIN_SERVICES) {
      expect(body.services[name].status).toBe('up');
      for (const dep of ['postgres', 'redis', 'kafka', 'kafkaConsumer']) {
        expect(body.services[name].details[dep].status).toBe('up');
      }
    }
  });

  it('delivers a message published by one service to every other service over Kafka', async () => {
    const sent = await api(`${services['source-inventory'].url}/diagnostics/bus-probes`, {
      method: 'POST',
    });
    expect(sent.status).toBe(202);
    const { probe_id } = await json(sent);
    const receipt = await waitFor(
      async () => {
        const res = await api(
          `${services['shipment-matching'].url}/diagnostics/bus-probes/${probe_id}`,
        );
        if (!res.ok) return undefined;
        const body = await json(res);
        return Object.keys(body.received_by).length === DOMAIN_SERVICES.length ? body : undefined;
      },
      { what: 'every service to record the probe', timeoutMs: 30000 },
    );
    expect(Object.keys(receipt.received_by).sort()).toEqual([...DOMAIN_SERVICES].sort());
  });

  it('routes /V1/inventory paths to the owning service and answers 404 for unknown ones', async () => {
    const owners: Array<[string, string]> = [
      ['/V1/inventory/sources', 'source-inventory'],
      ['/V1/inventory/stocks/1', 'stock-aggregation'],
      ['/V1/inventory/holds/h-1', 'reservations'],
      ['/V1/inventory/source-selection-algorithm-list', 'shipment-matching'],
    ];
    for (const [path, service] of owners) {
      const routed = await api(`${gateway.url}${path}`);
      expect(routed.headers.get('x-served-by')).toBe(service);
    }
    const unknown = await api(`${gateway.url}/V1/inventory/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-served-by')).toBeNull();
  });

  it('serves the merged OpenAPI document and Swagger UI at /docs', async () => {
    const docRes = await fetch(`${gateway.url}/docs/json`);
    expect(docRes.status).toBe(200);
    const doc = await json(docRes);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/health']).toBeDefined();
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(DOMAIN_SERVICES),
    );
    const ui = await fetch(`${gateway.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('exposes Prometheus metrics with consumer counters', async () => {
    const text = await (await fetch(`${services['reservations'].url}/metrics`)).text();
    expect(text).toContain('kafka_messages_processed_total');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('stops every process gracefully on SIGTERM (exit code 0)', async () => {
    // Draining includes leaving the consumer group and committing offsets: seconds, not millis.
    const results = await Promise.all(
      [gateway, ...Object.values(services)].map((s) => s.stop('SIGTERM')),
    );
    for (const r of results) expect(r).toEqual({ code: 0, signal: null });
  }, 30000);
});
