import { DOMAIN_SERVICES } from '@inventory/contracts';

type Log = (line: string) => void;

/** The gateway and how to call it with the demo's API key. */
interface Gateway {
  url: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

function gatewayWith(url: string, apiKey: string): Gateway {
  return {
    url,
    fetch: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${apiKey}` },
      }),
  };
}

/**
 * Loads the demo data set through the public API, the way an integrator would. Idempotent:
 * sources are upserted and quantities set absolutely, so running the start command twice leaves
 * the same data. Each domain issue adds its part here.
 */
export async function seedDemoData(gatewayUrl: string, apiKey: string, log: Log): Promise<void> {
  const gw = gatewayWith(gatewayUrl, apiKey);
  const probe = await checkBus(gw, apiKey);
  log(`bus probe ${probe} reached ${DOMAIN_SERVICES.length} of ${DOMAIN_SERVICES.length} services`);
  await seedSources(gw, log);
  await seedStocks(gw, log);
}

async function call(
  gw: Gateway,
  path: string,
  body: unknown,
  method: 'POST' | 'PUT' = 'POST',
): Promise<Response> {
  const res = await gw.fetch(path, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-actor-id': 'demo-data',
      'x-actor-type': 'system',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`demo data: ${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res;
}

/**
 * Both modes side by side. Single-source: the default stock 1 sells what the default source
 * holds on channel website/base, configured by nobody. Multi-source: stock 2 "Europe & US"
 * sells the two warehouses and the Paris store on two channels. Product configuration: mugs
 * may be backordered down to -5, hoodies keep one unit back and sell in whole units only.
 */
async function seedStocks(gw: Gateway, log: Log): Promise<void> {
  const stock = {
    stock_id: 2,
    name: 'Europe & US',
    extension_attributes: {
      sales_channels: [
        { type: 'website', code: 'eu_store' },
        { type: 'website', code: 'us_store' },
      ],
    },
  };
  await call(gw, '/V1/inventory/stocks', { stock });
  const links = ['eu-warehouse', 'us-warehouse', 'paris-store'].map((source_code, i) => ({
    stock_id: 2,
    source_code,
    priority: i + 1,
  }));
  // The sources reach stock-aggregation over Kafka; links to them are accepted once they have.
  await until('the demo sources to reach stock-aggregation', async () => {
    const res = await gw.fetch('/V1/inventory/stock-source-links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ links }),
    });
    return res.ok;
  });
  await call(
    gw,
    '/V1/inventory/stock-items/MUG',
    {
      stockItem: {
        backorders: 1,
        use_config_backorders: false,
        min_qty: -5,
        use_config_min_qty: false,
      },
    },
    'PUT',
  );
  await call(
    gw,
    '/V1/inventory/stock-items/HOODIE-L',
    { stockItem: { min_qty: 1, use_config_min_qty: false } },
    'PUT',
  );
  // Stock 2: TSHIRT-M = 120 + 60 + 4; stock 1 (default source only): 40. Orders placed by an
  // earlier run still hold their reservations, so the salable quantity itself is no signal:
  // wait for the pipeline instead, then say what it is.
  await until('the demo source items to reach the salable read model', sourceItemsPropagated);
  const [multi, single] = await Promise.all([
    getJson(gw, '/V1/inventory/get-product-salable-quantity/TSHIRT-M/2'),
    getJson(gw, '/V1/inventory/get-product-salable-quantity/TSHIRT-M/1'),
  ]);
  const held =
    multi !== 184 || single !== 40 ? ' (less than 184 and 40: open orders hold the rest)' : '';
  log(`salable TSHIRT-M: ${multi} in stock 2, ${single} in stock 1${held}`);
  log(
    'stocks: 1 "Default Stock" (single-source view: default source, channel website/base) and ' +
      '2 "Europe & US" (eu-warehouse, us-warehouse, paris-store; channels eu_store, us_store); ' +
      `try GET ${gw.url}/V1/inventory/get-product-salable-quantity/TSHIRT-M/2 and ` +
      `${gw.url}/V1/inventory/export-stock-salable-qty/website/eu_store`,
  );
}

/**
 * Everything source-inventory committed is published (its relay's lag is 0), and then
 * stock-aggregation has handled everything on its topics (its consumer lag is 0): the salable
 * model holds the seeded quantities. Both read from /metrics, which needs no credentials.
 */
async function sourceItemsPropagated(): Promise<boolean> {
  const total = async (url: string, metric: string): Promise<number | undefined> => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const values = text
      .split('\n')
      .filter((line) => line.startsWith(`${metric}{`))
      .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
    return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  if ((await total('http://127.0.0.1:8081', 'outbox_relay_lag_events')) !== 0) return false;
  return (await total('http://127.0.0.1:8082', 'kafka_consumer_lag_messages')) === 0;
}

async function getJson(gw: Gateway, path: string): Promise<unknown> {
  const res = await gw.fetch(path);
  return res.ok ? res.json() : undefined;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`demo data: timed out waiting for ${what}`);
}

/** The default source (single-source mode) plus two warehouses and a store with pickup (multi-source). */
async function seedSources(gw: Gateway, log: Log): Promise<void> {
  const sources = [
    {
      source_code: 'eu-warehouse',
      name: 'EU Warehouse',
      country_id: 'DE',
      postcode: '10115',
      city: 'Berlin',
      latitude: 52.52,
      longitude: 13.405,
    },
    {
      source_code: 'us-warehouse',
      name: 'US Warehouse',
      country_id: 'US',
      postcode: '10001',
      city: 'New York',
      latitude: 40.7506,
      longitude: -73.9972,
    },
    {
      source_code: 'paris-store',
      name: 'Paris Store',
      country_id: 'FR',
      postcode: '75001',
      city: 'Paris',
      street: '1 Rue de Rivoli',
      phone: '+33 1 00 00 00 00',
      latitude: 48.8606,
      longitude: 2.3376,
      is_pickup_location_active: true,
      frontend_name: 'Paris Store pickup',
    },
  ];
  for (const source of sources) await call(gw, '/V1/inventory/sources', { source });
  const items = [
    ['default', 'TSHIRT-S', 25],
    ['default', 'TSHIRT-M', 40],
    ['default', 'MUG', 3],
    ['eu-warehouse', 'TSHIRT-M', 120],
    ['eu-warehouse', 'HOODIE-L', 8],
    ['us-warehouse', 'TSHIRT-M', 60],
    ['us-warehouse', 'HOODIE-L', 0.5],
    ['paris-store', 'TSHIRT-M', 4],
  ] as const;
  await call(gw, '/V1/inventory/source-items', {
    sourceItems: items.map(([source_code, sku, quantity]) => ({
      source_code,
      sku,
      quantity,
      status: 1,
    })),
  });
  log(
    `${sources.length + 1} sources and ${items.length} source items (try GET ${gw.url}/V1/inventory/source-items)`,
  );
}

/** Sends a bus probe through the first service and waits until every service recorded it. */
async function checkBus(gw: Gateway, apiKey: string): Promise<string> {
  const health = (await (await gw.fetch('/health')).json()) as { status: string };
  if (health.status !== 'ok') throw new Error(`suite is not healthy: ${JSON.stringify(health)}`);
  // The probe goes to source-inventory directly (the gateway does not route /diagnostics).
  const service = gatewayWith('http://127.0.0.1:8081', apiKey);
  const { probe_id } = (await (
    await service.fetch('/diagnostics/bus-probes', { method: 'POST' })
  ).json()) as {
    probe_id: string;
  };
  await until(`bus probe ${probe_id} to reach every service`, async () => {
    const res = await service.fetch(`/diagnostics/bus-probes/${probe_id}`);
    if (!res.ok) return false;
    const { received_by } = (await res.json()) as { received_by: object };
    return Object.keys(received_by).length === DOMAIN_SERVICES.length;
  });
  return probe_id;
}
