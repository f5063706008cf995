// Picks the transport for the one API contract: the preload's `api` object in Electron, or the
// web-mode HTTP/WebSocket client (token taken from the URL once, then kept out of the address bar).
import type { ApiClient } from '../../shared/api';
import { createHttpClient } from '../../shared/web';

declare global {
  interface Window {
    api?: ApiClient;
  }
}

const TOKEN_KEY = 'loupe.token';

function webToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // keep the token out of screenshots, history and copied links
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createClient(): ApiClient {
  if (window.api) return window.api;
  return createHttpClient({ base: '', token: webToken(), openSocket: openSocket });
}

/** Adapts the browser WebSocket to the contract's minimal socket (same origin, ws:// scheme). */
function openSocket(u: string) {
  const ws = new WebSocket(new URL(u, window.location.href).href.replace(/^http/, 'ws'));
  const like = {
    onmessage: null as ((ev: { data: unknown }) => void) | null,
    onclose: null as ((ev: unknown) => void) | null,
    close: () => ws.close(),
  };
  ws.onmessage = (ev) => like.onmessage?.({ data: ev.data });
  ws.onclose = (ev) => like.onclose?.(ev);
  return like;
}

/** A server-made download link with the session token (a plain link cannot send the token header). */
export function withToken(url: string): string {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token || !url.startsWith('/')) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
