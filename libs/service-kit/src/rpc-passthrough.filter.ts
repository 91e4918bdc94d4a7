import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC error handling replaces a handler's error with a generic object, which would
 * hide `retryable: false` from the Kafka transport (it decides retry vs dead-letter on it). This
 * filter hands the original error back unchanged.
 */
@Catch()
export class RpcPassthroughFilter implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
