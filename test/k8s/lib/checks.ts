import { existsSync } from 'fs';
import { join } from 'path';
import { DOMAIN_SERVICES, allTopicSpecs, serviceUrlVariable } from '@inventory/contracts';
import { runMigrateCli } from '../../../libs/event-store/src/cli/migrate';
import {
  APPS,
  AppModel,
  appNamed,
  configProblems,
  configVariables,
  defaultPort,
  healthPaths,
  metricsPath,
} from './apps';
import { K8sObject, REPO_ROOT } from './kustomize';
import { Endpoint, connectionAllowed } from './netpol';
import { Container, find, labelsMatch, portNumber, resolveEnv, workloads } from './workloads';

/**
 * Cross-checks between rendered manifests and the code. Each returns human-readable problems;
 * an empty list means the manifests agree with the code. `external` names objects the overlay
 * expects operators to create (e.g. `Secret/inventory-secrets` in prod).
 */
export type Check = (objects: K8sObject[], external: ReadonlySet<string>) => string[];

const APP_LABEL = 'app.kubernetes.io/name';

/** Each app has exactly one Deployment, named and labelled after it, with one container. */
function appDeployments(
  objects: K8sObject[],
): { app: AppModel; container: Container; problems: string[] }[] {
  return workloads(objects, 'Deployment').map((w) => {
    const app = appNamed(w.podLabels[APP_LABEL]);
    const problems = w.pod.containers.length === 1 ? [] : [`${app.name}: expected one container`];
    return { app, container: w.pod.containers[0], problems };
  });
}

export const everyAppDeployed: Check = (objects) => {
  const deployed = workloads(objects, 'Deployment').map((w) => w.object.metadata.name);
  return APPS.filter((a) => !deployed.includes(a.name)).map((a) => `no Deployment for ${a.name}`);
};

/** Names set = names validated; every required one set; the app's own validation passes. */
export const envMatchesConfig: Check = (objects, external) =>
  appDeployments(objects).flatMap(({ app, container, problems }) => {
    const { vars, problems: refs } = resolveEnv(objects, container, external);
    const known = configVariables(app.config);
    const names = new Set(known.map((v) => v.name));
    const out = [...problems, ...refs];
    for (const v of vars.values())
      if (!names.has(v.name))
        out.push(
          `${app.name}: ${v.name} (from ${v.source}) is not a variable ${app.name} validates`,
        );
    for (const v of known)
      if (v.required && !vars.has(v.name)) out.push(`${app.name}: required ${v.name} is not set`);
    // Values held by objects that are not rendered cannot be checked; their presence was.
    const env = Object.fromEntries([...vars.values()].map((v) => [v.name, v.value ?? '']));
    const unknownValues = new Set(
      [...vars.values()].filter((v) => v.value === undefined).map((v) => v.name),
    );
    const required = new Set(known.filter((v) => v.required).map((v) => v.name));
    for (const p of configProblems(app, env)) {
      const variable = p.split(':')[0];
      // An unset required variable is reported above; a value held elsewhere is not known here.
      // Rules over several variables (one credential source at least) name an unset one.
      if (unknownValues.has(variable) || (!vars.has(variable) && required.has(variable))) continue;
      out.push(`${app.name}: ${vars.has(variable) ? 'invalid' : 'unset'} ${p}`);
    }
    return out;
  });

function effective(objects: K8sObject[], container: Container, name: string): string | undefined {
  return resolveEnv(objects, container).vars.get(name)?.value;
}

/** The container port is the port the app listens on; probes hit the health controller's paths. */
export const portsAndProbesMatchApp: Check = (objects) =>
  appDeployments(objects).flatMap(({ app, container }) => {
    const out: string[] = [];
    const port = Number(effective(objects, container, 'HTTP_PORT') ?? defaultPort(app));
    const http = container.ports?.find((p) => p.name === 'http');
    if (http?.containerPort !== port)
      out.push(
        `${app.name}: container port http is ${http?.containerPort}, the app listens on ${port}`,
      );
    const host = effective(objects, container, 'HTTP_HOST') ?? new app.config().HTTP_HOST;
    if (!['0.0.0.0', '::'].includes(host))
      out.push(`${app.name}: HTTP_HOST ${host} is not reachable from outside the pod`);
    const paths = healthPaths(app);
    const expected = {
      readinessProbe: paths.ready,
      livenessProbe: paths.live,
      startupProbe: paths.live,
    };
    for (const [probe, path] of Object.entries(expected)) {
      const get = container[probe as keyof typeof expected]?.httpGet;
      if (!get) {
        if (probe !== 'startupProbe') out.push(`${app.name}: no ${probe}`);
        continue;
      }
      if (get.path !== path)
        out.push(`${app.name}: ${probe} path ${get.path}, the app serves ${path}`);
      if (portNumber(container, get.port) !== port)
        out.push(`${app.name}: ${probe} port ${get.port} is not ${port}`);
    }
    return out;
  });

