import { register } from 'prom-client';
import { SERVICES } from '@inventory/contracts';
import { APPS } from './lib/apps';
import { K8sObject, OVERLAYS, renderOverlay } from './lib/kustomize';
import { exposedNames, matcherValue, metricNames, ruleProblems, rulesOf } from './lib/rules';
import { SchemaRegistry } from './lib/schemas';

/**
 * The alert rules (k8s/base/prometheus-rules.yaml) parse as PromQL and use only metrics the
 * services register: importing every app's module graph (APPS) registers them in prom-client's
 * registry, as booting the service does. test/operations/metrics.spec.ts checks the same names
 * against a running service's /metrics.
 */
describe('alert rules', () => {
  let exposed: Set<string>;
  beforeAll(async () => {
    expect(APPS).toHaveLength(5); // importing them is what registers the metrics
    exposed = exposedNames(await register.getMetricsAsJSON());
  });

  for (const overlay of OVERLAYS) {
    describe(overlay, () => {
      const objects = renderOverlay(overlay);
      const rules = rulesOf(objects);

      it('has the alerts the operations guide describes', () => {
        expect(rules.map((r) => r.alert).sort()).toEqual([
          'InventoryConsumerLagHigh',
          'InventoryConsumerStuck',
          'InventoryDeadLetters',
          'InventoryEventStoreAppendSlow',
          'InventoryMetricsCollectionFailing',
          'InventoryOutboxRelayLagging',
          'InventoryProjectionLagging',
          'InventoryReservationRejectionsSpike',
          'InventoryServiceDown',
          'InventoryServiceNotReady',
        ]);
      });

      it('parse, use registered metrics, and carry a severity and a summary', () => {
        expect(ruleProblems(rules, exposed)).toEqual([]);
      });

      it('watch every app for being down, by the job name of its Service', () => {
        const down = rules.find((r) => r.alert === 'InventoryServiceDown')!;
        const jobs = matcherValue(down.expr, 'up', 'job')!.split('|').sort();
        const appServices = objects
          .filter((o) => o.kind === 'Service')
          .map((o) => o.metadata.name)
          .sort();
        expect(jobs).toEqual(appServices);
        expect(jobs).toEqual(Object.keys(SERVICES).sort());
      });
    });
  }

  it('reports broken rules: a misspelt metric, bad PromQL, a bad duration, no severity', () => {
    const broken = structuredClone(
      renderOverlay('prod').find((o) => o.kind === 'PrometheusRule') as K8sObject,
    );
    const rules = (broken.spec as { groups: Array<{ rules: Array<Record<string, unknown>> }> })
      .groups[1].rules;
    rules[0].expr = 'max by (group, topic) (kafka_consumer_lag_mesages) > 1000';
    rules[1].expr = 'sum(rate(kafka_consumer_lag_messages[5m])';
    rules[2].for = '5 minutes';
    delete (rules[3].labels as Record<string, string>).severity;
    const problems = ruleProblems(rulesOf([broken]), exposed);
    expect(problems).toEqual([
      'inventory-platform/inventory-platform.pipeline/InventoryConsumerLagHigh: no service exposes kafka_consumer_lag_mesages',
      expect.stringMatching(/InventoryConsumerStuck: PromQL syntax error at \d+/),
      'inventory-platform/inventory-platform.pipeline/InventoryOutboxRelayLagging: for "5 minutes" is not a Prometheus duration',
      'inventory-platform/inventory-platform.pipeline/InventoryProjectionLagging: severity must be one of critical, warning, info',
    ]);
    expect(metricNames('histogram_quantile(0.99, sum by (le) (rate(a_bucket[5m]))) > b')).toEqual([
      'a_bucket',
      'b',
    ]);
  });

  it('has a schema that rejects what the PrometheusRule CRD would', () => {
    const rule = structuredClone(
      renderOverlay('dev').find((o) => o.kind === 'PrometheusRule') as K8sObject,
    );
    const schemas = new SchemaRegistry();
    expect(schemas.validate(rule)).toEqual([]);
    const first = (rule.spec as { groups: Array<{ rules: Array<Record<string, unknown>> }> })
      .groups[0].rules[0];
    first.exprs = first.expr; // a typo'd field name
    delete first.expr; // a required field
    expect(schemas.validate(rule)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('has unknown field "exprs"'),
        expect.stringContaining("must have required property 'expr'"),
      ]),
    );
  }, 60000);
});
