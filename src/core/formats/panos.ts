// Palo Alto PAN-OS logs as the firewall writes them without a syslog header: a file of its CSV
// records (`1,2024/01/05 10:00:01,SERIAL,TRAFFIC,end,…`), as saved from a syslog collector that
// stores messages only, or from `scp export log` / Panorama's CSV export without its header row.
// The records are typed by netdevices.ts, as when they arrive behind a syslog header.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { PANOS_HEAD, panos } from './netdevices';
import { parseTimestamp, timeContextOf, type TimeContext } from './time';

class PanosParser implements RecordParser {
  private readonly time: TimeContext;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
  }

  parse(line: string, row: CellValue[], _counters: CleaningCounters): string | null {
    const s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    if (!PANOS_HEAD.test(s)) return 'not a PAN-OS record: no receive time, serial and log type in the first fields';
    const extra: Record<string, string> = {};
    panos(s, row, extra);
    // the firewall's local time (its receive time), read in the case's zone like any zone-less time
    const ts = parseTimestamp(extra._time, this.time);
    if (!Number.isNaN(ts)) row[C.ts] = ts;
    row[C.ts_text] = extra._time;
    delete extra._time;
    // records that are not connections or logins keep their text (config changes, system events)
    if (row[C.src_ip] === null && row[C.action] === null) row[C.message] = s;
    row[C.extra] = JSON.stringify(extra);
    return null;
  }
}

function detectPanos(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  const ok = lines.filter((l) => PANOS_HEAD.test(l)).length;
  if (ok / lines.length < 0.5) return null;
  return { confidence: 0.95 * (ok / lines.length), layout: { format: 'panos', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const panosSpec: FormatSpec = {
  name: 'panos',
  title: 'Palo Alto PAN-OS log records (CSV without a header)',
  description: 'FUTURE_USE,receive time,serial,type,subtype,…: TRAFFIC and THREAT as connections with their verdict (bytes, packets, elapsed time; threat name, category and URL), SYSTEM and GlobalProtect login failures; the firewall\'s local time',
  framing: 'lines',
  samples: [
    '1,2024/01/05 10:00:01,012801012345,TRAFFIC,end,2560,2024/01/05 10:00:01,10.0.0.5,203.0.113.10,198.51.100.2,203.0.113.10,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Log-Fwd,2024/01/05 10:00:01,12345,1,51234,443,40001,443,0x400053,tcp,allow,5120,1200,3920,20,2024/01/05 09:59:50,10,computer-and-internet-info,0,7000001,0x0,10.0.0.0-10.255.255.255,United States,0,10,10,tcp-fin',
    '1,2024/01/05 10:01:00,012801012345,THREAT,vulnerability,2560,2024/01/05 10:01:00,203.0.113.66,10.0.0.30,0.0.0.0,0.0.0.0,inbound-web,,,web-browsing,vsys1,untrust,dmz,ethernet1/1,ethernet1/3,Log-Fwd,2024/01/05 10:01:00,23456,1,51999,80,0,0,0x2000,tcp,reset-both,"www.example.com/cgi-bin/test.cgi",Bash Remote Code Execution Vulnerability(36729),any,critical,client-to-server',
  ],
  detect: (head) => {
    try {
      return detectPanos(head);
    } catch {
      return null; // detection never throws
    }
  },
  layoutFor: () => ({ format: 'panos', header: null, mapping: {}, firstRecordLine: 1 }),
  createParser: (ctx) => new PanosParser(ctx),
};