/** The Service of each app selects its pods and forwards to the app's port. */
export const servicesReachApps: Check = (objects) =>
  workloads(objects, 'Deployment').flatMap((w) => {
    const app = appNamed(w.podLabels[APP_LABEL]);
    const svc = find(objects, 'Service', app.name);
    if (!svc) return [`${app.name}: no Service`];
    const spec = svc.spec as {
      selector: Record<string, string>;
      ports: { name: string; port: number; targetPort: number | string }[];
    };
    const out: string[] = [];
    if (!labelsMatch(spec.selector, w.podLabels))
      out.push(`${app.name}: Service selector misses the pods`);
    const http = spec.ports.find((p) => p.name === 'http');
    const container = w.pod.containers[0];
    const target = portNumber(container, http?.targetPort);
    if (
      target !== (container.ports ?? []).find((p) => p.name === 'http')?.containerPort ||
      target === undefined
    )
      out.push(
        `${app.name}: Service targetPort ${http?.targetPort} is not the container's http port`,
      );
    return out;
  });

/** The gateway's upstream URLs name each service's Service and port. */
export const gatewayFindsServices: Check = (objects) => {
  const gw = appDeployments(objects).find((d) => d.app.name === 'gateway');
  if (!gw) return ['no gateway Deployment'];
  const { vars } = resolveEnv(objects, gw.container);
  return DOMAIN_SERVICES.flatMap((service) => {
    const variable = serviceUrlVariable(service);
    const url = vars.get(variable)?.value;
    if (!url) return [`gateway: ${variable} is not set`];
    const { hostname, port } = new URL(url);
    const svc = find(objects, 'Service', hostname);
    const ports = ((svc?.spec as { ports?: { port: number }[] })?.ports ?? []).map((p) => p.port);
    const deployment = workloads(objects, 'Deployment').find(
      (w) => w.object.metadata.name === service,
    );
    const selector = (svc?.spec as { selector?: Record<string, string> })?.selector;
    if (!svc || !deployment || !labelsMatch(selector, deployment.podLabels))
      return [`gateway: ${variable}=${url} does not name the Service of ${service}`];
    return ports.includes(Number(port))
      ? []
      : [`gateway: ${variable}=${url}: Service ${hostname} has no port ${port}`];
  });
};

/**
 * The gateway reads the salable read model stock-aggregation writes: the same Redis and key
 * prefix (values kept in unrendered Secrets are compared when both are known).
 */
export const gatewayReadsTheReadModel: Check = (objects) => {
  const envOf = (name: string) => {
    const d = appDeployments(objects).find((x) => x.app.name === name);
    return d ? resolveEnv(objects, d.container).vars : undefined;
  };
  const gateway = envOf('gateway');
  const stocks = envOf('stock-aggregation');
  if (!gateway || !stocks) return ['no gateway or stock-aggregation Deployment'];
  return ['REDIS_URL', 'REDIS_KEY_PREFIX'].flatMap((name) => {
    const g = gateway.get(name);
    const s = stocks.get(name);
    if (!g) return [`gateway: ${name} is not set, so it cannot answer salability reads itself`];
    if (g.value === undefined || s?.value === undefined || g.value === s.value) return [];
    return [`gateway: ${name} ${g.value} is not stock-aggregation's ${s.value}`];
  });
};

