// "Top suspicious IPs and hosts": one ranking combining every detector's findings and the model
// engineer's per-source anomaly scores (entity_scores), with each contribution shown. A machine
// whose own logs (process creation, Defender, cleared logs) are the evidence is ranked beside
// the addresses: a Windows export names computers, not the attackers' addresses.
import { SUSPICIOUS_MEMBER_SHARE as MEMBER_SHARE, SUSPICIOUS_MODEL_WEIGHT as MODEL_WEIGHT, SUSPICIOUS_REPEAT_SHARE as REPEAT_SHARE, SUSPICIOUS_CORROBORATION as CORROBORATION, SUSPICIOUS_WEIGHT as WEIGHT, type Finding, type SuspiciousContribution, type SuspiciousEntry } from '../../shared/model';
import type { Db } from '../store/case';

export type { SuspiciousContribution, SuspiciousEntry };

export interface EntityScore {
  modelId: number;
  modelName: string;
  entity: string;
  score: number;
  drivers: string;
}

/** An IPv4 or IPv6 address as a group finding lists it (numbers.sources). */
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]+)$/;

/** Severities whose findings count towards the several-detectors bonus. */
const CORROBORATES: ReadonlySet<string> = new Set(['medium', 'high', 'critical']);

/** A model's per-source score below this adds nothing to the ranking. */
const MODEL_MIN = 0.5;

/**
 * The latest model's entity scores that count (>= MODEL_MIN), if the unsupervised scoring ran: a
 * case with a million sources has a million scores, and the overview asks on every visit.
 */
export function readEntityScores(db: Db): EntityScore[] {
  const latest = db.prepare('SELECT m.id, m.name FROM models m WHERE EXISTS (SELECT 1 FROM entity_scores e WHERE e.model_id = m.id) ORDER BY m.id DESC LIMIT 1').get() as { id: number; name: string } | undefined;
  if (!latest) return [];
  return (db.prepare('SELECT entity, score, drivers FROM entity_scores WHERE model_id = ? AND score >= ?').all(latest.id, MODEL_MIN) as { entity: string; score: number; drivers: string }[]).map((r) => ({
    modelId: latest.id,
    modelName: latest.name,
    ...r,
  }));
}

/** The source address a finding is about: the IP itself, or the source side of a pair. */
export function findingIp(f: Pick<Finding, 'entity' | 'entityType'>): string | null {
  if (f.entityType === 'ip') return f.entity;
  if (f.entityType === 'pair') return f.entity.split(' -> ')[0] ?? null;
  return null;
}

/** What a finding is ranked under: its source address, or the machine a host finding names. */
export function findingEntity(f: Pick<Finding, 'entity' | 'entityType' | 'numbers'>): { kind: 'ip' | 'host'; name: string } | null {
  const ip = findingIp(f);
  if (ip) return { kind: 'ip', name: ip };
  const host = f.entityType === 'host' ? f.numbers.host : undefined;
  return typeof host === 'string' && host ? { kind: 'host', name: host } : null;
}

export function rankSuspicious(findings: readonly Finding[], scores: readonly EntityScore[], limit = 50): SuspiciousEntry[] {
  const by = new Map<string, SuspiciousEntry>();
  const entry = (ip: string, kind: 'ip' | 'host' = 'ip'): SuspiciousEntry => {
    const key = `${kind}\u0000${ip}`;
    let e = by.get(key);
    if (!e) by.set(key, (e = { ip, kind, points: 0, contributions: [] }));
    return e;
  };
  // strongest first, so that per source the strongest finding of each detector counts in full
  const open = findings.filter((f) => f.status !== 'dismissed').map((f) => ({ f, full: WEIGHT[f.severity] * (0.5 + 0.5 * f.score) }));
  open.sort((a, b) => b.full - a.full || a.f.id.localeCompare(b.f.id));
  const seen = new Set<string>();
  for (const { f, full } of open) {
    const who = findingEntity(f);
    if (!who) continue;
    // thirteen beacons from one server are one habit, not thirteen times the suspicion
    const key = `${who.kind}\u0000${who.name}\u0000${f.detector}`;
    const repeat = seen.has(key);
    seen.add(key);
    const points = Math.round(full * (repeat ? REPEAT_SHARE : 1) * 10) / 10;
    const e = entry(who.name, who.kind);
    e.points += points;
    const why = f.threshold ? `${f.threshold.metric} ${f.threshold.value} > ${f.threshold.threshold} (${f.threshold.setting})` : '';
    e.contributions.push({ kind: 'finding', signal: f.title, detector: f.detector, severity: f.severity, points, detail: repeat ? `${why}${why ? '; ' : ''}another ${f.detector} finding on this ${who.kind === 'ip' ? 'source' : 'machine'}: counted at ${REPEAT_SHARE * 100} %` : why });
  }
  // a source named by a group finding (ten addresses spraying one exploit, a distributed flood, a
  // botnet's slow requests, a network's password guessing) is one of the addresses to block: it
  // counts, but shares the finding with the others (the more there are, the less each one weighs)
  for (const { f, full } of open) {
    if (f.entityType !== 'population') continue;
    const members = String(f.numbers.sources ?? '')
      .split(',')
      .filter((ip) => ADDRESS.test(ip));
    if (!members.length) continue;
    const n = Math.max(members.length, Number(f.numbers.sourceCount) || 0);
    const points = Math.round(((full * MEMBER_SHARE) / Math.sqrt(n)) * 10) / 10;
    for (const ip of members) {
      const e = entry(ip);
      e.points += points;
      e.contributions.push({ kind: 'finding', signal: f.title, detector: f.detector, severity: f.severity, points, detail: `one of the ${n} sources this finding names: ${MEMBER_SHARE * 100} % of its points divided by √${n}` });
    }
  }
  // a scan, a payload and password guessing from one address are one campaign's stages, each detector
  // independent evidence: more than one loud finding a bot on the internet produces all day. Only
  // findings of medium or worse corroborate: a backup server's low beacon and low transfer are two
  // benign explanations, not two signs of an attack (they outranked a medium RDP brute force)
  for (const e of by.values()) {
    const detectors = [...new Set(e.contributions.filter((c) => c.severity !== null && CORROBORATES.has(c.severity)).map((c) => c.detector).filter((d): d is string => d !== null && d !== 'outliers'))];
    if (detectors.length < 2) continue;
    const points = CORROBORATION * (detectors.length - 1);
    e.points += points;
    e.contributions.push({ kind: 'corroboration', signal: `found by ${detectors.length} detectors: ${detectors.join(', ')}`, detector: null, severity: null, points, detail: `${CORROBORATION} points for each detector after the first with a medium or worse finding` });
  }
  for (const s of scores) {
    if (s.score < MODEL_MIN) continue;
    const points = Math.round(s.score * MODEL_WEIGHT * 10) / 10;
    const e = entry(s.entity);
    e.points += points;
    e.contributions.push({ kind: 'model', signal: `anomaly score ${s.score.toFixed(2)} from model ${s.modelName}`, detector: null, severity: null, points, detail: s.drivers });
  }
  return [...by.values()]
    .map((e) => ({ ...e, points: Math.round(e.points * 10) / 10, contributions: e.contributions.sort((a, b) => b.points - a.points) }))
    .sort((a, b) => b.points - a.points || a.ip.localeCompare(b.ip))
    .slice(0, limit);
}
