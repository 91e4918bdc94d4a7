import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { throwError } from 'rxjs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toMsiResponse } from './to-msi-response';

/**
 * Renders every HTTP error in Magento's REST shape (see toMsiResponse for the mapping).
 *
 * Register it globally (`app.useGlobalFilters(new MsiExceptionFilter())`): errors raised while
 * Fastify reads the body (413, malformed JSON) never reach a controller, and Nest routes them
 * through global filters only. In a hybrid app the Kafka transport inherits global filters;
 * its errors are passed through unchanged.
 */
@Catch()
export class MsiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(MsiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): unknown {
    // Kafka handlers: hand the original error back to the transport, which reads `retryable`
    // to choose between retrying and dead-lettering (Nest's default would replace it).
    if (host.getType() === 'rpc') return throwError(() => exception);
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const { status, body, reportId } = toMsiResponse(exception);
    if (reportId) {
      const request = http.getRequest<FastifyRequest>();
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`${request.method} ${request.url} failed, report ${reportId}`, stack);
    }
    const reply = http.getResponse<FastifyReply>();
    // A handler that already streamed a response cannot get an error body any more.
    if (reply.sent) return undefined;
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
    return undefined;
  }
}
