import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createGenerator } from 'ts-json-schema-generator';
import type { K8sObject } from './kustomize';

const SCHEMAS = join(__dirname, '..', 'schemas');

/**
 * JSON Schemas of every kind in test/k8s/schemas/kinds.ts, generated from the TypeScript API
 * declarations with additionalProperties: false (unknown fields are errors, as with kubectl's
 * strict field validation), plus the hand-written KafkaTopic schema. Generating takes a few seconds.
 */
export class SchemaRegistry {
  private readonly ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    const generated = createGenerator({
      path: join(SCHEMAS, 'kinds.ts'),
      tsconfig: join(SCHEMAS, 'tsconfig.json'),
      type: 'KubernetesKinds',
      additionalProperties: false,
      skipTypeCheck: true,
      jsDoc: 'none',
      topRef: true,
      expose: 'all',
    }).createSchema('KubernetesKinds');
    const definitions = generated.definitions ?? {};
    this.ajv.addSchema({ $id: 'kinds', definitions });
    const kinds = (definitions.KubernetesKinds as { properties: Record<string, { $ref: string }> })
      .properties;
    for (const [key, { $ref }] of Object.entries(kinds)) {
      if (key === 'ObjectMeta') continue;
      this.validators.set(
        key,
        this.ajv.compile({
          allOf: [
            { $ref: `kinds${$ref}` },
            // Optional in the API types (clients may omit them on some calls), never in a manifest.
            {
              type: 'object',
              required: ['apiVersion', 'kind', 'metadata'],
              properties: { metadata: { type: 'object', required: ['name'] } },
            },
          ],
        }),
      );
    }
    const kafkaTopic = JSON.parse(
      readFileSync(join(SCHEMAS, 'kafkatopic.kafka.strimzi.io-v1beta2.json'), 'utf8'),
    );
    this.validators.set('kafka.strimzi.io/v1beta2/KafkaTopic', this.ajv.compile(kafkaTopic));
  }

  kinds(): string[] {
    return [...this.validators.keys()];
  }

  /** Problems of one object, each `<kind> <name>: <path> <message>`; empty when valid. */
  validate(object: K8sObject): string[] {
    const key = `${object.apiVersion}/${object.kind}`;
    const name = `${key} ${object.metadata?.name}`;
    const validate = this.validators.get(key);
    if (!validate) return [`${name}: no schema for this apiVersion and kind`];
    if (validate(object)) return [];
    return (validate.errors ?? []).map((e) => `${name}: ${describe(e)}`);
  }
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '/';
  if (e.keyword === 'additionalProperties')
    return `${where} has unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  return `${where} ${e.message}`;
}
