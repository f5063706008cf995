import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../src/shared/columns';
import { eventColumns } from '../../../src/renderer/features/explorer/eventColumns';

describe('event table cells', () => {
  it('writes ports and status codes as they appear in logs, counts with separators', () => {
    const row = { id: 1, ts: 0, src_ip: '10.0.0.1', src_port: 34583, dst_port: 3389, status: 404, packets: 12000 } as unknown as EventRow;
    const cols = eventColumns([row], () => 'time');
    const cell = (key: string) => cols.find((c) => c.key === key)!.render(row);
    expect(cell('src_port')).toBe('34583');
    expect(cell('dst_port')).toBe('3389');
    expect(cell('status')).toBe('404');
    expect(cell('packets')).toBe('12,000');
    expect(cols.find((c) => c.key === 'src_port')!.align).toBe('right');
  });
});

import { bytesText, fileName } from '../../../src/renderer/features/explorer/EventDetail';

describe('event source name', () => {
  it('is the last segment of a POSIX or Windows path', () => {
    expect(bytesText(4495)).toBe('4,495 (4.39 KiB)');
    expect(bytesText(512)).toBe('512');
    expect(fileName('/var/log/nginx/access.log')).toBe('access.log');
    expect(fileName('C:\\logs\\u_ex240101.log')).toBe('u_ex240101.log');
    expect(fileName('plain.log')).toBe('plain.log');
    expect(fileName('/trailing/')).toBe('/trailing/');
  });
});

import { varyingFirst } from '../../../src/renderer/features/explorer/eventColumns';

describe('evidence column order', () => {
  it('puts the time first, then what changes row to row, then what is the same on every row', () => {
    const rows = [
      { id: 1, ts: 1, src_ip: '10.0.0.9', method: 'GET', path: '/a', status: 404 },
      { id: 2, ts: 2, src_ip: '10.0.0.9', method: 'GET', path: '/b', status: 200 },
    ] as unknown as EventRow[];
    const order = varyingFirst(eventColumns(rows, () => 't'), rows).map((c) => c.key);
    expect(order).toEqual(['ts', 'path', 'status', 'src_ip', 'method']);
  });

  it('keeps the order for a single row', () => {
    const rows = [{ id: 1, ts: 1, src_ip: '10.0.0.9', path: '/a' }] as unknown as EventRow[];
    expect(varyingFirst(eventColumns(rows, () => 't'), rows).map((c) => c.key)).toEqual(['ts', 'src_ip', 'path']);
  });
});

import { extraFields } from '../../../src/renderer/features/explorer/eventColumns';

describe('extraFields', () => {
  it("lists a Windows event's own fields one per row, so EventId is read rather than dug out of JSON", () => {
    const f = extraFields(JSON.stringify({ RecordNumber: '5169', EventId: '4625', Computer: 'FS01.corp.example.com', UserId: '', Payload: { EventData: { Data: [1] } }, n: 3 }));
    expect(f).toEqual([
      { key: 'RecordNumber', value: '5169' },
      { key: 'EventId', value: '4625' },
      { key: 'Computer', value: 'FS01.corp.example.com' },
      { key: 'Payload', value: '{"EventData":{"Data":[1]}}' },
      { key: 'n', value: 3 },
    ]);
  });
  it('leaves text that is not a JSON object, or one too wide to list, as it is (null)', () => {
    expect(extraFields(null)).toBeNull();
    expect(extraFields('not json')).toBeNull();
    expect(extraFields('[1,2]')).toBeNull();
    expect(extraFields('"s"')).toBeNull();
    expect(extraFields(JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]))))).toBeNull();
  });
});
