// Preload (sandboxed): exposes exactly one `api` object implementing the contract's client type over
// IPC — one function per channel, event subscription limited to the contract's events, and the real
// path of dropped files (webUtils.getPathForFile). Nothing else of Electron reaches the page.
// Types only from the contract: its values pull in zod, which a sandboxed preload cannot require.
import type { Api, ApiClient, Channel, EventName } from '../shared/api';
import type { Result } from '../shared/model';

interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, payload: unknown): Promise<unknown>;
    on(channel: string, listener: (e: unknown, payload: unknown) => void): void;
    removeListener(channel: string, listener: (e: unknown, payload: unknown) => void): void;
  };
  webUtils: { getPathForFile(file: File): string };
}

// Electron is optional here (see src/main/electron-types.ts), so its typings may be absent.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contextBridge, ipcRenderer, webUtils } = require('electron') as PreloadElectron;

// The channel and event lists, checked against the contract both ways by the compiler.
const CHANNEL_LIST = [
  'app/info',
  'app/pickFiles',
  'app/pickCase',
  'cases/open',
  'cases/create',
  'cases/info',
  'cases/recent',
  'cases/sample',
  'cases/settingsGet',
  'cases/settingsSet',
  'ingest/formats',
  'ingest/detect',
  'ingest/start',
  'ingest/sources',
  'ingest/quarantine',
  'analysis/detectors',
  'analysis/run',
  'analysis/overview',
  'analysis/findings',
  'analysis/finding',
  'analysis/tag',
  'analysis/note',
  'analysis/dismiss',
  'analysis/restore',
  'analysis/suspicious',
  'explore/page',
  'explore/count',
  'explore/raw',
  'explore/annotations',
  'explore/tag',
  'explore/note',
  'explore/ftsStatus',
  'explore/ftsBuild',
  'entity/get',
  'entity/tag',
  'entity/note',
  'model/list',
  'model/train',
  'model/score',
  'model/metrics',
  'export/start',
  'follow/start',
  'follow/stop',
  'follow/status',
  'jobs/list',
  'jobs/cancel',
] as const satisfies readonly Channel[];
const EVENT_LIST = ['jobs/progress', 'jobs/done', 'jobs/failed', 'follow/alert', 'follow/scoreAlert', 'follow/notice', 'follow/stats', 'cases/changed', 'app/menu'] as const satisfies readonly EventName[];
type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
export const CONTRACT_COVERED: [Complete<Channel, (typeof CHANNEL_LIST)[number]>, Complete<EventName, (typeof EVENT_LIST)[number]>] = [true, true];

const requests = Object.fromEntries(CHANNEL_LIST.map((channel) => [channel, (args: unknown) => ipcRenderer.invoke(channel, args ?? {})])) as unknown as Api;

const api = {
  ...requests,
  on(event, listener) {
    if (!(EVENT_LIST as readonly string[]).includes(event)) throw new Error(`unknown event: ${String(event)}`);
    const l = (_e: unknown, payload: unknown): void => listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(event as EventName, l);
    return () => ipcRenderer.removeListener(event, l);
  },
  pathForFile(file) {
    const p = webUtils.getPathForFile(file);
    return p ? p : null;
  },
  async pickFiles(opts) {
    const r = (await ipcRenderer.invoke('app/pickFiles', { folders: opts.folders ?? false })) as Result<string[] | null>;
    return r.ok ? r.value : null;
  },
  async uploadFile() {
    const r: Result<{ path: string; bytes: number }> = { ok: false, error: { code: 'usage', message: 'the desktop app reads files where they are: drop them on the window or use File > Add Files' } };
    return r;
  },
} satisfies ApiClient;

contextBridge.exposeInMainWorld('api', api);
