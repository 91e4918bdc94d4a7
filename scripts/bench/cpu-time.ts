import { readdirSync, readFileSync } from 'fs';

/** Linux reports utime/stime in clock ticks of USER_HZ, which is 100 on every mainstream kernel. */
const MS_PER_TICK = 10;

/** How a process is assigned to a group: its pid, or a test on its command name and line. */
export type CpuGroupRule =
  | { name: string; pid: number }
  | { name: string; match: (comm: string, cmdline: string) => boolean };

/** CPU time of every live process, by pid (ms), and the group it belongs to. */
export interface CpuSnapshot {
  byPid: Map<number, { group: string; ms: number }>;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
}

/**
 * CPU time (user + system) of the processes on this machine from /proc, grouped by `rules` (the
 * first that matches; anything else is "other"). Two snapshots give each group's CPU time in
 * between (processes that started or ended meanwhile count for what both snapshots saw), which
 * says what an operation cost on a machine every process shares, however fast it is that day.
 */
export function cpuSnapshot(rules: readonly CpuGroupRule[]): CpuSnapshot {
  const byPid = new Map<number, { group: string; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) continue;
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    // Fields after the command: state is field 3, utime 14 and stime 15 (1-based, proc(5)).
    const fields = stat.slice(close + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
    let group = 'other';
    for (const rule of rules) {
      if ('pid' in rule ? rule.pid === pid : rule.match(comm, cmdlineOf(pid))) {
        group = rule.name;
        break;
      }
    }
    byPid.set(pid, { group, ms });
  }
  return { byPid };
}

function cmdlineOf(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ');
}

/** CPU ms each group used between two snapshots (every group of `rules`, and "other"). */
export function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
  rules: readonly CpuGroupRule[],
): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(
    [...rules.map((r) => r.name), 'other'].map((n) => [n, 0]),
  );
  for (const [pid, now] of after.byPid) {
    const then = before.byPid.get(pid);
    if (then) out[now.group] += Math.max(0, now.ms - then.ms);
  }
  return out;
}

/** The processes of the benchmark machine besides the named services and the bench itself. */
export const INFRA_RULES: CpuGroupRule[] = [
  { name: 'Kafka broker', match: (_comm, cmd) => cmd.includes('kafka.Kafka') },
  { name: 'PostgreSQL', match: (comm) => comm === 'postgres' || comm.startsWith('postgres:') },
  { name: 'Redis', match: (comm) => comm.startsWith('redis-server') },
];
