// Microsoft 365 Unified Audit Log, as the Purview portal and Search-UnifiedAuditLog export it:
// a CSV of CreationDate, UserIds, Operations and AuditData (the record as JSON text), or the
// AuditData records themselves as JSON lines. The client address, account and sign-in outcome sit
// inside AuditData (`ClientIP` may be `[v6]:port` or `a.b.c.d:port`); a business-email-compromise
// investigation starts from them. Fills empty cells only.
import type { CellValue, CleaningCounters } from './types';
import { C } from './cols';
import { cleanCell } from './clean';
import type { TimeContext } from './time';
import { ENTRA_NOT_A_GUESS } from './vendorLogins';

/** Sign-in operations of the audit log (Azure AD workload) */
const LOGIN_OPERATIONS: Readonly<Record<string, string>> = { UserLoginFailed: 'auth_failure', UserLoggedIn: 'auth_success' };
/** AuditData larger than this is not parsed (the raw line keeps it) */
const MAX_AUDIT_DATA = 256 * 1024;

export interface AuditFields {
  /** position of AuditData, or -1 (the JSON-lines export has its fields at the top level) */
  audit: number;
  /** position of Operation / Operations */
  op: number;
}

/** Where the audit log's fields are, or null when the layout is not the unified audit log. */
export function auditFields(norm: readonly string[]): AuditFields | null {
  const audit = norm.indexOf('auditdata');
  const op = norm.indexOf('operations') >= 0 ? norm.indexOf('operations') : norm.indexOf('operation');
  // the JSON-lines export: Operation beside Workload and RecordType
  if (audit < 0 && !(op >= 0 && norm.includes('workload') && norm.includes('recordtype'))) return null;
  return { audit, op };
}

export function auditFill(a: AuditFields, values: readonly string[], n: number, row: CellValue[], counters: CleaningCounters, time: TimeContext): void {
  let op = a.op >= 0 && a.op < n ? values[a.op] : undefined;
  const text = a.audit >= 0 && a.audit < n ? values[a.audit] : '';
  if (text.charCodeAt(0) === 123 && text.length <= MAX_AUDIT_DATA) {
    let rec: Record<string, unknown> | null = null;
    try {
      const v: unknown = JSON.parse(text);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) rec = v as Record<string, unknown>;
    } catch {
      rec = null; // AuditData that is not JSON stays in extra as written
    }
    if (rec !== null) {
      const str = (k: string): string | undefined => (typeof rec[k] === 'string' && rec[k] !== '' ? (rec[k] as string) : undefined);
      const ip = str('ClientIP') ?? str('ClientIPAddress') ?? str('ActorIpAddress');
      if (row[C.src_ip] === null && ip !== undefined) row[C.src_ip] = cleanCell(C.src_ip, ip, counters, time, row);
      const user = str('UserId');
      if (row[C.user] === null && user !== undefined) row[C.user] = user;
      op = str('Operation') ?? op;
      // a UserLoginFailed that is Entra ID asking for MFA or "keep me signed in" (ErrorNumber 50074, 50140…) is no failed guess
      const code = typeof rec.ErrorNumber === 'number' ? String(rec.ErrorNumber) : str('ErrorNumber');
      if (op === 'UserLoginFailed' && code !== undefined && ENTRA_NOT_A_GUESS.has(code)) return;
    }
  }
  if (row[C.action] === null && op !== undefined && LOGIN_OPERATIONS[op] !== undefined) row[C.action] = LOGIN_OPERATIONS[op];
}
