import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * MSI documents `GET /V1/inventory/are-product-salable-for-requested-qty/?skuRequests...` with a
 * slash before the query. Nest drops trailing slashes from route paths and Fastify does not
 * ignore them (set in service-kit), so the slash form is added here: it is replayed in-process
 * on the path without the slash, so validation, errors and headers are the controller's own.
 */
const SLASH_PATHS = ['/V1/inventory/are-product-salable-for-requested-qty/'];

@Injectable()
export class TrailingSlashRoutes implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.host.httpAdapter as { getInstance?: () => unknown } | undefined;
    const fastify = adapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.inject !== 'function') return;
    for (const path of SLASH_PATHS) {
      fastify.get(path, async (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.url.slice(request.url.indexOf('?'));
        const res = await fastify.inject({
          method: 'GET',
          url: path.slice(0, -1) + (query.startsWith('?') ? query : ''),
          headers: request.headers,
        });
        const type = res.headers['content-type'];
        if (type) void reply.header('content-type', type);
        return reply.code(res.statusCode).send(res.body);
      });
    }
  }
}
