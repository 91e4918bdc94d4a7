import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { BaseConfig, IsReadableFile, OnlyWhen, ToInt } from '@inventory/config';
import { DomainServiceName } from '@inventory/contracts';

const URL_OPTIONS = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };
const message = (v: string) => ({ message: `${v} must be an http(s) URL of the service` });

export class GatewayConfig extends BaseConfig {
  override HTTP_PORT: number = 8080;

  @IsUrl(URL_OPTIONS, message('SOURCE_INVENTORY_URL'))
  SOURCE_INVENTORY_URL: string = 'http://127.0.0.1:8081';

  @IsUrl(URL_OPTIONS, message('STOCK_AGGREGATION_URL'))
  STOCK_AGGREGATION_URL: string = 'http://127.0.0.1:8082';

  @IsUrl(URL_OPTIONS, message('RESERVATIONS_URL'))
  RESERVATIONS_URL: string = 'http://127.0.0.1:8083';

  @IsUrl(URL_OPTIONS, message('SHIPMENT_MATCHING_URL'))
  SHIPMENT_MATCHING_URL: string = 'http://127.0.0.1:8084';

  /** Upstream timeout for proxied requests and health probes. */
  @ToInt()
  @IsInt()
  @Min(100)
  UPSTREAM_TIMEOUT_MS: number = 5000;

  /**
   * The Redis holding the salable read model. Set, the gateway answers the two hot salability
   * reads (get-product-salable-quantity, is-product-salable) from it itself, with the code
   * stock-aggregation uses (libs/salable-read); unset, it proxies them like every other route.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true },
    { message: 'REDIS_URL must be a redis:// URL' },
  )
  REDIS_URL?: string;

  /** A private CA for a `rediss://` REDIS_URL (as the services' REDIS_TLS_CA_FILE). */
  @IsOptional()
  @IsReadableFile()
  @OnlyWhen(
    (c) => String(c.REDIS_URL ?? '').startsWith('rediss://'),
    'REDIS_TLS_CA_FILE needs a rediss:// REDIS_URL',
  )
  REDIS_TLS_CA_FILE?: string;

  /**
   * Requests one client (a credential, or an IP address on public routes) may send per
   * RATE_LIMIT_WINDOW_MS to one gateway replica before getting 429; 0 turns the limit off.
   * 5,000 per second is ten times a checkout burst of several hundred orders per second, so a
   * shop is never throttled, and about a third of what one replica serves of its cheapest
   * request (docs/benchmarks.md), so one runaway client cannot take a whole replica.
   */
  @ToInt()
  @IsInt({ message: 'RATE_LIMIT_MAX must be an integer number of requests (0: no limit)' })
  @Min(0)
  RATE_LIMIT_MAX: number = 5000;

  @ToInt()
  @IsInt({ message: 'RATE_LIMIT_WINDOW_MS must be an integer number of milliseconds' })
  @Min(100)
  @Max(3_600_000)
  RATE_LIMIT_WINDOW_MS: number = 1000;

  /** The key prefix the services use (REDIS_KEY_PREFIX of stock-aggregation). */
  @IsOptional()
  @IsString()
  REDIS_KEY_PREFIX: string = '';

  /** Salability answers kept in memory for the edge reads (see stock-aggregation's). */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  SALABLE_CACHE_ENTRIES: number = 100_000;
}

export function upstreams(config: GatewayConfig): Record<DomainServiceName, string> {
  return {
    'source-inventory': config.SOURCE_INVENTORY_URL,
    'stock-aggregation': config.STOCK_AGGREGATION_URL,
    reservations: config.RESERVATIONS_URL,
    'shipment-matching': config.SHIPMENT_MATCHING_URL,
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
