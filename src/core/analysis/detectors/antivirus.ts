// Antivirus: Microsoft Defender's own log, read from the Windows event exports Loupe reads. A
// threat it detected says a file an intruder or a user brought reached the disk; an action that
// failed leaves it there; protection turned off or a folder excluded is how intruders make room for
// their tools. One finding per threat and machine, one per machine for protection switched off.
import type { Severity } from '../../../shared/model';
import type { HostEvent } from '../hostEvents';
import type { DetectorDef, DraftFinding } from '../types';
import { formatTime } from '../../../shared/format';
import { count, formatList, hostEvidence, hostNumbers } from './util';

const machine = (h: HostEvent): string => h.computer ?? 'an unnamed machine';
const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
/** Threat names an intruder's own tools and payloads carry (Defender's naming: Type:Platform/Family). */
const INTRUDER_TOOL = /^(?:HackTool|Backdoor|Trojan|TrojanDownloader|TrojanDropper|Exploit|Ransom|PWS|Behavior|VirTool|Worm)[:!]/i;
/** Adware and unwanted software: worth cleaning, rarely an intrusion. */
const UNWANTED = /^(?:PUA|PUADlManager|PUABundler|Adware|BrowserModifier|SoftwareBundler|Program|App|MonitoringTool|RemoteAccess)[:!]|potentially unwanted/i;
/** A folder any user can write to: an exclusion there is room for anything dropped into it. */
const WRITABLE = /\\(?:Windows\\)?Temp\b|\\Users\\Public\b|\\AppData\\|\\ProgramData\\?$|\\PerfLogs\b|^[A-Z]:\\?$|%(?:temp|tmp|appdata|localappdata|public)%/i;

