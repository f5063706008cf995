// Live follow: growing files, standard input and a loopback TCP stream go through the same
// parse / clean / quarantine path as batch ingest (an IngestSession per input, written inline),
// new rows feed the incremental analyzer (findings updated in place under stable ids) and the
// case's model, and alerts are pushed as they happen. Counts are exact at every commit.
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { EVENT_COLUMNS } from '../../shared/columns';
import type { Finding, JobHooks, Severity } from '../../shared/model';
import { severityRank } from '../../shared/model';
import { LoupeError, errorMessage } from '../errors';
import { createIncrementalAnalyzer, type IncrementalAnalyzer, type LiveEvent } from '../analysis';
import { REPEATED_SQL } from '../analysis/eventKind';
import { loadModel, scoreEvents, type LoadedModel } from '../model';
import { InlineParser, InlineSink, IngestSession, headLines, probeTimeSemantics, resolveFormat, sessionCleaning } from '../ingest';
import { builtinRegistry } from '../ingest/builtin';
import type { ParseSettings } from '../ingest/batch';
import { appendAudit, openCase, type Db } from '../store/case';
import { EVENT_INDEXES } from '../store/migrations';
import { finishSource, insertSource } from '../store/sources';
import { PARSER_VERSION } from '../version';
import { FileTailer, lineFramer } from './tail';

export interface FollowOptions {
  caseFile: string;
  /** files to follow; '-' is standard input */
  inputs: readonly string[];
  /** also accept newline-delimited records on a TCP port of 127.0.0.1 (0 = any free port) */
  listenPort?: number;
  format?: string;
  tz?: string;
  map?: Record<string, string>;
  /** start at the end of files instead of reading what they already hold */
  fromEnd?: boolean;
  /** model score at or above which a row raises an alert (default 0.9) */
  scoreThreshold?: number;
  pollMs?: number;
  /** the stream behind '-' (default process.stdin) */
  stdin?: AsyncIterable<Buffer>;
  settings?: Record<string, string | number | boolean>;
}

export interface FollowAlert {
  type: 'finding' | 'finding_escalated' | 'score';
  /** wall-clock time the alert was raised (epoch ms) */
  at: number;
  severity: Severity;
  entity: string;
  title: string;
  findingId?: string;
  detector?: string;
  eventId?: number;
  score?: number;
  /** the source and the line range of the batch that raised it (the first line bounds the latency) */
  source: string;
  firstLine: number;
  lastLine: number;
}

export interface FollowStats {
  source: string;
  sourceId: number;
  records: number;
  events: number;
  quarantined: number;
  /** records per second over the last few seconds */
  rate: number;
}

export interface FollowHooks extends JobHooks {
  onAlert?(a: FollowAlert): void;
  onStats?(s: FollowStats): void;
  /** rotation, truncation, a listener address: one line for the user */
  onNotice?(message: string): void;
}

export interface FollowSummary {
  sources: { id: number; path: string; records: number; events: number; quarantined: number }[];
  alerts: number;
  listening: number | null;
}

interface LiveInput {
  name: string;
  sourceId: number;
  session: IngestSession;
  rate: { at: number; records: number }[];
}

const registry = builtinRegistry();
const LIVE_COLUMNS = EVENT_COLUMNS.map((c) => c.name).filter((n) => n !== 'ts_text' && n !== 'extra' && n !== 'message');

