// A process given another account's network credentials on a machine (4624 type 9 by seclogo):
// runas /netonly, or a stolen hash or key standing in for the password (mimikatz sekurlsa::pth,
// Rubeus; overpass-the-hash). An administrator running tools as their own admin account, or as an
// account of another domain (what /netonly is for), is not reported.
import type { HostEvent } from '../hostEvents';
import type { DraftFinding } from '../types';
import { formatTime } from '../../../shared/format';
import { formatList, hostEvidence, hostNumbers } from './util';

const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
const nameOf = (a: string): string => (a.includes('\\') ? a.slice(a.lastIndexOf('\\') + 1) : a).toLowerCase();
const domainOf = (a: string): string => (a.includes('\\') ? a.slice(0, a.indexOf('\\')) : '').toLowerCase().split('.')[0]!;
/** Letters only: p.kaur, pkaur and adm_pkaur share "pkaur". */
const letters = (s: string): string => s.replace(/[^a-z0-9]/g, '');
const ADMIN_AFFIX = /^(?:adm|admin|a|da|sa|t[0-2]|x)[-_.]?|[-_.]?(?:adm|admin|da|sa|t[0-2])$/i;

/** Whether the outbound account is the same person's other account: their admin account (adm_pkaur for p.kaur). */
function ownAccount(subject: string, outbound: string): boolean {
  const s = letters(nameOf(subject).replace(ADMIN_AFFIX, ''));
  const o = letters(nameOf(outbound).replace(ADMIN_AFFIX, ''));
  return s.length >= 3 && o.length >= 3 && (s === o || s.includes(o) || o.includes(s));
}

/** One finding per machine and outbound account of the other accounts of the same domain. */
export function netonlyLogons(on: boolean, evs: readonly HostEvent[]): DraftFinding[] {
  if (!on) return [];
  const groups = new Map<string, HostEvent[]>();
  for (const h of evs) {
    if (h.kind !== 'netonly' || !h.target || !h.user) continue;
    const d = domainOf(h.target);
    // another domain's account (a forest the admin manages), or the same account or person
    if ((d && domainOf(h.user) && d !== domainOf(h.user)) || ownAccount(h.user, h.target)) continue;
    const k = `${h.computer ?? ''}\u0000${h.target.toLowerCase()}`;
    groups.set(k, [...(groups.get(k) ?? []), h]);
  }
  const out: DraftFinding[] = [];
  for (const hs of groups.values()) {
    const h = hs[0]!;
    const host = h.computer ?? 'an unnamed machine';
    const by = [...new Set(hs.map((x) => x.user!))];
    out.push({
      detector: 'hostTampering',
      severity: 'high',
      entity: host,
      entityType: 'host',
      key: `netonly:${h.target!.toLowerCase()}`,
      title: `${formatList(by, 2)} started a process on ${host} with ${h.target}'s network credentials (logon type 9, seclogo): overpass-the-hash?`,
      explanation:
        `${host} logged a logon of type 9 by seclogo (event 4624, ${iso(h.ts)}${hs.length > 1 ? `, ${hs.length} times` : ''}): ${formatList(by, 3)} started a process that uses ${h.target}'s credentials on the network while staying ${by[0]} on the machine. ` +
        `That is what runas /netonly does, and what mimikatz sekurlsa::pth and Rubeus do with a stolen password hash or Kerberos key instead of the password (overpass-the-hash, MITRE T1550.002; Sigma "Successful Overpass the Hash Attempt"): the process then reaches other machines as ${h.target}. ` +
        `Here the account is another one of the same domain, not the user's own admin account nor an account of another domain (what /netonly is for), which are not reported. ` +
        `Reported because hostTampering.reportNetonly is on. Ask ${by[0]} whether they ran runas; if not, treat ${h.target}'s password as stolen, look at ${host} for the tool (Sysmon 1, 4688 around ${iso(h.ts)}, LSASS read) and at where ${h.target} logged on from ${host} next (4624 type 3, 4769).`,
      numbers: { ...hostNumbers(h.computer), logons: hs.length, by: by.join(','), account: h.target!, process: h.image ?? '' },
      threshold: null,
      ...hostEvidence(hs),
      score: 0.8,
    });
  }
  return out;
}