/** SIGTERM drain (preStop pause + SHUTDOWN_TIMEOUT_MS) ends before the kubelet's SIGKILL. */
export const graceCoversDrain: Check = (objects) =>
  workloads(objects, 'Deployment').flatMap((w) => {
    const app = appNamed(w.podLabels[APP_LABEL]);
    const c = w.pod.containers[0];
    const drainMs = Number(
      effective(objects, c, 'SHUTDOWN_TIMEOUT_MS') ?? new app.config().SHUTDOWN_TIMEOUT_MS,
    );
    const sleep = c.lifecycle?.preStop?.exec?.command;
    const preStopS =
      c.lifecycle?.preStop?.sleep?.seconds ?? (sleep?.[0] === 'sleep' ? Number(sleep[1]) : 0);
    const grace = w.pod.terminationGracePeriodSeconds ?? 30;
    return grace > preStopS + drainMs / 1000
      ? []
      : [
          `${app.name}: terminationGracePeriodSeconds ${grace} <= preStop ${preStopS} s + drain ${drainMs / 1000} s`,
        ];
  });

/** Non-root, read-only root filesystem with a writable /tmp, no privilege, resources set. */
export const podsAreHardened: Check = (objects) =>
  workloads(objects).flatMap((w) => {
    const name = w.object.metadata.name;
    const out: string[] = [];
    if (w.pod.securityContext?.runAsNonRoot !== true) out.push(`${name}: runAsNonRoot is not true`);
    for (const c of w.pod.containers) {
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true) out.push(`${name}: root filesystem is writable`);
      if (sc.allowPrivilegeEscalation !== false) out.push(`${name}: privilege escalation allowed`);
      if (!sc.capabilities?.drop?.includes('ALL')) out.push(`${name}: capabilities not dropped`);
      const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
      if (!tmp || !w.pod.volumes?.find((v) => v.name === tmp.name && v.emptyDir))
        out.push(`${name}: no writable emptyDir at /tmp`);
      for (const key of ['cpu', 'memory'])
        if (!c.resources?.requests?.[key] || !c.resources?.limits?.[key])
          out.push(`${name}: ${key} request or limit missing`);
    }
    return out;
  });

/** `node dist/<path>.js` runs a file the build produces from `<path>.ts`. */
export const commandsExist: Check = (objects) =>
  workloads(objects).flatMap((w) =>
    w.pod.containers.flatMap((c) => {
      const script = c.command?.[1];
      if (c.command?.[0] !== 'node' || !script?.startsWith('dist/') || !script.endsWith('.js'))
        return [
          `${w.object.metadata.name}: command ${c.command?.join(' ')} is not node dist/...js`,
        ];
      const source = join(REPO_ROOT, script.slice('dist/'.length).replace(/\.js$/, '.ts'));
      return existsSync(source)
        ? []
        : [`${w.object.metadata.name}: ${script} has no source ${source}`];
    }),
  );

