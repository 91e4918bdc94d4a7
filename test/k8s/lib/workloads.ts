import type { K8sObject } from './kustomize';

/** The container fields these checks read (a subset of the Kubernetes Container type). */
export interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: {
    configMapRef?: { name: string; optional?: boolean };
    secretRef?: { name: string; optional?: boolean };
    prefix?: string;
  }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
}
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}
export interface Probe {
  httpGet?: { path?: string; port: number | string };
}
export interface PodSpec {
  containers: Container[];
  volumes?: { name: string; emptyDir?: unknown }[];
  securityContext?: Record<string, unknown>;
  terminationGracePeriodSeconds?: number;
}
export interface Workload {
  object: K8sObject;
  podLabels: Record<string, string>;
  pod: PodSpec;
}

/** Deployments and Jobs with their pod template. */
export function workloads(objects: K8sObject[], kind?: 'Deployment' | 'Job'): Workload[] {
  return objects
    .filter((o) => (kind ? o.kind === kind : o.kind === 'Deployment' || o.kind === 'Job'))
    .map((object) => {
      const template = (
        object.spec as {
          template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
        }
      ).template;
      return { object, podLabels: template.metadata?.labels ?? {}, pod: template.spec };
    });
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.name === name);
}

/** One variable of a container's environment: where it comes from and, when known, its value. */
export interface ResolvedVar {
  name: string;
  source: string;
  /** undefined when the value lives in an object that is not rendered (a Secret made elsewhere). */
  value?: string;
}

/**
 * The environment Kubernetes gives the container: envFrom sources in order, then env (later
 * entries win). References to ConfigMaps or Secrets that the overlay does not render are reported
 * in `problems` unless `external` names them (objects operators create themselves).
 */
export function resolveEnv(
  objects: K8sObject[],
  c: Container,
  external: ReadonlySet<string> = new Set(),
): { vars: Map<string, ResolvedVar>; problems: string[] } {
  const vars = new Map<string, ResolvedVar>();
  const problems: string[] = [];
  const dataOf = (
    kind: 'ConfigMap' | 'Secret',
    name: string,
  ): Record<string, string> | undefined => {
    const o = find(objects, kind, name);
    if (!o) return undefined;
    const data = (o.data ?? {}) as Record<string, string>;
    return kind === 'ConfigMap'
      ? data
      : Object.fromEntries(
          Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
        );
  };
  for (const from of c.envFrom ?? []) {
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const data = dataOf(kind, ref.name);
    if (!data) {
      problems.push(
        `${c.name}: envFrom ${kind} ${ref.name} is not rendered, so its variables are unknown`,
      );
      continue;
    }
    for (const [key, value] of Object.entries(data)) {
      const name = `${from.prefix ?? ''}${key}`;
      vars.set(name, { name, source: `${kind} ${ref.name}`, value });
    }
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (!ref) {
      vars.set(e.name, { name: e.name, source: 'env', value: e.value ?? '' });
      continue;
    }
    const kind = e.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const data = dataOf(kind, ref.name);
    // An optional reference to a missing key leaves the variable unset, as Kubernetes does.
    if (data && !(ref.key in data) && ref.optional) continue;
    if (data && !(ref.key in data))
      problems.push(`${c.name}: ${e.name} refers to missing key ${ref.key} of ${kind} ${ref.name}`);
    if (!data && !external.has(`${kind}/${ref.name}`))
      problems.push(`${c.name}: ${e.name} refers to ${kind} ${ref.name}, which is not rendered`);
    vars.set(e.name, { name: e.name, source: `${kind} ${ref.name}`, value: data?.[ref.key] });
  }
  return { vars, problems };
}

/** Resolves a named container port (`http`) or returns the number. */
export function portNumber(c: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

export function labelsMatch(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}
