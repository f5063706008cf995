// The ingest plan shared by Start (where files are dropped or picked) and Ingest (where the
// responder checks each file's detected format and mapping, then starts and watches the job).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { DetectedFile } from '../../../shared/api';
import type { SourceInfo } from '../../../shared/model';
import { unwrap, useApi, toUiError, type UiError } from '../../app/hooks';
import { useJobs } from '../../app/jobs';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';

export interface PlanFile {
  detected: DetectedFile;
  /** name shown to the user (the browser file name in web mode, where the path is a server copy) */
  displayName: string;
  format: string | null;
  map: Record<string, string>;
  tz: string;
  include: boolean;
}

export type IngestPhase = 'idle' | 'uploading' | 'detecting' | 'review' | 'running' | 'done' | 'failed';

interface IngestValue {
  phase: IngestPhase;
  files: PlanFile[];
  uploadDone: number;
  uploadTotal: number;
  jobId: string | null;
  result: SourceInfo[] | null;
  error: UiError | null;
  addBrowserFiles: (files: readonly File[]) => Promise<void>;
  addPaths: (paths: readonly string[], names?: readonly string[]) => Promise<void>;
  update: (index: number, patch: Partial<PlanFile>) => void;
  start: (opts: { force: boolean }) => Promise<void>;
  reset: () => void;
}

const IngestContext = createContext<IngestValue | null>(null);

export function useIngest(): IngestValue {
  const v = useContext(IngestContext);
  if (!v) throw new Error('IngestContext missing');
  return v;
}

function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

export function IngestProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const jobs = useJobs();
  const session = useSession();
  const [phase, setPhase] = useState<IngestPhase>('idle');
  const [files, setFiles] = useState<PlanFile[]>([]);
  const [uploadDone, setUploadDone] = useState(0);
  const [uploadTotal, setUploadTotal] = useState(0);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<SourceInfo[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const addPaths = useCallback(
    async (paths: readonly string[], names?: readonly string[]) => {
      setError(null);
      setResult(null);
      setPhase('detecting');
      navigate('ingest');
      try {
        const detected = await unwrap(api['ingest/detect']({ paths: [...paths] }));
        setFiles(
          detected.map((d, i) => ({
            detected: d,
            displayName: names?.[i] ?? baseName(d.path),
            format: d.format,
            map: { ...(d.layout?.mapping ?? {}) },
            tz: '',
            include: d.error == null || d.format != null,
          })),
        );
        setPhase('review');
      } catch (e) {
        setError(toUiError(e));
        setPhase('failed');
      }
    },
    [api],
  );

  const addBrowserFiles = useCallback(
    async (list: readonly File[]) => {
      if (!list.length) return;
      setError(null);
      const real = list.map((f) => api.pathForFile(f));
      if (real.every((p): p is string => p != null)) {
        await addPaths(real);
        return;
      }
      // web mode: stream each file to the server, then ingest the server-side copies
      setPhase('uploading');
      navigate('ingest');
      setUploadDone(0);
      setUploadTotal(list.length);
      const paths: string[] = [];
      for (const f of list) {
        const r = await api.uploadFile(f);
        if (!r.ok) {
          setError({ code: r.error.code, message: `${f.name}: ${r.error.message}` });
          setPhase('failed');
          return;
        }
        paths.push(r.value.path);
        setUploadDone((n) => n + 1);
      }
      await addPaths(paths, list.map((f) => f.name));
    },
    [api, addPaths],
  );

  const update = useCallback((index: number, patch: Partial<PlanFile>) => {
    setFiles((fs) => fs.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  }, []);

  const start = useCallback(
    async ({ force }: { force: boolean }) => {
      const chosen = files.filter((f) => f.include);
      if (!chosen.length) return;
      setError(null);
      setPhase('running');
      const payload = chosen.map((f) => {
        // only what the responder changed is sent; the engine re-detects the rest the same way
        const format = f.format && f.format !== f.detected.format ? f.format : undefined;
        const orig = f.detected.layout?.mapping ?? {};
        const map = JSON.stringify(orig) !== JSON.stringify(f.map) ? f.map : undefined;
        return { path: f.detected.path, format, map, tz: f.tz || undefined };
      });
      const job = jobs.start('ingest', `Ingest ${chosen.length} file${chosen.length > 1 ? 's' : ''}`, api['ingest/start']({ files: payload, force, analyze: true }));
      job.id.then(setJobId, () => undefined);
      try {
        const r = await job.done;
        if (r.kind === 'ingest') setResult(r.sources);
        setPhase('done');
      } catch (e) {
        setError(e && typeof e === 'object' && 'message' in e ? (e as UiError) : toUiError(e));
        setPhase('failed');
      }
      await session.reloadCase();
    },
    [api, files, jobs, session],
  );

  const reset = useCallback(() => {
    setPhase('idle');
    setFiles([]);
    setResult(null);
    setError(null);
    setJobId(null);
  }, []);

  const value = useMemo(
    () => ({ phase, files, uploadDone, uploadTotal, jobId, result, error, addBrowserFiles, addPaths, update, start, reset }),
    [phase, files, uploadDone, uploadTotal, jobId, result, error, addBrowserFiles, addPaths, update, start, reset],
  );
  return <IngestContext.Provider value={value}>{children}</IngestContext.Provider>;
}
