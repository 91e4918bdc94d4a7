import { ConfigValidationError, loadConfig } from '@inventory/config';
import { GatewayConfig } from './config';

const auth = { AUTH_API_KEYS: `ops:${'a'.repeat(64)}:inventory:admin` };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig('gateway', GatewayConfig, { ...auth, ...env });
    return [];
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) throw err;
    return err.problems.map((p) => p.variable);
  }
}

describe('GatewayConfig limits', () => {
  it('default to 5,000 requests a second per client and a 1 MiB body', () => {
    const config = loadConfig('gateway', GatewayConfig, auth);
    expect(config.RATE_LIMIT_MAX).toBe(5000);
    expect(config.RATE_LIMIT_WINDOW_MS).toBe(1000);
    expect(config.HTTP_BODY_LIMIT_BYTES).toBe(1048576);
  });

  it('read and validate the limits from the environment', () => {
    const config = loadConfig('gateway', GatewayConfig, {
      ...auth,
      RATE_LIMIT_MAX: '0',
      RATE_LIMIT_WINDOW_MS: '60000',
      HTTP_BODY_LIMIT_BYTES: '2048',
    });
    expect([config.RATE_LIMIT_MAX, config.RATE_LIMIT_WINDOW_MS]).toEqual([0, 60000]);
    expect(problems({ RATE_LIMIT_MAX: '-1' })).toEqual(['RATE_LIMIT_MAX']);
    expect(problems({ RATE_LIMIT_MAX: 'many' })).toEqual(['RATE_LIMIT_MAX']);
    expect(problems({ RATE_LIMIT_WINDOW_MS: '10' })).toEqual(['RATE_LIMIT_WINDOW_MS']);
    expect(problems({ HTTP_BODY_LIMIT_BYTES: '10' })).toEqual(['HTTP_BODY_LIMIT_BYTES']);
  });

  it('need a credential source like every app', () => {
    try {
      loadConfig('gateway', GatewayConfig, {});
      throw new Error('unreachable');
    } catch (err) {
      expect((err as ConfigValidationError).problems.map((p) => p.variable)).toEqual([
        'AUTH_API_KEYS',
      ]);
    }
  });
});
