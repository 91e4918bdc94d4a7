import { register } from 'prom-client';
import { ScrapedGauge, sharedScrape } from './scraped-gauge';

type Scrape = Awaited<ReturnType<typeof register.getMetricsAsJSON>>;

function valuesOf(scrape: Scrape, name: string) {
  const metric = scrape.find((m) => m.name === name);
  return (metric?.values ?? []).map((v) => ({ labels: v.labels, value: v.value }));
}

/** One scrape: every collect() runs once. */
async function samples(name: string) {
  return valuesOf(await register.getMetricsAsJSON(), name);
}

describe('ScrapedGauge', () => {
  it('asks its sources on every scrape and forgets a source once untracked', async () => {
    const gauge = ScrapedGauge.define('test_scraped_a', 'test', ['thing']);
    let value = 3;
    const untrackA = gauge.track(async () => [{ labels: { thing: 'a' }, value }]);
    gauge.track(async () => [{ labels: { thing: 'b' }, value: 7 }]);

    expect(await samples('test_scraped_a')).toEqual([
      { labels: { thing: 'a' }, value: 3 },
      { labels: { thing: 'b' }, value: 7 },
    ]);
    value = 0;
    expect((await samples('test_scraped_a'))[0]).toEqual({ labels: { thing: 'a' }, value: 0 });
    untrackA();
    expect(await samples('test_scraped_a')).toEqual([{ labels: { thing: 'b' }, value: 7 }]);
    expect(ScrapedGauge.define('test_scraped_a', 'again', ['thing'])).toBe(gauge);
  });

  it('leaves out a failing or slow source and counts it, keeping the others', async () => {
    const gauge = ScrapedGauge.define('test_scraped_b', 'test', ['thing'], 50);
    gauge.track(async () => [{ labels: { thing: 'ok' }, value: 1 }]);
    const untrackFailing = gauge.track(async () => {
      throw new Error('database down');
    });
    const untrackSlow = gauge.track(() => new Promise(() => undefined));

    const errors = (scrape: Scrape) =>
      valuesOf(scrape, 'metrics_collect_errors_total').find(
        (s) => s.labels.metric === 'test_scraped_b',
      )?.value;
    const first = await register.getMetricsAsJSON();
    expect(valuesOf(first, 'test_scraped_b')).toEqual([{ labels: { thing: 'ok' }, value: 1 }]);
    untrackFailing();
    untrackSlow();
    // The counter is registered first, so a scrape shows the errors of the scrapes before it.
    expect(errors(await register.getMetricsAsJSON())).toBe(2);
    expect(errors(await register.getMetricsAsJSON())).toBe(2);
  });

  it('shares one computation between the gauges of one scrape, not across scrapes', async () => {
    let computed = 0;
    const shared = sharedScrape(async () => ++computed);
    expect(await Promise.all([shared(), shared()])).toEqual([1, 1]);
    expect(await shared()).toBe(2);
    const twice = ScrapedGauge.define('test_scraped_c', 'test', ['unit']);
    const lag = sharedScrape(async () => ({ events: ++computed, seconds: 0.5 }));
    twice.track(async () => [{ labels: { unit: 'events' }, value: (await lag()).events }]);
    twice.track(async () => [{ labels: { unit: 'seconds' }, value: (await lag()).seconds }]);
    expect(await samples('test_scraped_c')).toEqual([
      { labels: { unit: 'events' }, value: 3 },
      { labels: { unit: 'seconds' }, value: 0.5 },
    ]);
    expect((await samples('test_scraped_c'))[0].value).toBe(4);
  });
});
