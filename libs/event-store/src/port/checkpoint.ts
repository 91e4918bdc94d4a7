import { EventStoreArgumentError } from './errors';

/**
 * A position in an event store's commit order, opaque to callers.
 *
 * Every adapter encodes a checkpoint as two unsigned 64-bit integers, each zero-padded to 20
 * decimal digits and joined by ':' (PostgreSQL: transaction id and global position; KurrentDB:
 * commit and prepare position; in-memory: commit number and global position). Fixed width
 * makes plain string comparison agree with commit order, so checkpoints can be compared in a
 * Redis Lua script or a SQL column without decoding. Checkpoints of different adapters (or of
 * different databases) are not comparable with each other.
 */
export type Checkpoint = string;

const WIDTH = 20;
const MAX_U64 = (1n << 64n) - 1n;
const CHECKPOINT_PATTERN = /^\d{20}:\d{20}$/;

export function encodeCheckpoint(major: bigint | string, minor: bigint | string): Checkpoint {
  return `${toPadded(major)}:${toPadded(minor)}`;
}

export function decodeCheckpoint(checkpoint: Checkpoint): { major: bigint; minor: bigint } {
  assertCheckpoint(checkpoint);
  return { major: BigInt(checkpoint.slice(0, WIDTH)), minor: BigInt(checkpoint.slice(WIDTH + 1)) };
}

export function isCheckpoint(value: unknown): value is Checkpoint {
  if (typeof value !== 'string' || !CHECKPOINT_PATTERN.test(value)) return false;
  return BigInt(value.slice(0, WIDTH)) <= MAX_U64 && BigInt(value.slice(WIDTH + 1)) <= MAX_U64;
}

export function assertCheckpoint(value: unknown): asserts value is Checkpoint {
  if (!isCheckpoint(value)) {
    throw new EventStoreArgumentError(`invalid checkpoint ${JSON.stringify(value)}`);
  }
}

/** Total order of checkpoints of one store: negative, zero or positive like a sort comparator. */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  assertCheckpoint(a);
  assertCheckpoint(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

const DIGITS = /^\d{1,19}$/;

function toPadded(value: bigint | string): string {
  // Fast path for the decimal strings PostgreSQL returns: up to 19 digits is always < 2^64.
  if (typeof value === 'string' && DIGITS.test(value)) return value.padStart(WIDTH, '0');
  const n = typeof value === 'bigint' ? value : BigInt(value);
  if (n < 0n || n > MAX_U64)
    throw new EventStoreArgumentError(`checkpoint part out of range: ${n}`);
  return n.toString().padStart(WIDTH, '0');
}