/** Runs until the signal aborts; then flushes partial lines, closes sources and returns. */
export async function follow(opts: FollowOptions, hooks: FollowHooks = {}): Promise<FollowSummary> {
  if (!opts.inputs.length && opts.listenPort === undefined) throw new LoupeError('usage', 'nothing to follow: give files, - for standard input, or --listen');
  if (opts.inputs.filter((f) => f === '-').length > 1) throw new LoupeError('usage', 'standard input (-) can be given once');
  for (const f of opts.inputs) {
    if (f !== '-' && !fs.existsSync(f)) throw new LoupeError('not_found', `cannot follow ${f}: no such file`);
  }
  const db = openCase(opts.caseFile);
  // a failure in any input (an unmappable layout, a write error) ends following with that error, never silently
  const failed = new AbortController();
  const live = new LiveCase(db, opts, hooks, () => failed.abort());
  const tailers: FileTailer[] = [];
  let server: Listener | null = null;
  let listening: number | null = null;
  try {
    for (const f of opts.inputs.filter((x) => x !== '-')) {
      const tailer = new FileTailer(
        f,
        {
          onChunk: (c) => live.take(path.resolve(f), c.bytes),
          onReset: (r) => hooks.onNotice?.(r),
        },
        { pollMs: opts.pollMs ?? 100, fromStart: !opts.fromEnd },
      );
      tailers.push(tailer);
      tailer.start();
    }
    const stdinDone = opts.inputs.includes('-') ? pumpStdin(opts.stdin ?? (process.stdin as AsyncIterable<Buffer>), live) : null;
    if (opts.listenPort !== undefined) {
      server = await listenLoopback(opts.listenPort, live);
      listening = (server.server.address() as net.AddressInfo).port;
      hooks.onNotice?.(`listening for newline-delimited records on 127.0.0.1:${listening}`);
    }
    await new Promise<void>((resolve) => {
      if (hooks.signal?.aborted || failed.signal.aborted) return resolve();
      hooks.signal?.addEventListener('abort', () => resolve(), { once: true });
      failed.signal.addEventListener('abort', () => resolve(), { once: true });
      // standard input alone: its end is the end of following
      if (stdinDone && !tailers.length && !server) void stdinDone.then(() => resolve());
    });
    for (const t of tailers) await t.stop(true);
    if (server) await server.stop();
    await live.close();
    return { sources: live.summary(), alerts: live.alerts, listening };
  } catch (e) {
    for (const t of tailers) await t.stop(false).catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await live.close().catch(() => undefined);
    throw e;
  } finally {
    db.close();
  }
}

async function pumpStdin(stream: AsyncIterable<Buffer>, live: LiveCase): Promise<void> {
  const framer = lineFramer((b) => live.take('-', b));
  for await (const chunk of stream) await framer.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  await framer.end();
}

interface Listener {
  server: net.Server;
  /** Stops accepting, finishes what connected senders already sent, and hangs up on them. */
  stop(): Promise<void>;
}

