import Ajv2020 from 'ajv/dist/2020';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const DIR = join(__dirname, '..', '..', 'docs', 'contracts');

/**
 * The published JSON Schemas of docs/contracts, compiled: `check(topic, value)` returns the
 * schema violations of a message value (empty when it conforms).
 */
export function contracts(): { check(topic: string, value: unknown): string[] } {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, multipleOfPrecision: 4 });
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
  }
  const base = 'https://inventory.example/contracts/';
  return {
    check(topic, value) {
      const validate = ajv.getSchema(`${base}${topic}.schema.json`);
      if (!validate) throw new Error(`no schema for ${topic}`);
      return validate(value)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
  };
}
