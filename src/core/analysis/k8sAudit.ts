// Kubernetes API server audit events (audit.k8s.io), read like CloudTrail (cloudAudit.ts): who
// called which verb on which resource, whether it was refused, and what a responder to a cluster
// compromise looks for first (Microsoft's threat matrix for Kubernetes, the usual write-ups of a
// stolen service-account token): a way back in (a binding to cluster-admin, a privileged pod that
// is root on its node, a token minted for another service account, a certificate approved), the
// audit trail blinded (events deleted, a security or log agent removed), and access to what the
// cluster guards (secrets listed with kubectl or curl by a service account, commands run in pods
// by one, a caller asking what it may do, an anonymous caller answered). The cluster's own
// components (kubelets, the scheduler, controllers) are not counted.
import type { CloudCall } from './cloudAudit';

type Json = Record<string, unknown>;
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The cluster's own components: nodes, the control plane and kube-system's built-in controllers. */
const SYSTEM = /^system:(?:node:|kube-(?:scheduler|controller-manager|proxy)$|apiserver$|serviceaccount:kube-system:[\w-]*-controller$|volume-scheduler$|kube-aggregator$)/;
/** Roles whose holder administers the cluster (or, for system:masters, bypasses authorisation altogether). */
const ADMIN_ROLE = /^(?:cluster-admin|admin|system:masters)$/;
/** Agents whose removal blinds the cluster: runtime security (Falco, Tetragon, vendors' sensors) and log shippers. */
const GUARD = /falco|tetragon|tracee|sysdig|datadog|crowdstrike|falcon|aqua|twistlock|prisma|defender|wazuh|sentinelone|fluent-?bit|fluentd|filebeat|auditbeat|vector|promtail|splunk|elastic-agent|kube-audit/i;
/** Clients an intruder with a stolen token uses, not a controller's own client (cert-manager/v1.13, argocd-application-controller …). */
const HANDS = /^(?:kubectl\/|curl\/|python-requests\/|python-urllib|Wget\/|Go-http-client\/|peirates|kube-hunter|kubeletctl|OpenAPI-Generator\/[\d.]+\/python)/i;
/** Paths an anonymous caller may be answered on by design (health, version, discovery keys). */
const PUBLIC_PATHS = /^\/(?:healthz|livez|readyz|version|\.well-known\/openid-configuration|openid\/v1\/jwks)(?:[/?]|$)/;

const DENIED: Readonly<Record<string, string>> = { '403': 'Forbidden' };

