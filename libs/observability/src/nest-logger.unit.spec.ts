import pino from 'pino';
import { Writable } from 'stream';
import { NestPinoLogger } from './nest-logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: new NestPinoLogger(pino({ level: 'debug' }, stream)) };
}

describe('NestPinoLogger', () => {
  it('writes Nest log calls as pino lines with their context, stack and level', async () => {
    const { lines, logger } = capture();
    logger.log('listening', 'Bootstrap');
    logger.error('failed', 'Error: x\n    at y', 'Consumer');
    logger.warn({ lag: 3 }, 'Relay');
    logger.verbose('hidden at debug');
    logger.error(new Error('boom'));
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'listening', context: 'Bootstrap' });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'failed', context: 'Consumer' });
    expect((lines[1].err as { stack: string }).stack).toContain('at y');
    expect(lines[2]).toMatchObject({ level: 40, lag: 3, context: 'Relay' });
    expect(lines[3]).toMatchObject({ level: 50, msg: 'boom' });
  });
});
