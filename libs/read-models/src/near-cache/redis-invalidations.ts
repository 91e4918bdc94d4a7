import type Redis from 'ioredis';

export interface InvalidationListener {
  /** Keys written (or expired, or deleted) in Redis; `null` when the database was flushed. */
  invalidate(keys: readonly string[] | null): void;
  /** Invalidations flow: values read from now on may be kept. */
  enable(): void;
  /** Invalidations may have been lost: forget everything, keep nothing until `enable`. */
  disable(): void;
}

const CHANNEL = '__redis__:invalidate';

/**
 * Redis' server-assisted client-side caching (CLIENT TRACKING, Redis 6+) in broadcast mode: one
 * connection subscribes to the invalidation channel, another turns tracking on for the key
 * prefixes and redirects to it, so every write of a key under those prefixes, by any client,
 * reaches the listener. RESP2 with a redirect is what ioredis speaks.
 *
 * Either connection dropping may lose invalidations, so the listener is disabled until both are
 * back and tracking is redirected to the subscriber's new client id.
 */
export class RedisInvalidations {
  private stopped = false;
  private setup: Promise<void> | undefined;

  constructor(
    private readonly subscriber: Redis,
    private readonly tracker: Redis,
    private readonly prefixes: readonly string[],
    private readonly listener: InvalidationListener,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('messageBuffer', (channel: Buffer, message: unknown) => {
      if (channel.toString() !== CHANNEL) return;
      this.listener.invalidate(keysOf(message));
    });
    for (const connection of [this.subscriber, this.tracker]) {
      connection.on('close', () => this.listener.disable());
      connection.on('ready', () => void this.resume());
      connection.on('error', (err: Error) => this.onError(err));
    }
    await Promise.all([this.subscriber, this.tracker].map(readyOf));
    await this.resume();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listener.disable();
    await Promise.allSettled([this.subscriber.quit(), this.tracker.quit()]);
  }

  /** (Re)connect tracking to the subscriber; one attempt at a time. */
  private resume(): Promise<void> {
    this.setup ??= this.connect().finally(() => (this.setup = undefined));
    return this.setup;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.listener.disable();
    try {
      if (this.subscriber.status !== 'ready' || this.tracker.status !== 'ready') {
        // ioredis re-subscribes by itself on reconnect; wait for both connections.
        return;
      }
      // A subscribed connection only takes (P)SUBSCRIBE/PING/...: ask for the id first.
      const id = await this.clientIdOfSubscriber();
      const prefixArgs = this.prefixes.flatMap((p) => ['PREFIX', p]);
      await this.tracker.call('CLIENT', 'TRACKING', 'OFF');
      await this.tracker.call(
        'CLIENT',
        'TRACKING',
        'ON',
        'REDIRECT',
        String(id),
        'BCAST',
        ...prefixArgs,
      );
      if (!this.stopped && this.subscriber.status === 'ready' && this.tracker.status === 'ready')
        this.listener.enable();
    } catch (err) {
      this.listener.disable();
      this.onError(err as Error);
    }
  }

  private async clientIdOfSubscriber(): Promise<number> {
    // Unsubscribed while asking, then subscribed again: the listener is disabled meanwhile.
    await this.subscriber.unsubscribe(CHANNEL);
    const id = Number(await this.subscriber.client('ID'));
    await this.subscriber.subscribe(CHANNEL);
    return id;
  }
}

function keysOf(message: unknown): string[] | null {
  if (message === null || message === undefined) return null;
  if (Array.isArray(message))
    return message.map((k) => (Buffer.isBuffer(k) ? k.toString() : String(k)));
  return [Buffer.isBuffer(message) ? message.toString() : String(message)];
}

function readyOf(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => connection.once('ready', () => resolve()));
}
