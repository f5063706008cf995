// Azure NSG flow logs (v1/v2) and VNet flow logs pack many connections into one JSON record:
// `properties.flows[].flows[].flowTuples` (NSG: rule, then NIC mac) or
// `flowRecords.flows[].flowGroups[].flowTuples` (VNet: ACL id, then rule), each tuple one
// comma-separated connection. Read as one event, such a record has no address at all, so the
// scan, brute-force and heavy-traffic detectors never see Azure traffic. The JSON document splitter
// (`../ingest/jsondoc.ts`) hands each record here and writes one line per tuple instead.
//
// Each tuple line keeps everything of its record but the sibling tuples: the record's own fields
// as JSON text under `record` (time, resourceId, category, ... and `n`, the record's position in
// the document), the rule and NIC/ACL it was grouped under, and the tuple verbatim as `flowTuple`; so
// the lines that share `record.n` give back the whole record (an envelope over 4 KiB is
// written on the record's first tuple line only). The decoded fields carry names the
// mapping already knows (srcip, dstport, proto, action, packets, bytes); bytes and packets are
// the source-to-destination counts (as Zeek's orig_bytes), the reverse kept beside them.

/** NSG tuple: time(s),src,dst,sport,dport,T|U,I|O,A|D[,B|C|E,pkts s->d,bytes s->d,pkts d->s,bytes d->s] */
/** VNet tuple: time(ms),src,dst,sport,dport,IANA proto,I|O,B|C|E|D,encryption,pkts s->d,bytes s->d,pkts d->s,bytes d->s */

const PROTO_LETTER: Record<string, string> = { T: 'TCP', U: 'UDP' };
const PROTO_NUMBER: Record<string, string> = { '1': 'ICMP', '6': 'TCP', '17': 'UDP', '58': 'ICMPv6' };
const DIRECTION: Record<string, string> = { I: 'inbound', O: 'outbound' };
const STATE: Record<string, string> = { B: 'begin', C: 'continuing', E: 'end', D: 'denied' };

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** a tuple's count field: digits only (v2 `B` tuples leave them empty) */
const count = (s: string | undefined): number | undefined => (s !== undefined && /^\d{1,15}$/.test(s) ? Number(s) : undefined);
const port = (s: string | undefined): number | string | undefined => (s === undefined || s === '' ? undefined : /^\d{1,5}$/.test(s) ? Number(s) : s);

/** The decoded fields of one tuple (vnet: the VNet layout), or only what could be read. */
function decodeTuple(tuple: string, vnet: boolean): Record<string, unknown> {
  const f = tuple.split(',');
  const out: Record<string, unknown> = {};
  // the time is written as the log wrote it (epoch seconds for NSG, ms for VNet): read by magnitude
  if (/^\d{9,13}$/.test(f[0] ?? '')) out.start = Number(f[0]);
  if (f[1]) out.srcip = f[1];
  if (f[2]) out.dstip = f[2];
  if (port(f[3]) !== undefined) out.srcport = port(f[3]);
  if (port(f[4]) !== undefined) out.dstport = port(f[4]);
  const proto = vnet ? PROTO_NUMBER[f[5] ?? ''] ?? f[5] : PROTO_LETTER[f[5] ?? ''] ?? f[5];
  if (proto) out.proto = proto;
  if (f[6] && DIRECTION[f[6]]) out.direction = DIRECTION[f[6]];
  let counts: number;
  if (vnet) {
    // VNet flow logs have no decision field: a denied flow is the `D` state
    if (f[7]) {
      out.flowState = STATE[f[7]] ?? f[7];
      out.action = f[7] === 'D' ? 'deny' : 'allow';
    }
    if (f[8]) out.encryption = f[8];
    counts = 9;
  } else {
    if (f[7] === 'A') out.action = 'allow';
    else if (f[7] === 'D') out.action = 'deny';
    else if (f[7]) out.action = f[7];
    if (f[8]) out.flowState = STATE[f[8]] ?? f[8];
    counts = 9;
  }
  const pSd = count(f[counts]);
  const bSd = count(f[counts + 1]);
  const pDs = count(f[counts + 2]);
  const bDs = count(f[counts + 3]);
  if (pSd !== undefined) out.packets = pSd;
  if (bSd !== undefined) out.bytes = bSd;
  if (pDs !== undefined) out.packetsDestToSrc = pDs;
  if (bDs !== undefined) out.bytesDestToSrc = bDs;
  return out;
}

