import { apiKeyEntry, generateApiKey } from '@inventory/auth';
import { SCOPES } from '@inventory/contracts';

/**
 * The run's API key, with every scope: generated once per test run by the jest globalSetup
 * (workers inherit it through the environment), or on first use in a process of its own.
 */
export function testApiKey(): string {
  process.env.TEST_API_KEY ??= generateApiKey();
  return process.env.TEST_API_KEY;
}

/** What a service needs to accept the run's key: its SHA-256 digest with every scope. */
export function testAuthEnv(): Record<string, string> {
  return { AUTH_API_KEYS: apiKeyEntry('tests', testApiKey(), SCOPES) };
}

/** Request headers carrying the run's key, plus any others given. */
export function authHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${testApiKey()}`, ...headers };
}

/** fetch with the run's credentials: what every test calling the REST API uses. */
export function api(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    ...init,
    headers: authHeaders((init.headers as Record<string, string> | undefined) ?? {}),
  });
}
