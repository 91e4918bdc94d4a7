import { ChildProcess, spawn } from 'child_process';
import { waitFor } from './wait-for';
import Redis from 'ioredis';

/**
 * A private real redis-server on its own port, for tests that stop and restart Redis without
 * disturbing the shared one other suites use.
 */
export class PrivateRedis {
  private child?: ChildProcess;

  /** `password` makes the server require it (requirepass); the URL then carries it. */
  constructor(
    readonly port: number,
    private readonly password?: string,
  ) {}

  get url(): string {
    const auth = this.password ? `:${encodeURIComponent(this.password)}@` : '';
    return `redis://${auth}127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        ...(this.password ? ['--requirepass', this.password] : []),
      ],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(
      async () => {
        const client = new Redis(this.url, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        try {
          await client.connect();
          return (await client.ping()) === 'PONG';
        } finally {
          client.disconnect();
        }
      },
      { what: `redis-server on ${this.port}`, timeoutMs: 15000 },
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}
