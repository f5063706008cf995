// A Kubernetes cluster's API server audit log (audit.k8s.io/v1 events, one JSON object per line, as
// kube-apiserver's --audit-log-path writes them): a service-account token stolen from a web pod and
// used with kubectl to read secrets, bind itself to cluster-admin and start a privileged pod, beside
// a cluster's everyday traffic (controllers and kubelets polling, a CI deployer, a developer's
// kubectl exec, cert-manager watching secrets) that must stay quiet.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';
import { k8sCall } from '../../../src/core/analysis/k8sAudit';

afterAll(cleanupPlanted);

interface Ev {
  user: string;
  ip: string;
  verb: string;
  resource: string;
  sub?: string;
  ns?: string;
  name?: string;
  code: number;
  agent: string;
  requestObject?: unknown;
  level?: string;
}

const GROUP: Readonly<Record<string, string>> = { clusterrolebindings: 'rbac.authorization.k8s.io/v1', rolebindings: 'rbac.authorization.k8s.io/v1', deployments: 'apps/v1', daemonsets: 'apps/v1', leases: 'coordination.k8s.io/v1' };

function line(ms: number, n: number, e: Ev): string {
  const ts = new Date(ms).toISOString().replace('Z', '000Z');
  const group = GROUP[e.resource];
  // /healthz, /version and the like are non-resource URLs: no objectRef
  const nonResource = e.resource === 'healthz' || e.resource === 'version';
  const uri = nonResource ? `/${e.resource}` : `${group ? `/apis/${group}` : '/api/v1'}${e.ns ? `/namespaces/${e.ns}` : ''}/${e.resource}${e.name ? `/${e.name}` : ''}${e.sub ? `/${e.sub}` : ''}`;
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: e.level ?? (e.requestObject ? 'Request' : 'Metadata'),
    auditID: `9b3c${String(n).padStart(8, '0')}-1c2d-4e5f-8a9b-0c1d2e3f4a5b`,
    stage: 'ResponseComplete',
    requestURI: uri,
    verb: e.verb,
    user: { username: e.user, uid: `uid-${e.user.length}`, groups: e.user.startsWith('system:serviceaccount:') ? ['system:serviceaccounts', 'system:authenticated'] : ['system:authenticated'] },
    sourceIPs: [e.ip],
    userAgent: e.agent,
    ...(nonResource ? {} : { objectRef: { resource: e.resource, ...(e.sub ? { subresource: e.sub } : {}), ...(e.ns ? { namespace: e.ns } : {}), ...(e.name ? { name: e.name } : {}), apiGroup: group?.split('/')[0] ?? '', apiVersion: 'v1' } }),
    responseStatus: { metadata: {}, code: e.code },
    ...(e.requestObject ? { requestObject: e.requestObject } : {}),
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
    annotations: { 'authorization.k8s.io/decision': e.code === 403 ? 'forbid' : 'allow', 'authorization.k8s.io/reason': '' },
  });
}

