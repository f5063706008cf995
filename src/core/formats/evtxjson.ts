// Windows events as JSON, the way .evtx files are converted off Windows: `evtx_dump -o jsonl`
// (the Rust evtx crate Chainsaw and Hayabusa are built on; its default `-o json` writes the same
// records pretty-printed after `Record N` lines, which the ingest engine's JSON document splitter
// turns into one record per line), and Velociraptor's EVTX artifacts (System and EventData at the
// top level, SystemTime as epoch seconds). Each record is read like an <Event> of winxml.ts:
// System time, computer, provider, channel, record id and keywords; EventData (or UserData) fields
// by name; logons typed. Chainsaw's detections (`chainsaw hunt --json` / `--jsonl`) carry the event
// in `document.data`: read the same way, with the rule's name and level kept as Hayabusa's are.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { timeContextOf, type TimeContext } from './time';
import { fillWindowsEvent } from './winxml';
import { hayabusaLevel } from './hayabusa';
import { C } from './cols';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value as text: evtx_dump writes numbers as numbers, absent values as null, some as `{"#text": …, "#attributes": …}`. */
function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObj(v) && '#text' in v) return text(v['#text']);
  // Velociraptor: EventID as {"Value": 4625}
  if (isObj(v) && 'Value' in v && Object.keys(v).length === 1) return text(v.Value);
  return JSON.stringify(v);
}

/** The attribute `name` of an element: `{"#attributes": {name}}` (evtx_dump) or a plain key (Velociraptor). */
function attr(v: unknown, name: string): unknown {
  if (!isObj(v)) return undefined;
  const a = v['#attributes'];
  if (isObj(a) && name in a) return a[name];
  return v[name];
}

/**
 * The record's Event object: `{"Event": {"System": …}}`, `{"System": …}` at the top, or the event
 * a Chainsaw detection carries (`document.data.Event`; an aggregate detection's first document).
 */
function eventOf(obj: Obj): Obj | null {
  const doc = isObj(obj.document) ? obj.document : Array.isArray(obj.documents) && isObj(obj.documents[0]) ? obj.documents[0] : null;
  const holder = doc !== null && isObj(doc.data) ? doc.data : obj;
  const e = isObj(holder.Event) ? holder.Event : holder;
  return isObj(e.System) && e.System.EventID !== undefined ? e : null;
}

/** A Chainsaw detection's rule and level (`name`, `level` beside the document), as Hayabusa's rows carry them (formats/hayabusa.ts). */
function chainsawRule(obj: Obj): { sigma_rule: string; sigma_level: string; sigma_tool: string } | null {
  if (!isObj(obj.document) && !Array.isArray(obj.documents)) return null;
  const name = text(obj.name);
  const level = hayabusaLevel(text(obj.level) ?? '');
  return name && level ? { sigma_rule: name, sigma_level: level, sigma_tool: 'Chainsaw' } : null;
}

/** A time written as epoch seconds (Velociraptor), as ISO text; ISO text as it is. */
function systemTime(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(Math.round(v * 1000)).toISOString();
  const t = text(v);
  return t === null || t === '' ? null : t;
}

/** EventData / UserData as name-value pairs: named fields, `Data` lists of named or unnamed values, one wrapper level of UserData. */
function eventData(e: Obj): [string, string][] {
  const out: [string, string][] = [];
  const put = (name: string, v: unknown): void => {
    if (name === '#attributes' || name === 'xmlns') return;
    const t = text(v);
    if (t !== null) out.push([name, t]);
  };
  const fields = (o: Obj, prefix: string): void => {
    for (const [k, v] of Object.entries(o)) {
      if (k === 'Data' && Array.isArray(v)) {
        // <Data> without names (classic providers): Data, Data1, …; with names: their names
        v.forEach((d, i) => {
          const n = attr(d, 'Name');
          put(prefix + (typeof n === 'string' ? n : i === 0 ? 'Data' : `Data${i}`), isObj(d) ? (d['#text'] ?? null) : d);
        });
      } else if (k === 'Data' && isObj(v) && !('#attributes' in v) && !('#text' in v)) fields(v, prefix);
      else put(prefix + k, v);
    }
  };
  if (isObj(e.EventData)) fields(e.EventData, '');
  // UserData wraps its fields in an element named for the event (LogFileCleared): kept as UserData,
  // its fields under it (`LogFileCleared.Channel` is the log cleared, not the event's own channel)
  if (isObj(e.UserData))
    for (const [k, v] of Object.entries(e.UserData)) {
      if (!isObj(v)) continue;
      put('UserData', k);
      fields(v, `${k}.`);
    }
  return out;
}