/** One HPA and one PDB per Deployment, aimed at it. */
export const autoscalingAndBudgets: Check = (objects) =>
  workloads(objects, 'Deployment').flatMap((w) => {
    const name = w.object.metadata.name;
    const out: string[] = [];
    const hpas = objects.filter(
      (o) =>
        o.kind === 'HorizontalPodAutoscaler' &&
        (o.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef.name === name,
    );
    if (hpas.length !== 1) out.push(`${name}: ${hpas.length} HorizontalPodAutoscalers`);
    const pdbs = objects.filter(
      (o) =>
        o.kind === 'PodDisruptionBudget' &&
        labelsMatch(
          (o.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
          w.podLabels,
        ),
    );
    if (pdbs.length !== 1) out.push(`${name}: ${pdbs.length} PodDisruptionBudgets`);
    if ((w.object.spec as { replicas?: number }).replicas !== undefined)
      out.push(`${name}: replicas is set, which fights the HorizontalPodAutoscaler`);
    return out;
  });

/** KafkaTopics = TOPICS and their dead-letter twins, with the declared partition counts. */
export const topicsMatchContracts: Check = (objects) => {
  const declared = allTopicSpecs()
    .map((s) => `${s.name}:${s.partitions}`)
    .sort();
  const rendered = objects
    .filter((o) => o.kind === 'KafkaTopic')
    .map((o) => {
      const spec = o.spec as { topicName?: string; partitions: number };
      return `${spec.topicName ?? o.metadata.name}:${spec.partitions}`;
    })
    .sort();
  const missing = declared
    .filter((t) => !rendered.includes(t))
    .map((t) => `KafkaTopic missing or different: ${t}`);
  const extra = rendered
    .filter((t) => !declared.includes(t))
    .map((t) => `KafkaTopic not in TOPICS: ${t}`);
  return [...missing, ...extra];
};

/** The ServiceMonitor scrapes every app Service on its http port at the metrics controller's path. */
export const metricsScraped: Check = (objects) => {
  const monitors = objects.filter((o) => o.kind === 'ServiceMonitor');
  return APPS.flatMap((app) => {
    const svc = find(objects, 'Service', app.name);
    const path = metricsPath(app);
    const ok = monitors.some((m) => {
      const spec = m.spec as {
        selector: { matchLabels: Record<string, string> };
        endpoints: { port: string; path?: string }[];
      };
      return (
        svc &&
        labelsMatch(spec.selector.matchLabels, svc.metadata.labels ?? {}) &&
        spec.endpoints.some(
          (e) =>
            (e.path ?? '/metrics') === path &&
            (svc.spec as { ports: { name: string }[] }).ports.some((p) => p.name === e.port),
        )
      );
    });
    return ok ? [] : [`${app.name}: no ServiceMonitor endpoint scrapes ${path} on its Service`];
  });
};

/** The Ingress sends traffic to the gateway Service's http port. */
export const ingressReachesGateway: Check = (objects) => {
  const ingresses = objects.filter((o) => o.kind === 'Ingress');
  const svc = find(objects, 'Service', 'gateway');
  const ports = (svc?.spec as { ports?: { name: string; port: number }[] })?.ports ?? [];
  const backends = ingresses.flatMap((i) =>
    (
      (
        i.spec as {
          rules: {
            http: {
              paths: {
                backend: { service: { name: string; port: { name?: string; number?: number } } };
              }[];
            };
          }[];
        }
      ).rules ?? []
    ).flatMap((r) => r.http.paths.map((p) => p.backend.service)),
  );
  if (backends.length === 0) return ['no Ingress backend'];
  return backends
    .filter(
      (b) =>
        b.name !== 'gateway' ||
        !ports.some((p) => p.name === b.port.name || p.port === b.port.number),
    )
    .map(
      (b) => `Ingress backend ${b.name}:${b.port.name ?? b.port.number} is not the gateway Service`,
    );
};

/** The migration Job sets only variables the migration CLI reads, DATABASE_URL among them. */
export const migrationJobEnv: Check = (objects, external) => {
  const jobs = workloads(objects, 'Job');
  if (jobs.length === 0) return ['no migration Job'];
  return jobs.flatMap((w) => {
    const c = w.pod.containers[0];
    const { vars, problems } = resolveEnv(objects, c, external);
    const reads = migrateCliVariables();
    return [
      ...problems,
      ...[...vars.keys()]
        .filter((n) => !reads.has(n))
        .map((n) => `${w.object.metadata.name}: ${n} is not read by the migration CLI`),
      ...(vars.has('DATABASE_URL') ? [] : [`${w.object.metadata.name}: DATABASE_URL is not set`]),
    ];
  });
};

let migrateVariables: Set<string> | undefined;

/**
 * The variables runMigrateCli reads, recorded by running it against an unreachable database
 * (port 1 refuses at once): it reads them all before connecting.
 */
export async function recordMigrateCliVariables(): Promise<Set<string>> {
  const read = new Set<string>();
  const env = new Proxy(
    { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } as NodeJS.ProcessEnv,
    {
      get(target, key) {
        if (typeof key === 'string') read.add(key);
        return target[key as string];
      },
    },
  );
  await runMigrateCli(env, () => undefined);
  migrateVariables = read;
  return read;
}

function migrateCliVariables(): Set<string> {
  if (!migrateVariables) throw new Error('call recordMigrateCliVariables() first (beforeAll)');
  return migrateVariables;
}

function outside(namespace: string, labels: Record<string, string>): Endpoint {
  return { namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels };
}

/**
 * The flows the design needs are allowed and a sample of the ones it does not need is denied,
 * evaluating the rendered NetworkPolicies as the cluster would (both ends' policies).
 */
export const networkFlows: Check = (objects) => {
  const all = workloads(objects);
  const namespace = all[0]?.object.metadata.namespace ?? 'default';
  const pod = (labels: Record<string, string>, ports: Record<string, number> = {}): Endpoint => ({
    ...outside(namespace, labels),
    ports,
  });
  const apps = workloads(objects, 'Deployment').map((w) => ({
    name: w.object.metadata.name,
    container: w.pod.containers[0],
    isGateway: w.object.metadata.name === 'gateway',
    port: w.pod.containers[0].ports?.find((p) => p.name === 'http')?.containerPort ?? 0,
    endpoint: pod(
      w.podLabels,
      Object.fromEntries(
        (w.pod.containers[0].ports ?? []).map((p) => [p.name ?? '', p.containerPort]),
      ),
    ),
  }));
  const job = workloads(objects, 'Job').map((w) => pod(w.podLabels))[0];
  const kafka = pod({ 'strimzi.io/cluster': 'inventory-kafka', 'strimzi.io/kind': 'Kafka' });
  const postgres = pod({ 'app.kubernetes.io/name': 'postgresql' });
  const redis = pod({ 'app.kubernetes.io/name': 'redis' });
  const dns = outside('kube-system', { 'k8s-app': 'kube-dns' });
  const ingress = outside('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
  const prometheus = outside('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
  const stranger = pod({ app: 'something-else' });
  const internet = outside('elsewhere', {});

  const out: string[] = [];
  const expect = (
    allowed: boolean,
    what: string,
    from: Endpoint,
    to: Endpoint,
    port: number,
    protocol = 'TCP',
  ) => {
    if (connectionAllowed(objects, from, to, port, protocol) !== allowed)
      out.push(`${what} on ${protocol} ${port} should be ${allowed ? 'allowed' : 'denied'}`);
  };
  const gateway = apps.find((a) => a.isGateway);
  const services = apps.filter((a) => !a.isGateway);
  if (!gateway || !job) return ['no gateway or no migration Job to evaluate'];
  expect(true, 'ingress controller -> gateway', ingress, gateway.endpoint, gateway.port);
  // What an app connects to follows from its configuration: a broker list, a database, a Redis.
  const backbone = [
    { variable: 'KAFKA_BROKERS', what: 'Kafka', endpoint: kafka, port: 9092 },
    { variable: 'DATABASE_URL', what: 'PostgreSQL', endpoint: postgres, port: 5432 },
    { variable: 'REDIS_URL', what: 'Redis', endpoint: redis, port: 6379 },
  ];
  for (const a of apps) {
    const env = resolveEnv(objects, a.container).vars;
    for (const b of backbone)
      expect(env.has(b.variable), `${a.name} -> ${b.what}`, a.endpoint, b.endpoint, b.port);
  }
  for (const s of services) {
    expect(true, `gateway -> ${s.name}`, gateway.endpoint, s.endpoint, s.port);
    expect(false, `ingress controller -> ${s.name}`, ingress, s.endpoint, s.port);
    expect(false, `${s.name} -> internet`, s.endpoint, internet, 443);
    for (const other of services.filter((o) => o !== s))
      expect(false, `${s.name} -> ${other.name}`, s.endpoint, other.endpoint, other.port);
  }
  for (const a of apps) {
    expect(true, `${a.name} -> DNS`, a.endpoint, dns, 53, 'UDP');
    expect(true, `Prometheus -> ${a.name}`, prometheus, a.endpoint, a.port);
    expect(
      false,
      `Prometheus -> ${a.name} off its http port`,
      prometheus,
      a.endpoint,
      a.port + 1000,
    );
    expect(false, `unrelated pod -> ${a.name}`, stranger, a.endpoint, a.port);
  }
  expect(true, 'migration Job -> PostgreSQL', job, postgres, 5432);
  expect(false, 'migration Job -> Kafka', job, kafka, 9092);
  return out;
};

export const ALL_CHECKS: Record<string, Check> = {
  everyAppDeployed,
  envMatchesConfig,
  portsAndProbesMatchApp,
  servicesReachApps,
  gatewayFindsServices,
  gatewayReadsTheReadModel,
  graceCoversDrain,
  podsAreHardened,
  commandsExist,
  autoscalingAndBudgets,
  topicsMatchContracts,
  metricsScraped,
  ingressReachesGateway,
  migrationJobEnv,
  networkFlows,
};
