// cloudAudit on Google Cloud audit logs and the Azure activity log: a stolen credential that
// enumerates, blinds the logging and makes itself a way back in, beside the everyday calls of an
// administrator, Google's own service agents and Azure's Start records, which must stay quiet.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';

afterAll(cleanupPlanted);

const T0 = Date.UTC(2026, 2, 3, 9, 0, 0);
const iso = (ms: number): string => new Date(T0 + ms).toISOString();

const gcp = (ms: number, ip: string, who: string, service: string, method: string, code: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      ...(code ? { status: { code, message: code === 7 ? 'PERMISSION_DENIED' : 'x' } } : {}),
      authenticationInfo: { principalEmail: who },
      requestMetadata: { callerIp: ip, callerSuppliedUserAgent: 'python-requests/2.31' },
      serviceName: `${service}.googleapis.com`,
      methodName: method,
      resourceName: 'projects/prod-1',
      ...extra,
    },
    insertId: `i${ms}`,
    resource: { type: 'project', labels: { project_id: 'prod-1' } },
    timestamp: iso(ms),
    severity: code ? 'ERROR' : 'NOTICE',
    logName: 'projects/prod-1/logs/cloudaudit.googleapis.com%2Factivity',
  });

const GCP_THIEF = '203.0.113.40';
const GCP_ADMIN = '198.51.100.7';
const GCP_AGENT = '10.128.0.9';

function gcpLog(): string[] {
  const out: string[] = [];
  const key = 'ci-deployer@prod-1.iam.gserviceaccount.com';
  // the stolen key tries 14 APIs across services in 6 minutes
  const tries = ['compute.v1.Instances.list', 'storage.buckets.list', 'iam.admin.v1.ListServiceAccounts', 'cloudresourcemanager.v1.Projects.getIamPolicy', 'container.v1.ClusterManager.ListClusters', 'sqladmin.v1.SqlInstancesService.List', 'secretmanager.v1.SecretManagerService.ListSecrets', 'cloudfunctions.v1.CloudFunctionsService.ListFunctions', 'bigquery.v2.DatasetService.ListDatasets', 'pubsub.v1.Publisher.ListTopics', 'dns.v1.ManagedZones.List', 'cloudkms.v1.KeyManagementService.ListKeyRings', 'run.v1.Services.ListServices', 'logging.v2.ConfigServiceV2.ListSinks'];
  tries.forEach((m, i) => out.push(gcp(i * 25_000, GCP_THIEF, key, m.split('.')[0]!, `google.${m}`, 7)));
  // then what it could do: a key for itself, owner for an outsider, the audit sink deleted
  out.push(gcp(400_000, GCP_THIEF, key, 'iam', 'google.iam.admin.v1.CreateServiceAccountKey', 0));
  out.push(gcp(420_000, GCP_THIEF, key, 'cloudresourcemanager', 'SetIamPolicy', 0, { serviceData: { '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData', policyDelta: { bindingDeltas: [{ action: 'ADD', role: 'roles/owner', member: 'user:backdoor@gmail.com' }] } } }));
  out.push(gcp(440_000, GCP_THIEF, key, 'logging', 'google.logging.v2.ConfigServiceV2.DeleteSink', 0));
  // an administrator's day: a role granted that is no admin role, a sink updated, a few refusals
  out.push(gcp(500_000, GCP_ADMIN, 'alice@corp.example', 'cloudresourcemanager', 'SetIamPolicy', 0, { serviceData: { policyDelta: { bindingDeltas: [{ action: 'ADD', role: 'roles/viewer', member: 'user:bob@corp.example' }] } } }));
  for (let i = 0; i < 3; i++) out.push(gcp(600_000 + i * 1000, GCP_ADMIN, 'alice@corp.example', 'compute', 'v1.compute.instances.delete', 7));
  // Google's own service agent, denied many times: not counted
  for (let i = 0; i < 20; i++) out.push(gcp(700_000 + i * 1000, GCP_AGENT, 'service-123456@gcp-sa-cloudbuild.iam.gserviceaccount.com', `svc${i}`, `google.svc${i}.v1.Thing.Get`, 7));
  return out;
}

const azure = (ms: number, ip: string, caller: string, op: string, result: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    time: iso(ms),
    resourceId: '/SUBSCRIPTIONS/1111/RESOURCEGROUPS/PROD/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM1',
    operationName: op,
    category: 'Administrative',
    resultType: result,
    resultSignature: result === 'Failure' ? 'Forbidden' : 'Succeeded.',
    callerIpAddress: ip,
    caller,
    correlationId: `c${ms}`,
    level: result === 'Failure' ? 'Error' : 'Information',
    ...extra,
  });
const AZ_THIEF = '203.0.113.50';
const AZ_OPS = '198.51.100.8';