class EvtxJsonParser implements RecordParser {
  private readonly time: TimeContext;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const t = line.trim();
    if (t === '') return 'empty record';
    let obj: unknown;
    try {
      obj = JSON.parse(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
    } catch {
      return 'invalid JSON: not a Windows event record';
    }
    if (!isObj(obj)) return 'JSON value is not an object';
    const e = eventOf(obj);
    if (e === null) return 'not a Windows event record: no System.EventID';
    const sys = e.System as Obj;
    const id = text(sys.EventID)?.trim() ?? '';
    if (!/^\d{1,5}$/.test(id)) return 'not a Windows event record: no numeric EventID';
    // hex text (evtx_dump), or the 64-bit mask as a number (Velociraptor): only its top bits are read
    const keywords = typeof sys.Keywords === 'number' && sys.Keywords > 0 ? `0x${sys.Keywords.toString(16)}` : text(sys.Keywords);
    const message = text(obj.Message ?? e.Message ?? (isObj(e.RenderingInfo) ? e.RenderingInfo.Message : undefined));
    fillWindowsEvent(
      {
        id,
        time: systemTime(attr(sys.TimeCreated, 'SystemTime')),
        computer: text(sys.Computer),
        provider: text(attr(sys.Provider, 'Name')),
        message: message === '' ? null : message,
        channel: text(sys.Channel),
        record: text(sys.EventRecordID),
        keywords: keywords !== null && /^0x[0-9a-f]+$/i.test(keywords) ? keywords : null,
        data: eventData(e),
      },
      row,
      counters,
      this.time,
    );
    const rule = chainsawRule(obj);
    if (rule !== null) row[C.extra] = JSON.stringify({ ...(JSON.parse(row[C.extra] as string) as Obj), ...rule });
    return null;
  }
}

function detectEvtxJson(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 50);
  if (lines.length === 0) return null;
  let ok = 0;
  for (const l of lines) {
    const t = l.trim();
    if (t.charCodeAt(0) !== 123 || t.indexOf('"System"') < 0) continue;
    try {
      const obj: unknown = JSON.parse(t);
      if (isObj(obj) && eventOf(obj) !== null) ok++;
    } catch {
      // not a record: counted against the share
    }
  }
  if (ok / lines.length < 0.5) return null;
  return { confidence: 0.97 * (ok / lines.length), layout: { format: 'evtxjson', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const evtxJsonSpec: FormatSpec = {
  name: 'evtxjson',
  title: 'Windows events as JSON (evtx_dump, Velociraptor)',
  description: 'One event per record, {"Event": {"System": …, "EventData": …}} or System and EventData at the top: System time, computer, provider and EventID; EventData fields mapped by name; logon events typed',
  framing: 'lines',
  samples: [
    '{"Event":{"#attributes":{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"},"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Security-Auditing","Guid":"54849625-5478-4994-A5BA-3E3B0328C30D"}},"EventID":4625,"Version":0,"Level":0,"Task":12544,"Opcode":0,"Keywords":"0x8010000000000000","TimeCreated":{"#attributes":{"SystemTime":"2024-05-01T10:00:01.123456Z"}},"EventRecordID":90001,"Correlation":null,"Execution":{"#attributes":{"ProcessID":636,"ThreadID":4700}},"Channel":"Security","Computer":"DC01.corp.local","Security":null},"EventData":{"SubjectUserSid":"S-1-0-0","SubjectUserName":"-","TargetUserName":"backup","TargetDomainName":"CORP","LogonType":3,"WorkstationName":"KALI","IpAddress":"198.51.100.23","IpPort":"49822"}}}',
  ],
  detect: (head) => {
    try {
      return detectEvtxJson(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new EvtxJsonParser(ctx),
};