function listenLoopback(port: number, live: LiveCase): Promise<Listener> {
  return new Promise((resolve, reject) => {
    // connections still open when following stops (a syslog forwarder never hangs up): each with
    // the chain of its pending chunks, so stopping can finish them before closing the socket
    const open = new Map<net.Socket, () => Promise<void>>();
    const server = net.createServer((socket) => {
      // the name is taken now: once stopping has closed the server, it has no address to ask
      const name = `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      const framer = lineFramer((b) => live.take(name, b));
      // one connection's chunks are processed in order; a failure ends that connection only
      let chain = Promise.resolve();
      let ended = false;
      const finish = (): Promise<void> => {
        if (!ended) {
          ended = true;
          chain = chain.then(() => framer.end()).catch(() => undefined);
        }
        return chain;
      };
      open.set(socket, async () => {
        socket.pause();
        await finish();
        socket.destroy();
      });
      socket.on('data', (d: Buffer) => {
        socket.pause();
        chain = chain.then(() => framer.push(d)).then(() => void socket.resume(), () => void socket.destroy());
      });
      socket.on('end', () => void finish());
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => socket.destroy());
    });
    server.once('error', (e) => reject(new LoupeError('invalid_input', `cannot listen on 127.0.0.1:${port}: ${errorMessage(e)}`)));
    // loopback only: events pushed by local tools, never from the network
    server.listen(port, '127.0.0.1', () =>
      resolve({
        server,
        stop: async () => {
          const closed = new Promise<void>((r) => server.close(() => r()));
          await Promise.all([...open.values()].map((hangUp) => hangUp()));
          await closed;
        },
      }),
    );
  });
}

/** The case side of following: sources, sessions, the analyzer, the model and the alert feed. */
class LiveCase {
  private readonly inputs = new Map<string, LiveInput>();
  private readonly analyzer: IncrementalAnalyzer;
  private readonly model: LoadedModel | null;
  private readonly insertScore;
  private readonly newRows;
  private readonly modelId: number | null;
  private lastId: number;
  /** one processing chain: the case has one writer connection */
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private readonly severities = new Map<string, Severity>();
  private readonly scoreAlerted = new Map<string, number>();
  alerts = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: FollowOptions,
    private readonly hooks: FollowHooks,
    private readonly onFailure: () => void,
  ) {
    // live rows are indexed as they arrive: evidence counts and the app's queries stay fast while following
    for (const ix of EVENT_INDEXES) db.exec(ix.sql);
    this.analyzer = createIncrementalAnalyzer(db, { settings: opts.settings, store: true });
    let model: LoadedModel | null = null;
    try {
      model = loadModel(db);
    } catch (e) {
      if (!(e instanceof LoupeError && e.code === 'no_model')) hooks.onNotice?.(`the case's model cannot score live rows: ${errorMessage(e)}`);
    }
    this.model = model;
    this.modelId = model ? (db.prepare('SELECT id FROM models ORDER BY id DESC LIMIT 1').get() as { id: number }).id : null;
    if (model) hooks.onNotice?.(`scoring new rows with the case's model #${this.modelId}`);
    this.insertScore = db.prepare('INSERT OR REPLACE INTO scores (model_id, event_id, score) VALUES (?, ?, ?)');
    // only what detectors and the model read: wide rows (raw, extra, message) cost more to build than to query
    this.newRows = db.prepare(`SELECT id, source_id, line_no, ${LIVE_COLUMNS.join(', ')}, ${REPEATED_SQL} FROM events WHERE id > ? ORDER BY id`);
    this.lastId = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM events').get() as { id: number }).id;
    for (const f of db.prepare("SELECT id, severity FROM findings WHERE status = 'open'").all() as { id: string; severity: Severity }[]) this.severities.set(f.id, f.severity);
  }

  /** Queues complete lines from one input; processing is serialised on the case's one connection. */
  take(name: string, bytes: Buffer): Promise<void> {
    const copy = Buffer.from(bytes);
    this.chain = this.chain.then(() => this.process(name, copy)).catch((e) => {
      this.failure ??= e;
      this.hooks.onNotice?.(`following ${name} failed: ${errorMessage(e)}`);
      this.onFailure();
    });
    return this.chain;
  }

  private async process(name: string, bytes: Buffer): Promise<void> {
    if (this.failure) return;
    const input = this.inputs.get(name) ?? this.open(name, bytes);
    await input.session.push(bytes);
    await input.session.settle();
    const rows = this.newRows.all(this.lastId) as (LiveEvent & { line_no: number })[];
    if (!rows.length) return this.stats(input);
    this.lastId = rows[rows.length - 1]!.id;
    const firstLine = rows[0]!.line_no;
    const lastLine = rows[rows.length - 1]!.line_no;
    for (const f of this.analyzer.addEvents(rows)) this.findingAlert(f, input.name, firstLine, lastLine);
    if (this.model) this.score(rows, input.name, firstLine, lastLine);
    this.stats(input);
  }

  private open(name: string, head: Buffer): LiveInput {
    const lines = headLines(head, false);
    const resolved = resolveFormat(registry, lines, name === '-' ? 'standard input' : name, this.opts.format, this.opts.map);
    const time = probeTimeSemantics(resolved.spec, resolved.layout, lines);
    const now = Date.now();
    const year = time.yearless ? new Date(now).getUTCFullYear() : null;
    const settings: ParseSettings = {
      format: resolved.spec.name,
      framing: resolved.spec.framing,
      layout: resolved.layout,
      tz: this.opts.tz ?? null,
      year,
      refTime: time.yearless ? now : null,
      // a followed source rotates or is a stream: keep each line, there may be no file to re-read
      storeRaw: true,
    };
    const sourceId = insertSource(this.db, {
      path: name,
      sha256: null,
      bytes: 0,
      mtime: null,
      format: resolved.spec.name,
      mapping: resolved.layout.mapping,
      timezone: time.zoneInLog ? 'log' : (this.opts.tz ?? 'UTC'),
      timezoneSource: time.zoneInLog ? 'log' : this.opts.tz ? 'option' : (time.zoned ?? 0) > 0 ? 'mixed' : 'default',
      year,
      yearSource: time.yearless ? 'mtime' : null,
      gzip: false,
      parserVersion: PARSER_VERSION,
      options: { follow: true, format: this.opts.format ?? 'auto', tz: this.opts.tz ?? null, map: this.opts.map ?? null, layout: resolved.layout },
      startedAt: now,
      status: 'live',
    });
    appendAudit(this.db, 'loupe', 'follow.start', { sourceId, path: name, format: resolved.spec.name });
    const session = new IngestSession({
      sourceId,
      settings,
      parser: new InlineParser((n) => registry.get(n)!),
      sink: new InlineSink(this.db),
      headerLines: Math.max(0, resolved.layout.firstRecordLine - 1),
    });
    const input: LiveInput = { name, sourceId, session, rate: [] };
    this.inputs.set(name, input);
    this.hooks.onNotice?.(`following ${name === '-' ? 'standard input' : name} as ${resolved.spec.name} (source #${sourceId})`);
    return input;
  }

  private findingAlert(f: Finding, source: string, firstLine: number, lastLine: number): void {
    const before = this.severities.get(f.id);
    this.severities.set(f.id, f.severity);
    if (before !== undefined && severityRank(f.severity) <= severityRank(before)) return; // grew, not worse: updated in place, no new alert
    this.emit({
      type: before === undefined ? 'finding' : 'finding_escalated',
      at: Date.now(),
      severity: f.severity,
      entity: f.entity,
      title: f.title,
      findingId: f.id,
      detector: f.detector,
      source,
      firstLine,
      lastLine,
    });
  }

  private score(rows: readonly LiveEvent[], source: string, firstLine: number, lastLine: number): void {
    const scores = scoreEvents(this.model!, rows);
    const threshold = this.opts.scoreThreshold ?? 0.9;
    const now = Date.now();
    this.db.transaction(() => {
      for (let i = 0; i < rows.length; i++) this.insertScore.run(this.modelId, rows[i]!.id, scores[i]);
    })();
    for (let i = 0; i < rows.length; i++) {
      if (scores[i]! < threshold) continue;
      const entity = String(rows[i]!.src_ip ?? 'unknown source');
      // one score alert per entity per minute: a flood of rows from one attacker is one alert
      if (now - (this.scoreAlerted.get(entity) ?? 0) < 60_000) continue;
      this.scoreAlerted.set(entity, now);
      this.emit({
        type: 'score',
        at: now,
        severity: scores[i]! >= 0.98 ? 'high' : 'medium',
        entity,
        title: `model score ${scores[i]!.toFixed(2)} for a row from ${entity}`,
        eventId: rows[i]!.id,
        score: scores[i],
        source,
        firstLine,
        lastLine,
      });
    }
  }

  private emit(a: FollowAlert): void {
    this.alerts++;
    this.hooks.onAlert?.(a);
  }

  private stats(input: LiveInput): void {
    const t = input.session.totals;
    const now = Date.now();
    input.rate.push({ at: now, records: t.records });
    while (input.rate.length > 2 && now - input.rate[0]!.at > 5000) input.rate.shift();
    const first = input.rate[0]!;
    const rate = now > first.at ? ((t.records - first.records) * 1000) / (now - first.at) : 0;
    this.hooks.onStats?.({ source: input.name, sourceId: input.sourceId, records: t.records, events: t.events, quarantined: t.quarantined, rate });
  }

  summary(): FollowSummary['sources'] {
    return [...this.inputs.values()].map((i) => ({ id: i.sourceId, path: i.name, records: i.session.totals.records, events: i.session.totals.events, quarantined: i.session.totals.quarantined }));
  }

  /** Ends every session (last partial records included) and marks the sources complete. */
  async close(): Promise<void> {
    await this.chain;
    for (const input of this.inputs.values()) {
      const t = await input.session.end();
      finishSource(this.db, input.sourceId, {
        status: 'complete',
        statusDetail: `followed live until ${new Date().toISOString()}`,
        sha256: null,
        bytes: t.bytes,
        cleaning: sessionCleaning(t, ['followed live: each line is stored with its event (the file may rotate), so the source has no single SHA-256']),
        finishedAt: Date.now(),
      });
      appendAudit(this.db, 'loupe', 'follow.stop', { sourceId: input.sourceId, records: t.records, events: t.events, quarantined: t.quarantined });
    }
    if (this.failure) throw this.failure;
  }
}
