// Bookkeeping shared by every file's plan: planted events, the incidents and benign traps they
// form, and ground-truth entries computed from the very rows that are written.
import { LoupeError } from '../errors';
import type { AttackerIps } from './ips';
import type { Rng } from './rng';
import type { Timed } from './timeline';
import type { Benign, Incident, IncidentKind } from './types';

export interface PlanContext {
  rng: Rng;
  seed: number;
  lines: number;
  start: number;
  end: number;
  /** the generated file's name, recorded in incidents */
  file: string;
  /** short prefix for incident ids (access, flows, ...) */
  key: string;
  attackers: AttackerIps;
}

export class Plan<E extends Timed> {
  readonly events: E[] = [];
  readonly incidents: Incident[] = [];
  readonly benign: Benign[] = [];
  private readonly seq = new Map<string, number>();

  constructor(readonly ctx: PlanContext) {}

  add(evs: readonly E[]): void {
    for (const e of evs) this.events.push(e);
  }

  /** Records an incident from the rows a detector would count (the caller adds all its rows with add()). */
  incident(
    kind: IncidentKind,
    entity: string,
    entityType: Incident['entityType'],
    counted: readonly Timed[],
    description: string,
    extra: { category?: string; intensity?: string; details?: Incident['details'] } = {},
  ): Incident {
    const n = (this.seq.get(kind) ?? 0) + 1;
    this.seq.set(kind, n);
    let first = Infinity;
    let last = -Infinity;
    for (const e of counted) {
      if (e.ts < first) first = e.ts;
      if (e.ts > last) last = e.ts;
    }
    const inc: Incident = {
      id: `${this.ctx.key}-${kind}-${n}`,
      kind,
      entity,
      entityType,
      files: [this.ctx.file],
      firstSeen: new Date(first).toISOString(),
      lastSeen: new Date(last).toISOString(),
      count: counted.length,
      description,
      ...(extra.category ? { category: extra.category } : {}),
      ...(extra.intensity ? { intensity: extra.intensity } : {}),
      details: extra.details ?? {},
    };
    this.incidents.push(inc);
    return inc;
  }

  benignTrap(kind: string, entity: string, count: number, description: string): void {
    this.benign.push({ kind, entity, description, files: [this.ctx.file], count });
  }

  /** Milliseconds of the file's span. */
  get span(): number {
    return this.ctx.end - this.ctx.start;
  }
}

export const MIN = 60_000;
export const HOUR = 3_600_000;

/** --lines too small to plant every incident of one file: `need` is that file's minimum. */
export class TooFewLines extends LoupeError {
  constructor(
    readonly need: number,
    file: string,
    lines: number,
  ) {
    super('usage', `--lines ${lines} is too small to plant every incident in ${file}; use at least ${need} (planted rows must leave room for normal traffic)`);
  }
}
