import { Inject, Injectable } from '@nestjs/common';
import { DOMAIN_SERVICES, DomainServiceName } from '@inventory/contracts';
import { GATEWAY_CONFIG, GatewayConfig, upstreams } from './config';

export interface UpstreamAnswer {
  service: DomainServiceName;
  ok: boolean;
  status: number | null;
  body: unknown;
  error?: string;
}

/** GETs a path on every domain service in parallel, with a timeout; never throws. */
@Injectable()
export class UpstreamClient {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  getAll(path: string): Promise<UpstreamAnswer[]> {
    const urls = upstreams(this.config);
    return Promise.all(
      DOMAIN_SERVICES.map((service) => this.get(service, `${urls[service]}${path}`)),
    );
  }

  private async get(service: DomainServiceName, url: string): Promise<UpstreamAnswer> {
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(this.config.UPSTREAM_TIMEOUT_MS),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
      return { service, ok: res.ok, status: res.status, body };
    } catch (err) {
      return { service, ok: false, status: null, body: null, error: (err as Error).message };
    }
  }
}
