import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTailer, lineFramer } from '../../../src/core/follow/tail';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(initial = ''): { file: string; lines: string[]; resets: string[]; tailer: FileTailer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-tail-'));
  dirs.push(dir);
  const file = path.join(dir, 'access.log');
  fs.writeFileSync(file, initial);
  const lines: string[] = [];
  const resets: string[] = [];
  const tailer = new FileTailer(
    file,
    {
      onChunk: (c) => {
        const text = c.bytes.toString('utf8');
        expect(text.endsWith('\n')).toBe(true);
        lines.push(...text.slice(0, -1).split('\n'));
      },
      onReset: (r) => resets.push(r),
    },
    { pollMs: 1_000_000 },
  );
  return { file, lines, resets, tailer };
}

describe('FileTailer', () => {
  it('reads existing lines, then appends, and holds a partial line until its newline', async () => {
    const t = setup('a\nb\n');
    t.tailer.start();
    await t.tailer.pollNow();
    expect(t.lines).toEqual(['a', 'b']);
    fs.appendFileSync(t.file, 'c\npart');
    await t.tailer.pollNow();
    expect(t.lines).toEqual(['a', 'b', 'c']);
    fs.appendFileSync(t.file, 'ial\n');
    await t.tailer.pollNow();
    expect(t.lines).toEqual(['a', 'b', 'c', 'partial']);
    await t.tailer.stop();
  });

  it('follows a rename-and-recreate rotation without losing or duplicating a line', async () => {
    const t = setup('1\n2\n');
    t.tailer.start();
    await t.tailer.pollNow();
    // lines written to the old file after our last read, then rotation
    fs.appendFileSync(t.file, '3\n4');
    fs.renameSync(t.file, `${t.file}.1`);
    fs.writeFileSync(t.file, '5\n6\n');
    await t.tailer.pollNow();
    expect(t.lines).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(t.resets[0]).toMatch(/rotated/);
    await t.tailer.stop();
  });

  it('handles copytruncate, also when the file regrows past the old offset before the next poll', async () => {
    const t = setup('first line\nsecond line\n');
    t.tailer.start();
    await t.tailer.pollNow();
    fs.truncateSync(t.file, 0);
    fs.appendFileSync(t.file, 'x\n');
    await t.tailer.pollNow();
    expect(t.lines).toEqual(['first line', 'second line', 'x']);
    // regrow past the old offset with different content
    fs.truncateSync(t.file, 0);
    fs.appendFileSync(t.file, 'a much longer replacement line that passes the offset\n');
    await t.tailer.pollNow();
    expect(t.lines.at(-1)).toBe('a much longer replacement line that passes the offset');
    expect(t.resets.filter((r) => /truncated/.test(r))).toHaveLength(2);
    await t.tailer.stop();
  });

  it('hands on a burst of 100,000 lines exactly once each', async () => {
    const t = setup();
    t.tailer.start();
    const body = Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    fs.appendFileSync(t.file, body);
    await t.tailer.pollNow();
    expect(t.lines).toHaveLength(100_000);
    expect(t.lines[99_999]).toBe('line 99999');
    expect(new Set(t.lines).size).toBe(100_000);
    await t.tailer.stop();
  });

  it('flushes a final partial line on stop when asked', async () => {
    const t = setup('done\nunfinished');
    t.tailer.start();
    await t.tailer.pollNow();
    expect(t.lines).toEqual(['done']);
    await t.tailer.stop(true);
    expect(t.lines).toEqual(['done', 'unfinished']);
  });
});

describe('lineFramer', () => {
  it('joins lines split across chunks, including a UTF-8 character split in two', async () => {
    const got: string[] = [];
    const f = lineFramer((b) => {
      got.push(...b.toString('utf8').slice(0, -1).split('\n'));
    });
    const text = Buffer.from('سلام\nworld\n', 'utf8');
    await f.push(text.subarray(0, 3));
    await f.push(text.subarray(3, 9));
    await f.push(text.subarray(9));
    await f.push(Buffer.from('tail'));
    await f.end();
    expect(got).toEqual(['سلام', 'world', 'tail']);
  });
});