/** The record's own scalar fields (time, resourceId, category, Version, ...), without the flow arrays. */
function envelope(rec: Record<string, unknown>, n: number): Record<string, unknown> {
  const env: Record<string, unknown> = { n };
  for (const k in rec) {
    const v = rec[k];
    if (k === 'properties' && isObj(v)) {
      for (const pk in v) if (pk !== 'flows') env[`properties.${pk}`] = v[pk];
    } else if (k !== 'flowRecords') env[k] = v;
  }
  return env;
}

/** The largest envelope repeated on every tuple line of its record (real ones are a few hundred bytes). */
const MAX_REPEATED_ENVELOPE = 4096;

/**
 * One line per flow tuple of an NSG or VNet flow log record (`n`: its position in the document),
 * or null when the record is not one or holds no tuple (it then stays one record: nothing is lost).
 */
export function expandAzureFlowRecord(line: string, n: number): string[] | null {
  if (!line.includes('"flowTuples"')) return null;
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch {
    return null; // quarantined as the record it is
  }
  if (!isObj(rec)) return null;
  const out: string[] = [];
  // the record's fields as one JSON text: read as fields, its resourceId (`/SUBSCRIPTIONS/…`) would
  // be taken for a URL path and its time for the event's
  let env: string | null = null;
  const emit = (tuple: unknown, group: Record<string, unknown>, vnet: boolean): void => {
    // a record's fields are written once per tuple: an envelope padded to megabytes, times a
    // hundred thousand tuples, would be terabytes. Past MAX_REPEATED_ENVELOPE only the first
    // tuple line carries it whole; the others name the record it is on.
    if (env === null) env = JSON.stringify(envelope(rec as Record<string, unknown>, n));
    else if (env.length > MAX_REPEATED_ENVELOPE) env = JSON.stringify({ n, fields: `on the first tuple line of record ${n}` });
    const fields = typeof tuple === 'string' ? decodeTuple(tuple, vnet) : {};
    out.push(JSON.stringify({ ...fields, ...group, flowTuple: tuple, record: env }));
  };
  try {
    expandInto(rec, emit);
  } catch {
    // a value nested too deep to write again (JSON.stringify recurses; JSON.parse does not): the
    // record stays one line for the parser to read or quarantine, instead of failing the source
    return null;
  }
  return out.length > 0 ? out : null;
}

/** Calls emit for every tuple of an NSG or VNet record, with the group it was listed under. */
function expandInto(rec: Record<string, unknown>, emit: (tuple: unknown, group: Record<string, unknown>, vnet: boolean) => void): void {
  const props = rec.properties;
  if (isObj(props)) {
    // NSG flow logs: properties.flows[] = {rule, flows[] = {mac, flowTuples[]}}
    for (const byRule of arr(props.flows)) {
      if (!isObj(byRule)) continue;
      for (const byNic of arr(byRule.flows)) {
        if (!isObj(byNic)) continue;
        const group: Record<string, unknown> = { rule: byRule.rule };
        for (const k in byNic) if (k !== 'flowTuples') group[k] = byNic[k];
        for (const t of arr(byNic.flowTuples)) emit(t, group, false);
      }
    }
  }
  const records = rec.flowRecords;
  if (isObj(records)) {
    // VNet flow logs: flowRecords.flows[] = {aclID, flowGroups[] = {rule, flowTuples[]}}
    for (const byAcl of arr(records.flows)) {
      if (!isObj(byAcl)) continue;
      for (const byRule of arr(byAcl.flowGroups)) {
        if (!isObj(byRule)) continue;
        const group: Record<string, unknown> = { aclID: byAcl.aclID, rule: byRule.rule };
        for (const t of arr(byRule.flowTuples)) emit(t, group, true);
      }
    }
  }
}
