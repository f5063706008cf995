// cases/*: open, create, info, recent cases, the sample case, user settings.
import fs from 'node:fs';
import path from 'node:path';
import type { CaseInfo } from '../../shared/api';
import { SEVERITIES, type Severity } from '../../shared/model';
import { LOUPE_VERSION } from '../../core/version';
import { getMeta } from '../../core/store/case';
import { SCHEMA_VERSION } from '../../core/store/migrations';
import { ftsStatus } from '../../core/explore/fts';
import { LoupeError } from '../../core/errors';
import { resourcesDir } from '../../core/paths';
import { engine } from '../engine';
import { startFtsBuild } from './explore';
import type { Session } from '../session';
import type { Slice } from './types';

export function sampleCaseFile(): string {
  return path.join(resourcesDir(), 'sample.loupe');
}

export function caseInfo(s: Session): CaseInfo {
  const { file, db } = s.requireCase();
  // the sources keep exact counts (records = events + quarantined); counting 2M rows here would stall the loop
  const counts = db.prepare('SELECT (SELECT coalesce(sum(events), 0) FROM sources) AS events, (SELECT coalesce(sum(quarantined), 0) FROM sources) AS quarantined, (SELECT count(*) FROM models) AS models').get() as { events: number; quarantined: number; models: number };
  const findings = Object.fromEntries(SEVERITIES.map((sev) => [sev, 0])) as Record<Severity, number>;
  for (const r of db.prepare("SELECT severity, count(*) AS n FROM findings WHERE status = 'open' GROUP BY severity").all() as { severity: Severity; n: number }[]) findings[r.severity] = r.n;
  const analyzed = db.prepare("SELECT updated_at FROM stats WHERE key = 'overview'").get() as { updated_at: number } | undefined;
  const created = getMeta(db, 'created_at');
  const fts = ftsStatus(db);
  const building = s.jobs.running('fts')[0];
  return {
    file,
    name: path.basename(file),
    readonly: false,
    schemaVersion: SCHEMA_VERSION,
    createdAt: created ? Number(created) : null,
    sources: engine.listSources(db),
    events: counts.events,
    quarantined: counts.quarantined,
    findings,
    analyzedAt: analyzed?.updated_at ?? null,
    models: counts.models,
    fts: building ? { ...fts, state: 'building', jobId: building.id, progress: building.progress?.value ?? fts.progress } : fts,
  };
}

/** Opens a case and, when its full-text index does not cover every row, continues building it. */
export function openAndIndex(s: Session, file: string): CaseInfo {
  const { db } = s.open(file, false);
  const st = ftsStatus(db);
  if (st.state !== 'ready' && st.totalRows > 0) startFtsBuild(s);
  return caseInfo(s);
}

export const cases: Slice<'cases'> = {
  'cases/open': (a, s) => openAndIndex(s, a.file),
  'cases/create': (a, s) => {
    const file = a.file.endsWith('.loupe') ? a.file : `${a.file}.loupe`;
    s.open(file, true);
    return caseInfo(s);
  },
  'cases/info': (_a, s) => caseInfo(s),
  'cases/recent': (_a, s) => s.recent(),
  'cases/sample': (_a, s) => {
    const file = sampleCaseFile();
    if (!fs.existsSync(file)) throw new LoupeError('not_found', `the sample case is not built: run \`node scripts/sample.mjs\` (or \`npm start\`), which writes ${file}`);
    // the user works on a copy: tags, dismissals and models must not change the shipped sample
    const copy = path.join(s.userDir, 'sample.loupe');
    if (!fs.existsSync(copy) || fs.statSync(copy).mtimeMs < fs.statSync(file).mtimeMs) {
      fs.mkdirSync(s.userDir, { recursive: true });
      for (const ext of ['-wal', '-shm']) fs.rmSync(copy + ext, { force: true });
      fs.copyFileSync(file, copy);
    }
    return openAndIndex(s, copy);
  },
  'cases/settingsGet': (_a, s) => s.settings(),
  'cases/settingsSet': (a, s) => s.saveSettings(a),
};

export const app: Slice<'app'> = {
  'app/info': (_a, s) => ({ mode: s.mode, version: LOUPE_VERSION, uploads: s.mode === 'web', caseFile: s.caseFile }),
  // dialogs exist only in the desktop shell, which overrides these; web mode uses the browser's file input
  'app/pickFiles': () => null,
  'app/pickCase': () => null,
};

