// The contract: every channel has a schema that refuses unknown keys and wrong types, results are
// errors-as-data, and the Electron IPC wrapper refuses frames other than the app's own top frame.
import { describe, expect, it } from 'vitest';
import { CHANNELS, REQUESTS, parseArgs } from '../../../src/shared/api';
import { HANDLERS, dispatch } from '../../../src/server/handlers';
import { isTrustedFrame } from '../../../src/main/ipc';
import { Session } from '../../../src/server/session';
import { tempDir } from './helpers';

describe('contract', () => {
  it('has a handler for every channel and a schema that refuses unknown keys', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) {
      const r = REQUESTS[c].safeParse({ __proto_pollution: 1 });
      expect(r.success, c).toBe(false);
    }
  });

  it('parses good payloads and names the bad field otherwise', () => {
    expect(parseArgs('explore/page', { query: 'status:404', sort: 'ts', dir: 'desc', limit: 10 })).toEqual({ ok: true, value: { query: 'status:404', sort: 'ts', dir: 'desc', limit: 10 } });
    const bad = parseArgs('ingest/start', { files: [{ path: '' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/files\.0\.path/) });
    expect(parseArgs('explore/page', null).ok).toBe(false);
    expect(parseArgs('explore/page', 'status:404').ok).toBe(false);
    expect(parseArgs('explore/page', { query: 'x', limit: 1e9 }).ok).toBe(false);
    expect(parseArgs('cases/settingsSet', { theme: 'neon' }).ok).toBe(false);
  });

  it('dispatch turns engine errors into data and needs an open case', async () => {
    const s = new Session({ mode: 'web', emit: () => undefined, userDir: tempDir() });
    try {
      expect(await dispatch(s, 'explore/page', { query: '' })).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringMatching(/open or create a case/) } });
      expect(await dispatch(s, 'cases/open', { file: '/nonexistent/x.loupe' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await dispatch(s, 'explore/page', { query: '', sort: 'DROP TABLE events' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await dispatch(s, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await dispatch(s, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await s.close();
    }
  });
});

describe('Electron IPC sender check', () => {
  const app = 'file:///opt/loupe/out/renderer/index.html';
  it('trusts only the top-level frame showing the bundled renderer', () => {
    expect(isTrustedFrame({ url: 'file:///opt/loupe/out/renderer/index.html#/explorer', parent: null }, app, null)).toBe(true);
    expect(isTrustedFrame({ url: 'file:///tmp/evil.html', parent: null }, app, null)).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null }, app, null)).toBe(false);
    const top = { url: app, parent: null };
    expect(isTrustedFrame({ url: app, parent: top }, app, null)).toBe(false);
    expect(isTrustedFrame(null, app, null)).toBe(false);
    expect(isTrustedFrame({ url: 'not a url', parent: null }, app, null)).toBe(false);
  });

  it('trusts the dev server only when one is configured, and only on loopback', () => {
    expect(isTrustedFrame({ url: 'http://localhost:5173/', parent: null }, app, null)).toBe(false);
    expect(isTrustedFrame({ url: 'http://localhost:5173/', parent: null }, app, 'http://localhost:5173')).toBe(true);
    expect(isTrustedFrame({ url: 'http://localhost:5174/', parent: null }, app, 'http://localhost:5173')).toBe(false);
    expect(isTrustedFrame({ url: 'http://evil.example:5173/', parent: null }, app, 'http://evil.example:5173')).toBe(false);
  });
});
