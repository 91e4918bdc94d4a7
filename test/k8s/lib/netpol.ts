import type { K8sObject } from './kustomize';
import { labelsMatch } from './workloads';

/** A pod as NetworkPolicies see it: namespace (with its labels), pod labels, named ports. */
export interface Endpoint {
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
  /** Named container ports of the pod, for rules that give a port by name. */
  ports?: Record<string, number>;
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: unknown[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: unknown;
}
interface PortRule {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PortRule[];
}
interface PolicySpec {
  podSelector: Selector;
  policyTypes?: string[];
  ingress?: Rule[];
  egress?: Rule[];
}

function selects(selector: Selector | undefined, labels: Record<string, string>): boolean {
  if (selector?.matchExpressions?.length)
    throw new Error('matchExpressions are not evaluated here');
  return labelsMatch(selector?.matchLabels, labels);
}

function peerMatches(peer: Peer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) return false; // the flows evaluated here are between pods
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, other.namespaceLabels)
    : other.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector ? selects(peer.podSelector, other.labels) : true);
}

function portMatches(
  rules: PortRule[] | undefined,
  port: number,
  protocol: string,
  target: Endpoint,
): boolean {
  if (!rules?.length) return true;
  return rules.some((r) => {
    if ((r.protocol ?? 'TCP') !== protocol) return false;
    if (r.port === undefined) return true;
    const start = typeof r.port === 'number' ? r.port : target.ports?.[r.port];
    return start !== undefined && port >= start && port <= (r.endPort ?? start);
  });
}

/**
 * Whether `pod`'s policies let the connection through in one direction. A pod that no policy of
 * that type selects is unrestricted; otherwise one rule of one selecting policy must allow it.
 */
function allowedBy(
  policies: K8sObject[],
  pod: Endpoint,
  direction: 'Ingress' | 'Egress',
  other: Endpoint,
  port: number,
  protocol: string,
  portsOf: Endpoint,
): boolean {
  const selecting = policies.filter((p) => {
    const spec = p.spec as PolicySpec;
    const types = spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
    return (
      p.metadata.namespace === pod.namespace &&
      types.includes(direction) &&
      selects(spec.podSelector, pod.labels)
    );
  });
  if (selecting.length === 0) return true;
  return selecting.some((p) => {
    const spec = p.spec as PolicySpec;
    const rules = (direction === 'Ingress' ? spec.ingress : spec.egress) ?? [];
    return rules.some((r) => {
      const peers = direction === 'Ingress' ? r.from : r.to;
      const peerOk =
        !peers?.length || peers.some((peer) => peerMatches(peer, pod.namespace, other));
      return peerOk && portMatches(r.ports, port, protocol, portsOf);
    });
  });
}

/** A connection from `from` to port `port` of `to` is allowed by both sides' NetworkPolicies. */
export function connectionAllowed(
  objects: K8sObject[],
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol = 'TCP',
): boolean {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  return (
    allowedBy(policies, from, 'Egress', to, port, protocol, to) &&
    allowedBy(policies, to, 'Ingress', from, port, protocol, to)
  );
}
