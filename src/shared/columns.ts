// The canonical event columns: one list that the case schema, format mappings,
// the explorer's query language, exports and the UI all read. Declared once.

export type ColumnType = 'int' | 'real' | 'text';

export interface ColumnDef {
  /** SQL column name in `events`, and the role name used in format mappings (`--map role=column`). */
  readonly name: string;
  readonly type: ColumnType;
  /** Short label for tables and reports. */
  readonly label: string;
  readonly description: string;
  /** Has a b-tree index in the case (explorer field search and detectors rely on it). */
  readonly indexed?: boolean;
  /** May be set by a mapping (false for bookkeeping columns the engine fills). */
  readonly mappable: boolean;
}

export const EVENT_COLUMNS = [
  { name: 'ts', type: 'int', label: 'Time', description: 'Event time, UTC epoch milliseconds', indexed: true, mappable: true },
  { name: 'ts_text', type: 'text', label: 'Time (original)', description: 'The timestamp exactly as the log wrote it', mappable: false },
  { name: 'src_ip', type: 'text', label: 'Source IP', description: 'Client / source address, normalised (IPv4 dotted, IPv6 compressed)', indexed: true, mappable: true },
  { name: 'src_port', type: 'int', label: 'Src port', description: 'Source port', mappable: true },
  { name: 'dst_ip', type: 'text', label: 'Destination IP', description: 'Server / destination address, normalised', indexed: true, mappable: true },
  { name: 'dst_port', type: 'int', label: 'Dst port', description: 'Destination port (ICMP: type*256+code is NOT used; ICMP keeps NULL ports and the type.code in flags)', indexed: true, mappable: true },
  { name: 'proto', type: 'text', label: 'Proto', description: 'Transport protocol, trimmed and upper-cased (TCP, UDP, ICMP, ...)', mappable: true },
  { name: 'method', type: 'text', label: 'Method', description: 'HTTP method', mappable: true },
  { name: 'host', type: 'text', label: 'Host', description: 'Virtual host / server name when the log has one; for DNS query logs the name looked up (its query type in extra.qtype: A, TXT, NULL…)', mappable: true },
  { name: 'path', type: 'text', label: 'Path', description: 'Request path as logged (still percent-encoded), without the query string', mappable: true },
  { name: 'query', type: 'text', label: 'Query', description: 'Query string without the leading ?', mappable: true },
  { name: 'protocol', type: 'text', label: 'HTTP version', description: 'Application protocol version (HTTP/1.1)', mappable: true },
  { name: 'status', type: 'int', label: 'Status', description: 'HTTP status code', indexed: true, mappable: true },
  { name: 'bytes', type: 'int', label: 'Bytes', description: 'Bytes transferred (response size for web logs; flow bytes for flows)', mappable: true },
  { name: 'packets', type: 'int', label: 'Packets', description: 'Packets in the flow', mappable: true },
  { name: 'flows', type: 'int', label: 'Flows', description: 'Flows aggregated in the record', mappable: true },
  { name: 'duration', type: 'real', label: 'Duration', description: 'Duration in seconds (flows) or request time', mappable: true },
  { name: 'flags', type: 'text', label: 'Flags', description: 'TCP flags (e.g. .AP.SF) or ICMP type.code', mappable: true },
  { name: 'tos', type: 'int', label: 'ToS', description: 'Type of service', mappable: true },
  { name: 'referrer', type: 'text', label: 'Referrer', description: 'HTTP referrer', mappable: true },
  { name: 'user_agent', type: 'text', label: 'User agent', description: 'HTTP user agent', mappable: true },
  { name: 'user', type: 'text', label: 'User', description: 'Authenticated or attempted user name', indexed: false, mappable: true },
  { name: 'action', type: 'text', label: 'Action', description: 'What happened, normalised: auth_failure, auth_success, invalid_user, auth_max_attempts, auth_abandoned, accept, reject, ...', mappable: true },
  { name: 'program', type: 'text', label: 'Program', description: 'Emitting program (syslog tag, e.g. sshd)', mappable: true },
  { name: 'message', type: 'text', label: 'Message', description: 'Free-text message (syslog)', mappable: true },
  { name: 'label', type: 'text', label: 'Label', description: 'Ground-truth label when the data carries one (normal / attack / 0 / 1)', mappable: true },
  { name: 'category', type: 'text', label: 'Category', description: 'Attack type / category when the data carries one', mappable: true },
  { name: 'extra', type: 'text', label: 'Other fields', description: 'Unmapped columns as a JSON object', mappable: false },
] as const satisfies readonly ColumnDef[];

export type EventColumnName = (typeof EVENT_COLUMNS)[number]['name'];

/** Columns a mapping may assign. */
export const MAPPABLE_COLUMNS: readonly EventColumnName[] = EVENT_COLUMNS.filter((c) => c.mappable).map((c) => c.name);

export const COLUMN_BY_NAME: ReadonlyMap<string, ColumnDef> = new Map(EVENT_COLUMNS.map((c) => [c.name, c]));

/** One event as read back from a case (ids and bookkeeping included). */
export type EventRow = {
  id: number;
  source_id: number;
  line_no: number;
  byte_offset: number | null;
  byte_len: number | null;
} & { [K in EventColumnName]: (typeof EVENT_COLUMNS)[number] extends infer C ? (C extends { name: K; type: 'text' } ? string | null : C extends { name: K } ? number | null : never) : never };
