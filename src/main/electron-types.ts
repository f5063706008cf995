// The subset of Electron's main-process API the shell uses, typed here because Electron is an
// optional dependency whose runtime (and typings) cannot be downloaded on every machine; the shell
// must still type-check and lint where it is absent. Loaded with require so nothing resolves at
// type-check time.

export interface WebPreferences {
  preload: string;
  sandbox: boolean;
  contextIsolation: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  webviewTag: boolean;
  spellcheck: boolean;
  navigateOnDragDrop: boolean;
}

export interface WebFrameMain {
  url: string;
  parent: WebFrameMain | null;
}

export interface IpcMainInvokeEvent {
  senderFrame: WebFrameMain | null;
  sender: WebContents;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContents {
  id: number;
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (e: PreventableEvent, url: string) => void): void;
  on(event: 'did-finish-load', listener: () => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  getURL(): string;
}

export interface BrowserWindow {
  webContents: WebContents;
  loadFile(file: string): Promise<void>;
  loadURL(url: string): Promise<void>;
  on(event: 'closed', listener: () => void): void;
  once(event: 'ready-to-show', listener: () => void): void;
  show(): void;
  isDestroyed(): boolean;
}

export interface BrowserWindowConstructor {
  new (opts: { width: number; height: number; minWidth: number; minHeight: number; show: boolean; title: string; backgroundColor?: string; webPreferences: WebPreferences }): BrowserWindow;
  getAllWindows(): BrowserWindow[];
}

export interface MenuItemOptions {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemOptions[];
}

export interface ElectronSession {
  setPermissionRequestHandler(handler: (wc: WebContents, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  webRequest: {
    onBeforeRequest(filter: { urls: string[] }, listener: (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void): void;
    onHeadersReceived(listener: (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void): void;
  };
}

export interface OpenDialogResult {
  canceled: boolean;
  filePaths: string[];
}

export interface ElectronMain {
  app: {
    whenReady(): Promise<void>;
    on(event: 'window-all-closed' | 'activate' | 'before-quit', listener: () => void): void;
    on(event: 'web-contents-created', listener: (e: unknown, contents: WebContents) => void): void;
    quit(): void;
    getPath(name: 'userData' | 'documents'): string;
    isPackaged: boolean;
    enableSandbox(): void;
  };
  BrowserWindow: BrowserWindowConstructor;
  Menu: { buildFromTemplate(t: MenuItemOptions[]): unknown; setApplicationMenu(m: unknown): void };
  dialog: {
    showOpenDialog(win: BrowserWindow, opts: { title: string; properties: string[]; filters?: { name: string; extensions: string[] }[] }): Promise<OpenDialogResult>;
    showErrorBox(title: string, content: string): void;
    showSaveDialog(win: BrowserWindow, opts: { title: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  };
  session: { defaultSession: ElectronSession };
  ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>): void;
  };
}

export function loadElectron(): ElectronMain {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('electron') as ElectronMain;
}
