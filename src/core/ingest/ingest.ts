// ingestFiles: sources into a case, each read once (hashed as it is read), framed, parsed in
// workers and written by one writer thread, with every record accounted for and the source's
// status telling the truth (complete, partial, cancelled, failed; `ingesting` if the process died).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JobHooks, SourceInfo, SourceStatus } from '../../shared/model';
import { LoupeError, errorMessage } from '../errors';
import { C } from '../formats/cols';
import { appendAudit, openCase, type Db } from '../store/case';
import { finishSource, getSource, insertSource, sourcesWithHash, sourcesWithSize } from '../store/sources';
import { PARSER_VERSION } from '../version';
import type { ParseSettings } from './batch';
import { alternateLayout, collectHead, headLines, probeTimeSemantics, resolveFormat } from './detect';
import { InlineParser, PoolParser, ThreadSink, type BatchSink, type BlockParser } from './pipeline';
import { SourceReader } from './reader';
import type { FormatRegistry } from './registry';
import { builtinRegistry } from './builtin';
import { IngestSession, sessionCleaning, type SessionTotals } from './session';
import { JsonDocSplitter, documentHead, looksLikeJsonDocument } from './jsondoc';
import { EventXmlSplitter, eventXmlHead, looksLikeEventXml } from './xmldoc';
import { ContainerLogSplitter, containerHead, containerKind } from './container';
import { SplunkRawSplitter, splunkRawHead, splunkRawIndex } from './splunkraw';

export interface IngestOptions {
  caseFile: string;
  /** paths; '-' reads standard input (its raw lines are stored in events.raw: there is no file to re-read) */
  files: readonly string[];
  format?: string;
  /** IANA zone for timestamps without an offset (default: UTC, stated in the case) */
  tz?: string;
  /** year for year-less timestamps (default: the file's modification year) */
  year?: number;
  map?: Record<string, string>;
  /** ingest a file whose SHA-256 the case already holds */
  force?: boolean;
  /** decompressed bytes allowed per gzip source (default max(1 GiB, 200x the compressed size)) */
  maxDecompressedBytes?: number;
  /** block size for framing (default 4 MiB; tests use tiny blocks) */
  blockSize?: number;
  /** formats to use (default: the built-ins, parsed in workers) */
  registry?: FormatRegistry;
  /** the stream behind '-' (default process.stdin) */
  stdin?: AsyncIterable<Buffer>;
  /** parse threads (default: all cores) */
  threads?: number;
}

export interface IngestResult {
  sources: SourceInfo[];
}

interface Planned {
  file: string;
  stdin: boolean;
  bytes: number;
  mtime: number | null;
}

function validateZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch (e) {
    void e;
    throw new LoupeError('usage', `unknown time zone "${tz}" (use an IANA name such as Europe/Paris, or UTC)`);
  }
}

