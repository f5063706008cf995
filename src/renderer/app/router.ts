// Hash routes (#/findings?id=..): work the same from file:// in Electron and over web mode.
import { useEffect, useState } from 'react';

export const SCREENS = ['start', 'ingest', 'overview', 'findings', 'explorer', 'entity', 'model', 'export', 'live', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  screen: Screen;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [name, qs] = h.split('?', 2);
  const screen = (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'start';
  return { screen, params: new URLSearchParams(qs ?? '') };
}

/**
 * Where to go when the address names no screen: a case that already holds sources (`loupe serve
 * case.loupe`, a reopened case) opens on its overview; no case or an empty one, on Start.
 */
export function landingScreen(hash: string, sources: number | null): Screen | null {
  if (hash.replace(/^#\/?/, '') !== '') return null;
  return sources ? 'overview' : null;
}

export function href(screen: Screen, params?: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v != null && v !== '') p.set(k, String(v));
  const qs = p.toString();
  return `#/${screen}${qs ? `?${qs}` : ''}`;
}

export function navigate(screen: Screen, params?: Record<string, string | number | undefined | null>): void {
  window.location.hash = href(screen, params);
}

/** Fired by replaceRoute: history.replaceState moves the address without a hashchange event. */
const REPLACED = 'loupe:route-replaced';

/**
 * Rewrites the address in place (no new history entry) for state the screen already shows, such
 * as the selected finding, so a reload or a copied link keeps it. The route is updated too:
 * otherwise a later link back to the old address would look unchanged and be ignored.
 */
export function replaceRoute(screen: Screen, params?: Record<string, string | number | undefined | null>): void {
  const to = href(screen, params);
  if (window.location.hash === to) return;
  window.history.replaceState(window.history.state, '', to);
  window.dispatchEvent(new Event(REPLACED));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    window.addEventListener(REPLACED, on);
    return () => {
      window.removeEventListener('hashchange', on);
      window.removeEventListener(REPLACED, on);
    };
  }, []);
  return route;
}
