// Web mode's wire format and the client over it: the paths, the token header and the WebSocket
// message shape `loupe serve` speaks (src/server/http.ts), and the fetch + WebSocket client the
// renderer uses in a browser and the tests use against a live server. The channels and their
// payloads are the contract in api.ts; this is only how they travel.
import { CHANNELS, fail, type Api, type ApiClient, type ApiEvents, type Channel, type EventName } from './api';
import type { Result } from './model';

/** POST `${API_PREFIX}${channel}` with a JSON body; the token in TOKEN_HEADER. */
export const API_PREFIX = '/api/';
/** POST with the raw file as body and `?name=<file name>`; the token in TOKEN_HEADER. */
export const UPLOAD_PATH = '/upload';
/** WebSocket endpoint; the token as `?token=` (browsers cannot set headers on a WebSocket). */
export const WS_PATH = '/ws';
export const TOKEN_HEADER = 'x-loupe-token';
/** exported files are downloadable at `${FILES_PATH}<name>?token=` in web mode */
export const FILES_PATH = '/files/';

export interface WireEvent<E extends EventName = EventName> {
  event: E;
  payload: ApiEvents[E];
}

interface WebSocketLike {
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  close(): void;
}

/**
 * A client over web mode (fetch + WebSocket), for the renderer in a browser and for tests.
 * `base` is the server origin ('' in the browser: same origin).
 */
export function createHttpClient(opts: { base: string; token: string; fetch?: typeof fetch; openSocket?: (url: string) => WebSocketLike }): ApiClient {
  const doFetch = opts.fetch ?? fetch;
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let socket: WebSocketLike | null = null;
  const ensureSocket = (): void => {
    if (socket || !opts.openSocket) return;
    const wsBase = opts.base.replace(/^http/, 'ws');
    socket = opts.openSocket(`${wsBase}${WS_PATH}?token=${encodeURIComponent(opts.token)}`);
    socket.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      const msg = JSON.parse(ev.data) as WireEvent;
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    };
    socket.onclose = () => {
      socket = null;
      // the server restarted or the laptop slept: reconnect while someone is listening
      if ([...listeners.values()].some((set) => set.size > 0)) setTimeout(ensureSocket, 1000);
    };
  };
  const call = async (channel: Channel, args: unknown): Promise<Result<unknown>> => {
    try {
      const res = await doFetch(`${opts.base}${API_PREFIX}${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: opts.token },
        body: JSON.stringify(args ?? {}),
      });
      const body = (await res.json()) as Result<unknown>;
      return body;
    } catch (e) {
      return fail('internal', `the Loupe server did not answer (${e instanceof Error ? e.message : String(e)}); is \`loupe serve\` still running?`);
    }
  };
  const requests = Object.fromEntries(CHANNELS.map((c) => [c, (args: unknown) => call(c, args)])) as unknown as Api;
  return {
    ...requests,
    on(event, listener) {
      ensureSocket();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    pathForFile: () => null,
    pickFiles: async () => null,
    async uploadFile(file) {
      try {
        const res = await doFetch(`${opts.base}${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: opts.token },
          body: file,
        });
        return (await res.json()) as Result<{ path: string; bytes: number }>;
      } catch (e) {
        return fail('internal', `upload failed (${e instanceof Error ? e.message : String(e)})`);
      }
    },
  };
}
