// Cloud audit trails: AWS CloudTrail API calls (and Google Cloud's audit log and Azure's activity
// log, read into the same shape by cloudOther.ts), read out of the row's extra (the JSON keys the mapper did not give a
// role: eventName, errorCode, userIdentity.*, requestParameters.*). The fold keeps, per source
// address, what a responder looks for first in a cloud incident: calls refused to one principal
// across many different APIs (stolen keys enumerating what they may do: Pacu, ScoutSuite,
// enumerate-iam), the audit trail and detectors switched off (StopLogging, DeleteTrail,
// DeleteDetector…), and a way back in made for another identity (CreateAccessKey for another user,
// AdministratorAccess attached). Calls made by AWS services themselves (userIdentity.type
// AWSService, invokedBy *.amazonaws.com) are not counted.

import { otherCloudCall } from './cloudOther';
import { addIdp, identityEvent, newIdp, type IdpAcc, type IdpAct, type PlaceSeen } from './identityEvents';
import { k8sCall } from './k8sAudit';

/** One audit trail call: the API (service:eventName), the error code if refused, who made it. */
export interface CloudCall {
  /** whose audit trail the call is in */
  cloud: 'aws' | 'gcp' | 'azure' | 'k8s';
  /** what the call is, when the provider's reader already judged it (GCP, Azure, Kubernetes); AWS calls are judged by name below */
  kind?: 'tamper' | 'persist' | 'change' | 'access';
  api: string;
  name: string;
  error: string | null;
  principal: string;
  key: string | null;
  actorUser: string | null;
  target: string | null;
  policy: string | null;
  bucket: string | null;
  weakens?: string | null;
  note?: string;
  resetRequired?: boolean;
}

/** Calls that change a trail's settings: they blind it only when the change narrows what is logged. */
const TRAIL_SETTINGS = new Set(['UpdateTrail', 'PutEventSelectors']);

/**
 * How an UpdateTrail or PutEventSelectors call narrows what the trail records (null: it does not:
 * a KMS key, an SNS topic or data events added, as a deployment tool's routine update does).
 */
export function trailWeakening(name: string, param: (k: string) => string | null): string | null {
  const off = (k: string): boolean => param(k)?.toLowerCase() === 'false';
  const out: string[] = [];
  if (name === 'UpdateTrail') {
    if (off('isMultiRegionTrail')) out.push('multi-region logging turned off (other regions go unrecorded)');
    if (off('enableLogFileValidation')) out.push('log file validation turned off (edited log files no longer show)');
    if (off('includeGlobalServiceEvents')) out.push('global service events (IAM, STS, sign-in) left out');
    return out.length ? out.join(', ') : null;
  }
  if (name !== 'PutEventSelectors') return null;
  const parse = (k: string): Record<string, unknown>[] | null => {
    const v = param(k);
    if (v === null) return null;
    try {
      const a = JSON.parse(v) as unknown;
      return Array.isArray(a) ? (a.filter((x) => x && typeof x === 'object') as Record<string, unknown>[]) : null;
    } catch {
      return null;
    }
  };
  const basic = parse('eventSelectors');
  const advanced = parse('advancedEventSelectors');
  if (basic === null && advanced === null) return 'the event selectors emptied';
  if (advanced !== null) {
    // an advanced selector logs management events only when one selects eventCategory = Management
    const mgmt = advanced.some((a) => JSON.stringify(a.fieldSelectors ?? []).includes('"Management"'));
    if (!mgmt) out.push('management events no longer logged (advanced selectors for data events only)');
  }
  if (basic !== null) {
    const mgmt = basic.filter((b) => b.includeManagementEvents !== false && String(b.includeManagementEvents) !== 'false');
    if (!mgmt.length && advanced === null) out.push('management events no longer logged (includeManagementEvents false)');
    else if (mgmt.length && mgmt.every((b) => String(b.readWriteType ?? 'All') === 'ReadOnly')) out.push('write events no longer logged (readWriteType ReadOnly)');
    const excluded = [...new Set(basic.flatMap((b) => (Array.isArray(b.excludeManagementEventSources) ? b.excludeManagementEventSources.map(String) : [])))];
    if (excluded.length) out.push(`management events of ${excluded.join(', ')} left out`);
  }
  return out.length ? out.join(', ') : null;
}

