import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse as parseYaml } from 'yaml';
import { SERVICE_HEAP_MB } from '@inventory/contracts';
import {
  APPS,
  appNamed,
  configProblems,
  configVariables,
  defaultPort,
  healthPaths,
  sampleEnv,
} from './apps';
import { REPO_ROOT } from './kustomize';

/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
}
export interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const stages: Stage[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!m) throw new Error(`bad FROM: ${args}`);
      stages.push({ name: m[2] ?? `#${stages.length}`, base: m[1], instructions: [] });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** A stage with the instructions of the stages it is built FROM, base first. */
export function lineage(stages: Stage[], name: string): Stage[] {
  const stage = stages.find((s) => s.name === name);
  if (!stage) return [];
  return [...lineage(stages, stage.base), stage];
}

/** ENV of a target, its bases' included (`ENV A=1 B=2` form). */
export function imageEnv(stages: Stage[], target: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const s of lineage(stages, target))
    for (const i of s.instructions.filter((i) => i.keyword === 'ENV'))
      for (const pair of i.args.split(/\s+/)) {
        const eq = pair.indexOf('=');
        if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"|"$/g, '');
      }
  return env;
}

export function lastArgs(stages: Stage[], target: string, keyword: string): string | undefined {
  const all = lineage(stages, target).flatMap((s) =>
    s.instructions.filter((i) => i.keyword === keyword),
  );
  return all[all.length - 1]?.args;
}

export function readDockerfile(): Stage[] {
  return parseDockerfile(readFileSync(join(REPO_ROOT, 'docker', 'Dockerfile'), 'utf8'));
}

/** Image checks: a target per app, production-only runtime, non-root, health check. */
export function dockerfileProblems(stages: Stage[]): string[] {
  const out: string[] = [];
  for (const app of APPS) {
    const target = app.name;
    if (!stages.some((s) => s.name === target)) {
      out.push(`no build target ${target}`);
      continue;
    }
    const names = lineage(stages, target).map((s) => s.name);
    if (!names.includes('runtime')) out.push(`${target}: not built on the runtime stage`);
    const cmd = JSON.parse(lastArgs(stages, target, 'CMD') ?? '[]') as string[];
    const script = cmd[1] ?? '';
    if (cmd[0] !== 'node' || script !== `dist/apps/${app.name}/src/main.js`)
      out.push(`${target}: CMD ${cmd.join(' ')} is not node dist/apps/${app.name}/src/main.js`);
    else if (!existsSync(join(REPO_ROOT, script.replace(/^dist\//, '').replace(/\.js$/, '.ts'))))
      out.push(`${target}: ${script} has no source`);
    const env = imageEnv(stages, target);
    if (env.NODE_ENV !== 'production') out.push(`${target}: NODE_ENV is ${env.NODE_ENV}`);
    if (Number(env.HTTP_PORT) !== defaultPort(app))
      out.push(`${target}: HTTP_PORT ${env.HTTP_PORT}, the app's default is ${defaultPort(app)}`);
    const exposed = lastArgs(stages, target, 'EXPOSE');
    if (Number(exposed) !== Number(env.HTTP_PORT))
      out.push(`${target}: EXPOSE ${exposed} is not HTTP_PORT`);
    const names_ = new Set(configVariables(app.config).map((v) => v.name));
    if (env.NODE_OPTIONS !== `--max-old-space-size=${SERVICE_HEAP_MB}`)
      out.push(
        `${target}: NODE_OPTIONS ${env.NODE_OPTIONS} does not set the heap limit --max-old-space-size=${SERVICE_HEAP_MB}`,
      );
    for (const name of Object.keys(env))
      if (name !== 'NODE_OPTIONS' && !names_.has(name))
        out.push(`${target}: ENV ${name} is not a variable ${app.name} validates`);
    for (const p of configProblems(app, { ...sampleEnv(app), ...env }))
      out.push(`${target}: ENV invalid: ${p}`);
    const user = lastArgs(stages, target, 'USER') ?? 'root';
    if (!/^[1-9]\d*(:\d+)?$/.test(user))
      out.push(`${target}: USER ${user} is not a numeric non-root user`);
    const health = lastArgs(stages, target, 'HEALTHCHECK') ?? '';
    if (
      !health.includes(`/${healthPaths(app).ready.replace(/^\//, '')}'`) ||
      !health.includes('process.env.HTTP_PORT')
    )
      out.push(`${target}: HEALTHCHECK does not probe ${healthPaths(app).ready} on HTTP_PORT`);
  }
  const runtime = stages.find((s) => s.name === 'runtime');
  const copies = runtime?.instructions.filter((i) => i.keyword === 'COPY') ?? [];
  const modules = copies.find((c) => /node_modules/.test(c.args));
  if (!modules?.args.includes('--from=prod-deps'))
    out.push('runtime: node_modules do not come from prod-deps');
  const prodDeps = stages.find((s) => s.name === 'prod-deps');
  if (
    !prodDeps?.instructions.some((i) => i.keyword === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args))
  )
    out.push('prod-deps: does not install with npm ci --omit=dev');
  const build = stages.find((s) => s.name === 'build');
  if (!build?.instructions.some((i) => i.keyword === 'RUN' && i.args === 'npm run build'))
    out.push('build: does not run npm run build');
  return out;
}

/** .dockerignore semantics: last matching pattern wins; a pattern matching a parent dir counts. */
export function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+/, '');
      return { negate, regex: globToRegex(pattern) };
    });
  return (path: string): boolean => {
    const parts = path.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const r of rules) if (candidates.some((c) => r.regex.test(c))) excluded = !r.negate;
    return !excluded;
  };
}

