// Electron main process: one sandboxed, context-isolated window over the bundled renderer, the native
// menu and dialogs, and the same handlers as web mode behind the checked IPC wrapper. Everything
// remote is refused: navigation, new windows, permissions, webviews, non-local requests.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiEvents } from '../shared/api';
import { HANDLERS } from '../server/handlers';
import type { Handlers } from '../server/handlers/types';
import { Session } from '../server/session';
import { loadElectron, type BrowserWindow, type MenuItemOptions } from './electron-types';
import { broadcast, isTrustedFrame, registerIpc } from './ipc';

const electron = loadElectron();
const { app, BrowserWindow: Window, Menu, dialog } = electron;

const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererFileUrl = pathToFileURL(rendererIndex).href;
// the electron-vite dev server, in development only
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const preloadFile = ['index.js', 'index.cjs', 'index.mjs'].map((f) => path.join(__dirname, '..', 'preload', f)).find((f) => fs.existsSync(f)) ?? path.join(__dirname, '..', 'preload', 'index.js');

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

app.enableSandbox();

const session = new Session({
  mode: 'electron',
  userDir: path.join(app.getPath('userData'), 'loupe'),
  emit: <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => {
    broadcast(Window, event, payload);
    // the recent-cases submenu follows the case that was opened
    if (event === 'cases/changed') buildMenu();
  },
});

function isLocalUrl(u: string): boolean {
  if (u.startsWith('file://') || u.startsWith('devtools://') || u.startsWith('data:') || u.startsWith('blob:')) return true;
  return devServerUrl !== null && u.startsWith(devServerUrl);
}

function focusedWindow(): BrowserWindow | null {
  return Window.getAllWindows().find((w) => !w.isDestroyed()) ?? null;
}

async function pickFiles(folders: boolean): Promise<string[] | null> {
  const win = focusedWindow();
  if (!win) return null;
  const r = await dialog.showOpenDialog(win, { title: folders ? 'Add a folder of logs' : 'Add log files', properties: folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'] });
  return r.canceled ? null : r.filePaths;
}

async function pickCase(mode: 'open' | 'create'): Promise<string | null> {
  const win = focusedWindow();
  if (!win) return null;
  const filters = [{ name: 'Loupe case', extensions: ['loupe'] }];
  if (mode === 'open') {
    const r = await dialog.showOpenDialog(win, { title: 'Open a case', properties: ['openFile'], filters });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }
  const r = await dialog.showSaveDialog(win, { title: 'New case', defaultPath: path.join(app.getPath('documents'), 'case.loupe'), filters });
  return r.canceled || !r.filePath ? null : r.filePath;
}

const handlers: Handlers = {
  ...HANDLERS,
  'app/pickFiles': (a) => pickFiles(a.folders ?? false),
  'app/pickCase': (a) => pickCase(a.mode),
};

function openCaseFrom(file: string | null, create: boolean): void {
  if (!file) return;
  try {
    session.open(file, create);
  } catch (e) {
    // a menu action has no caller to return the error to: show it in a native box
    dialog.showErrorBox('Loupe could not open the case', (e as Error).message);
  }
}

function buildMenu(): void {
  const menu = (command: ApiEvents['app/menu']['command'], paths?: string[]) => broadcast(Window, 'app/menu', { command, paths });
  const recent: MenuItemOptions[] = session.recent().filter((r) => r.exists).map((r) => ({ label: r.name, click: () => openCaseFrom(r.file, false) }));
  const template: MenuItemOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => void pickCase('create').then((f) => openCaseFrom(f, true)) },
        { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => void pickCase('open').then((f) => openCaseFrom(f, false)) },
        { label: 'Open Recent', submenu: recent.length ? recent : [{ label: 'No recent cases', enabled: false }] },
        { type: 'separator' },
        { label: 'Add Files…', accelerator: 'CmdOrCtrl+Shift+A', click: () => void pickFiles(false).then((p) => p && menu('add-files', p)) },
        { label: 'Add Folder…', click: () => void pickFiles(true).then((p) => p && menu('add-files', p)) },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => menu('export') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  const win = new Window({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Loupe',
    webPreferences: {
      preload: preloadFile,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // a file dropped outside the drop handler must not navigate the window to it
      navigateOnDragDrop: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
}

void app.whenReady().then(() => {
  const ses = electron.session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => callback({ cancel: !isLocalUrl(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }));
  registerIpc(electron, session, handlers, (frame) => isTrustedFrame(frame, rendererFileUrl, devServerUrl));
  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (Window.getAllWindows().length === 0) createWindow();
  });
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => {
  void session.close().then(() => app.quit());
});