function auditLog(): string[] {
  const rows: string[] = [];
  const t0 = Date.UTC(2026, 11, 6);
  const put = (ms: number, e: Ev): void => void rows.push(line(ms, rows.length, e));
  const KCM = 'kube-controller-manager/v1.29.2 (linux/amd64) kubernetes/4b8e819/system:serviceaccount:kube-system:replicaset-controller';
  for (let i = 0; i < 1440; i++) {
    const ms = t0 + i * 30_000;
    // trap: the cluster's own traffic on a timer
    put(ms, { user: 'system:serviceaccount:kube-system:replicaset-controller', ip: '10.0.0.10', verb: 'list', resource: 'pods', ns: 'prod', code: 200, agent: KCM });
    put(ms + 1000, { user: 'system:node:worker-1', ip: '10.0.0.21', verb: 'get', resource: 'secrets', ns: 'prod', name: 'db-creds', code: 200, agent: 'kubelet/v1.29.2 (linux/amd64) kubernetes/4b8e819' });
    put(ms + 2000, { user: 'system:kube-scheduler', ip: '10.0.0.10', verb: 'update', resource: 'leases', ns: 'kube-system', name: 'kube-scheduler', code: 200, agent: 'kube-scheduler/v1.29.2 (linux/amd64) kubernetes/4b8e819/leader-election' });
    // trap: cert-manager watches every namespace's secrets with its own client
    if (i % 20 === 0) put(ms + 3000, { user: 'system:serviceaccount:cert-manager:cert-manager', ip: '10.244.2.8', verb: 'list', resource: 'secrets', code: 200, agent: 'cert-manager-controller/v1.13.3 (linux/amd64) cert-manager/9a1c' });
    // trap: CI deploys, and binds its app's service account to the namespace's edit role
    if (i % 180 === 0) put(ms + 4000, { user: 'system:serviceaccount:ci:deployer', ip: '10.0.2.5', verb: 'patch', resource: 'deployments', ns: 'prod', name: 'web', code: 200, agent: 'kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f' });
    if (i === 200) put(ms + 5000, { user: 'system:serviceaccount:ci:deployer', ip: '10.0.2.5', verb: 'create', resource: 'rolebindings', ns: 'prod', name: 'web-edit', code: 201, agent: 'kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f', requestObject: { roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'prod' }] } });
    // trap: a developer's kubectl exec into a staging pod, and an ordinary pod started by CI
    if (i % 150 === 7) put(ms + 6000, { user: 'alice@corp.example', ip: '10.0.3.7', verb: 'create', resource: 'pods', sub: 'exec', ns: 'staging', name: 'web-7d9f', code: 101, agent: 'kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f' });
    if (i === 300) put(ms + 7000, { user: 'system:serviceaccount:ci:deployer', ip: '10.0.2.5', verb: 'create', resource: 'pods', ns: 'prod', name: 'migrate-1', code: 201, agent: 'kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f', requestObject: { spec: { containers: [{ name: 'm', image: 'registry.corp.example/web:1.4', securityContext: { runAsNonRoot: true } }] } } });
    // trap: the load balancer's health check reaches /healthz anonymously
    if (i % 10 === 0) put(ms + 8000, { user: 'system:anonymous', ip: '10.0.0.2', verb: 'get', resource: 'healthz', code: 200, agent: 'kube-probe/1.29' });
  }
  // planted: the web pod's token, used with kubectl from the pod's address
  const b = t0 + 6 * 3600_000;
  const sa = 'system:serviceaccount:default:webapp';
  const kubectl = 'kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f';
  put(b, { user: sa, ip: '10.244.1.15', verb: 'create', resource: 'selfsubjectrulesreviews', code: 201, agent: kubectl });
  ['default', 'kube-system', 'prod', 'monitoring'].forEach((ns, i) => put(b + 5000 + i, { user: sa, ip: '10.244.1.15', verb: 'list', resource: 'secrets', ns, code: 200, agent: kubectl }));
  put(b + 10_000, { user: sa, ip: '10.244.1.15', verb: 'create', resource: 'clusterrolebindings', name: 'webapp-admin', code: 201, agent: kubectl, requestObject: { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'webapp', namespace: 'default' }] } });
  put(b + 20_000, { user: sa, ip: '10.244.1.15', verb: 'create', resource: 'pods', ns: 'kube-system', name: 'debug-x', code: 201, agent: kubectl, requestObject: { spec: { hostPID: true, containers: [{ name: 'x', image: 'alpine', securityContext: { privileged: true } }], volumes: [{ name: 'host', hostPath: { path: '/' } }] } } });
  put(b + 30_000, { user: sa, ip: '10.244.1.15', verb: 'create', resource: 'pods', sub: 'exec', ns: 'kube-system', name: 'debug-x', code: 101, agent: kubectl });
  put(b + 40_000, { user: sa, ip: '10.244.1.15', verb: 'delete', resource: 'daemonsets', ns: 'falco', name: 'falco', code: 200, agent: kubectl });
  return rows;
}

describe('Kubernetes audit log: a stolen service-account token', () => {
  it('tells what the token did (secrets read, cluster-admin bound, a privileged pod, Falco removed) in one high finding; the cluster\'s own traffic stays quiet', async () => {
    const found = await analysePlanted('k8s-audit', (dir) => {
      const { put, files } = logFiles(dir);
      put('kube-apiserver-audit.log', auditLog());
      return files;
    });
    expect(found.map((f) => `${f.severity}:${f.detector}:${f.entity}`), listFindings(found)).toEqual(['high:cloudAudit:10.244.1.15']);
    const f = found[0]!;
    expect(f.title).toMatch(/^Kubernetes audit log from 10\.244\.1\.15 as system:serviceaccount:default:webapp: audit trail or detector switched off/);
    expect(f.explanation).toContain('cluster-admin bound');
    expect(f.explanation).toContain("a pod with privileged, host PID namespace, the node's files mounted: root on its node");
    expect(f.explanation).toContain('secrets read with kubectl');
    expect(f.explanation).toContain('a security or log agent removed');
    // access: the can-i, four secrets lists and the exec
    expect(f.numbers).toMatchObject({ tamperCalls: 1, persistenceCalls: 2, accessCalls: 6 });
  }, 60_000);
});

