import { startService, testInfraEnv } from '@inventory/testing';

/** A service with a missing or malformed variable must refuse to start and say which one. */
describe('configuration is validated at boot', () => {
  const cases: Array<[string, string, Record<string, string | undefined>, string]> = [
    ['source-inventory', 'empty KAFKA_BROKERS', { KAFKA_BROKERS: '' }, 'KAFKA_BROKERS'],
    ['reservations', 'malformed KAFKA_BROKERS', { KAFKA_BROKERS: 'not a broker' }, 'KAFKA_BROKERS'],
    ['stock-aggregation', 'missing DATABASE_URL', { DATABASE_URL: undefined }, 'DATABASE_URL'],
    ['shipment-matching', 'non-numeric HTTP_PORT', { HTTP_PORT: 'eighty' }, 'HTTP_PORT'],
    ['gateway', 'malformed RESERVATIONS_URL', { RESERVATIONS_URL: 'ftp://x' }, 'RESERVATIONS_URL'],
  ];

  it.each(cases)(
    '%s exits non-zero naming the variable (%s)',
    async (app, _label, overrides, variable) => {
      const env: Record<string, string> = { ...testInfraEnv() };
      for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
      const proc = await startService(app, env);
      const { code } = await proc.exited;
      expect(code).toBe(78);
      expect(proc.output()).toContain(`Invalid configuration for ${app}`);
      expect(proc.output()).toContain(`${variable}:`);
    },
    30000,
  );
});
