import { SCOPES, Scope } from '@inventory/contracts';

/** One API key the platform accepts: never the key itself, only its SHA-256 digest. */
export interface ApiKeyEntry {
  /** Who holds the key (logs and rate limits name it; never secret). */
  name: string;
  /** Lower-case hex SHA-256 of the key as the client sends it. */
  sha256: string;
  scopes: Scope[];
}

const ENTRY = /^([A-Za-z0-9_.-]{1,64}):([0-9a-fA-F]{64}):(\S+)$/;

/**
 * Parses AUTH_API_KEYS: entries `<name>:<sha256 hex>:<scope>[+<scope>...]` separated by commas,
 * spaces or new lines, e.g. `shop:9f86...0f08:inventory:checkout+inventory:read`. Problems name
 * the entry by position only: the value is kept out of messages.
 */
export function parseApiKeys(value: string): { entries: ApiKeyEntry[]; problems: string[] } {
  const entries: ApiKeyEntry[] = [];
  const problems: string[] = [];
  const raw = value.split(/[\s,]+/).filter(Boolean);
  if (raw.length === 0) problems.push('holds no entry');
  raw.forEach((text, i) => {
    const m = ENTRY.exec(text);
    if (!m) {
      problems.push(`entry ${i + 1} is not <name>:<sha256 hex>:<scope>[+<scope>...]`);
      return;
    }
    const scopes = m[3].split('+');
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0) {
      problems.push(`entry ${i + 1} has unknown scope(s) ${unknown.join(', ')}`);
      return;
    }
    entries.push({ name: m[1], sha256: m[2].toLowerCase(), scopes: scopes as Scope[] });
  });
  const names = entries.map((e) => e.name);
  const hashes = entries.map((e) => e.sha256);
  if (new Set(names).size !== names.length) problems.push('names an entry twice');
  if (new Set(hashes).size !== hashes.length) problems.push('lists the same key twice');
  return { entries, problems };
}
