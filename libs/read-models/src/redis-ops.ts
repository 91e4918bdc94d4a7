/**
 * A projection turns an event into Redis writes, without reading Redis. Pure event -> writes is
 * what makes "rebuild equals live" hold by construction: the same events in the same order give
 * the same writes, hence the same bytes.
 */
export type RedisWrite =
  | { op: 'SET'; key: string; args: [value: string] }
  | { op: 'DEL'; key: string; args: [] }
  | { op: 'HSET'; key: string; args: string[] }
  | { op: 'HDEL'; key: string; args: string[] }
  | { op: 'HINCRBY'; key: string; args: [field: string, by: string] }
  | { op: 'HINCRBYFLOAT'; key: string; args: [field: string, by: string] }
  | { op: 'INCRBYFLOAT'; key: string; args: [by: string] }
  | { op: 'SADD' | 'SREM'; key: string; args: string[] }
  | { op: 'ZADD'; key: string; args: string[] }
  | { op: 'ZREM'; key: string; args: string[] };

export const ALLOWED_OPS = new Set([
  'SET',
  'DEL',
  'HSET',
  'HDEL',
  'HINCRBY',
  'HINCRBYFLOAT',
  'INCRBYFLOAT',
  'SADD',
  'SREM',
  'ZADD',
  'ZREM',
]);

/**
 * Applies groups of writes, each tagged with its event's checkpoint, and advances the stored
 * checkpoint in the same script: Redis runs a script atomically, so an event's writes and the
 * checkpoint move together, and a group at or before the stored checkpoint is skipped (a
 * redelivery changes nothing). Checkpoints are fixed-width strings, so string order is commit order.
 *
 * The runner keeps its position in memory and says where it read from: a stored checkpoint
 * before that (Redis lost its data, or a rebuild reset the projection) applies nothing and
 * returns -1, and the runner reads again from the stored checkpoint.
 * KEYS[1] = checkpoint key; ARGV = read-from checkpoint ('' = the start), groupCount, then per
 * group: checkpoint, opCount, then per op: name, key, argCount, args...
 */
export const APPLY_SCRIPT = `
local current = redis.call('GET', KEYS[1]) or ''
if current < ARGV[1] then return {-1, current} end
local last = current
local i = 3
local applied = 0
for g = 1, tonumber(ARGV[2]) do
  local cp = ARGV[i]
  local nops = tonumber(ARGV[i + 1])
  i = i + 2
  local apply = cp > last
  for o = 1, nops do
    local nargs = tonumber(ARGV[i + 2])
    if apply then
      redis.call(ARGV[i], ARGV[i + 1], unpack(ARGV, i + 3, i + 2 + nargs))
    end
    i = i + 3 + nargs
  end
  if apply then
    last = cp
    applied = applied + 1
  end
end
if last ~= current then redis.call('SET', KEYS[1], last) end
return {applied, last}
`;

export function encodeGroups(
  from: string | null,
  groups: Array<{ checkpoint: string; writes: RedisWrite[] }>,
): string[] {
  const argv: string[] = [from ?? '', String(groups.length)];
  for (const g of groups) {
    argv.push(g.checkpoint, String(g.writes.length));
    for (const w of g.writes) {
      if (!ALLOWED_OPS.has(w.op)) throw new Error(`projection write ${w.op} is not allowed`);
      argv.push(w.op, w.key, String(w.args.length), ...w.args);
    }
  }
  return argv;
}
