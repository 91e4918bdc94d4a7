import { Counter, Gauge, register } from 'prom-client';

export interface GaugeSample {
  labels: Record<string, string>;
  value: number;
}

/** Computes samples when /metrics is scraped. Registered by whoever owns the thing measured. */
export type GaugeSource = () => Promise<GaugeSample[]>;

const collectErrors =
  (register.getSingleMetric('metrics_collect_errors_total') as Counter<string>) ??
  new Counter({
    name: 'metrics_collect_errors_total',
    help: 'Scrape-time metric computations (lags, readiness) that failed or timed out',
    labelNames: ['metric'],
  });

const gauges = new Map<string, ScrapedGauge>();

/**
 * A gauge computed on scrape (prom-client's `collect`), from sources that come and go with what
 * they measure: a relay, a projection runner, a consumer. Nothing runs between scrapes, so the
 * hot paths pay nothing; each source gets `timeoutMs` (a scrape must answer within the
 * ServiceMonitor's 10 s) and a failing one leaves its series out for that scrape and counts in
 * `metrics_collect_errors_total`, rather than reporting a stale value.
 */
export class ScrapedGauge {
  private readonly sources = new Set<GaugeSource>();

  private constructor(
    readonly name: string,
    help: string,
    labelNames: string[],
    private readonly timeoutMs: number,
  ) {
    const sources = this.sources;
    const timeout = this.timeoutMs;
    new Gauge({
      name,
      help,
      labelNames,
      async collect() {
        this.reset();
        await Promise.all(
          [...sources].map(async (source) => {
            try {
              for (const { labels, value } of await withTimeout(source(), timeout, name))
                this.set(labels, value);
            } catch {
              collectErrors.inc({ metric: name });
            }
          }),
        );
      },
    });
  }

  /** One instance per name, whatever imports it. */
  static define(name: string, help: string, labelNames: string[], timeoutMs = 5000): ScrapedGauge {
    let gauge = gauges.get(name);
    if (!gauge) {
      gauge = new ScrapedGauge(name, help, labelNames, timeoutMs);
      gauges.set(name, gauge);
    }
    return gauge;
  }

  /** Adds a source; call the returned function when the measured thing stops. */
  track(source: GaugeSource): () => void {
    this.sources.add(source);
    return () => this.sources.delete(source);
  }
}

/**
 * One computation shared by the gauges of one scrape (e.g. a lag in events and in seconds from
 * one query): prom-client starts every metric's collect() in the same tick, so callers that
 * come while a computation is in flight get its promise; the next scrape computes afresh.
 */
export function sharedScrape<T>(compute: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    if (!inFlight) {
      const current = compute().finally(() => {
        if (inFlight === current) inFlight = undefined;
      });
      inFlight = current;
    }
    return inFlight;
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
