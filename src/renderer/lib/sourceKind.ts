// What a row's source is, in words: an address, a Windows workstation name (logons that logged no
// address), or another name a log wrote in the client field (a reverse lookup, an FTP client's name).
import type { EventRow } from '../../shared/columns';

/** An IPv4/IPv6 address or network, as detectors name sources ("10.0.0.1", "221.160.53.0/24", "fe80::1"). */
export const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

export type SourceKind = 'ip' | 'workstation' | 'name';

/** Windows names the workstation a logon came from in these fields and message lines (see formats/windows.ts). */
// a field named so (winxml, Winlogbeat), EvtxECmd's Payload (JSON inside JSON, so its quotes come
// escaped) or its PayloadData3 "Workstation: KALI", and the message text of an Export-Csv (4625, 4776)
const WORKSTATION_FIELD = /\\?"(?:[\w.@]*\.)?(?:WorkstationName|Workstation)\\?"|"Workstation: /;
const WORKSTATION_LINE = /(?:Workstation Name|Source Workstation):/;

/**
 * The kind of a row's source. A name is a workstation only when the row is a Windows event that
 * names one (its extra fields or message); an sshd or web log can hold a resolved host name too,
 * and calling that a workstation would mislead.
 */
export function sourceKindOf(row: Pick<EventRow, 'src_ip' | 'extra' | 'message'>): SourceKind | null {
  const v = row.src_ip;
  if (v == null || v === '') return null;
  if (ADDRESS.test(v)) return 'ip';
  return WORKSTATION_FIELD.test(row.extra ?? '') || WORKSTATION_LINE.test(row.message ?? '') ? 'workstation' : 'name';
}

export const SOURCE_LABEL: Readonly<Record<SourceKind, string>> = {
  ip: 'Source IP',
  workstation: 'Source workstation',
  // a reverse lookup, an FTP client's own name, or an anonymised data set's EXT_SERVER: a name, of no one kind
  name: 'Source name',
};
