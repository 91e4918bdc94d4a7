import { ALL_CHECKS, Check, recordMigrateCliVariables } from './lib/checks';
import { EXTERNAL, K8sObject, Overlay, renderOverlay } from './lib/kustomize';
import { Container, PodSpec, find } from './lib/workloads';

/**
 * Each case breaks a rendered overlay in memory the way an edit could, and shows that the checks
 * name the problem (and that the unbroken overlay passes the same check, in cross-checks.spec.ts).
 */
function broken(overlay: Overlay, edit: (objects: K8sObject[]) => void): K8sObject[] {
  const objects = structuredClone(renderOverlay(overlay));
  edit(objects);
  return objects;
}

function pod(objects: K8sObject[], name: string, kind = 'Deployment'): PodSpec {
  const o = find(objects, kind, name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return (o.spec as { template: { spec: PodSpec } }).template.spec;
}
const container = (objects: K8sObject[], name: string, kind = 'Deployment'): Container =>
  pod(objects, name, kind).containers[0];
const data = (objects: K8sObject[], kind: string, name: string): Record<string, string> =>
  find(objects, kind, name)?.data as Record<string, string>;

function problems(check: Check, objects: K8sObject[], overlay: Overlay = 'dev'): string[] {
  return check(objects, EXTERNAL[overlay]);
}

beforeAll(async () => {
  await recordMigrateCliVariables();
});

describe('a broken manifest fails the checks', () => {
  it('a wrong probe path', () => {
    const objects = broken('dev', (o) => {
      container(o, 'reservations').readinessProbe = { httpGet: { path: '/healthz', port: 'http' } };
      container(o, 'gateway').livenessProbe = { httpGet: { path: '/health/ready', port: 'http' } };
    });
    expect(problems(ALL_CHECKS.portsAndProbesMatchApp, objects).sort()).toEqual([
      'gateway: livenessProbe path /health/ready, the app serves /health/live',
      'reservations: readinessProbe path /healthz, the app serves /health/ready',
    ]);
  });

  it('an env variable the app does not validate, directly or through a ConfigMap', () => {
    const objects = broken('prod', (o) => {
      container(o, 'shipment-matching').env?.push({
        name: 'KAFKA_BROKER_LIST',
        value: 'kafka:9092',
      });
      data(o, 'ConfigMap', 'gateway').KAFKA_BROKERS = 'kafka:9092';
    });
    expect(problems(ALL_CHECKS.envMatchesConfig, objects, 'prod').sort()).toEqual([
      'gateway: KAFKA_BROKERS (from ConfigMap gateway) is not a variable gateway validates',
      'shipment-matching: KAFKA_BROKER_LIST (from env) is not a variable shipment-matching validates',
    ]);
  });

  it('a required variable left out, an invalid value, a missing Secret key', () => {
    const objects = broken('dev', (o) => {
      delete data(o, 'ConfigMap', 'inventory-services').KAFKA_BROKERS;
      data(o, 'ConfigMap', 'inventory-common').LOG_LEVEL = 'verbose';
      delete data(o, 'Secret', 'inventory-secrets').REDIS_URL;
    });
    const found = problems(ALL_CHECKS.envMatchesConfig, objects);
    for (const app of [
      'source-inventory',
      'stock-aggregation',
      'reservations',
      'shipment-matching',
    ])
      expect(found).toEqual(
        expect.arrayContaining([
          `${app}: required KAFKA_BROKERS is not set`,
          `${app}: REDIS_URL refers to missing key REDIS_URL of Secret inventory-secrets`,
          expect.stringMatching(new RegExp(`^${app}: invalid LOG_LEVEL: LOG_LEVEL must be one of`)),
        ]),
      );
    expect(found).toContain(
      'gateway: invalid LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('an app without any credential source, an invalid key list, a gateway reading elsewhere', () => {
    const objects = broken('dev', (o) => {
      const gateway = container(o, 'gateway');
      gateway.env = gateway.env?.filter((e) => !e.name.startsWith('AUTH_'));
      data(o, 'Secret', 'inventory-secrets').AUTH_API_KEYS = Buffer.from(
        'dev:not-a-digest:inventory:admin',
      ).toString('base64');
      data(o, 'ConfigMap', 'gateway').REDIS_KEY_PREFIX = 'other:';
    });
    const found = problems(ALL_CHECKS.envMatchesConfig, objects);
    expect(found).toContain(
      'gateway: unset AUTH_API_KEYS: set AUTH_API_KEYS, AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL: every REST route but health, metrics and the API docs needs credentials',
    );
    expect(found).toContain(
      'reservations: invalid AUTH_API_KEYS: AUTH_API_KEYS entry 1 is not <name>:<sha256 hex>:<scope>[+<scope>...]',
    );
    expect(problems(ALL_CHECKS.gatewayReadsTheReadModel, objects)).toEqual([
      "gateway: REDIS_KEY_PREFIX other: is not stock-aggregation's inventory:",
    ]);
  });

  it('a Secret reference that nothing provides', () => {
    const objects = broken('prod', (o) => {
      container(o, 'reservations').env?.push({
        name: 'DATABASE_URL',
        valueFrom: { secretKeyRef: { name: 'other-secret', key: 'url' } },
      });
    });
    expect(problems(ALL_CHECKS.envMatchesConfig, objects, 'prod')).toEqual([
      'reservations: DATABASE_URL refers to Secret other-secret, which is not rendered',
    ]);
  });

  it('a container port or Service port that is not where the app listens', () => {
    const objects = broken('dev', (o) => {
      container(o, 'stock-aggregation').ports = [{ name: 'http', containerPort: 8080 }];
      data(o, 'ConfigMap', 'gateway').RESERVATIONS_URL = 'http://reservations:8080';
    });
    expect(problems(ALL_CHECKS.portsAndProbesMatchApp, objects)).toEqual(
      expect.arrayContaining([
        'stock-aggregation: container port http is 8080, the app listens on 8082',
      ]),
    );
    expect(problems(ALL_CHECKS.gatewayFindsServices, objects)).toEqual([
      'gateway: RESERVATIONS_URL=http://reservations:8080: Service reservations has no port 8080',
    ]);
  });

  it('a grace period shorter than the drain', () => {
    const objects = broken('dev', (o) => {
      data(o, 'ConfigMap', 'inventory-common').SHUTDOWN_TIMEOUT_MS = '30000';
    });
    expect(problems(ALL_CHECKS.graceCoversDrain, objects)).toContain(
      'source-inventory: terminationGracePeriodSeconds 30 <= preStop 5 s + drain 30 s',
    );
  });

  it('a KafkaTopic missing or with other partitions than TOPICS', () => {
    const objects = broken('dev', (o) => {
      o.splice(
        o.findIndex((t) => t.metadata.name === 'commerce.orders.v1.dlq'),
        1,
      );
      (
        find(o, 'KafkaTopic', 'inventory.stock-levels.v1')?.spec as { partitions: number }
      ).partitions = 12;
    });
    expect(problems(ALL_CHECKS.topicsMatchContracts, objects)).toEqual([
      'KafkaTopic missing or different: commerce.orders.v1.dlq:6',
      'KafkaTopic missing or different: inventory.stock-levels.v1:6',
      'KafkaTopic not in TOPICS: inventory.stock-levels.v1:12',
    ]);
  });

  it('a writable root filesystem, a missing /tmp, no resources', () => {
    const objects = broken('prod', (o) => {
      const c = container(o, 'event-store-migrate', 'Job');
      c.securityContext = { ...c.securityContext, readOnlyRootFilesystem: false };
      c.volumeMounts = [];
      delete c.resources;
    });
    expect(problems(ALL_CHECKS.podsAreHardened, objects, 'prod')).toEqual([
      'event-store-migrate: root filesystem is writable',
      'event-store-migrate: no writable emptyDir at /tmp',
      'event-store-migrate: cpu request or limit missing',
      'event-store-migrate: memory request or limit missing',
    ]);
  });

  it('an entry point the build does not produce, a migration variable the CLI ignores', () => {
    const objects = broken('dev', (o) => {
      container(o, 'gateway').command = ['node', 'dist/apps/gateway/src/server.js'];
      container(o, 'event-store-migrate', 'Job').env?.push({
        name: 'EVENT_STORE_TABLES',
        value: 'x',
      });
    });
    expect(problems(ALL_CHECKS.commandsExist, objects)).toEqual([
      expect.stringMatching(/^gateway: dist\/apps\/gateway\/src\/server.js has no source/),
    ]);
    expect(problems(ALL_CHECKS.migrationJobEnv, objects)).toEqual([
      'event-store-migrate: EVENT_STORE_TABLES is not read by the migration CLI',
    ]);
  });

  it('a network policy that lets too much or too little through', () => {
    const open = broken('prod', (o) => {
      const policy = find(o, 'NetworkPolicy', 'services-from-gateway');
      (policy?.spec as { ingress: unknown[] }).ingress = [{}];
    });
    expect(problems(ALL_CHECKS.networkFlows, open, 'prod')).toEqual(
      expect.arrayContaining([
        'ingress controller -> reservations on TCP 8083 should be denied',
        'unrelated pod -> shipment-matching on TCP 8084 should be denied',
      ]),
    );
    const closed = broken('prod', (o) => {
      o.splice(
        o.findIndex((p) => p.metadata.name === 'services-to-backbone'),
        1,
      );
    });
    expect(problems(ALL_CHECKS.networkFlows, closed, 'prod')).toEqual(
      expect.arrayContaining(['reservations -> Kafka on TCP 9092 should be allowed']),
    );
    const noRedis = broken('prod', (o) => {
      o.splice(
        o.findIndex((p) => p.metadata.name === 'gateway-to-redis'),
        1,
      );
    });
    expect(problems(ALL_CHECKS.networkFlows, noRedis, 'prod')).toEqual([
      'gateway -> Redis on TCP 6379 should be allowed',
    ]);
    const gatewayToBackbone = broken('prod', (o) => {
      const policy = find(o, 'NetworkPolicy', 'gateway-to-redis');
      (policy?.spec as { egress: unknown[] }).egress = [{}];
    });
    expect(problems(ALL_CHECKS.networkFlows, gatewayToBackbone, 'prod')).toEqual(
      expect.arrayContaining([
        'gateway -> Kafka on TCP 9092 should be denied',
        'gateway -> PostgreSQL on TCP 5432 should be denied',
      ]),
    );
  });

  it('an autoscaler, budget, scrape target or Ingress that misses its workload', () => {
    const objects = broken('prod', (o) => {
      o.splice(
        o.findIndex((p) => p.kind === 'PodDisruptionBudget' && p.metadata.name === 'gateway'),
        1,
      );
      (find(o, 'Deployment', 'reservations')?.spec as { replicas?: number }).replicas = 3;
      const monitor = find(o, 'ServiceMonitor', 'inventory-platform');
      (monitor?.spec as { endpoints: { path: string }[] }).endpoints[0].path = '/prometheus';
      const ingress = find(o, 'Ingress', 'gateway');
      (
        ingress?.spec as {
          rules: { http: { paths: { backend: { service: { name: string } } }[] } }[];
        }
      ).rules[0].http.paths[0].backend.service.name = 'reservations';
    });
    expect(problems(ALL_CHECKS.autoscalingAndBudgets, objects, 'prod').sort()).toEqual([
      'gateway: 0 PodDisruptionBudgets',
      'reservations: replicas is set, which fights the HorizontalPodAutoscaler',
    ]);
    expect(problems(ALL_CHECKS.metricsScraped, objects, 'prod')).toContain(
      'gateway: no ServiceMonitor endpoint scrapes /metrics on its Service',
    );
    expect(problems(ALL_CHECKS.ingressReachesGateway, objects, 'prod')).toEqual([
      'Ingress backend reservations:http is not the gateway Service',
    ]);
  });
});
