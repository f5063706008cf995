// follow/* through the app dispatch: a growing log is followed into the open case, stats are pushed
// as lines arrive, and stop ends it with the rows counted.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEvents, EventName } from '../../../src/shared/api';
import { dispatch } from '../../../src/server/handlers';
import { Session } from '../../../src/server/session';
import { tempDir } from './helpers';

const line = (i: number): string => `10.0.0.${i % 5} - - [17/Mar/2025:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /page/${i} HTTP/1.1" 200 ${100 + i} "-" "curl/8"\n`;

describe('follow', () => {
  it('follows a growing file, pushes stats, and stops cleanly', async () => {
    const dir = tempDir();
    const events: { event: EventName; payload: ApiEvents[EventName] }[] = [];
    const s = new Session({ mode: 'web', userDir: dir, emit: (event, payload) => events.push({ event, payload }) });
    try {
      expect(await dispatch(s, 'cases/create', { file: path.join(dir, 'live.loupe') })).toMatchObject({ ok: true });
      const log = path.join(dir, 'access.log');
      fs.writeFileSync(log, Array.from({ length: 20 }, (_, i) => line(i)).join(''));
      const started = (await dispatch(s, 'follow/start', { path: log })) as { ok: true; value: { followId: string } };
      expect(started.ok).toBe(true);
      const id = started.value.followId;
      fs.appendFileSync(log, Array.from({ length: 30 }, (_, i) => line(20 + i)).join(''));
      for (let i = 0; i < 100; i++) {
        const st = events.filter((e) => e.event === 'follow/stats').at(-1)?.payload as ApiEvents['follow/stats'] | undefined;
        if (st && st.events >= 50) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const last = events.filter((e) => e.event === 'follow/stats').at(-1)?.payload as ApiEvents['follow/stats'];
      expect(last).toMatchObject({ followId: id, events: 50, quarantined: 0 });
      const stopped = (await dispatch(s, 'follow/stop', { followId: id })) as { ok: true; value: { state: string; events: number } };
      expect(stopped.value).toMatchObject({ state: 'stopped', events: 50 });
      const info = (await dispatch(s, 'cases/info', {})) as { ok: true; value: { events: number } };
      expect(info.value.events).toBe(50);
      expect(await dispatch(s, 'follow/stop', { followId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await s.close();
    }
  });
});
