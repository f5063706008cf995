// Cloud audit logs (AWS CloudTrail, as the {"Records":[…]} documents CloudTrail writes to S3 or as
// JSON lines from Athena / CloudWatch Logs; Google Cloud audit logs and the Azure activity log, read
// by ../cloudOther.ts; Kubernetes audit events by ../k8sAudit.ts): what one source address did to the account. Three
// things a responder looks for first, told in one finding per address (one actor, one story), led
// by the most serious: the audit trail or a detector switched off (StopLogging, DeleteTrail,
// DeleteDetector…), a way back in made for another identity (an access key or console password
// for another user, AdministratorAccess attached), and calls refused across many different APIs
// (stolen keys enumerating what they may do). Console sign-in failures are bruteForce's.
import type { CloudAct, CloudRow } from '../cloudAudit';
import { ipScope } from '../net';
import type { DetectorDef, DraftFinding } from '../types';
import { count, formatList, qv, scoreOver, span } from './util';

const when = (ts: number | null): string => (ts == null ? 'at an unknown time' : new Date(ts).toISOString().replace('.000Z', 'Z'));
const refused = (a: CloudAct): string => (a.error ? ` (refused: ${a.error})` : '');
/** The trail, its API, how it is blinded and undone, and the ways back in, as each cloud names them. */
interface CloudWords {
  trail: string;
  api: string;
  blinds: string;
  restore: string;
  keys: string;
  revoke: string;
}
const CLOUD: Readonly<Record<CloudRow['clouds'][number], CloudWords>> = {
  aws: {
    trail: 'AWS CloudTrail',
    api: 'the AWS API',
    blinds: 'switches CloudTrail, flow logs, Config or GuardDuty off',
    restore: "re-enable the trail and look at the data events and other regions' trails for the gap",
    keys: 'An access key or console password made for another user, or administrator rights attached,',
    revoke: 'disable the keys and login profile named, detach the policy, and check who else got keys',
  },
  gcp: {
    trail: 'Google Cloud audit log',
    api: 'Google Cloud APIs',
    blinds: 'deletes a Cloud Logging sink or log bucket, or adds an exclusion,',
    restore: 'restore the sink or exclusion and look for the gap in what it exported',
    keys: 'A key made for a service account, or an owner, editor or IAM-admin role granted,',
    revoke: 'delete the key, remove the role binding named, and check who else holds keys and admin roles',
  },
  azure: {
    trail: 'Azure activity log',
    api: 'Azure Resource Manager',
    blinds: "deletes a diagnostic setting, Defender for Cloud's plans or a Sentinel workspace",
    restore: 'restore the setting and look for the gap in what it sent',
    keys: 'An Owner, Contributor or User Access Administrator role assigned',
    revoke: 'remove the role assignment named and check who else holds privileged roles',
  },
  k8s: {
    trail: 'Kubernetes audit log',
    api: 'the Kubernetes API',
    blinds: 'deletes the cluster’s events or removes a runtime-security or log agent (Falco, a log shipper)',
    restore: 'restore the agent and read the nodes’ and containers’ own logs for the gap',
    keys: 'A binding to cluster-admin, a privileged pod (root on its node) or a token minted for another service account',
    revoke: 'delete the binding or pod named, rotate the service-account tokens and secrets this caller used, and check who else is bound to admin roles',
  },
};
const cloudOf = (r: CloudRow): CloudWords => {
  if (r.clouds.length === 1) return CLOUD[r.clouds[0]!];
  const parts = r.clouds.map((c) => CLOUD[c]);
  const join = (k: keyof CloudWords, sep: string): string => parts.map((p) => p[k]).join(sep);
  return { trail: join('trail', ' and '), api: join('api', ' and '), blinds: join('blinds', '; or '), restore: join('restore', '; '), keys: join('keys', ' or '), revoke: join('revoke', '; ') };
};
const describeAct = (a: CloudAct): string => `${a.api}${a.target ? ` for ${a.target}` : ''}${a.policy ? ` [${a.policy.length > 80 ? `${a.policy.slice(0, 77)}…` : a.policy}]` : ''}${a.detail ? ` (${a.detail})` : ''} by ${a.principal} at ${when(a.ts)}${refused(a)}`;

