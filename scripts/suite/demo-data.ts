import { DOMAIN_SERVICES } from '@inventory/contracts';

/**
 * Loads the demo data set through the public API, the way an integrator would. Idempotent:
 * running the start command twice leaves the same data. Each domain issue adds its part here.
 */
export async function seedDemoData(gatewayUrl: string, log: (line: string) => void): Promise<void> {
  const probe = await checkBus(gatewayUrl);
  log(`bus probe ${probe} reached ${DOMAIN_SERVICES.length} of ${DOMAIN_SERVICES.length} services`);
}

/** Sends a bus probe through the first service and waits until every service recorded it. */
async function checkBus(gatewayUrl: string): Promise<string> {
  const health = (await (await fetch(`${gatewayUrl}/health`)).json()) as { status: string };
  if (health.status !== 'ok') throw new Error(`suite is not healthy: ${JSON.stringify(health)}`);
  const base = 'http://127.0.0.1:8081';
  const { probe_id } = (await (
    await fetch(`${base}/diagnostics/bus-probes`, { method: 'POST' })
  ).json()) as {
    probe_id: string;
  };
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/diagnostics/bus-probes/${probe_id}`);
    if (
      res.ok &&
      Object.keys(((await res.json()) as { received_by: object }).received_by).length ===
        DOMAIN_SERVICES.length
    )
      return probe_id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bus probe ${probe_id} did not reach every service within 30 s`);
}
