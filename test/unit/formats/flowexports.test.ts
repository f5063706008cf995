// Flow exports whose columns need more than a name match: a both-ways byte total beside the sent
// side (PAN-OS, ECS), and CICFlowMeter's day-first dates, forward-only counts and microseconds.
import { describe, expect, it } from 'vitest';
import { parseText } from './helpers';

describe('flow exports', () => {
  it('PAN-OS traffic CSV: bytes are the client\'s Bytes Sent, not Bytes (both ways)', () => {
    const text = [
      'Receive Time,Type,Source address,Destination address,Application,Source Port,Destination Port,IP Protocol,Action,Bytes,Bytes Sent,Bytes Received,Packets,Packets Sent,Packets Received,Start Time,Elapsed Time (sec)',
      '2026/03/02 10:00:01,TRAFFIC,10.0.0.5,93.184.216.34,ssl,51234,443,tcp,allow,52000,2000,50000,50,10,40,2026/03/02 09:59:58,3',
      '2026/03/02 10:00:02,TRAFFIC,45.155.205.17,10.0.0.9,incomplete,40000,3389,tcp,reset-both,60,60,0,1,1,0,2026/03/02 10:00:02,0',
    ].join('\n');
    const r = parseText(text);
    expect(r.quarantined).toEqual([]);
    expect(r.detected.layout.mapping).toMatchObject({ bytes: 'Bytes Sent', packets: 'Packets Sent' });
    expect(r.rows.map((x) => [x.src_ip, x.bytes, x.packets, x.action])).toEqual([
      ['10.0.0.5', 2000, 10, 'accept'],
      ['45.155.205.17', 60, 1, 'reject'],
    ]);
  });

  it('keeps a lone Bytes column, and Bytes beside a sent column with no received partner', () => {
    const r = parseText(['src_ip,dst_ip,dst_port,bytes,bytes_sent', '10.0.0.5,10.0.0.6,80,900,300'].join('\n'));
    expect(r.detected.layout.mapping.bytes).toBe('bytes');
  });

  it('ECS: source.bytes, not network.bytes', () => {
    const r = parseText(JSON.stringify({ '@timestamp': '2026-03-02T10:00:01Z', source: { ip: '10.0.0.5', port: 51234, bytes: 2000 }, destination: { ip: '93.184.216.34', port: 443, bytes: 50000 }, network: { bytes: 52000, transport: 'tcp' } }));
    expect(r.rows.map((x) => x.bytes)).toEqual([2000]);
  });

  it('CICFlowMeter CSV (CIC-IDS2017): dd/MM/yyyy, forward bytes and packets, Flow Duration in microseconds', () => {
    const text = [
      'Flow ID, Source IP, Source Port, Destination IP, Destination Port, Protocol, Timestamp, Flow Duration, Total Fwd Packets, Total Backward Packets,Total Length of Fwd Packets, Total Length of Bwd Packets, Label',
      '192.168.10.5-104.16.207.165-54865-443-6,192.168.10.5,54865,104.16.207.165,443,6,3/7/2017 8:55,2500000,12,30,3000,90000,BENIGN',
      '172.16.0.1-192.168.10.50-35396-22-6,172.16.0.1,35396,192.168.10.50,22,6,7/7/2017 3:30,1157,1,1,0,6,PortScan',
    ].join('\n');
    const r = parseText(text);
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [new Date(x.ts as number).toISOString(), x.bytes, x.packets, x.duration])).toEqual([
      ['2017-07-03T08:55:00.000Z', 3000, 12, 2.5],
      ['2017-07-07T03:30:00.000Z', 0, 1, 0.001157],
    ]);
  });
});