export const antivirus: DetectorDef = {
  name: 'antivirus',
  title: 'Antivirus detections',
  description:
    "Reads Microsoft Defender's own log (Microsoft-Windows-Windows Defender/Operational, and System Center Endpoint Protection's Microsoft Antimalware) from EvtxECmd CSV, Export-Csv, XML or Winlogbeat exports: threats detected (1006/1116), the action taken (1007/1117) or failed (1008/1118/1119), real-time, antispyware or antivirus protection turned off (5001/5010/5012) and exclusions added (5007). One finding per threat and machine: high for an intruder's tool or payload (HackTool, Backdoor, Trojan, Exploit, Ransom, PWS …) or a threat Defender could not remove, medium for other malware, low for adware and unwanted software, info for the EICAR test file; protection turned off is high, an exclusion of a folder any user can write to high and others medium.",
  settings: [{ key: 'reportExclusions', default: true, description: 'report exclusions added to Defender (5007)' }],
  needs: ['hostEvents'],
  incremental: false,
  detect(ctx) {
    const evs = ctx.agg.hostEvents.filter((h) => h.kind === 'antivirus' && h.av);
    const out: DraftFinding[] = [];
    // 1. threats, one finding per threat and machine
    const byThreat = new Map<string, HostEvent[]>();
    for (const h of evs) {
      if (h.av!.what === 'disabled' || h.av!.what === 'excluded') continue;
      const key = `${h.av!.threat}@${machine(h)}`;
      byThreat.set(key, [...(byThreat.get(key) ?? []), h]);
    }
    for (const [entity, hs] of byThreat) {
      const h = hs[0]!;
      const av = h.av!;
      const threat = av.threat ?? 'a threat';
      const failed = hs.some((x) => x.av!.what === 'failed');
      const remediated = hs.some((x) => x.av!.what === 'remediated');
      const tool = INTRUDER_TOOL.test(threat);
      const severe = /^(?:severe|high)$/i.test(hs.map((x) => x.av!.severity).find((s) => !!s) ?? '');
      const eicar = /eicar/i.test(threat);
      const unwanted = UNWANTED.test(threat) || /potentially unwanted|adware/i.test(av.category ?? '');
      const severity: Severity = eicar ? 'info' : failed || tool ? 'high' : unwanted ? 'low' : severe ? 'high' : 'medium';
      const paths = [...new Set(hs.map((x) => x.av!.path).filter((p): p is string => !!p))];
      const users = [...new Set(hs.map((x) => x.user).filter((u): u is string => !!u))];
      const proc = hs.map((x) => x.av!.process).find((p) => !!p && p !== 'Unknown');
      const actions = [...new Set(hs.map((x) => x.av!.action).filter((a): a is string => !!a && !/^not applicable$/i.test(a)))];
      out.push({
        detector: 'antivirus',
        severity,
        entity,
        entityType: 'host',
        title: `Defender ${failed ? 'could not remove' : 'detected'} ${threat} on ${machine(h)}`,
        explanation:
          `Microsoft Defender on ${machine(h)} reported ${threat}${av.category ? ` (${av.category}` : ''}${av.severity ? `${av.category ? ', ' : ' ('}severity ${av.severity})` : av.category ? ')' : ''} ${count(hs.length)} time(s) from ${iso(hs[0]!.ts)} (events ${formatList([...new Set(hs.map((x) => x.eventId))], 5)})${paths.length ? ` in ${formatList(paths, 3)}` : ''}${proc ? `, written or run by ${proc}` : ''}${users.length ? `, user ${formatList(users, 3)}` : ''}${actions.length ? `; action: ${formatList(actions, 3)}` : ''}. ` +
          (eicar
            ? 'EICAR is the antivirus test file: someone checked that Defender works. '
            : `${failed ? 'Defender could not clean it: the file is still there. ' : remediated ? 'Defender removed or quarantined it. ' : ''}${tool ? `The name is an intruder's tool or payload (a hacking tool, backdoor, trojan, exploit, credential stealer or ransomware), not something a user downloads by mistake${remediated && !failed ? '; removing the file does not end the intrusion that brought it' : ''}: find how it reached the machine, what ran just before, and which account was logged on. ` : unwanted ? 'Adware or unwanted software is worth cleaning but is rarely an intrusion. ' : 'A detection means the file reached the disk or memory: find where it came from. '}`) +
          `Threshold: any detection (Defender's own verdict); its category and whether it was removed set the severity.`,
        numbers: { ...hostNumbers(h.computer), detections: hs.length, threat, ...(av.category ? { category: av.category } : {}), ...(av.severity ? { threatSeverity: av.severity } : {}), ...(paths.length ? { path: paths[0]! } : {}), failed: failed ? 1 : 0 },
        threshold: null,
        ...hostEvidence(hs),
        score: severity === 'high' ? 0.9 : severity === 'medium' ? 0.6 : 0.3,
      });
    }
    // 2. protection turned off, one finding per machine
    const off = new Map<string, HostEvent[]>();
    for (const h of evs) if (h.av!.what === 'disabled') off.set(machine(h), [...(off.get(machine(h)) ?? []), h]);
    for (const [host, hs] of off) {
      const what = [...new Set(hs.map((x) => x.av!.setting ?? 'protection'))];
      out.push({
        detector: 'antivirus',
        severity: 'high',
        entity: `${host}: protection off`,
        entityType: 'host',
        title: `Defender's ${formatList(what, 3)} turned off on ${host}`,
        explanation:
          `Microsoft Defender on ${host} logged its ${formatList(what, 3)} turned off ${count(hs.length)} time(s) from ${iso(hs[0]!.ts)} (events ${formatList([...new Set(hs.map((x) => x.eventId))], 4)}). ` +
          'Turning protection off is how intruders clear the way for the tools that follow (MITRE T1562.001); administrators rarely need to, and then briefly. Check who did it (the Security log around that time, or a Set-MpPreference in PowerShell 4104) and what ran while it was off. ' +
          'Threshold: any such event.',
        numbers: { ...hostNumbers(hs[0]!.computer), events: hs.length, what: what.join(', ') },
        threshold: null,
        ...hostEvidence(hs),
        score: 0.85,
      });
    }
    // 3. exclusions added: a folder any user can write to is room for anything dropped there
    if (ctx.flag('reportExclusions')) {
      const ex = new Map<string, HostEvent[]>();
      for (const h of evs) if (h.av!.what === 'excluded') ex.set(`${h.av!.setting}@${machine(h)}`, [...(ex.get(`${h.av!.setting}@${machine(h)}`) ?? []), h]);
      for (const [entity, hs] of ex) {
        const h = hs[0]!;
        const setting = h.av!.setting ?? '';
        const writable = WRITABLE.test(setting.replace(/^\w+:\s*/, ''));
        out.push({
          detector: 'antivirus',
          severity: writable ? 'high' : 'medium',
          entity,
          entityType: 'host',
          title: `Defender exclusion added on ${machine(h)}: ${setting}`,
          explanation:
            `Microsoft Defender on ${machine(h)} was told to stop scanning ${setting} (event 5007, ${iso(h.ts)}). ` +
            (writable ? 'That is a folder any user or program can write to: anything dropped there now runs unscanned, which is why intruders add such exclusions before bringing their tools in (MITRE T1562.001). ' : 'Software vendors ask for exclusions of their own folders; intruders add them too, to hide their tools (MITRE T1562.001): check that this one was planned. ') +
            'Threshold: any exclusion added (antivirus.reportExclusions).',
          numbers: { ...hostNumbers(h.computer), exclusion: setting },
          threshold: null,
          ...hostEvidence(hs),
          score: writable ? 0.8 : 0.5,
        });
      }
    }
    return out;
  },
};
