// Google Cloud audit logs and the Azure activity log, read like CloudTrail (cloudAudit.ts): the
// call, whether it was refused, who made it, and whether it blinds the audit trail or opens a way
// back in. Both arrive as JSON whose keys the mapper leaves in extra, flattened with dots
// (`protoPayload.methodName`, `operationName`); the caller's address is the row's source.
import type { CloudCall } from './cloudAudit';

type Json = Record<string, unknown>;
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** GCP status codes of a call the caller was not allowed to make: 7 PERMISSION_DENIED, 16 UNAUTHENTICATED. */
const GCP_DENIED: Readonly<Record<string, string>> = { '7': 'PERMISSION_DENIED', '16': 'UNAUTHENTICATED' };
/** Cloud Logging calls that stop or blind what is logged: a sink deleted, an exclusion made, logs or a log bucket deleted. */
const GCP_TAMPER = /^google\.logging\.v2\.(?:ConfigServiceV2\.(?:DeleteSink|CreateExclusion|DeleteBucket)|LoggingServiceV2\.DeleteLog)$/;
/** Sink and exclusion changes that may or may not narrow the logging: reported as changes to check. */
const GCP_CHANGE = /^google\.logging\.v2\.ConfigServiceV2\.(?:UpdateSink|UpdateExclusion|UpdateBucket)$/;
/** Roles that administer a project or organisation, or let their holder mint credentials. */
const GCP_ADMIN_ROLE = /roles\/(?:owner|editor|iam\.securityAdmin|iam\.serviceAccountKeyAdmin|iam\.serviceAccountTokenCreator|resourcemanager\.(?:organizationAdmin|projectIamAdmin|organizationRoleAdmin))\b/;
/** Google's own service agents (the cloud calling itself), not a user's or a user-managed service account. */
const GCP_SERVICE_AGENT = /@(?:gcp-sa-[\w-]+\.iam|cloudservices|system|container-engine-robot|compute-system|cloudbuild)\.gserviceaccount\.com$|^service-\d+@/;

/** One Google Cloud audit log entry (`protoPayload.@type` AuditLog), or null. */
function gcpCall(x: Json, user: string | null, extra: string): CloudCall | null {
  const method = s(x['protoPayload.methodName']);
  if (!method) return null;
  const principal = s(x['protoPayload.authenticationInfo.principalEmail']) ?? user;
  if (principal && GCP_SERVICE_AGENT.test(principal)) return null;
  const service = (s(x['protoPayload.serviceName']) ?? '').replace(/\.googleapis\.com$/, '');
  const name = method.slice(method.lastIndexOf('.') + 1) || method;
  const code = s(x['protoPayload.status.code']);
  const error = code !== null ? (GCP_DENIED[code] ?? (code === '0' ? null : `status ${code}`)) : null;
  const resource = s(x['protoPayload.resourceName']);
  let kind: CloudCall['kind'];
  let detail: string | undefined;
  if (GCP_TAMPER.test(method)) kind = 'tamper';
  else if (GCP_CHANGE.test(method)) kind = 'change';
  else if (/\.CreateServiceAccountKey$/.test(method)) {
    kind = 'persist';
    detail = 'a key made for a service account';
  } else if (/(?:^|\.)SetIamPolicy$/i.test(method) && /"ADD"/.test(extra.replace(/\\"/g, '"')) && GCP_ADMIN_ROLE.test(extra)) {
    kind = 'persist';
    detail = `granted ${GCP_ADMIN_ROLE.exec(extra)![0]}`;
  }
  return { cloud: 'gcp', api: `${service || 'gcp'}:${name}`, name, error, principal: principal ?? 'unknown principal', key: null, actorUser: principal, target: resource, policy: null, bucket: null, ...(kind ? { kind } : {}), ...(detail ? { note: detail } : {}) };
}

/** Azure role definitions that administer a subscription or hand out access (Owner, Contributor, User Access Administrator). */
const AZURE_ADMIN_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c4a72b9d': 'User Access Administrator',
};
/** Operations that stop or blind Azure's logging and threat detection. */
const AZURE_TAMPER = /^microsoft\.(?:insights\/(?:diagnosticsettings|logprofiles)\/delete|security\/(?:pricings|securitycontacts|autoprovisioningsettings)\/delete|operationalinsights\/workspaces\/delete|securityinsights\/.*\/delete)$/;
/** Logging settings changed: they may narrow it, or be a deployment's routine write. */
const AZURE_CHANGE = /^microsoft\.(?:insights\/(?:diagnosticsettings|logprofiles)\/write|security\/pricings\/write)$/;

/** The REST API's and Azure CLI's status words (`status.value`) as the diagnostic export's resultType. */
const AZURE_STATUS: Readonly<Record<string, string>> = { succeeded: 'success', failed: 'failure', started: 'start', accepted: 'accept' };

/**
 * One Azure activity log record, or null: the diagnostic export's (`operationName` and `resultType`
 * strings beside a resourceId under /subscriptions/) or the REST API's and `az monitor activity-log
 * list`'s (`operationName.value`, `status.value`, `subStatus.value`).
 */
function azureCall(x: Json, user: string | null, extra: string): CloudCall | null {
  const op = s(x.operationName) ?? s(x['operationName.value']);
  const resourceId = s(x.resourceId);
  if (!op || !/^microsoft\.[a-z]+\//i.test(op) || (resourceId !== null && !/\/subscriptions\//i.test(resourceId))) return null;
  const lower = op.toLowerCase();
  const provider = lower.slice(0, lower.indexOf('/'));
  const name = op.slice(op.indexOf('/') + 1);
  const principal = s(x.caller) ?? user;
  const rest = s(x['status.value'])?.toLowerCase();
  const result = (s(x.resultType) ?? (rest !== undefined ? (AZURE_STATUS[rest] ?? rest) : '')).toLowerCase();
  const status = `${s(x['properties.statusCode']) ?? ''} ${s(x.resultSignature) ?? ''} ${s(x['properties.statusMessage']) ?? ''} ${s(x['subStatus.value']) ?? ''}`;
  const denied = result === 'failure' && /forbidden|authorizationfailed|unauthorized|linkedauthorizationfailed/i.test(status);
  const error = denied ? 'AuthorizationFailed' : result === 'failure' ? 'Failure' : null;
  // an operation logs a Start and then its Success or Failure: only the outcome counts
  if (result === 'start' || result === 'accept') return null;
  let kind: CloudCall['kind'];
  let note: string | undefined;
  if (AZURE_TAMPER.test(lower)) kind = 'tamper';
  else if (AZURE_CHANGE.test(lower)) kind = 'change';
  else if (lower === 'microsoft.authorization/roleassignments/write') {
    const role = Object.keys(AZURE_ADMIN_ROLES).find((id) => extra.toLowerCase().includes(id));
    if (role !== undefined) {
      kind = 'persist';
      note = `${AZURE_ADMIN_ROLES[role]} role assigned`;
    }
  }
  return { cloud: 'azure', api: `${provider}:${name}`, name: op, error, principal: principal ?? 'unknown principal', key: null, actorUser: principal, target: resourceId, policy: null, bucket: null, ...(kind ? { kind } : {}), ...(note ? { note } : {}) };
}

/** A Google Cloud audit log entry or an Azure activity log record in a row's extra (already parsed), or null. */
export function otherCloudCall(x: Json, user: string | null, extra: string): CloudCall | null {
  if (x['protoPayload.methodName'] !== undefined) return gcpCall(x, user, extra);
  if (x.operationName !== undefined || x['operationName.value'] !== undefined) return azureCall(x, user, extra);
  return null;
}