async function hashFile(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { flags: 'r', highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Stats every file and refuses duplicates before anything is written. */
async function plan(db: Db, opts: IngestOptions): Promise<Planned[]> {
  const out: Planned[] = [];
  for (const file of opts.files) {
    if (file === '-') {
      out.push({ file, stdin: true, bytes: 0, mtime: null });
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
      if (!st.isDirectory()) fs.accessSync(file, fs.constants.R_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new LoupeError('not_found', code === 'ENOENT' ? `cannot read ${file}: no such file` : `cannot read ${file}: ${errorMessage(e)}`);
    }
    if (st.isDirectory()) throw new LoupeError('invalid_input', `${file} is a folder; pass the log files in it`);
    out.push({ file, stdin: false, bytes: st.size, mtime: Math.round(st.mtimeMs) });
  }
  if (opts.force) return out;
  // Hashing first costs a read, so only files whose size matches a source or another file are hashed.
  const sizes = new Map<number, number>();
  for (const p of out) if (!p.stdin) sizes.set(p.bytes, (sizes.get(p.bytes) ?? 0) + 1);
  const hashes = new Map<string, string>();
  for (const p of out) {
    if (p.stdin || (sizes.get(p.bytes)! < 2 && sourcesWithSize(db, p.bytes).length === 0)) continue;
    const sha = await hashFile(p.file);
    const dup = sourcesWithHash(db, sha)[0];
    if (dup) throw new LoupeError('duplicate_source', `${p.file} is already in the case as source #${dup.id} (${dup.path}, same SHA-256 ${sha.slice(0, 12)}…); pass --force to ingest it again`);
    const twin = hashes.get(sha);
    if (twin) throw new LoupeError('duplicate_source', `${p.file} and ${twin} have the same content (SHA-256 ${sha.slice(0, 12)}…); pass --force to ingest both`);
    hashes.set(sha, p.file);
  }
  return out;
}

export async function ingestFiles(opts: IngestOptions, hooks: JobHooks = {}): Promise<IngestResult> {
  if (!opts.files.length) throw new LoupeError('usage', 'no files to ingest');
  if (opts.tz) validateZone(opts.tz);
  if (opts.year !== undefined && !(Number.isInteger(opts.year) && opts.year >= 1970 && opts.year <= 2200)) throw new LoupeError('usage', `--year must be a year between 1970 and 2200, got ${opts.year}`);
  const registry = opts.registry ?? builtinRegistry();
  const db = openCase(opts.caseFile);
  // the writer thread checkpoints the WAL; this connection's few small writes must never pay for it
  db.pragma('wal_autocheckpoint = 0');
  let parser: BlockParser | null = null;
  let sink: BatchSink | null = null;
  const ids: number[] = [];
  try {
    const planned = await plan(db, opts);
    parser = registry.builtIn ? new PoolParser(opts.threads) : new InlineParser((name) => registry.get(name)!);
    sink = new ThreadSink(opts.caseFile);
    const totalBytes = planned.reduce((a, p) => a + p.bytes, 0);
    const started = Date.now();
    let doneBytes = 0;
    let records = 0;
    let quarantined = 0;
    for (const p of planned) {
      const id = await ingestOne(db, p, opts, registry, parser, sink, hooks, (reader, t, final) => {
        const bytesDone = doneBytes + reader.rawBytes;
        const allRecords = records + t.records;
        const elapsed = Math.max(1, Date.now() - started);
        const rate = (allRecords * 1000) / elapsed;
        const byteRate = bytesDone / elapsed;
        if (final) {
          doneBytes += reader.rawBytes;
          records += t.records;
          quarantined += t.quarantined;
        }
        hooks.onProgress?.({
          value: totalBytes > 0 ? Math.min(1, bytesDone / totalBytes) : null,
          title: `Ingesting ${p.stdin ? 'standard input' : path.basename(p.file)}`,
          detail: `${allRecords} records, ${quarantined + (final ? 0 : t.quarantined)} quarantined`,
          bytesDone,
          bytesTotal: totalBytes,
          records: allRecords,
          quarantined: quarantined + (final ? 0 : t.quarantined),
          rate,
          etaMs: totalBytes > 0 && byteRate > 0 ? Math.max(0, (totalBytes - bytesDone) / byteRate) : null,
        });
      });
      ids.push(id);
    }
    // the parse workers' heaps are freed before the index sorts take their memory
    await parser.close();
    parser = null;
    if (!hooks.signal?.aborted) await sink.createIndexes();
    await sink.close();
    sink = null;
    return { sources: ids.map((id) => getSource(db, id)!) };
  } finally {
    await sink?.close().catch(() => undefined);
    await parser?.close();
    db.close();
  }
}

type Progress = (reader: SourceReader, t: Readonly<SessionTotals>, final: boolean) => void;

async function ingestOne(db: Db, p: Planned, opts: IngestOptions, registry: FormatRegistry, parser: BlockParser, sink: BatchSink, hooks: JobHooks, progress: Progress): Promise<number> {
  const readerOpts = { maxDecompressedBytes: opts.maxDecompressedBytes, signal: hooks.signal };
  const reader = p.stdin
    ? new SourceReader(() => opts.stdin ?? (process.stdin as AsyncIterable<Buffer>), null, readerOpts)
    : SourceReader.file(p.file, readerOpts);
  const gen = reader.chunks();
  const displayPath = p.stdin ? '-' : path.resolve(p.file);
  let head;
  try {
    head = await collectHead(gen);
  } catch (e) {
    await gen.return(undefined);
    throw e;
  }
  const headBuf = Buffer.concat(head.chunks);
  let lines = headLines(headBuf, head.done);
  // one JSON document (an array, CloudTrail's {"Records":[...]}) or Windows event XML: rewritten to one record per line
  const auto = !opts.format || opts.format === 'auto';
  const jsonDoc = (auto || opts.format === 'jsonl') && looksLikeJsonDocument(headBuf, lines);
  const eventXml = !jsonDoc && (auto || opts.format === 'winxml') && looksLikeEventXml(headBuf);
  // Docker json-file / Kubernetes CRI wrappers: the application's own lines are the records
  let container = !jsonDoc && !eventXml && (auto || opts.format !== 'jsonl') ? containerKind(lines) : null;
  // a Splunk export: its `_raw` cells are the records (splunkraw.ts)
  let splunkRaw = !jsonDoc && !eventXml && !container && auto ? splunkRawIndex(lines) : null;
  const wrapped = lines;
  if (splunkRaw !== null) lines = headLines(splunkRawHead(splunkRaw, headBuf, head.done), head.done);
  if (jsonDoc) lines = headLines(documentHead(headBuf, head.done), head.done);
  if (eventXml) lines = headLines(eventXmlHead(headBuf, head.done), head.done);
  if (container) lines = headLines(containerHead(container, headBuf, head.done), head.done);
  const notes: string[] = [];
  // nothing but blank lines: no records, and no layout to detect
  const empty = head.done && lines.every((l) => l.trim() === '');
  const name = p.stdin ? 'standard input' : p.file;
  let resolved = null;
  if (!empty && container && auto) {
    // a container whose lines are of more than one kind (an app's logfmt beside a library's text
    // and a web server's access lines) may fit no one format: the runtime's wrapper is then read as
    // the records, with its times (CRI as timestamped text: each line's first address; Docker's
    // JSON: its log text as the message), rather than the source refused
    const inner = tryResolve(registry, lines, name, opts);
    if (inner.resolved !== null) resolved = inner.resolved;
    else {
      const outer = tryResolve(registry, wrapped, name, { format: container === 'cri' ? 'text' : undefined, map: opts.map });
      if (outer.resolved === null) throw inner.error;
      notes.push(`${container === 'docker' ? 'Docker json-file' : 'Kubernetes (CRI)'} container log whose application lines no one format reads (they are of more than one kind): read with the runtime's wrapper, its times and stream names, each line's text in the message`);
      resolved = outer.resolved;
      lines = wrapped;
      container = null;
    }
  } else if (!empty && splunkRaw !== null) {
    // `_raw` cells that no one format reads (an export of many sourcetypes): the table is read instead
    const inner = tryResolve(registry, lines, name, opts);
    if (inner.resolved !== null) resolved = inner.resolved;
    else {
      const outer = tryResolve(registry, wrapped, name, opts);
      if (outer.resolved === null) throw inner.error;
      notes.push("Splunk export whose _raw events no one format reads (they are of more than one kind): read as the table Splunk wrote, each event's text in _raw");
      resolved = outer.resolved;
      lines = wrapped;
      splunkRaw = null;
    }
  } else if (!empty) resolved = resolveFormat(registry, lines, name, opts.format, opts.map);
  // a head of two kinds of line (a container's stdout and stderr): the second is read as its own format
  const alt = resolved && auto && Object.keys(opts.map ?? {}).length === 0 ? alternateLayout(registry, resolved.spec, resolved.layout, lines) : null;
  if (resolved && alt) {
    resolved = { ...resolved, layout: { ...resolved.layout, alt: alt.layout } };
    notes.push(
      `${alt.refused} of the first lines are not ${resolved.spec.name} but ${alt.layout.format} (${alt.read} of them read as such; a container's output mixes what the program writes on stdout and on stderr): a line ${resolved.spec.name} refuses is read as ${alt.layout.format} when it is one, and quarantined only when it is neither`,
    );
  }
  const splitter = jsonDoc ? new JsonDocSplitter() : eventXml ? new EventXmlSplitter() : container ? new ContainerLogSplitter(container) : splunkRaw !== null ? new SplunkRawSplitter(splunkRaw) : null;
  const format = resolved?.spec.name ?? (opts.format && opts.format !== 'auto' ? opts.format : 'empty');
  const time = resolved ? probeTimeSemantics(resolved.spec, resolved.layout, lines) : { yearless: false, zoneInLog: false, sawTime: false };
  let refTime = p.mtime ?? Date.now();
  const year = time.yearless ? (opts.year ?? new Date(refTime).getUTCFullYear()) : null;
  let parseYear = year;
  // --year is the year the log starts in: a record dated earlier in the calendar than the first
  // one (January after December) belongs to the next year. The parser's rule does this when told
  // the following year with a reference just before the first record's day in it.
  let rollover: string | null = null;
  if (time.yearless && opts.year !== undefined && time.firstTime != null) {
    const first = new Date(time.firstTime);
    parseYear = opts.year + 1;
    refTime = Date.UTC(parseYear, first.getUTCMonth(), first.getUTCDate()) - 2 * 86_400_000;
    rollover = `records dated earlier in the year than the first one (${first.toISOString().slice(5, 10)}) were put in ${opts.year + 1}`;
  }
  const yearSource: SourceInfo['yearSource'] = time.yearless ? (opts.year !== undefined ? 'option' : 'mtime') : null;
  if (time.yearless) {
    notes.push(
      opts.year !== undefined
        ? `timestamps have no year: ${opts.year} was used (--year)${rollover ? `; ${rollover}` : ''}`
        : `timestamps have no year: ${year} was taken from the ${p.stdin ? 'current date (standard input has no modification time)' : `file's modification time (${new Date(refTime).toISOString()})`}; records dated more than a day after it were put in the year before; pass --year to change`,
    );
  }
  const timezone = time.zoneInLog ? 'log' : (opts.tz ?? 'UTC');
  const statedLocal = resolved?.layout.hints?.localTime === true;
  // a log whose lines mostly carry an offset and some do not: those keep theirs, the rest are read in the assumed zone
  const mixed = !time.zoneInLog && (time.zoned ?? 0) > 0 ? `${time.zoned} of the first ${time.timed} timestamps carry their own time zone (kept as written); the other ${time.timed! - time.zoned!} carry none` : null;
  const timezoneSource: SourceInfo['timezoneSource'] = time.zoneInLog ? 'log' : opts.tz ? 'option' : mixed !== null ? 'mixed' : 'default';
  if ((timezoneSource === 'default' || timezoneSource === 'mixed') && time.sawTime)
    notes.push(
      statedLocal
        ? "the log says its times are the writing machine's local time (#Time Format: Local) but not which zone: read as UTC; pass --tz <that machine's zone>"
        : mixed !== null
          ? `${mixed}: read as UTC (pass --tz <zone> to change)`
          : 'timestamps carry no time zone: read as UTC (pass --tz <zone> to change)',
    );
  if (timezoneSource === 'option') notes.push(mixed !== null ? `${mixed}: read in ${opts.tz} (--tz)` : `timestamps carry no time zone: read in ${opts.tz} (--tz)`);
  if (time.zoneInLog && opts.tz) notes.push(`--tz ${opts.tz} was not needed: the timestamps carry their own offset`);
  if (format === 'text')
    notes.push('no specific format recognised this log: it was read as timestamped text (time, level, the first address and the message typed; lines without a time, such as stack traces, kept as events without one); pass --format to read it as another format');
  const table = resolved?.layout.hints;
  if (format === 'text' && typeof table?.tableDelimiter === 'string')
    notes.push(
      `its lines are also a table without a header (${String(table.tableColumns)} columns separated by ${JSON.stringify(table.tableDelimiter)}, the last one free text): to type every column instead, pass --format csv and name them with --map, e.g. --map ts=col1 (columns are col1..col${String(table.tableColumns)})`,
    );
  if (empty)
    notes.push(
      splitter ? `the document holds no records (${headBuf.length} bytes, e.g. an empty array)` : headBuf.length ? `the source holds only blank lines (${headBuf.length} bytes): no records` : 'the source is empty: no records',
    );

  const settings: ParseSettings = {
    format,
    framing: resolved?.spec.framing ?? 'lines',
    layout: resolved?.layout ?? { format, header: null, mapping: {}, firstRecordLine: 1 },
    tz: opts.tz ?? null,
    year: parseYear,
    refTime: time.yearless && (yearSource === 'mtime' || rollover !== null) ? refTime : null,
    // offsets of a rewritten document point into the rewritten text, not the file: keep each record's text
    storeRaw: p.stdin || splitter !== null || reader.utf16 !== null,
  };
  const id = insertSource(db, {
    path: displayPath,
    sha256: null,
    bytes: p.bytes,
    mtime: p.mtime,
    format,
    mapping: resolved ? resolved.layout.mapping : null,
    timezone,
    timezoneSource,
    year,
    yearSource,
    gzip: reader.gzip,
    parserVersion: PARSER_VERSION,
    options: { format: opts.format ?? 'auto', tz: opts.tz ?? null, year: opts.year ?? null, map: opts.map ?? null, force: opts.force ?? false, layout: settings.layout, stdin: p.stdin },
    startedAt: Date.now(),
    status: 'ingesting',
  });
  appendAudit(db, 'loupe', 'ingest.start', { sourceId: id, path: displayPath, format });

  const session = new IngestSession({
    sourceId: id,
    settings,
    parser,
    sink,
    blockSize: opts.blockSize,
    headerLines: Math.max(0, settings.layout.firstRecordLine - 1),
    signal: hooks.signal,
    onBatch: (t) => progress(reader, t, false),
    carrier: registry.get(format)?.createCarrier?.({ tz: settings.tz, year: settings.year, refTime: settings.refTime, layout: settings.layout }) ?? null,
  });
  let status: SourceStatus = 'complete';
  let detail: string | null = null;
  let failure: unknown = null;
  try {
    if (!empty) for (const c of head.chunks) await session.push(splitter ? splitter.push(c) : c);
    for (;;) {
      const r = await gen.next();
      if (r.done) break;
      await session.push(splitter ? splitter.push(r.value) : r.value);
    }
    if (splitter) await session.push(splitter.finish());
    await session.end();
    if (reader.broken) {
      status = 'partial';
      detail = reader.broken;
      notes.push(reader.broken);
    }
  } catch (e) {
    failure = e;
    await session.abandon();
    await gen.return(undefined).catch(() => undefined);
    const t = session.totals;
    if (e instanceof LoupeError && e.code === 'cancelled') {
      status = 'cancelled';
      detail = `cancelled after ${t.records} records; the rows committed before it are kept and counted`;
    } else {
      status = 'failed';
      detail = `${e instanceof LoupeError ? `${e.code}: ` : ''}${errorMessage(e)}; the ${t.records} records committed before it are kept and counted`;
    }
    notes.push(detail);
  }
  const t = session.totals;
  if (splitter instanceof JsonDocSplitter && splitter.flows.records > 0)
    notes.push(
      `Azure NSG/VNet flow log: one JSON document of ${splitter.records} record${splitter.records === 1 ? '' : 's'}${splitter.key ? ` from its "${splitter.key}" array` : ''}; the ${splitter.flows.records} flow record${splitter.flows.records === 1 ? '' : 's'} were read as their ${splitter.flows.tuples} flow tuples, one event each (bytes and packets from source to destination, the reverse in bytesDestToSrc/packetsDestToSrc); a line number counts tuples, and each tuple's raw text keeps its record's fields, rule and tuple, with the record's position in the document as record.n (the tuples sharing it make up the record)`,
    );
  else if (splitter instanceof JsonDocSplitter)
    notes.push(
      `one JSON document, not JSON lines: ${splitter.records} record${splitter.records === 1 ? '' : 's'}${splitter.key ? ` from its "${splitter.key}" array (keys outside it are not records)` : ''}${splitter.separators > 0 ? ` (evtx_dump's ${splitter.separators} "Record N" line${splitter.separators === 1 ? '' : 's'} between them are separators, not records: each event keeps its EventRecordID)` : ''}; a record's line number is its position in the document and its raw text is the element on one line`,
    );
  if (splitter instanceof ContainerLogSplitter)
    notes.push(
      `${splitter.kind === 'docker' ? 'Docker json-file' : 'Kubernetes (CRI)'} container log: the runtime's wrapper was removed and the ${splitter.records} application line${splitter.records === 1 ? '' : 's'} in it read as ${format} (lines the runtime split were joined; the runtime's own timestamps and stream names are not kept); a record's raw text is the application's line`,
    );
  if (splitter instanceof SplunkRawSplitter)
    notes.push(
      `Splunk export: the ${splitter.records} event${splitter.records === 1 ? '' : 's'} in its _raw column read as ${format}, as the log wrote them (line breaks inside an event became spaces, except in Windows events in Splunk's classic form, which became JSON records that keep them; Splunk's own columns, _time, host, source, sourcetype and the rest, are not kept${splitter.empty ? `; ${splitter.empty} row${splitter.empty === 1 ? '' : 's'} with an empty _raw held nothing to read` : ''}); a record's line number is its row in the export and its raw text is its _raw`,
    );
  if (splitter instanceof EventXmlSplitter)
    notes.push(`Windows event XML: ${splitter.records} <Event> record${splitter.records === 1 ? '' : 's'}, each read as one line (line breaks inside an event became spaces; the XML declaration and <Events> wrapper are not records); a record's line number is its position in the export`);
  let sha: string | null = null;
  try {
    sha = reader.sha256;
  } catch (e) {
    void e; // not fully read (cancelled or failed): no hash is claimed for bytes that were not all seen
  }
  if (sha && p.stdin && !opts.force) {
    const dup = sourcesWithHash(db, sha).find((s) => s.id !== id);
    if (dup) notes.push(`the same bytes (SHA-256) were already ingested as source #${dup.id} (${dup.path})`);
  }
  if (reader.gzip) notes.push(`gzip: ${reader.rawBytes} compressed bytes decoded to ${reader.decodedBytes}`);
  if (reader.utf16)
    notes.push(`UTF-16${reader.utf16 === 'le' ? 'LE' : 'BE'} text (by its byte order mark) was converted to UTF-8 as it was read; each event keeps its converted line, and byte offsets count in the converted text`);
  const forwarded = t.forwarded;
  if (forwarded > 0)
    notes.push(
      `${forwarded} request${forwarded === 1 ? '' : 's'} came through a proxy (a private remote address with an X-Forwarded-For field): the client is the rightmost public address in that field; the proxy is kept in extra.proxy_ip and the header in extra.x_forwarded_for`,
    );
  if (resolved?.layout.hints?.workdayClock === true)
    notes.push(
      "the times are written h:mm with neither seconds nor AM/PM, as CIC-IDS2017's CSVs write a 12-hour clock: 1:00 to 7:59 were read as the afternoon (13:00 to 19:59), since its captures ran in working hours (8:00 to 18:00)",
    );
  if (format === 'nfdump') {
    const cut = t.unparseable[C.src_ip]! + t.unparseable[C.dst_ip]!;
    if (cut > 0)
      notes.push(
        `nfdump shortened ${cut} long IPv6 address${cut === 1 ? '' : 'es'} to their first and last seven characters (2001:62..e0:fed5): they are kept as written, so each still names one host, but cannot be matched with full addresses in other logs; print the flows again with nfdump -6 for the whole addresses`,
      );
  }
  // the writer thread committed the rows and counts; the status and report are the last word
  await sink.flush().catch(() => undefined);
  finishSource(db, id, {
    status,
    statusDetail: detail,
    sha256: sha,
    bytes: p.stdin ? reader.rawBytes : p.bytes,
    cleaning: sessionCleaning(t, notes),
    finishedAt: Date.now(),
  });
  appendAudit(db, 'loupe', 'ingest.source', { sourceId: id, path: displayPath, sha256: sha, status, records: t.records, events: t.events, quarantined: t.quarantined });
  progress(reader, t, true);
  if (failure) throw failure;
  return id;
}

/** resolveFormat's answer, or the error it gave (detection is tried twice on container logs). */
function tryResolve(registry: FormatRegistry, lines: readonly string[], name: string, opts: { format?: string; map?: Record<string, string> }): { resolved: ReturnType<typeof resolveFormat> | null; error: unknown } {
  try {
    return { resolved: resolveFormat(registry, lines, name, opts.format, opts.map), error: null };
  } catch (e) {
    return { resolved: null, error: e };
  }
}
