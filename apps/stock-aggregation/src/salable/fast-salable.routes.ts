import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { registerFastSalableRoutes } from '@inventory/salable-read';
import { SalableApp } from './salable.app';

export { FAST_SALABLE_UNLOGGED, fastSalableOpenApi } from '@inventory/salable-read';

/** The two hot salability reads as plain Fastify routes (libs/salable-read). */
@Injectable()
export class FastSalableRoutes implements OnModuleInit {
  private readonly logger = new Logger(FastSalableRoutes.name);

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly app: SalableApp,
  ) {}

  onModuleInit(): void {
    const adapter = this.host.httpAdapter as { getInstance?: () => unknown } | undefined;
    const fastify = adapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.inject !== 'function') return;
    registerFastSalableRoutes(fastify, this.app, {
      onFailure: (url, reportId, err) =>
        this.logger.error(`GET ${url} failed, report ${reportId}`, err.stack),
    });
  }
}
