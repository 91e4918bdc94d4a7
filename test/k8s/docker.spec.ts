import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { recordMigrateCliVariables } from './lib/checks';
import {
  Compose,
  composeProblems,
  dockerfileProblems,
  dockerignore,
  parseDockerfile,
  readCompose,
  readDockerfile,
} from './lib/docker';
import { REPO_ROOT } from './lib/kustomize';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(REPO_ROOT, path)];
  });
}

let migrateVariables: Set<string>;
beforeAll(async () => {
  migrateVariables = await recordMigrateCliVariables();
});

describe('docker/Dockerfile', () => {
  it('has a production image per app: its entry point, port, non-root user, health check', () => {
    expect(dockerfileProblems(readDockerfile())).toEqual([]);
  });

  it('fails the checks when broken', () => {
    const text = readFileSync(join(REPO_ROOT, 'docker', 'Dockerfile'), 'utf8')
      .replace('USER 1000:1000', 'USER node')
      .replace('ENV HTTP_PORT=8083', 'ENV HTTP_PORT=8093')
      .replace("'/health/ready'", "'/health'")
      .replace('--omit=dev ', '')
      .replace('NODE_OPTIONS=--max-old-space-size=192', 'NODE_OPTIONS=--max-old-space-size=4096')
      .replace('dist/apps/gateway/src/main.js', 'dist/apps/gateway/src/index.js');
    const problems = dockerfileProblems(parseDockerfile(text));
    expect(problems).toEqual(
      expect.arrayContaining([
        'gateway: USER node is not a numeric non-root user',
        "reservations: HTTP_PORT 8093, the app's default is 8083",
        'reservations: EXPOSE 8083 is not HTTP_PORT',
        'source-inventory: HEALTHCHECK does not probe /health/ready on HTTP_PORT',
        'prod-deps: does not install with npm ci --omit=dev',
        'gateway: NODE_OPTIONS --max-old-space-size=4096 does not set the heap limit --max-old-space-size=192',
        'gateway: CMD node dist/apps/gateway/src/index.js is not node dist/apps/gateway/src/main.js',
      ]),
    );
  });
});

describe('.dockerignore', () => {
  const included = dockerignore(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'));

  it('sends every source the build compiles, and what the Dockerfile copies', () => {
    const sources = ['apps', 'libs', 'scripts']
      .flatMap((d) => files(join(REPO_ROOT, d)))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.filter((f) => !included(f))).toEqual([]);
    const copied = readDockerfile()
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'COPY' && !i.args.includes('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(copied.filter((f) => !included(f))).toEqual([]);
  });

  it('leaves out installed packages, build output, git, local runs and tests', () => {
    for (const path of [
      'node_modules/pg/package.json',
      'dist/apps/gateway/src/main.js',
      '.git/HEAD',
      '.run/logs/gateway.log',
      'k8s/base/kustomization.yaml',
      'libs/config/src/load-config.unit.spec.ts',
      'test/k8s/render.spec.ts',
    ])
      expect([path, included(path)]).toEqual([path, false]);
  });
});

describe('docker/compose.yaml', () => {
  it('runs Kafka 3.9 in KRaft mode from the official image', () => {
    const kafka = readCompose().services.kafka;
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9\.\d+$/);
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(Object.keys(readCompose().services)).not.toContain('zookeeper');
  });

  it('gives each app only variables it validates, in a health-gated order, with named volumes', () => {
    expect(composeProblems(readCompose(), readDockerfile(), migrateVariables)).toEqual([]);
  });

  it('keeps KurrentDB behind the kurrentdb profile', () => {
    expect(readCompose().services.kurrentdb.profiles).toEqual(['kurrentdb']);
  });

  it('fails the checks when broken', () => {
    const compose: Compose = structuredClone(readCompose());
    compose.services.reservations.environment = {
      ...compose.services.reservations.environment,
      KAFKA_BROKER: 'kafka:9092',
    };
    delete compose.services['shipment-matching'].environment?.DATABASE_URL;
    delete compose.services.gateway.depends_on?.['stock-aggregation'];
    compose.services['source-inventory'].depends_on = {
      ...compose.services['source-inventory'].depends_on,
      kafka: { condition: 'service_started' },
    };
    compose.services.redis.volumes = ['redis-cache:/data'];
    compose.services.gateway.environment = {
      ...compose.services.gateway.environment,
      RESERVATIONS_URL: 'http://reservations:8080',
    };
    delete compose.services.gateway.environment.AUTH_API_KEYS;
    delete compose.services.gateway.depends_on?.redis;
    compose.services.reservations.environment.AUTH_API_KEYS = 'ops:plain-key:inventory:admin';
    expect(composeProblems(compose, readDockerfile(), migrateVariables).sort()).toEqual([
      'gateway: RESERVATIONS_URL=http://reservations:8080 is not where reservations listens',
      'gateway: does not wait for redis to be healthy',
      'gateway: does not wait for stock-aggregation to be healthy',
      'gateway: unset AUTH_API_KEYS: set AUTH_API_KEYS, AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL: every REST route but health, metrics and the API docs needs credentials',
      'redis: no named volume',
      'redis: volume redis-cache is not declared',
      'reservations: KAFKA_BROKER is not a variable reservations validates',
      'reservations: invalid AUTH_API_KEYS: AUTH_API_KEYS entry 1 is not <name>:<sha256 hex>:<scope>[+<scope>...]',
      'shipment-matching: required DATABASE_URL is not set',
      'source-inventory: does not wait for kafka to be healthy',
      'source-inventory: starts after kafka without waiting for health',
    ]);
  });
});
