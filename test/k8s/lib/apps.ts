import 'reflect-metadata';
import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ClassConstructor } from 'class-transformer';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { BaseConfig, ConfigValidationError, loadConfig } from '@inventory/config';
import { SERVICES, ServiceName } from '@inventory/contracts';
import { MetricsController } from '@inventory/observability';
import { GatewayConfig } from '../../../apps/gateway/src/config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { reservationsService } from '../../../apps/reservations/src/service';
import { shipmentMatchingService } from '../../../apps/shipment-matching/src/service';
import { sourceInventoryService } from '../../../apps/source-inventory/src/service';
import { stockAggregationService } from '../../../apps/stock-aggregation/src/service';

/** What the code says about one deployable: its config class and its root Nest module. */
export interface AppModel {
  name: ServiceName;
  config: ClassConstructor<BaseConfig>;
  rootModule: (config: BaseConfig) => DynamicModule;
}

// Domain services through their ServiceDefinition (what runService boots); the gateway has none.
const DEFINITIONS = [
  sourceInventoryService,
  stockAggregationService,
  reservationsService,
  shipmentMatchingService,
];

export const APPS: AppModel[] = [
  {
    name: 'gateway',
    config: GatewayConfig,
    rootModule: (c) => GatewayModule.forRoot(c as GatewayConfig),
  },
  ...DEFINITIONS.map((d) => ({
    name: d.name as ServiceName,
    config: d.configSchema as ClassConstructor<BaseConfig>,
    rootModule: (c: BaseConfig) => d.rootModule(c as never) as DynamicModule,
  })),
];

export function appNamed(name: string): AppModel {
  const app = APPS.find((a) => a.name === name);
  if (!app) throw new Error(`no app named ${name}`);
  return app;
}

export interface ConfigVariable {
  name: string;
  /** The value a fresh config object has, i.e. what applies when the variable is unset. */
  defaultValue: unknown;
  required: boolean;
}

/** Every environment variable the config class validates, read from class-validator's metadata. */
export function configVariables(config: ClassConstructor<object>): ConfigVariable[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(config, '', true, false);
  const defaults = new config() as Record<string, unknown>;
  const names = [...new Set(metadata.map((m) => m.propertyName))].sort();
  return names.map((name) => {
    const optional = metadata.some(
      (m) => m.propertyName === name && m.type === ValidationTypes.CONDITIONAL_VALIDATION,
    );
    return {
      name,
      defaultValue: defaults[name],
      required: defaults[name] === undefined && !optional,
    };
  });
}

/** Runs the app's own boot-time validation; returns `VARIABLE: reason` lines. */
export function configProblems(app: AppModel, env: Record<string, string>): string[] {
  try {
    loadConfig(app.name, app.config, env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) throw err;
    return err.problems.map((p) => `${p.variable}: ${p.reasons.join('; ')}`);
  }
}

export function defaultPort(app: AppModel): number {
  const port = (new app.config() as BaseConfig).HTTP_PORT;
  if (port !== SERVICES[app.name].defaultPort)
    throw new Error(`${app.name}: config default port ${port} differs from SERVICES`);
  return port;
}

export interface Route {
  controller: Type<unknown>;
  handler: string;
  method: RequestMethod;
  path: string;
}

/**
 * The HTTP routes of the app's module graph (Nest controller metadata), built from a config that
 * passes validation. No provider is instantiated, so nothing connects anywhere.
 */
export function routesOf(app: AppModel): Route[] {
  const config = loadConfig(app.name, app.config, sampleEnv(app));
  const routes: Route[] = [];
  const seen = new Set<unknown>();
  const visit = (entry: unknown): void => {
    if (!entry || seen.has(entry) || entry instanceof Promise) return;
    seen.add(entry);
    const dynamic = typeof entry === 'object' ? (entry as DynamicModule) : undefined;
    const moduleClass = dynamic ? dynamic.module : (entry as Type<unknown>);
    const controllers = [
      ...(dynamic?.controllers ?? []),
      ...(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) ?? []),
    ] as Type<unknown>[];
    for (const controller of controllers) routes.push(...controllerRoutes(controller));
    const imports = [
      ...(dynamic?.imports ?? []),
      ...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) ?? []),
    ];
    imports.forEach(visit);
  };
  visit(app.rootModule(config));
  return routes;
}

function controllerRoutes(controller: Type<unknown>): Route[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const proto = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .filter((h) => h !== 'constructor' && Reflect.hasMetadata(PATH_METADATA, proto[h] as object))
    .map((handler) => {
      const fn = proto[handler] as object;
      const sub = String(Reflect.getMetadata(PATH_METADATA, fn));
      const path = `/${[base, sub]
        .map((s) => s.replace(/^\/+|\/+$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      return { controller, handler, method: Reflect.getMetadata(METHOD_METADATA, fn), path };
    });
}

/** The liveness and readiness paths of the app's health controller (handlers `live`, `ready`). */
export function healthPaths(app: AppModel): { live: string; ready: string } {
  const gets = routesOf(app).filter((r) => r.method === RequestMethod.GET);
  const find = (handler: string): string => {
    const found = gets.filter((r) => r.handler === handler && r.path.startsWith('/health'));
    if (found.length !== 1) throw new Error(`${app.name}: expected one health ${handler} route`);
    return found[0].path;
  };
  return { live: find('live'), ready: find('ready') };
}

export function metricsPath(app: AppModel): string {
  const found = routesOf(app).filter(
    (r) => r.controller === MetricsController && r.method === RequestMethod.GET,
  );
  if (found.length !== 1) throw new Error(`${app.name}: expected one metrics route`);
  return found[0].path;
}

/**
 * A valid environment made of the config's own defaults plus samples for required variables,
 * and a credential source (every app needs one of AUTH_API_KEYS / AUTH_JWT_*, a rule over
 * several variables that the per-variable metadata does not show as required).
 */
export function sampleEnv(app: AppModel): Record<string, string> {
  const samples: Record<string, string> = {
    KAFKA_BROKERS: 'kafka:9092',
    DATABASE_URL: 'postgres://u@postgres:5432/db',
    REDIS_URL: 'redis://redis:6379/0',
  };
  const env: Record<string, string> = {
    AUTH_API_KEYS: `sample:${'0'.repeat(64)}:inventory:read`,
  };
  for (const v of configVariables(app.config)) {
    if (v.required) {
      if (!(v.name in samples)) throw new Error(`${app.name}: no sample for ${v.name}`);
      env[v.name] = samples[v.name];
    }
  }
  return env;
}
