import { IdlePoll } from './idle-poll';

/** The next empty read waits `ms`: not done at once, done once the timers reach it. */
async function expectEmptyReadWaits(poll: IdlePoll, ms: number): Promise<void> {
  let done = false;
  void poll.afterEmpty().then(() => (done = true));
  await Promise.resolve();
  expect(done).toBe(false);
  jest.advanceTimersByTime(ms);
  await Promise.resolve();
  expect(done).toBe(true);
}

/** `n` empty reads, each waited out. */
async function backOff(poll: IdlePoll, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const done = poll.afterRead(0, 10);
    jest.advanceTimersByTime(100);
    await done;
  }
}

/** Whether `wait` is over without any timer running. */
async function settledAtOnce(wait: Promise<void>): Promise<boolean> {
  let done = false;
  void wait.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('IdlePoll', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('backs off while reads find nothing, up to the longest wait', async () => {
    const poll = new IdlePoll({ minMs: 25, maxMs: 100, perStep: 2 });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      waits.push(poll.nextMs);
      const done = poll.afterEmpty();
      jest.advanceTimersByTime(poll.nextMs * 4);
      await done;
    }
    expect(waits).toEqual([25, 25, 50, 50, 100, 100, 100, 100]);
  });

  it('goes back to the fast interval after a read that found something, or a wake', async () => {
    const poll = new IdlePoll({ minMs: 25, maxMs: 100, perStep: 1 });
    await backOff(poll, 3);
    expect(poll.nextMs).toBe(100);
    poll.reset();
    expect(poll.nextMs).toBe(25);
    void poll.afterEmpty();
    expect(poll.nextMs).toBe(50);
    poll.wake();
    expect(poll.nextMs).toBe(25);
  });

  it('wake ends the current wait at once', async () => {
    const poll = new IdlePoll({ minMs: 1000, maxMs: 1000 });
    let done = false;
    const waiting = poll.afterEmpty().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    poll.wake();
    await waiting;
    expect(done).toBe(true);
  });

  it('does not lose a wake that comes while the reader is reading', async () => {
    const poll = new IdlePoll({ minMs: 1000, maxMs: 1000 });
    // The append lands while the read is in flight; the read found nothing.
    poll.wake();
    let done = false;
    const waiting = poll.afterEmpty().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(true);
    await waiting;
    // Only once: the next empty read waits again.
    await expectEmptyReadWaits(poll, 1000);
  });

  it('forgets a wake once a read found something (the next read is at once anyway)', async () => {
    const poll = new IdlePoll({ minMs: 1000, maxMs: 1000 });
    poll.wake();
    poll.reset();
    await expectEmptyReadWaits(poll, 1000);
  });

  it('after a partial page waits the fast interval unless woken; after a full page not at all', async () => {
    const poll = new IdlePoll({ minMs: 25, maxMs: 100, perStep: 1 });
    await backOff(poll, 3);
    expect(poll.nextMs).toBe(100);
    let done = false;
    const waiting = poll.afterRead(3, 10).then(() => (done = true));
    jest.advanceTimersByTime(24);
    await Promise.resolve();
    expect(done).toBe(false);
    jest.advanceTimersByTime(1);
    await waiting;
    expect(poll.nextMs).toBe(25);
    // A wake during the read (the append may have missed it): no wait at all.
    poll.wake();
    await expect(settledAtOnce(poll.afterRead(3, 10))).resolves.toBe(true);
    // An append while it waits ends the wait.
    const third = poll.afterRead(3, 10);
    await expect(settledAtOnce(third)).resolves.toBe(false);
    poll.wake();
    await third;
    // A full page: read again at once; an empty one backs off as before.
    await backOff(poll, 2);
    await expect(settledAtOnce(poll.afterRead(10, 10))).resolves.toBe(true);
    expect(poll.nextMs).toBe(25);
    await expectEmptyReadWaits(poll, 25);
  });
});
