// entity/*: one IP across everything (aggregates in the read worker pool), its findings, and
// analyst tags and notes on the entity itself.
import { setNote, setTag } from '../../core/store/annotations';
import { errorMessage } from '../../core/errors';
import type { Finding } from '../../shared/model';
import { engine } from '../engine';
import type { Slice } from './types';

/** A finding concerns an IP when it is the entity or one side of a pair ("a -> b"). */
const concerns = (f: Finding, ip: string): boolean => f.entity === ip || f.entity.split(/\s*(?:->|→|,)\s*/).includes(ip);

export const entity: Slice<'entity'> = {
  'entity/get': async (a, s) => {
    const { file, db } = s.requireCase();
    const agg = await s.explorer.entity(file, a.ip, { from: a.from, to: a.to });
    let findings: Finding[] = [];
    try {
      findings = engine.findings(db, { status: 'all' }).filter((f) => concerns(f, a.ip));
    } catch (e) {
      // the aggregates stand on their own; say in the server log why findings are missing
      process.stderr.write(`loupe: entity findings unavailable: ${errorMessage(e)}\n`);
    }
    return { ...agg, findings };
  },
  'entity/tag': (a, s) => setTag(s.requireCase().db, s.settings().analyst, { type: 'entity', id: a.ip }, a.tag, a.remove),
  'entity/note': (a, s) => setNote(s.requireCase().db, s.settings().analyst, { type: 'entity', id: a.ip }, a.text),
};
