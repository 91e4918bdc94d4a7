import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { K8sObject, OVERLAYS, objectId, renderKustomization, renderOverlay } from './lib/kustomize';

/** kustomize, from `kubectl kustomize` (kubectl ships it) or a standalone binary, if installed. */
function kustomizeCommand(): string[] | undefined {
  for (const candidate of [
    ['kustomize', 'build'],
    ['kubectl', 'kustomize'],
  ]) {
    try {
      execFileSync(
        candidate[0],
        candidate[0] === 'kubectl' ? ['version', '--client'] : ['version'],
        {
          stdio: 'ignore',
        },
      );
      return candidate;
    } catch {
      // not installed: try the next one
    }
  }
  return undefined;
}

function byId(objects: K8sObject[]): Record<string, K8sObject> {
  return Object.fromEntries(objects.map((o) => [objectId(o), o]));
}

describe('rendering the overlays', () => {
  it.each(OVERLAYS)('%s renders to namespaced objects with unique names', (overlay) => {
    const objects = renderOverlay(overlay);
    expect(objects.length).toBeGreaterThan(50);
    expect(new Set(objects.map((o) => o.metadata.namespace))).toEqual(
      new Set([overlay === 'dev' ? 'inventory-dev' : 'inventory']),
    );
    expect(Object.keys(byId(objects))).toHaveLength(objects.length);
  });

  it('sets the images, the Secret and the replica bounds per overlay', () => {
    const images = (objects: K8sObject[]) =>
      objects
        .filter((o) => o.kind === 'Deployment')
        .map(
          (o) =>
            (o.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
              .containers[0].image,
        );
    const dev = renderOverlay('dev');
    const prod = renderOverlay('prod');
    expect(images(dev).every((i) => /^inventory\/[a-z-]+:local$/.test(i))).toBe(true);
    expect(
      images(prod).every((i) => /^registry\.example\.com\/inventory\/[a-z-]+:0\.1\.0$/.test(i)),
    ).toBe(true);
    expect(dev.some((o) => o.kind === 'Secret')).toBe(true);
    // Production credentials are never in git.
    expect(prod.some((o) => o.kind === 'Secret')).toBe(false);
  });

  // The in-process renderer must agree with the real kustomize (kubectl's, which the machines
  // this project runs on have). Without one this fails rather than skip: install kubectl.
  it.each(OVERLAYS)('%s renders exactly as kustomize does', (overlay) => {
    const kustomize = kustomizeCommand();
    if (!kustomize)
      throw new Error(
        'neither kustomize nor kubectl is on PATH: install kubectl to check the renderer',
      );
    const [command, ...args] = kustomize;
    const output = execFileSync(command, [...args, join('k8s', 'overlays', overlay)], {
      cwd: join(__dirname, '..', '..'),
    }).toString();
    const theirs = parseAllDocuments(output).map((d) => d.toJS() as K8sObject);
    // kustomize folds long base64 lines of Secret data; decoders ignore the whitespace.
    for (const o of theirs.filter((t) => t.kind === 'Secret'))
      for (const [k, v] of Object.entries(o.data as Record<string, string>))
        (o.data as Record<string, string>)[k] = v.replace(/\s/g, '');
    expect(byId(renderOverlay(overlay))).toEqual(byId(theirs));
  });
});

describe('the in-process kustomize subset', () => {
  const dir = (files: Record<string, string>): string => {
    const root = mkdtempSync(join(tmpdir(), 'kustomize-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
    return root;
  };
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  A: "1"\n';

  it('refuses a field it does not implement instead of ignoring it', () => {
    const root = dir({
      'kustomization.yaml': 'resources: [cm.yaml]\nnamePrefix: x-\n',
      'cm.yaml': cm,
    });
    expect(() => renderKustomization(root)).toThrow('unsupported fields namePrefix');
  });

  it('refuses strategic-merge patches and patches that match nothing', () => {
    const smp = dir({
      'kustomization.yaml': 'resources: [cm.yaml]\npatches:\n  - patch: "data: {A: 2}"\n',
      'cm.yaml': cm,
    });
    expect(() => renderKustomization(smp)).toThrow('only JSON 6902 patches');
    const none = dir({
      'kustomization.yaml':
        'resources: [cm.yaml]\npatches:\n  - target: {kind: Secret}\n    patch: "[{op: remove, path: /data}]"\n',
      'cm.yaml': cm,
    });
    expect(() => renderKustomization(none)).toThrow('matches nothing');
  });

  it('applies JSON patches, namespace, labels and image tags', () => {
    const root = dir({
      'kustomization.yaml': [
        'namespace: n',
        'resources: [cm.yaml, job.yaml]',
        'labels: [{pairs: {team: a}}]',
        'images: [{name: app, newName: reg/app, newTag: "2"}]',
        'patches:',
        '  - target: {kind: ConfigMap, name: c}',
        '    patch: "[{op: replace, path: /data/A, value: \\"3\\"}]"',
      ].join('\n'),
      'cm.yaml': cm,
      'job.yaml':
        'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {containers: [{name: x, image: "app:1"}]}}}\n',
    });
    const [configMap, job] = renderKustomization(root);
    expect(configMap).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'n', labels: { team: 'a' } },
      data: { A: '3' },
    });
    expect(JSON.stringify(job)).toContain('"image":"reg/app:2"');
  });
});
