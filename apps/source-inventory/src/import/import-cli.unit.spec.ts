import { PassThrough } from 'stream';
import { importCli } from './import-cli';

function output() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => String(stream.read() ?? '');
  return { io: { stdout, stderr }, out: text(stdout), err: text(stderr) };
}

const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

describe('cli import usage', () => {
  it.each([
    ['no file', [], env, 'expected exactly one CSV file'],
    ['two files', ['import', 'a.csv', 'b.csv'], env, 'expected exactly one CSV file'],
    ['an unknown option', ['a.csv', '--force'], env, "Unknown option '--force'"],
    ['a chunk that is not a positive integer', ['a.csv', '--chunk', '0'], env, '--chunk must be'],
    [
      'a chunk too large for the lock table',
      ['a.csv', '--chunk', '100000'],
      env,
      '--chunk must be',
    ],
    ['an empty import id', ['a.csv', '--import-id='], env, '--import-id must not be empty'],
    ['no DATABASE_URL', ['a.csv'], {}, 'DATABASE_URL is not set'],
    ['a missing file', ['import', '/nonexistent/items.csv'], env, 'is not a readable file'],
    [
      'an invalid schema',
      ['import', __filename],
      { ...env, EVENT_STORE_SCHEMA: 'Bad-Schema' },
      'invalid schema name',
    ],
  ])('exits with 2 and the usage for %s', async (_, argv, environment, message) => {
    const { io, out, err } = output();

    await expect(importCli(argv, environment, io)).resolves.toBe(2);

    const printed = err();
    expect(printed).toContain(message);
    expect(printed).toContain('usage: cli import <file.csv>');
    expect(out()).toBe('');
  });
});
