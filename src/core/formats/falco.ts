// Falco's alerts (json_output: one object per line, from falco's stdout, its file output or
// Falcosidekick): a rule Falco matched on a system call or a Kubernetes audit event, its priority,
// the machine and the fields it read (`output_fields`: proc.cmdline, user.name, container and pod).
// Each alert is kept as a rule match for the ruleMatches detector, like Wazuh's and Hayabusa's
// (`sigma_rule`, `sigma_level`, `sigma_tool`); its `output` sentence is the message.
import type { CellValue } from './types';
import { C } from './cols';

export interface FalcoFields {
  rule: number;
  priority: number;
  output: number;
  hostname: number;
  user: number;
  cmdline: number;
}

/** Where a header (normalised names) keeps Falco's alert fields; null when it is not Falco's. */
export function falcoFields(norm: readonly string[]): FalcoFields | null {
  const rule = norm.indexOf('rule');
  const priority = norm.indexOf('priority');
  const output = norm.indexOf('output');
  if (rule < 0 || priority < 0 || output < 0 || !norm.some((k) => k.startsWith('outputfields'))) return null;
  return { rule, priority, output, hostname: norm.indexOf('hostname'), user: norm.indexOf('outputfieldsusername'), cmdline: norm.indexOf('outputfieldsproccmdline') };
}

/**
 * Falco's priorities (syslog's) as a triage tool's levels: Emergency, Alert and Critical are
 * critical; Error and Warning, which its stable rules give to what deserves a look (a sensitive
 * file read, a binary dropped, logs cleared), high; Notice (a shell in a container) medium;
 * Informational and Debug informational.
 */
export function falcoLevel(priority: string): string | null {
  switch (priority.trim().toLowerCase()) {
    case 'emergency':
    case 'alert':
    case 'critical':
      return 'critical';
    case 'error':
    case 'warning':
      return 'high';
    case 'notice':
      return 'medium';
    case 'informational':
    case 'info':
    case 'debug':
      return 'informational';
    default:
      return null;
  }
}

/** Fills host, user and message, and the rule match in extra (empty cells only). */
export function falcoFill(f: FalcoFields, values: readonly string[], n: number, row: CellValue[], extra: Record<string, string>): void {
  const at = (i: number): string => (i >= 0 && i < n ? values[i]!.trim() : '');
  const rule = at(f.rule);
  const level = falcoLevel(at(f.priority));
  if (rule !== '' && level !== null) {
    extra.sigma_rule = rule;
    extra.sigma_level = level;
    extra.sigma_tool = 'Falco';
  }
  if (row[C.host] === null && at(f.hostname) !== '') row[C.host] = at(f.hostname);
  const user = at(f.user);
  if (row[C.user] === null && user !== '' && user !== '<NA>') row[C.user] = user;
  if (row[C.message] === null && at(f.output) !== '') row[C.message] = at(f.output);
}