/** Error codes of a call the caller was not allowed to make. */
const DENIED_RE = /^(?:Client\.)?(?:AccessDenied(?:Exception)?|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|AuthorizationErrorException|Forbidden|NotAuthorized|PERMISSION_DENIED|UNAUTHENTICATED|AuthorizationFailed)$/i;

/** Calls that stop or blind the audit trail and the detectors: a responder's own evidence being removed. */
export const TAMPER_CALLS = new Set([
  'StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'DeleteFlowLogs', 'DeleteDetector', 'DisassociateFromMasterAccount', 'StopMonitoringMembers', 'DeleteMembers', 'UpdateDetector',
  'DeleteConfigurationRecorder', 'StopConfigurationRecorder', 'DeleteDeliveryChannel', 'DisableSecurityHub', 'DeleteLogGroup', 'DeleteLogStream', 'PutBucketLogging',
]);

/** Credentials made for a user: a way back in when made for someone other than the caller. */
const CREDENTIAL_CALLS = new Set(['CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile']);
/** Policies attached or written: a way back in when they grant everything. */
const POLICY_CALLS = new Set(['AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy']);
/** A policy granting every action on every resource (AdministratorAccess, or "Action":"*" with "Resource":"*"). */
const ADMIN_POLICY_RE = /AdministratorAccess|IAMFullAccess|"Action\\?"\s*:\s*(?:\[\s*)?\\?"\*\\?"/;

type Json = Record<string, unknown>;
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The call a CloudTrail row records (its extra, its eventSource in `program`), or null when it is none or an AWS
 * service's own; Google Cloud's, Azure's and Kubernetes' (whose outcome is the row's status) are read alike.
 */
export function cloudCall(extra: string, program: string | null, user: string | null, status: number | null = null, agent: string | null = null): CloudCall | null {
  let x: Json;
  try {
    x = JSON.parse(extra) as Json;
  } catch {
    return null;
  }
  if (program === 'kube-apiserver') return k8sCall(x, user, status, agent);
  const name = s(x.eventName);
  if (!name) return otherCloudCall(x, user, extra);
  const type = s(x['userIdentity.type']);
  if (type === 'AWSService' || s(x['userIdentity.invokedBy'])?.endsWith('.amazonaws.com')) return null;
  const source = s(x.eventSource) ?? program ?? '';
  const error = s(x.errorCode);
  const arn = s(x['userIdentity.arn']);
  const key = s(x['userIdentity.accessKeyId']);
  const target = s(x['requestParameters.userName']) ?? s(x['requestParameters.roleName']) ?? s(x['requestParameters.groupName']);
  const policy = s(x['requestParameters.policyArn']) ?? s(x['requestParameters.policyDocument']) ?? s(x['requestParameters.policyName']);
  const bucket = s(x['requestParameters.name']) ?? s(x['requestParameters.trailName']) ?? s(x['requestParameters.detectorId']) ?? s(x['requestParameters.flowLogIds']) ?? s(x['requestParameters.logGroupName']);
  const param = (k: string): string | null => {
    const v = x[`requestParameters.${k}`];
    return typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : null;
  };
  const weakens = TRAIL_SETTINGS.has(name) ? trailWeakening(name, param) : null;
  // a routine update naming the trail's bucket: said, so the responder can check the bucket is theirs
  const bucketTo = name === 'UpdateTrail' && !weakens ? param('s3BucketName') : null;
  const resetRequired = name === 'UpdateLoginProfile' && param('passwordResetRequired')?.toLowerCase() === 'true';
  return { cloud: 'aws', api: `${source.replace(/\.amazonaws\.com$/, '')}:${name}`, name, error, principal: arn ?? user ?? key ?? 'unknown principal', key, actorUser: s(x['userIdentity.userName']) ?? user, target, policy, bucket, ...(weakens ? { weakens } : bucketTo ? { note: `logs to bucket ${bucketTo}` } : {}), ...(resetRequired ? { resetRequired } : {}) };
}

/** A tampering or persistence call kept for the finding: the row that proves it. */
export interface CloudAct { id: number; ts: number | null; api: string; name: string; principal: string; key: string | null; target: string | null; policy: string | null; error: string | null; detail?: string }

/** Per source address: refused APIs (first time each), principals and keys seen, and the tampering / persistence calls. */
export interface CloudAcc { clouds: Set<CloudCall['cloud']>; calls: number; deniedCalls: number; denied: Map<string, number>; principals: Set<string>; keys: Set<string>; agents: Set<string>; tamper: CloudAct[]; persist: CloudAct[]; changes: CloudAct[]; access: CloudAct[]; idp: IdpAcc }

export const CLOUD_APIS = 2000;
const CLOUD_ACTS = 200;

export const newCloud = (): CloudAcc => ({ clouds: new Set(), calls: 0, deniedCalls: 0, denied: new Map(), principals: new Set(), keys: new Set(), agents: new Set(), tamper: [], persist: [], changes: [], access: [], idp: newIdp() });

/**
 * Folds one row the fold's `aws` cell selected into its address's state: a cloud audit trail's call,
 * or else an identity provider's or a mailbox's event (identityEvents.ts).
 */
export function foldCloudRow(st: { cloud: CloudAcc | null }, extra: string, program: string | null, user: string | null, status: number | null, agent: string | null, id: number, ts: number | null): void {
  const call = cloudCall(extra, program, user, status, agent);
  if (call) return addCloudCall((st.cloud ??= newCloud()), call, id, ts, agent);
  foldIdentityRow(st, extra, user, id, ts);
}

/** An identity provider's or a mailbox's event (identityEvents.ts) into an address's state (null, for the fold's address-less rows). */
export function foldIdentityRow(st: { cloud: CloudAcc | null }, extra: string, user: string | null, id: number, ts: number | null): null {
  let x: unknown;
  try {
    x = JSON.parse(extra);
  } catch {
    return null;
  }
  const e = x && typeof x === 'object' ? identityEvent(x as Json, user) : null;
  if (e) addIdp((st.cloud ??= newCloud()).idp, e, id, ts);
  return null;
}

export function addCloudCall(acc: CloudAcc, c: CloudCall, id: number, ts: number | null, agent: string | null): void {
  acc.calls++;
  acc.clouds.add(c.cloud);
  if (acc.principals.size < 20) acc.principals.add(c.principal);
  if (c.key && acc.keys.size < 20) acc.keys.add(c.key);
  if (agent && acc.agents.size < 5) acc.agents.add(agent);
  if (c.error && DENIED_RE.test(c.error)) {
    acc.deniedCalls++;
    if (!acc.denied.has(c.api) && acc.denied.size < CLOUD_APIS && ts != null) acc.denied.set(c.api, ts);
  }
  const act = (): CloudAct => ({ id, ts, api: c.api, name: c.name, principal: c.principal, key: c.key, target: c.target, policy: c.policy ?? c.bucket, error: c.error, ...(c.weakens || c.note ? { detail: c.weakens ?? c.note } : {}) });
  // GCP and Azure calls come judged by their reader (cloudOther.ts)
  if (c.kind !== undefined) {
    const list = c.kind === 'tamper' ? acc.tamper : c.kind === 'persist' ? acc.persist : c.kind === 'access' ? acc.access : acc.changes;
    if (list.length < CLOUD_ACTS) list.push(act());
    return;
  }
  // a trail's settings changed without narrowing what it logs (a deployment's KMS key, data events
  // added), or an administrator resetting someone's password so they must choose a new one: routine
  if ((TRAIL_SETTINGS.has(c.name) && !c.weakens) || (c.resetRequired && c.target && c.target !== c.actorUser)) {
    if (acc.changes.length < CLOUD_ACTS) acc.changes.push(act());
    return;
  }
  if (TAMPER_CALLS.has(c.name)) {
    // CloudWatch Logs' DeleteLogGroup / PutBucketLogging are everyday calls unless they touch the trail's own logs
    if ((c.name === 'DeleteLogGroup' || c.name === 'DeleteLogStream' || c.name === 'PutBucketLogging' || c.name === 'UpdateDetector') && !/trail|flow|guardduty|audit|security/i.test(c.bucket ?? '')) return;
    if (acc.tamper.length < CLOUD_ACTS) acc.tamper.push(act());
  } else if (CREDENTIAL_CALLS.has(c.name)) {
    // a user making their own key or password is routine; one made for someone else is a way back in
    if (c.target && c.target !== c.actorUser && acc.persist.length < CLOUD_ACTS) acc.persist.push(act());
  } else if (POLICY_CALLS.has(c.name) && c.policy && ADMIN_POLICY_RE.test(c.policy) && acc.persist.length < CLOUD_ACTS) acc.persist.push(act());
}

/** CloudTrail calls of one source address, for the cloudAudit detector. */
export interface CloudRow {
  ip: string;
  /** whose audit trails the calls are in (aws, gcp, azure) */
  clouds: CloudCall['cloud'][];
  calls: number;
  deniedCalls: number;
  /** distinct APIs refused over the log, and in the busiest window, with the services they belong to */
  deniedApis: number;
  windowApis: number;
  windowServices: number;
  first: number | null;
  last: number | null;
  sample: string[];
  principals: string[];
  keys: string[];
  agents: string[];
  tamper: CloudAct[];
  persist: CloudAct[];
  /** trail settings changed without narrowing the logging, passwords reset by an administrator: routine */
  changes: CloudAct[];
  /** what the trail guards, reached: secrets read and commands run in containers by a stolen token (Kubernetes) */
  access: CloudAct[];
  /** identity and mailbox events (identityEvents.ts): second factors refused and passed, inbox rules and forwarding, and per account the pushes sent, mail items and files read */
  idp: { acts: IdpAct[]; places: [string, PlaceSeen][]; pushes: [string, number][]; items: [string, number][]; files: [string, number][] };
}

/** The busiest window (windowMs) of first refusals per API, with what else the address did. */
export function cloudSpread(ip: string, acc: CloudAcc, windowMs: number): CloudRow | null {
  const idp = acc.idp;
  if (acc.denied.size === 0 && acc.tamper.length === 0 && acc.persist.length === 0 && acc.changes.length === 0 && acc.access.length === 0 && !idp.acts.length && !idp.places.size && !idp.items.size && !idp.files.size && !idp.pushes.size) return null;
  const firsts = [...acc.denied].sort((a, b) => a[1] - b[1]);
  let best = 0;
  let from = 0;
  let at = 0;
  for (let i = 0, j = 0; i < firsts.length; i++) {
    while (firsts[i]![1] - firsts[j]![1] > windowMs) j++;
    if (i - j + 1 > best) [best, from, at] = [i - j + 1, j, i];
  }
  const inWindow = firsts.slice(from, from + best);
  return {
    ip,
    clouds: [...acc.clouds],
    calls: acc.calls,
    deniedCalls: acc.deniedCalls,
    deniedApis: acc.denied.size,
    windowApis: best,
    windowServices: new Set(inWindow.map(([api]) => api.split(':')[0])).size,
    first: best ? firsts[from]![1] : null,
    last: best ? firsts[at]![1] : null,
    sample: inWindow.slice(0, 12).map(([api]) => api),
    principals: [...acc.principals],
    keys: [...acc.keys],
    agents: [...acc.agents],
    tamper: acc.tamper,
    persist: acc.persist,
    changes: acc.changes,
    access: acc.access,
    idp: { acts: idp.acts, places: [...idp.places], pushes: [...idp.pushes], items: [...idp.items], files: [...idp.files] },
  };
}