describe('k8sCall', () => {
  const x = (o: Record<string, string>): Record<string, unknown> => ({ stage: 'ResponseComplete', ...o });
  it('judges each call by what it does, and leaves the cluster\'s own components out', () => {
    expect(k8sCall(x({ verb: 'list', 'objectRef.resource': 'pods' }), 'system:node:worker-3', 200, 'kubelet/v1.29')).toBeNull();
    expect(k8sCall(x({ verb: 'list', 'objectRef.resource': 'pods' }), 'system:serviceaccount:kube-system:deployment-controller', 200, null)).toBeNull();
    // a call still being answered is logged again when it completes
    expect(k8sCall({ stage: 'RequestReceived', verb: 'delete', 'objectRef.resource': 'events' }, 'bob', null, null)).toBeNull();
    expect(k8sCall(x({ verb: 'deletecollection', 'objectRef.resource': 'events', 'objectRef.namespace': 'prod' }), 'bob', 200, 'kubectl/v1.29')?.kind).toBe('tamper');
    expect(k8sCall(x({ verb: 'patch', 'objectRef.resource': 'daemonsets', 'objectRef.name': 'fluent-bit', 'requestObject.spec.replicas': '0' }), 'bob', 200, null)?.kind).toBe('tamper');
    expect(k8sCall(x({ verb: 'patch', 'objectRef.resource': 'daemonsets', 'objectRef.name': 'fluent-bit' }), 'bob', 200, null)?.kind).toBeUndefined();
    expect(k8sCall(x({ verb: 'create', 'objectRef.resource': 'clusterrolebindings', 'requestObject.roleRef.name': 'view' }), 'bob', 201, null)?.kind).toBeUndefined();
    expect(k8sCall(x({ verb: 'create', 'objectRef.resource': 'clusterrolebindings', 'requestObject.roleRef.name': 'view', 'requestObject.subjects': '[{"kind":"Group","name":"system:unauthenticated"}]' }), 'bob', 201, null)?.kind).toBe('persist');
    expect(k8sCall(x({ verb: 'create', 'objectRef.resource': 'clusterrolebindings', 'objectRef.name': 'x' }), 'bob', 201, null)?.kind).toBe('change');
    expect(k8sCall(x({ verb: 'create', 'objectRef.resource': 'serviceaccounts', 'objectRef.subresource': 'token', 'objectRef.name': 'admin-sa', 'objectRef.namespace': 'kube-system' }), 'system:serviceaccount:default:webapp', 201, null)?.kind).toBe('persist');
    // a pod asking for its own token (projected volumes do this) is routine
    expect(k8sCall(x({ verb: 'create', 'objectRef.resource': 'serviceaccounts', 'objectRef.subresource': 'token', 'objectRef.name': 'webapp' }), 'system:serviceaccount:default:webapp', 201, null)?.kind).toBeUndefined();
    // refused: counted as a refusal, not as what it would have done
    const denied = k8sCall(x({ verb: 'list', 'objectRef.resource': 'secrets' }), 'system:anonymous', 403, 'curl/8.5.0');
    expect([denied?.error, denied?.kind]).toEqual(['Forbidden', undefined]);
    expect(k8sCall(x({ verb: 'list', 'objectRef.resource': 'secrets', requestURI: '/api/v1/secrets' }), 'system:anonymous', 200, 'curl/8.5.0')?.note).toBe('answered to an anonymous caller');
    expect(k8sCall(x({ verb: 'get', 'objectRef.resource': 'version', requestURI: '/version' }), 'system:anonymous', 200, 'curl/8.5.0')?.kind).toBeUndefined();
    // hostile text stays text
    expect(k8sCall(x({ verb: '<script>alert(1)</script>', 'objectRef.resource': '=HYPERLINK("x")\u0000' }), 'bob', 200, null)?.api).toBe('k8s:<script>alert(1)</script> =HYPERLINK("x")\u0000');
  });
});
