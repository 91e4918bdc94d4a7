import pino from 'pino';
import { Writable } from 'stream';
import { loggerOptions } from './logger';

describe('loggerOptions', () => {
  it('redacts credentials in request headers and secret settings', () => {
    let out = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = pino(loggerOptions('svc', 'debug'), stream);
    logger.debug({
      req: {
        url: '/x',
        headers: { authorization: 'Bearer tok-1', 'x-api-key': 'key-2', cookie: 'c-3' },
      },
      config: { AUTH_JWT_SECRET: 'jwt-4', KAFKA_SASL_PASSWORD: 'sasl-5', LOG_LEVEL: 'debug' },
      sasl: { mechanism: 'plain', password: 'sasl-6' },
    });
    for (const secret of ['tok-1', 'key-2', 'c-3', 'jwt-4', 'sasl-5', 'sasl-6'])
      expect(out).not.toContain(secret);
    expect(JSON.parse(out)).toMatchObject({
      req: { url: '/x', headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' } },
      config: { LOG_LEVEL: 'debug' },
    });
  });
});