function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  volumes?: string[];
  profiles?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  stop_grace_period?: string;
}
export interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readCompose(): Compose {
  return parseYaml(readFileSync(join(REPO_ROOT, 'docker', 'compose.yaml'), 'utf8'), {
    merge: true,
  }) as Compose;
}

function seconds(duration: string | undefined): number {
  const m = /^(\d+)(ms|s|m)$/.exec(duration ?? '');
  if (!m) return 10; // Docker's default stop timeout
  return (Number(m[1]) / (m[2] === 'ms' ? 1000 : 1)) * (m[2] === 'm' ? 60 : 1);
}

/**
 * Compose checks: every app is built from its target and gets only variables it validates (the
 * image's ENV included), all required ones, valid values; start order is health-gated on what
 * each app connects to; state lives in named volumes.
 */
export function composeProblems(
  compose: Compose,
  stages: Stage[],
  migrateVariables: Set<string>,
): string[] {
  const out: string[] = [];
  const services = compose.services;
  const hostOf = (url: string): string =>
    new URL(url.includes('://') ? url : `tcp://${url}`).hostname;
  for (const app of APPS) {
    const svc = services[app.name];
    if (!svc) {
      out.push(`no compose service ${app.name}`);
      continue;
    }
    if (
      svc.build?.target !== app.name ||
      svc.build.dockerfile !== 'docker/Dockerfile' ||
      svc.build.context !== '..'
    )
      out.push(
        `${app.name}: not built from docker/Dockerfile target ${app.name} with the repository as context`,
      );
    const env = { ...imageEnv(stages, app.name), ...(svc.environment ?? {}) };
    // `${VAR:?message}` is filled in from the operator's shell when compose runs: such values are
    // checked for presence only (as values in Secrets made outside the repository).
    const interpolated = new Set(Object.keys(env).filter((k) => /\$\{[A-Z0-9_]+/.test(env[k])));
    const names = new Set(configVariables(app.config).map((v) => v.name));
    for (const name of Object.keys(svc.environment ?? {}))
      if (!names.has(name))
        out.push(`${app.name}: ${name} is not a variable ${app.name} validates`);
    for (const v of configVariables(app.config))
      if (v.required && !(v.name in env)) out.push(`${app.name}: required ${v.name} is not set`);
    const required = new Set(
      configVariables(app.config)
        .filter((v) => v.required)
        .map((v) => v.name),
    );
    for (const p of configProblems(app, env)) {
      const variable = p.split(':')[0];
      if (interpolated.has(variable) || (!(variable in env) && required.has(variable))) continue;
      out.push(`${app.name}: ${variable in env ? 'invalid' : 'unset'} ${p}`);
    }
    // What the app connects to must be up (healthy) before it starts.
    const needs = [env.KAFKA_BROKERS, env.DATABASE_URL, env.REDIS_URL]
      .filter((v): v is string => Boolean(v))
      .flatMap((v) => v.split(',').map(hostOf));
    for (const url of Object.entries(env).filter(
      ([k]) => k.endsWith('_URL') && /^https?:/.test(env[k]),
    ))
      needs.push(hostOf(url[1]));
    for (const host of needs) {
      if (!services[host]) out.push(`${app.name}: ${host} is not a compose service`);
      else if (svc.depends_on?.[host]?.condition !== 'service_healthy')
        out.push(`${app.name}: does not wait for ${host} to be healthy`);
    }
    // Upstream URLs point at the port the upstream app listens on.
    for (const [key, url] of Object.entries(env).filter(
      ([k, v]) => k.endsWith('_URL') && /^https?:/.test(v),
    )) {
      const host = hostOf(url);
      const upstream = APPS.find((a) => a.name === host);
      const upstreamPort =
        upstream &&
        Number(imageEnv(stages, upstream.name).HTTP_PORT ?? defaultPort(appNamed(host)));
      if (!upstream || Number(new URL(url).port) !== upstreamPort)
        out.push(`${app.name}: ${key}=${url} is not where ${host} listens`);
    }
    const drainMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? new app.config().SHUTDOWN_TIMEOUT_MS);
    if (seconds(svc.stop_grace_period) <= drainMs / 1000)
      out.push(
        `${app.name}: stop_grace_period ${svc.stop_grace_period} does not cover the ${drainMs} ms drain`,
      );
    if (svc.read_only !== true || !svc.tmpfs?.includes('/tmp'))
      out.push(`${app.name}: not read-only with a /tmp tmpfs`);
  }
  for (const [name, svc] of Object.entries(services)) {
    for (const [dependency, { condition }] of Object.entries(svc.depends_on ?? {})) {
      const dep = services[dependency];
      if (!dep) out.push(`${name}: depends on unknown ${dependency}`);
      else if (dep.profiles?.length && !svc.profiles?.length)
        out.push(`${name}: depends on ${dependency}, which only starts with a profile`);
      else if (condition === 'service_healthy' && !dep.healthcheck?.test && !dep.build)
        out.push(`${name}: waits for ${dependency} to be healthy, but it has no health check`);
      else if (condition === 'service_healthy' && dep.healthcheck?.disable)
        out.push(
          `${name}: waits for ${dependency} to be healthy, but its health check is disabled`,
        );
      else if (!['service_healthy', 'service_completed_successfully'].includes(condition))
        out.push(`${name}: starts after ${dependency} without waiting for health`);
    }
    for (const volume of svc.volumes ?? []) {
      const source = volume.split(':')[0];
      if (
        !source.startsWith('.') &&
        !source.startsWith('/') &&
        !(compose.volumes && source in compose.volumes)
      )
        out.push(`${name}: volume ${source} is not declared`);
    }
  }
  for (const stateful of ['kafka', 'postgres', 'redis', 'kurrentdb'])
    if (
      !services[stateful]?.volumes?.some(
        (v) => compose.volumes && v.split(':')[0] in compose.volumes,
      )
    )
      out.push(`${stateful}: no named volume`);
  const migrate = services.migrate;
  const script = migrate?.command?.[1] ?? '';
  if (
    !migrate ||
    !existsSync(join(REPO_ROOT, script.replace(/^dist\//, '').replace(/\.js$/, '.ts')))
  )
    out.push('migrate: no event-store migration command');
  for (const name of Object.keys(migrate?.environment ?? {}))
    if (!migrateVariables.has(name)) out.push(`migrate: ${name} is not read by the migration CLI`);
  return out;
}
