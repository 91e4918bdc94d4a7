import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError } from 'rxjs';

/**
 * Nest's default RPC error handling replaces a Kafka handler's error with a generic object, which
 * would hide `retryable: false` from the transport (it decides retry vs dead-letter on it). This
 * global filter hands RPC errors back unchanged and leaves HTTP errors to Nest's default handling
 * (services may register their own HTTP filter after it, which then takes precedence).
 */
@Catch()
export class RpcPassthroughFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