/** A pod spec (requestObject.spec.*) that puts its container on the node: privileged, the host's PID or network namespace, or its root folder mounted. */
function privilegedSpec(x: Json): string | null {
  const why: string[] = [];
  const containers = `${s(x['requestObject.spec.containers']) ?? ''}${s(x['requestObject.spec.initContainers']) ?? ''}`;
  if (/"privileged"\s*:\s*true/.test(containers)) why.push('privileged');
  if (s(x['requestObject.spec.hostPID']) === 'true') why.push('host PID namespace');
  if (s(x['requestObject.spec.hostNetwork']) === 'true') why.push('host network');
  if (s(x['requestObject.spec.hostIPC']) === 'true') why.push('host IPC');
  if (/"hostPath"\s*:\s*\{\s*"path"\s*:\s*"\/(?:|etc|root|var\/run\/docker\.sock|run\/containerd[^"]*|var\/lib\/kubelet[^"]*)"/.test(s(x['requestObject.spec.volumes']) ?? '')) why.push("the node's files mounted");
  return why.length ? why.join(', ') : null;
}

/** One Kubernetes audit event (its extra, flattened; status, user and user agent from the row), or null. */
export function k8sCall(x: Json, user: string | null, status: number | null, agent: string | null): CloudCall | null {
  const verb = s(x.verb);
  const resource = s(x['objectRef.resource']);
  if (!verb || !resource) return null;
  // a request is logged at each stage; only its outcome counts
  const stage = s(x.stage);
  if (stage !== null && stage !== 'ResponseComplete' && stage !== 'Panic') return null;
  const principal = user ?? 'unknown principal';
  if (SYSTEM.test(principal)) return null;
  const sub = s(x['objectRef.subresource']);
  const ns = s(x['objectRef.namespace']);
  const obj = s(x['objectRef.name']);
  const what = `${resource}${sub ? `/${sub}` : ''}`;
  const name = `${verb} ${what}`;
  const error = status !== null ? (DENIED[String(status)] ?? (status >= 400 ? `HTTP ${status}` : null)) : null;
  const target = ns || obj ? `${ns ?? ''}${ns && obj ? '/' : ''}${obj ?? ''}` : null;
  const call: CloudCall = { cloud: 'k8s', api: `k8s:${name}`, name, error, principal, key: null, actorUser: principal, target, policy: null, bucket: null };
  const writes = verb === 'create' || verb === 'update' || verb === 'patch';
  const serviceAccount = principal.startsWith('system:serviceaccount:') || principal === 'system:anonymous';
  const hands = agent !== null && HANDS.test(agent);
  if ((verb === 'delete' || verb === 'deletecollection') && resource === 'events') return { ...call, kind: 'tamper', note: 'the cluster’s events deleted' };
  if ((resource === 'daemonsets' || resource === 'deployments') && GUARD.test(obj ?? '') && (verb === 'delete' || (writes && s(x['requestObject.spec.replicas']) === '0'))) return { ...call, kind: 'tamper', note: `a security or log agent ${verb === 'delete' ? 'removed' : 'scaled to nothing'}` };
  if (writes && (resource === 'clusterrolebindings' || resource === 'rolebindings')) {
    const role = s(x['requestObject.roleRef.name']);
    const subjects = s(x['requestObject.subjects']) ?? '';
    if ((role !== null && ADMIN_ROLE.test(role)) || /system:(?:anonymous|unauthenticated)/.test(subjects)) return { ...call, kind: 'persist', policy: role, note: `${role ?? 'a role'} bound${/system:(?:anonymous|unauthenticated)/.test(subjects) ? ' to anonymous callers' : ''}` };
    // at the Metadata audit level the binding's role is not recorded: a change to check
    if (role === null) return { ...call, kind: 'change', note: 'the role bound is not in the log (audit level Metadata)' };
    return call;
  }
  if (verb === 'create' && resource === 'pods' && !sub) {
    const why = privilegedSpec(x);
    if (why) return { ...call, kind: 'persist', note: `a pod with ${why}: root on its node` };
  }
  if (verb === 'create' && resource === 'serviceaccounts' && sub === 'token' && obj && !principal.endsWith(`:${obj}`)) return { ...call, kind: 'persist', note: `a token minted for service account ${obj}` };
  if (writes && resource === 'certificatesigningrequests' && sub === 'approval') return { ...call, kind: 'persist', note: 'a client certificate approved' };
  if (error) return call;
  if (principal === 'system:anonymous' && !PUBLIC_PATHS.test(s(x.requestURI) ?? '')) return { ...call, kind: 'access', note: 'answered to an anonymous caller' };
  if (serviceAccount && hands) {
    if ((verb === 'list' || verb === 'watch' || verb === 'get') && resource === 'secrets') return { ...call, kind: 'access', note: `secrets read with ${agent!.split(/[/ ]/)[0]}` };
    if (sub === 'exec' || sub === 'attach') return { ...call, kind: 'access', note: 'a command run in a container' };
    if (resource === 'selfsubjectrulesreviews' || resource === 'selfsubjectaccessreviews') return { ...call, kind: 'access', note: 'asked what it may do (kubectl auth can-i)' };
  }
  if ((sub === 'exec' || sub === 'attach') && ns === 'kube-system') return { ...call, kind: 'access', note: 'a command run in a kube-system container' };
  return call;
}
