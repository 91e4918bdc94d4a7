import Fastify from 'fastify';

/**
 * The baseline of the salable-read benchmark: a bare Fastify server in its own process (as each
 * service is) answering the salable-quantity route with a constant. Prints its URL on one line.
 */
async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/V1/inventory/get-product-salable-quantity/:sku/:stockId', async () => 42);
  app.get('/health/ready', async () => ({ status: 'ok' }));
  const url = await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
  process.stdout.write(`${url}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
