// The only place ipcMain is used: every contract channel is registered here, each call checks that
// it comes from the app's own top-level renderer frame and parses its payload with zod (in
// dispatch) before any handler runs. Pushed events go out through `send`.
import { CHANNELS, fail, type ApiEvents, type EventName } from '../shared/api';
import { dispatch } from '../server/handlers';
import type { Handlers } from '../server/handlers/types';
import type { Session } from '../server/session';
import type { BrowserWindowConstructor, ElectronMain, WebFrameMain } from './electron-types';

/**
 * A sender is trusted when it is a top-level frame showing the bundled renderer (file:// URL of
 * out/renderer/index.html) or, in development only, the electron-vite dev server.
 */
export function isTrustedFrame(frame: WebFrameMain | null, rendererFileUrl: string, devServerUrl: string | null): boolean {
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    const want = new URL(rendererFileUrl);
    return url.pathname === want.pathname;
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return (url.protocol === 'http:' && url.host === dev.host && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'));
  }
  return false;
}

export function registerIpc(electron: Pick<ElectronMain, 'ipcMain'>, session: Session, handlers: Handlers, trusted: (frame: WebFrameMain | null) => boolean): void {
  for (const channel of CHANNELS) {
    electron.ipcMain.handle(channel, async (event, payload) => {
      if (!trusted(event.senderFrame)) return fail('forbidden', `${channel}: refused a call from an untrusted frame`);
      return dispatch(session, channel, payload, handlers);
    });
  }
}

/** Sends a pushed event to every open window. */
export function broadcast<E extends EventName>(windows: BrowserWindowConstructor, event: E, payload: ApiEvents[E]): void {
  for (const w of windows.getAllWindows()) if (!w.isDestroyed() && !w.webContents.isDestroyed()) w.webContents.send(event, payload);
}
