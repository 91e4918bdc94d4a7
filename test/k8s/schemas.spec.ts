import { K8sObject, OVERLAYS, renderOverlay } from './lib/kustomize';
import { SchemaRegistry } from './lib/schemas';

describe('every rendered object is valid for its kind', () => {
  let schemas: SchemaRegistry;
  beforeAll(() => {
    schemas = new SchemaRegistry();
  });

  it.each(OVERLAYS)('%s: all objects pass their JSON Schema', (overlay) => {
    const objects = renderOverlay(overlay);
    const kinds = new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`));
    expect([...kinds].filter((k) => !schemas.kinds().includes(k))).toEqual([]);
    expect(objects.flatMap((o) => schemas.validate(o))).toEqual([]);
  });

  it('the schemas reject what the API server would reject', () => {
    const deployment = renderOverlay('prod').find((o) => o.kind === 'Deployment') as K8sObject;
    const broken = structuredClone(deployment);
    const container = (
      broken.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers[0];
    container.readinesProbe = container.readinessProbe; // a typo'd field name
    delete container.name; // a required field
    (broken.spec as Record<string, unknown>).minReadySeconds = 'soon'; // a wrong type
    expect(schemas.validate(broken)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('has unknown field "readinesProbe"'),
        expect.stringContaining("must have required property 'name'"),
        expect.stringContaining('/spec/minReadySeconds must be number'),
      ]),
    );
    const topic = structuredClone(
      renderOverlay('dev').find((o) => o.kind === 'KafkaTopic') as K8sObject,
    );
    (topic.spec as Record<string, unknown>).partitions = 0;
    expect(schemas.validate(topic)).toEqual([
      expect.stringContaining('/spec/partitions must be >= 1'),
    ]);
    expect(schemas.validate({ ...topic, apiVersion: 'kafka.strimzi.io/v1alpha9' })).toEqual([
      expect.stringContaining('no schema for this apiVersion and kind'),
    ]);
  });
});