export const cloudAudit: DetectorDef = {
  name: 'cloudAudit',
  title: 'Cloud audit trails (CloudTrail, Google Cloud, Azure, Kubernetes)',
  description:
    'Reads AWS CloudTrail records (the {"Records":[…]} documents from S3, or JSON lines from Athena / CloudWatch Logs) and reports, per source address: the audit trail or a detector switched off or blinded (StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors, DeleteFlowLogs, GuardDuty DeleteDetector, Config recorder stopped); an access key or console password made for another user, or AdministratorAccess (or an Action "*" policy) attached or written; and calls refused (AccessDenied, UnauthorizedOperation) across many different APIs within minutes, as stolen keys enumerating their permissions do (Pacu, ScoutSuite, enumerate-iam). Calls by AWS services themselves (userIdentity AWSService) are not counted; successful calls of an automation role and a few refusals (a Terraform plan) are not reported. Google Cloud audit logs (protoPayload.methodName) and the Azure activity log (operationName) are read the same way: a logging sink or log bucket deleted or an exclusion made, a diagnostic setting, Defender plan or Sentinel workspace deleted; a service account key made, an owner, editor or IAM-admin role granted, an Owner, Contributor or User Access Administrator role assigned; PERMISSION_DENIED and AuthorizationFailed across many APIs. Google\'s own service agents are not counted; sink and diagnostic-setting updates are reported low, as changes to check. Kubernetes API server audit events (audit.k8s.io) are read too: events deleted or a security or log agent removed; cluster-admin bound, a privileged pod, a token minted for another service account, a certificate approved; a service account\'s token used with kubectl or curl to list secrets, exec into containers or ask what it may do. The cluster\'s own components are not counted.',
  settings: [
    { key: 'minTamperCalls', default: 1, description: 'calls from one address that stop or blind the audit trail or a detector (StopLogging, DeleteTrail, DeleteDetector…) to report' },
    { key: 'minPersistenceCalls', default: 1, description: 'calls from one address making an access key or console password for another user, or attaching AdministratorAccess, to report' },
    { key: 'minDeniedApis', default: 10, description: 'different APIs refused (AccessDenied, UnauthorizedOperation) to one address within cloudAudit.windowMinutes: permission enumeration with stolen keys' },
    { key: 'windowMinutes', default: 30, description: 'minutes in which those refused APIs were first called (an enumeration tool calls them all within minutes)' },
  ],
  needs: ['cloud'],
  incremental: true,
  detect(ctx) {
    const minTamper = ctx.num('minTamperCalls');
    const minPersist = ctx.num('minPersistenceCalls');
    const minApis = ctx.num('minDeniedApis');
    const minutes = ctx.num('windowMinutes');
    const out: DraftFinding[] = [];
    for (const r of ctx.agg.cloud) {
      const f = finding(r, minTamper, minPersist, minApis, minutes);
      if (f) out.push(f);
    }
    return out;
  },
};

