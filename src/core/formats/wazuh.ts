// Wazuh's alerts (alerts.json, or the same records from its indexer): a rule Wazuh matched on a log
// line, with the rule's level (0-15), the agent that sent the line and the line itself
// (`full_log`). The line is typed as the log's own would be (an sshd failure becomes a failed
// login: the guessing detectors see it), and a rule of level 10 and up is kept as a rule match for
// the ruleMatches detector, like Hayabusa's (`sigma_rule`, `sigma_level`, `sigma_tool`).
import type { CellValue } from './types';
import { C } from './cols';

export interface WazuhFields {
  fullLog: number;
  description: number;
  level: number;
  agent: number;
  program: number;
}

/** Where a header (normalised names) keeps Wazuh's alert fields; null when it is not Wazuh's. */
export function wazuhFields(norm: readonly string[]): WazuhFields | null {
  const fullLog = norm.indexOf('fulllog');
  const description = norm.indexOf('ruledescription');
  const level = norm.indexOf('rulelevel');
  if (fullLog < 0 || description < 0 || level < 0) return null;
  const program = norm.indexOf('predecoderprogramname');
  return { fullLog, description, level, agent: norm.indexOf('agentname'), program: program >= 0 ? program : norm.indexOf('decoderparent') };
}

/**
 * Wazuh's levels as a triage tool's: 15 a severe attack, 12-14 high importance, 10-11 repeated
 * errors and integrity warnings (medium); below 10 (first-time events, single errors) are low.
 */
export function wazuhLevel(text: string): string | null {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 16) return null;
  return n >= 15 ? 'critical' : n >= 12 ? 'high' : n >= 10 ? 'medium' : n >= 5 ? 'low' : 'informational';
}

/** A syslog line's program and message (`Dec  1 09:00:00 host sshd[1234]: msg`), or null. */
const SYSLOG_LINE = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+) \S+ ([\w./@-]{1,64})(?:\[\d+\])?: ([\s\S]*)$/;

/**
 * Fills host (the agent), the rule match in extra, and program and message out of full_log so
 * the mapper can type the line (empty cells only).
 */
export function wazuhFill(w: WazuhFields, values: readonly string[], n: number, row: CellValue[], extra: Record<string, string>): void {
  const at = (i: number): string => (i >= 0 && i < n ? values[i]! : '');
  const agent = at(w.agent).trim();
  if (row[C.host] === null && agent !== '') row[C.host] = agent;
  const level = wazuhLevel(at(w.level));
  const rule = at(w.description).trim();
  if (rule !== '' && level !== null) {
    extra.sigma_rule = rule;
    extra.sigma_level = level;
    extra.sigma_tool = 'Wazuh';
  }
  const line = at(w.fullLog);
  const m = SYSLOG_LINE.exec(line);
  if (m !== null) {
    if (row[C.program] === null) row[C.program] = at(w.program).trim() || m[1]!;
    if (row[C.message] === null) row[C.message] = m[2]!;
  } else if (row[C.message] === null && line !== '') row[C.message] = line;
}
