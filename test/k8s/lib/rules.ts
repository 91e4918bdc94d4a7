import { parser } from '@prometheus-io/lezer-promql';
import type { K8sObject } from './kustomize';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** One rule of a PrometheusRule, with where it came from. */
export interface RuleModel {
  object: string;
  group: string;
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Series Prometheus makes itself rather than scraping them from /metrics. */
export const PROMETHEUS_SERIES = new Set(['up']);

/** Prometheus's duration syntax (model.ParseDuration), as the CRD's pattern states it. */
const DURATION =
  /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
const SEVERITIES = new Set(['critical', 'warning', 'info']);

export function rulesOf(objects: K8sObject[]): RuleModel[] {
  return objects
    .filter((o) => o.kind === 'PrometheusRule')
    .flatMap((o) => {
      const groups = ((o.spec as { groups?: unknown[] }).groups ?? []) as Array<{
        name: string;
        rules?: Array<Omit<RuleModel, 'object' | 'group'>>;
      }>;
      return groups.flatMap((g) =>
        (g.rules ?? []).map((r) => ({
          ...r,
          labels: r.labels ?? {},
          annotations: r.annotations ?? {},
          expr: String(r.expr),
          object: o.metadata.name,
          group: g.name,
        })),
      );
    });
}

/** Where the PromQL parser found errors; empty when the expression parses. */
export function syntaxErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors;
}

/** The metric names an expression selects (the names of its vector selectors). */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name !== 'VectorSelector') return;
      const identifier = node.node.getChild('Identifier');
      if (identifier) names.add(expr.slice(identifier.from, identifier.to));
    },
  });
  return [...names].sort();
}

/** The value of a label matcher on a selector of `metric` (e.g. up's `job=~"..."`). */
export function matcherValue(expr: string, metric: string, label: string): string | undefined {
  let found: string | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name !== 'VectorSelector' || found !== undefined) return;
      const identifier = node.node.getChild('Identifier');
      if (!identifier || expr.slice(identifier.from, identifier.to) !== metric) return;
      for (const matcher of descendants(node.node, 'UnquotedLabelMatcher')) {
        const name = matcher.getChild('LabelName');
        const value = matcher.getChild('StringLiteral');
        if (name && value && expr.slice(name.from, name.to) === label)
          found = JSON.parse(expr.slice(value.from, value.to)) as string;
      }
    },
  });
  return found;
}

function descendants(node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = node.cursor();
  const walk = (): void => {
    do {
      if (cursor.name === name) out.push(cursor.node);
      if (cursor.firstChild()) {
        walk();
        cursor.parent();
      }
    } while (cursor.nextSibling());
  };
  if (cursor.firstChild()) walk();
  return out;
}

/**
 * Every metric name a /metrics exposition would carry for the given registered metrics:
 * histograms and summaries expose `_bucket`, `_sum` and `_count` series, not their own name.
 */
export function exposedNames(metrics: Array<{ name: string; type: unknown }>): Set<string> {
  const names = new Set<string>();
  for (const { name, type: t } of metrics) {
    const type = String(t);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
    else if (type === 'summary') for (const s of ['', '_sum', '_count']) names.add(name + s);
    else names.add(name);
  }
  return names;
}

/**
 * What is wrong with the rules: an expression that does not parse, a metric nobody exposes, a
 * bad `for`, no severity or summary, a duplicate alert name.
 */
export function ruleProblems(rules: RuleModel[], exposed: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const name = rule.alert ?? rule.record ?? '(unnamed)';
    const at = `${rule.object}/${rule.group}/${name}`;
    if (!rule.alert === !rule.record) problems.push(`${at}: needs exactly one of alert and record`);
    if (seen.has(name)) problems.push(`${at}: duplicate name`);
    seen.add(name);
    const errors = syntaxErrors(rule.expr);
    if (errors.length) problems.push(`${at}: PromQL syntax error at ${errors.join(', ')}`);
    for (const metric of metricNames(rule.expr))
      if (!exposed.has(metric) && !PROMETHEUS_SERIES.has(metric))
        problems.push(`${at}: no service exposes ${metric}`);
    if (rule.for !== undefined && !DURATION.test(rule.for))
      problems.push(`${at}: for "${rule.for}" is not a Prometheus duration`);
    if (rule.alert) {
      if (!SEVERITIES.has(rule.labels.severity ?? ''))
        problems.push(`${at}: severity must be one of ${[...SEVERITIES].join(', ')}`);
      if (!rule.annotations.summary) problems.push(`${at}: no summary annotation`);
    }
  }
  return problems;
}
