// Amazon GuardDuty's findings (the console's and `aws guardduty get-findings`' JSON, the S3 export's
// JSON lines): each is a verdict GuardDuty already made on a resource (an instance, an access key,
// a bucket, a cluster), with its type (`UnauthorizedAccess:EC2/SSHBruteForce`), a severity of 1-10
// and the remote address in the action that raised it. A finding is kept as a rule match for the
// ruleMatches detector, as Hayabusa's and Wazuh's are (`sigma_rule`, `sigma_level`, `sigma_tool`):
// the type is the rule, the resource the machine, the title the details. Its time is when GuardDuty
// first saw the activity (`service.eventFirstSeen`), not when it wrote the finding (kept as `finding_time`).
import type { CellValue } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';
import { normalizeFieldName } from './fieldNames';
import { parseTimestamp, type TimeContext } from './time';

/** True for the keys (flattened, normalised) of a GuardDuty finding. */
export function isGuardDutyFinding(norm: readonly string[]): boolean {
  return norm.includes('type') && norm.includes('severity') && norm.includes('title') && norm.includes('accountid') && norm.some((k) => k === 'serviceservicename' || k.startsWith('serviceaction'));
}

/** GuardDuty's severity bands: 9-10 critical (attack sequences), 7-8.9 high, 4-6.9 medium, 1-3.9 low. */
export function guardDutyLevel(text: string): string | null {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 10) return null;
  return n >= 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : 'low';
}

/** Where a nested value is when the flattening kept it as JSON text (`remoteIpDetails`, `portProbeDetails`). */
function dig(value: string, path: readonly (string | number)[]): unknown {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return undefined;
  }
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    // the console writes camelCase, the CLI PascalCase: match keys without case
    const o = v as Record<string, unknown>;
    const key = typeof p === 'number' ? p : Object.keys(o).find((k) => k.toLowerCase() === p.toLowerCase());
    v = key === undefined ? undefined : o[key as keyof typeof o];
  }
  return v;
}

const RESOURCE_KEYS = ['resourceinstancedetailsinstanceid', 'resourceaccesskeydetailsusername', 'resourceeksclusterdetailsname', 'resourcerdsdbinstancedetailsdbinstanceidentifier', 'resourcelambdadetailsfunctionname', 'resourceecsclusterdetailsname'];

/**
 * Fills a finding's row (empty cells only, but the time): the rule match in extra, the resource as
 * host, the remote address, the local port, the access key's user and the title as message.
 */
export function guardDutyFill(pairs: ReadonlyMap<string, string>, row: CellValue[], extra: Record<string, string>, time: TimeContext): void {
  const by = new Map<string, string>();
  for (const [k, v] of pairs) by.set(normalizeFieldName(k), v);
  const get = (k: string): string => by.get(k)?.trim() ?? '';
  const level = guardDutyLevel(get('severity'));
  const type = get('type');
  if (type !== '' && level !== null) {
    extra.sigma_rule = type;
    extra.sigma_level = level;
    extra.sigma_tool = 'GuardDuty';
  }
  const firstText = get('serviceeventfirstseen');
  const first = parseTimestamp(firstText, time);
  if (Number.isFinite(first)) {
    // the time the mapping chose (createdAt, when GuardDuty wrote the finding) is kept beside it
    const written = row[C.ts_text];
    if (typeof written === 'string' && written !== firstText) extra.finding_time = written;
    row[C.ts] = first;
    row[C.ts_text] = firstText;
  }
  if (row[C.host] === null) {
    const resource = RESOURCE_KEYS.map(get).find((v) => v !== '') ?? get('resourcetype');
    const account = get('accountid');
    row[C.host] = resource !== '' ? resource : account !== '' ? `AWS account ${account}` : null;
  }
  if (row[C.user] === null) {
    const user = get('resourceaccesskeydetailsusername');
    if (user !== '') row[C.user] = user;
  }
  // the remote address and the local port of whichever action raised it
  for (const [k, v] of by) {
    if (!k.startsWith('serviceaction')) continue;
    if (row[C.src_ip] === null) {
      const ip = k.endsWith('remoteipdetails') ? dig(v, ['ipAddressV4']) : k.endsWith('portprobedetails') ? dig(v, [0, 'remoteIpDetails', 'ipAddressV4']) : k.endsWith('remoteipdetailsipaddressv4') ? v : undefined;
      const norm = typeof ip === 'string' ? normalizeIp(ip) : null;
      if (norm !== null) row[C.src_ip] = norm;
    }
    if (row[C.dst_port] === null) {
      const port = k.endsWith('localportdetails') ? dig(v, ['port']) : k.endsWith('portprobedetails') ? dig(v, [0, 'localPortDetails', 'port']) : k.endsWith('localportdetailsport') ? Number(v) : undefined;
      if (typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535) row[C.dst_port] = port;
    }
  }
  if (row[C.message] === null) {
    const title = get('title');
    const times = get('servicecount');
    const src = row[C.src_ip];
    const ip = typeof src === 'string' && !title.includes(src) ? `from ${src}` : null;
    const seen = /^\d+$/.test(times) && times !== '1' ? `seen ${times} times` : null;
    const more = [seen, ip].filter((x) => x !== null).join(', ');
    if (title !== '') row[C.message] = more === '' ? title : `${title} (${more})`;
  }
}
