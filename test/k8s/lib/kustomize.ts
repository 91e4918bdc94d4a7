import { existsSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { applyJsonPatch, JsonPatchOp } from './json-patch';

/** A rendered Kubernetes object (plain JSON). */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
};

/**
 * The subset of kustomize (v5) that k8s/ uses, rendered in process so the tests need nothing but
 * `npm ci`. Anything outside the subset throws instead of being ignored, so a kustomization this
 * renderer accepts renders the same as with kustomize; render.spec.ts compares the two whenever a
 * kustomize binary (`kubectl kustomize`) is on the machine.
 *
 * Order within one kustomization, as kustomize does it: resources (a directory is built first,
 * with its own transformers), then generators, then patches, namespace, labels, images.
 */
const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'labels',
  'images',
  'patches',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);

interface Kustomization {
  namespace?: string;
  resources?: string[];
  labels?: {
    pairs: Record<string, string>;
    includeSelectors?: boolean;
    includeTemplates?: boolean;
  }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  patches?: { path?: string; patch?: string; target?: PatchTarget; options?: unknown }[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  generatorOptions?: { disableNameSuffixHash?: boolean };
}
interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
}
interface Generator {
  name: string;
  literals?: string[];
  behavior?: string;
  type?: string;
}

/** Kinds without a namespace among those kustomize knows; none of them may appear in k8s/. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
]);

export function renderKustomization(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${dir}: no kustomization.yaml`);
  const k = parseYaml(readFileSync(file, 'utf8')) as Kustomization & Record<string, unknown>;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length) throw new Error(`${file}: unsupported fields ${unsupported.join(', ')}`);

  let objects: K8sObject[] = [];
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    objects.push(...(statSync(path).isDirectory() ? renderKustomization(path) : readObjects(path)));
  }
  objects.push(...generate(k, file));
  for (const p of k.patches ?? []) objects = applyPatch(objects, p, dir, file);
  if (k.namespace) for (const o of objects) setNamespace(o, k.namespace);
  for (const l of k.labels ?? []) {
    if (l.includeSelectors || l.includeTemplates)
      throw new Error(`${file}: labels with includeSelectors/includeTemplates are not supported`);
    for (const o of objects) o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
  }
  for (const image of k.images ?? []) for (const o of objects) setImages(o, image);
  assertUnique(objects, file);
  return objects;
}

export function readObjects(path: string): K8sObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => {
      if (d.errors.length) throw new Error(`${path}: ${d.errors[0].message}`);
      return d.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

function generate(k: Kustomization, file: string): K8sObject[] {
  const generators = [
    ...(k.configMapGenerator ?? []).map((g) => ({ g, kind: 'ConfigMap' })),
    ...(k.secretGenerator ?? []).map((g) => ({ g, kind: 'Secret' })),
  ];
  if (generators.length && !k.generatorOptions?.disableNameSuffixHash)
    throw new Error(`${file}: generators need generatorOptions.disableNameSuffixHash: true here`);
  return generators.map(({ g, kind }) => {
    const extra = Object.keys(g).filter((key) => !['name', 'literals', 'behavior'].includes(key));
    if (extra.length || (g.behavior && g.behavior !== 'create'))
      throw new Error(`${file}: generator ${g.name}: only name and literals are supported`);
    const data: Record<string, string> = {};
    for (const literal of g.literals ?? []) {
      const eq = literal.indexOf('=');
      if (eq <= 0) throw new Error(`${file}: generator ${g.name}: bad literal ${literal}`);
      const value = literal.slice(eq + 1);
      data[literal.slice(0, eq)] =
        kind === 'Secret' ? Buffer.from(value, 'utf8').toString('base64') : value;
    }
    const object: K8sObject = { apiVersion: 'v1', kind, metadata: { name: g.name }, data };
    if (kind === 'Secret') object.type = 'Opaque';
    return object;
  });
}

function applyPatch(
  objects: K8sObject[],
  p: NonNullable<Kustomization['patches']>[number],
  dir: string,
  file: string,
): K8sObject[] {
  if (p.options) throw new Error(`${file}: patch options are not supported`);
  const text = p.path ? readFileSync(resolve(dir, p.path), 'utf8') : p.patch;
  const ops = parseYaml(text ?? '') as JsonPatchOp[];
  // A strategic-merge patch is a mapping; only JSON 6902 operation lists are supported here.
  if (!Array.isArray(ops)) throw new Error(`${file}: only JSON 6902 patches are supported`);
  const target = p.target ?? {};
  const extra = Object.keys(target).filter(
    (key) => !['group', 'version', 'kind', 'name'].includes(key),
  );
  if (extra.length) throw new Error(`${file}: patch target fields ${extra.join(', ')} unsupported`);
  let matched = 0;
  const patched = objects.map((o) => {
    if (!matches(o, target)) return o;
    matched += 1;
    return applyJsonPatch(o, ops) as K8sObject;
  });
  if (matched === 0)
    throw new Error(`${file}: patch target ${JSON.stringify(target)} matches nothing`);
  return patched;
}

function matches(o: K8sObject, t: PatchTarget): boolean {
  const [group, version] = o.apiVersion.includes('/')
    ? o.apiVersion.split('/')
    : ['', o.apiVersion];
  return (
    (t.kind === undefined || t.kind === o.kind) &&
    (t.name === undefined || t.name === o.metadata.name) &&
    (t.group === undefined || t.group === group) &&
    (t.version === undefined || t.version === version)
  );
}

function setNamespace(o: K8sObject, namespace: string): void {
  if (CLUSTER_SCOPED.has(o.kind)) throw new Error(`cluster-scoped ${o.kind} is not supported`);
  o.metadata.namespace = namespace;
}

/** kustomize's image transformer: every `image` of a container or init container. */
function setImages(node: unknown, image: NonNullable<Kustomization['images']>[number]): void {
  if (Array.isArray(node)) return node.forEach((n) => setImages(n, image));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value as { image?: string }[]) if (c.image) c.image = retag(c.image, image);
    }
    setImages(value, image);
  }
}

function retag(ref: string, image: NonNullable<Kustomization['images']>[number]): string {
  const at = ref.indexOf('@');
  const withoutDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  if (name !== image.name) return ref;
  const tag = hasTag ? withoutDigest.slice(colon) : '';
  const newName = image.newName ?? name;
  if (image.digest) return `${newName}@${image.digest}`;
  return `${newName}${image.newTag !== undefined ? `:${image.newTag}` : tag}${at >= 0 ? ref.slice(at) : ''}`;
}

function assertUnique(objects: K8sObject[], file: string): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = objectId(o);
    if (seen.has(id)) throw new Error(`${file}: ${id} is declared twice`);
    seen.add(id);
  }
}

export function objectId(o: K8sObject): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** Objects an overlay expects to exist without rendering them (operators create them). */
export const EXTERNAL: Record<Overlay, ReadonlySet<string>> = {
  dev: new Set<string>(),
  prod: new Set(['Secret/inventory-secrets']),
};

export function renderOverlay(overlay: Overlay): K8sObject[] {
  return renderKustomization(join(REPO_ROOT, 'k8s', 'overlays', overlay));
}