function azureLog(): string {
  const recs: string[] = [];
  const ops = ['MICROSOFT.COMPUTE/VIRTUALMACHINES/READ', 'MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION', 'MICROSOFT.KEYVAULT/VAULTS/READ', 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/READ', 'MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/READ', 'MICROSOFT.WEB/SITES/CONFIG/LIST/ACTION', 'MICROSOFT.SQL/SERVERS/READ', 'MICROSOFT.RESOURCES/DEPLOYMENTS/READ', 'MICROSOFT.AUTOMATION/AUTOMATIONACCOUNTS/READ', 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/LISTCLUSTERADMINCREDENTIAL/ACTION', 'MICROSOFT.COMPUTE/DISKS/BEGINGETACCESS/ACTION', 'MICROSOFT.LOGIC/WORKFLOWS/READ'];
  ops.forEach((op, i) => {
    recs.push(azure(i * 20_000 - 1, AZ_THIEF, 'mallory@corp.example', op, 'Start'));
    recs.push(azure(i * 20_000, AZ_THIEF, 'mallory@corp.example', op, 'Failure', { properties: { statusCode: 'Forbidden', statusMessage: '{"error":{"code":"AuthorizationFailed"}}' } }));
  });
  recs.push(azure(300_000, AZ_THIEF, 'mallory@corp.example', 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', 'Success'));
  recs.push(azure(320_000, AZ_THIEF, 'mallory@corp.example', 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE', 'Success', { properties: { requestbody: '{"Id":"x","Properties":{"PrincipalId":"p","RoleDefinitionId":"/subscriptions/1111/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635","Scope":"/subscriptions/1111"}}' } }));
  // operations' everyday work: VMs restarted, a Reader role assigned, a diagnostic setting written
  for (let i = 0; i < 10; i++) recs.push(azure(400_000 + i * 1000, AZ_OPS, 'ops@corp.example', 'MICROSOFT.COMPUTE/VIRTUALMACHINES/RESTART/ACTION', 'Success'));
  recs.push(azure(500_000, AZ_OPS, 'ops@corp.example', 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE', 'Success', { properties: { requestbody: '{"Properties":{"RoleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"}}' } }));
  return JSON.stringify({ records: recs.map((r) => JSON.parse(r) as unknown) });
}

describe('cloudAudit on Google Cloud and Azure', () => {
  it('Google Cloud audit log: enumeration, a service account key, owner granted and the sink deleted, high; the administrator and the service agent quiet', async () => {
    const found = await analysePlanted('gcp-audit', (dir) => {
      const f = logFiles(dir);
      f.put('cloudaudit.jsonl', gcpLog());
      return f.files;
    });
    const cloud = found.filter((f) => f.detector === 'cloudAudit');
    expect(cloud.map((f) => f.entity), listFindings(found)).toEqual([GCP_THIEF]);
    const t = expectFound(found, 'cloudAudit', GCP_THIEF, 'high');
    expect(t.title).toContain('Google Cloud audit log');
    expect(t.title).toContain('DeleteSink');
    expect(t.numbers.windowApis).toBe(14);
    expect(t.numbers.persistenceCalls).toBe(2);
    expect(t.explanation).toContain('granted roles/owner');
    expect(t.explanation).toContain('a Cloud Logging sink');
    expect(t.explanation).not.toContain('AWS');
    // the administrator's viewer grant is no way back in and three refusals are no enumeration;
    // the service agent's 20 refusals of 20 APIs are Google's own calls
    expect(found.some((f) => f.entity === GCP_ADMIN || f.entity === GCP_AGENT)).toBe(false);
  });

  it('Azure activity log: AuthorizationFailed across 12 operations, the diagnostic setting deleted and Owner assigned, high; restarts and a Reader role quiet; Start records not counted', async () => {
    const found = await analysePlanted('azure-activity', (dir) => {
      const f = logFiles(dir);
      f.put('activity.json', [azureLog()]);
      return f.files;
    });
    const cloud = found.filter((f) => f.detector === 'cloudAudit');
    expect(cloud.map((f) => f.entity), listFindings(found)).toEqual([AZ_THIEF]);
    const t = cloud[0]!;
    expect(t.severity).toBe('high');
    expect(t.title).toContain('Azure activity log');
    expect(t.numbers.windowApis).toBe(12);
    expect(t.numbers.deniedCalls).toBe(12);
    expect(t.numbers.calls).toBe(14);
    expect(t.explanation).toContain('Owner role assigned');
    expect(t.explanation).toContain('diagnostic setting');
  });

  it('Azure activity log as the REST API and `az monitor activity-log list` write it (operationName.value, status.value, subStatus.value): the same finding', async () => {
    const rest = (JSON.parse(azureLog()) as { records: Record<string, unknown>[] }).records.map((r) => {
      const { operationName, resultType, resultSignature, callerIpAddress, time, properties, ...other } = r as Record<string, unknown> & { properties?: { statusCode?: string; requestbody?: string } };
      const status = String(resultType);
      return {
        ...other,
        eventTimestamp: time,
        httpRequest: { clientIpAddress: callerIpAddress, method: 'POST' },
        operationName: { value: operationName, localizedValue: 'x' },
        status: { value: status === 'Success' ? 'Succeeded' : status === 'Failure' ? 'Failed' : 'Started', localizedValue: 'x' },
        subStatus: { value: resultSignature === 'Forbidden' ? 'Forbidden' : '', localizedValue: '' },
        ...(properties?.requestbody ? { properties: { requestbody: properties.requestbody } } : {}),
      };
    });
    const found = await analysePlanted('azure-rest', (dir) => {
      const f = logFiles(dir);
      f.put('activity-log.json', [JSON.stringify(rest, null, 2)]);
      return f.files;
    });
    const cloud = found.filter((f) => f.detector === 'cloudAudit');
    expect(cloud.map((f) => f.entity), listFindings(found)).toEqual([AZ_THIEF]);
    expect([cloud[0]!.severity, cloud[0]!.numbers.windowApis, cloud[0]!.numbers.deniedCalls, cloud[0]!.numbers.calls]).toEqual(['high', 12, 12, 14]);
    expect(cloud[0]!.explanation).toContain('Owner role assigned');
  });
});