function finding(r: CloudRow, minTamper: number, minPersist: number, minApis: number, minutes: number): DraftFinding | null {
  const tamper = r.tamper.length >= minTamper && minTamper > 0 ? r.tamper : [];
  const persist = r.persist.length >= minPersist && minPersist > 0 ? r.persist : [];
  const enumerating = r.windowApis >= minApis;
  const changes = minTamper > 0 ? r.changes : [];
  const access = minPersist > 0 ? r.access : [];
  if (!tamper.length && !persist.length && !enumerating && !changes.length && !access.length) return null;
  const c = cloudOf(r);
  const who = `${formatList(r.principals, 3)}${r.keys.length ? ` (access key ${formatList(r.keys, 3)})` : ''}`;
  const parts: string[] = [];
  const titles: string[] = [];
  const okTamper = tamper.filter((a) => !a.error);
  const okPersist = persist.filter((a) => !a.error);
  if (tamper.length) {
    titles.push(`audit trail or detector switched off (${formatList([...new Set(tamper.map((a) => a.name))], 4)})`);
    parts.push(
      `It called ${count(tamper.length)} API${tamper.length === 1 ? '' : 's'} that stop or blind the audit trail or a threat detector: ${formatList(tamper.map(describeAct), 6)}. ` +
        `An attacker ${c.blinds} to hide what follows, and a responder loses evidence from that moment: find out what else this principal did, ${c.restore} (threshold ${minTamper} call: cloudAudit.minTamperCalls).`,
    );
  }
  if (persist.length) {
    titles.push(`way back in made (${formatList([...new Set(persist.map((a) => a.name))], 4)})`);
    parts.push(
      `It made a way back in: ${formatList(persist.map(describeAct), 6)}. ` +
        `${c.keys} lets an intruder come back after the first stolen key is revoked: ${c.revoke} (threshold ${minPersist} call: cloudAudit.minPersistenceCalls).`,
    );
  }
  if (access.length) {
    titles.push(`${formatList([...new Set(access.map((a) => a.detail ?? a.name))], 3)}`);
    parts.push(
      `It reached what the cluster guards: ${formatList(access.map(describeAct), 6)}. ` +
        `A service account's token stolen from a pod is used this way: read every secret it may (database passwords, cloud keys, other tokens) with kubectl or curl, ask what else it may do, run commands in other containers; the cluster's own controllers use their own clients, not kubectl. Rotate the secrets read and the token, and find the pod it was taken from by its address (threshold ${minPersist} call: cloudAudit.minPersistenceCalls).`,
    );
  }
  if (enumerating) {
    titles.push(`${count(r.windowApis)} different APIs refused across ${count(r.windowServices)} service${r.windowServices === 1 ? '' : 's'}`);
    parts.push(
      `It was refused ${count(r.windowApis)} different APIs across ${count(r.windowServices)} ${r.clouds.length === 1 && r.clouds[0] === 'aws' ? 'AWS ' : ''}service${r.windowServices === 1 ? '' : 's'} within ${span(r.first, r.last)} (${formatList(r.sample, 10)}); ${count(r.deniedCalls)} refused calls out of ${count(r.calls)} from it over the whole log. ` +
        `Calling List*, Describe* and Get* across services until something is allowed is how stolen keys are tried out (Pacu, ScoutSuite, enumerate-iam, by hand): the caller does not know what the key may do, which its owner would. ` +
        `Thresholds: ${minApis} APIs within ${minutes} min (cloudAudit.minDeniedApis, cloudAudit.windowMinutes). A benign cause would be a new deployment tool or a Terraform plan run with too few rights: those call one stack's APIs, not every service's.`,
    );
  }
  const bindings = changes.filter((a) => a.api.startsWith('k8s:'));
  if (bindings.length) {
    if (!titles.length) titles.push(`role bindings made whose role the log does not record (${formatList([...new Set(bindings.map((a) => a.target ?? a.name))], 3)})`);
    parts.push(
      `${parts.length ? 'It also made' : 'It made'} ${count(bindings.length)} role binding${bindings.length === 1 ? '' : 's'}: ${formatList(bindings.map(describeAct), 6)}. ` +
        `The audit policy logs these at the Metadata level, without the role granted, so the log cannot tell a routine binding from one to cluster-admin: read it in the cluster (kubectl get clusterrolebinding NAME -o yaml)${tamper.length || persist.length || enumerating || access.length ? '' : '; on its own this is low'}.`,
    );
  }
  if (changes.length > bindings.length) {
    if (!titles.length) titles.push(`audit trail settings or a password changed, routinely (${formatList([...new Set(changes.map((a) => a.name))], 4)})`);
    parts.push(
      `${parts.length ? 'It also made' : 'It made'} ${count(changes.length - bindings.length)} change${changes.length - bindings.length === 1 ? ' that does' : 's that do'} not blind the trail or open a way back in: ${formatList(changes.filter((a) => !bindings.includes(a)).map(describeAct), 6)}. ` +
        `A trail update that keeps every region, log file validation and management events (a KMS key, a topic or data events added, as a deployment tool writes it), and an administrator's password reset that makes the user choose a new password at the next sign-in, are routine administration${tamper.length || persist.length || enumerating ? '' : ', so this is low'}; a change of the trail's bucket still deserves a look: check that it is yours (cloudAudit.minTamperCalls counts only changes that narrow the logging).`,
    );
  }
  const severity = okTamper.length || okPersist.length || (enumerating && r.windowServices >= 3) ? 'high' : tamper.length || persist.length || enumerating || access.length ? 'medium' : 'low';
  const lead = tamper.length ? 'tamper' : persist.length ? 'persist' : enumerating ? 'enum' : access.length ? 'access' : 'changes';
  const threshold =
    lead === 'tamper'
      ? { metric: 'calls stopping or blinding the audit trail or a detector', value: tamper.length, threshold: minTamper, setting: 'cloudAudit.minTamperCalls' }
      : lead === 'persist'
        ? { metric: 'credentials made for another user or admin policies attached', value: persist.length, threshold: minPersist, setting: 'cloudAudit.minPersistenceCalls' }
        : lead === 'enum'
          ? { metric: 'different APIs refused within the window', value: r.windowApis, threshold: minApis, setting: 'cloudAudit.minDeniedApis' }
          : lead === 'access'
            ? { metric: 'secrets read, commands run in containers or permissions asked with a stolen token’s tools', value: access.length, threshold: minPersist, setting: 'cloudAudit.minPersistenceCalls' }
            : { metric: 'calls stopping or blinding the audit trail or a detector', value: 0, threshold: minTamper, setting: 'cloudAudit.minTamperCalls' };
  const acts = [...tamper, ...persist, ...access, ...changes];
  const times = acts.map((a) => a.ts).filter((t): t is number => t != null);
  if (enumerating && r.first != null) times.push(r.first, r.last ?? r.first);
  const first = times.length ? Math.min(...times) : null;
  const last = times.length ? Math.max(...times) : null;
  const agents = r.agents.length ? ` Its user agent${r.agents.length === 1 ? '' : 's'}: ${formatList(r.agents, 3)}.` : '';
  return {
    detector: 'cloudAudit',
    severity,
    entity: r.ip,
    entityType: 'ip',
    title: `${c.trail} from ${r.ip} as ${(tamper[0] ?? persist[0] ?? access[0] ?? changes[0])?.principal ?? r.principals[0] ?? 'an unknown principal'}: ${titles.join('; ')}`,
    explanation: `${r.ip} (${ipScope(r.ip)}) called ${c.api} as ${who}.${agents} ` + parts.join(' ') + (acts.some((a) => a.error) ? ` Calls ${r.clouds.length === 1 && r.clouds[0] === 'aws' ? 'AWS' : 'the cloud'} refused are told as refused; they still show what was tried.` : ''),
    numbers: { calls: r.calls, deniedCalls: r.deniedCalls, deniedApis: r.deniedApis, windowApis: r.windowApis, services: r.windowServices, tamperCalls: tamper.length, persistenceCalls: persist.length, ...(access.length ? { accessCalls: access.length } : {}), principals: r.principals.join(',') },
    threshold,
    windowMs: lead === 'enum' ? minutes * 60_000 : null,
    firstSeen: first,
    lastSeen: last,
    query: `src_ip:${qv(r.ip)}`,
    ...(acts.length ? { sampleIds: acts.slice(0, 20).map((a) => a.id) } : {}),
    score: lead === 'enum' ? scoreOver(r.windowApis, minApis) : lead === 'changes' ? 0.2 : lead === 'access' ? 0.7 : 1,
  };
}
