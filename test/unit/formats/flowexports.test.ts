// Flow exports whose columns need more than a name match: a both-ways byte total beside the sent
// side (PAN-OS, ECS), and CICFlowMeter's day-first dates, forward-only counts and microseconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../src/core/ingest';
import { FIXTURES, parseFile, parseText } from './helpers';

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

  it("SiLK rwcut: sIP is the flow's source (IIS's s-ip, the same name normalised, is the server), pro the protocol", () => {
    const r = parseFile(path.join(FIXTURES, 'silk_rwcut.txt'));
    expect(r.quarantined).toEqual([]);
    expect(r.detected.layout.mapping).toMatchObject({ src_ip: 'sIP', dst_ip: 'dIP', src_port: 'sPort', dst_port: 'dPort', proto: 'pro', ts: 'sTime' });
    expect(r.rows.map((x) => [x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.proto, x.packets, x.bytes])).toEqual([
      ['10.0.0.1', 51234, '203.0.113.5', 443, 'TCP', 12, 3456],
      ['10.0.0.2', 51235, '203.0.113.6', 22, 'TCP', 3, 180],
      ['198.51.100.9', 53, '10.0.0.1', 40000, 'UDP', 1, 90],
    ]);
    expect(r.rows[0].ts).toBe(Date.UTC(2024, 0, 5, 10, 0, 1, 123));
    // IIS keeps s-ip as the server beside c-ip, the client
    const iis = parseFile(path.join(FIXTURES, 'iis.log'));
    expect(iis.detected.layout.mapping).toMatchObject({ src_ip: 'c-ip', dst_ip: 's-ip' });
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
    // CIC-IDS2017 writes a 12-hour clock without AM/PM: the Friday PortScan at 3:30 ran at 15:30
    expect(r.rows.map((x) => [new Date(x.ts as number).toISOString(), x.bytes, x.packets, x.duration])).toEqual([
      ['2017-07-03T08:55:00.000Z', 3000, 12, 2.5],
      ['2017-07-07T15:30:00.000Z', 0, 1, 0.001157],
    ]);
    expect(r.detected.layout.hints).toMatchObject({ workdayClock: true });
  });

  it('CIC-IDS2017 afternoon file: 12:59 stays noon, 1:00 to 5:02 are the afternoon, and the source notes say so', async () => {
    const head = 'Flow ID, Source IP, Source Port, Destination IP, Destination Port, Protocol, Timestamp, Flow Duration, Total Fwd Packets, Total Backward Packets,Total Length of Fwd Packets, Total Length of Bwd Packets, Label';
    const text = [head, ...['12:59', '1:00', '3:56', '5:02'].map((t, i) => `172.16.0.1-192.168.10.50-${40000 + i}-80-6,172.16.0.1,${40000 + i},192.168.10.50,80,6,7/7/2017 ${t},1000,2,1,20,0,DDoS`)].join('\n');
    const r = parseText(text);
    expect(r.rows.map((x) => new Date(x.ts as number).toISOString().slice(11, 16))).toEqual(['12:59', '13:00', '15:56', '17:02']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-cic-'));
    try {
      fs.writeFileSync(path.join(dir, 'Friday-WorkingHours-Afternoon-DDos.pcap_ISCX.csv'), `${text}\n`);
      const { sources } = await ingestFiles({ caseFile: path.join(dir, 'c.loupe'), files: [path.join(dir, 'Friday-WorkingHours-Afternoon-DDos.pcap_ISCX.csv')], threads: 1 });
      expect(sources[0]!.cleaning.notes.some((n) => n.includes('1:00 to 7:59 were read as the afternoon'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a 24-hour CICFlowMeter clock (CIC-IDS2018, seconds or hours past 12) as written', () => {
    const head = 'Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,Tot Fwd Pkts,Tot Bwd Pkts,TotLen Fwd Pkts,TotLen Bwd Pkts,Label';
    const r = parseText([head, '172.31.69.25-18.219.211.138-80-37410-6,18.219.211.138,37410,172.31.69.25,80,6,14/02/2018 03:31:01,1000,2,1,20,0,Benign'].join('\n'));
    expect(new Date(r.rows[0]!.ts as number).toISOString()).toBe('2018-02-14T03:31:01.000Z');
    expect(r.detected.layout.hints?.workdayClock).toBeUndefined();
  });

  it('CSE-CIC-IDS2018 without Flow ID and addresses (most of its days): 01/03/2018 is 1 March, the repeated header inside the file is skipped', () => {
    const head = 'Dst Port,Protocol,Timestamp,Flow Duration,Tot Fwd Pkts,Tot Bwd Pkts,TotLen Fwd Pkts,TotLen Bwd Pkts,Label';
    const r = parseText([head, '3389,6,01/03/2018 08:17:11,2000000,9,7,1213,1948,Benign', head, '21,6,02/03/2018 10:12:49,3,1,1,0,0,FTP-BruteForce'].join('\n'));
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [new Date(x.ts as number).toISOString(), x.dst_port, x.packets, x.bytes, x.duration, x.label])).toEqual([
      ['2018-03-01T08:17:11.000Z', 3389, 9, 1213, 2, 'Benign'],
      ['2018-03-02T10:12:49.000Z', 21, 1, 0, 0.000003, 'FTP-BruteForce'],
    ]);
    expect(r.detected.layout.hints).toMatchObject({ dateOrder: 'dmy', dateOrderFrom: 'CICFlowMeter layout' });
  });
});

describe('nfdump text output', () => {
  it('reads -o long: aligned columns, IPv6 address.port, units after a space, ICMP type.code; skips the header and the summary', () => {
    const text = [
      'Date first seen          Duration Proto      Src IP Addr:Port          Dst IP Addr:Port   Flags Tos  Packets    Bytes Flows',
      '2026-03-02 10:00:01.123     0.000 TCP        10.0.0.5:51234 ->    93.184.216.34:443    ....S.   0        1       60     1',
      '2026-03-02 10:00:03.000    12.500 TCP     2001:db8::5.51235 ->    2001:db8::80.443     .AP.SF   0       10    1.2 M     1',
      '2026-03-02 10:00:04.000     0.000 ICMP       10.0.0.9:0     ->        10.0.0.1:8.0     ......   0        1       84     1',
      'Summary: total flows: 3, total bytes: 1.2 M, total packets: 12, avg bps: 0, avg pps: 0, avg bpp: 0',
      'Time window: 2026-03-02 10:00:01 - 2026-03-02 10:00:04',
      'Total flows processed: 3, Blocks skipped: 0, Bytes read: 312',
      'Sys: 0.001s flows/second: 4000.0     Wall: 0.001s flows/second: 4000.0',
    ].join('\n');
    const r = parseText(text);
    expect(r.detected.layout.format).toBe('nfdump');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.proto, x.flags, x.packets, x.bytes, x.duration])).toEqual([
      ['10.0.0.5', 51234, '93.184.216.34', 443, 'TCP', '....S.', 1, 60, 0],
      ['2001:db8::5', 51235, '2001:db8::80', 443, 'TCP', '.AP.SF', 10, 1_200_000, 12.5],
      ['10.0.0.9', null, '10.0.0.1', null, 'ICMP', '8.0', 1, 84, 0],
    ]);
  });

  it('reads the default line output (no Flags and Tos columns)', () => {
    const text = [
      'Date first seen          Duration Proto      Src IP Addr:Port          Dst IP Addr:Port   Packets    Bytes Flows',
      '2026-03-02 10:00:02.456     1.234 UDP        10.0.0.5:53124 ->          8.8.8.8:53         2      128     1',
    ].join('\n');
    const r = parseText(text);
    expect(r.rows.map((x) => [x.ts, x.dst_port, x.packets, x.bytes, x.flags])).toEqual([[Date.UTC(2026, 2, 2, 10, 0, 2, 456), 53, 2, 128, null]]);
  });
});

describe('nfdump text output with shortened IPv6 addresses', () => {
  // without -6, nfdump prints a long IPv6 address as its first and last seven characters
  const text = [
    'Date first seen          Duration Proto      Src IP Addr:Port          Dst IP Addr:Port   Flags Tos  Packets    Bytes Flows',
    '2026-03-02 10:00:01.000     0.010 TCP     2001:62..e0:fed5.51234 ->    2a00:14..00:200e.443    .AP.S.   0        4      600     1',
    '2026-03-02 10:00:02.000     0.010 TCP     2001:62..e0:fed5.51235 ->    2a00:14..00:200e.443    .AP.S.   0        4      700     1',
    '2026-03-02 10:00:03.000     0.000 TCP        10.0.0.5:51234 ->    93.184.216.34:443    ....S.   0        1       60     1',
  ].join('\n');

  it('recognises the log and keeps each shortened address as written, counted as unparseable', () => {
    const r = parseText(text);
    expect(r.detected.layout.format).toBe('nfdump');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.bytes])).toEqual([
      ['2001:62..e0:fed5', 51234, '2a00:14..00:200e', 443, 600],
      ['2001:62..e0:fed5', 51235, '2a00:14..00:200e', 443, 700],
      ['10.0.0.5', 51234, '93.184.216.34', 443, 60],
    ]);
  });

  it('says in the source notes how many were shortened and how to get them whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-nfdump6-'));
    try {
      fs.writeFileSync(path.join(dir, 'flows.txt'), `${text}\n`);
      const { sources } = await ingestFiles({ caseFile: path.join(dir, 'c.loupe'), files: [path.join(dir, 'flows.txt')], threads: 1 });
      expect(sources[0]!.cleaning.columns.src_ip).toMatchObject({ unparseable: 2 });
      expect(sources[0]!.cleaning.notes.find((n) => n.startsWith('nfdump shortened 4 long IPv6 addresses'))).toMatch(/nfdump -6/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still reads a text log whose addresses merely contain two dots as something else', () => {
    expect(parseText('2026-03-02 10:00:01 host app: retry in 2..5 s from 10.0.0.5').detected.layout.format).not.toBe('nfdump');
  });
});

describe('VPC flow logs v5', () => {
  it('writes the tcp-flags bitmask as nfdump letters: a bare SYN (2) reads as an unanswered attempt', () => {
    const text = [
      'version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status',
      '5 vpc-0a1b subnet-0a1b i-0a1b eni-0a1b 123456789012 IPv4 10.0.1.5 52.94.10.20 49152 443 10.0.1.5 52.94.10.20 6 4249 20 1772445600 1772445660 ACCEPT 19 OK',
      '5 vpc-0a1b subnet-0a1b i-0a1b eni-0a1b 123456789012 IPv4 10.0.1.9 10.0.2.7 49153 22 10.0.1.9 10.0.2.7 6 60 1 1772445600 1772445660 ACCEPT 2 OK',
      '5 vpc-0a1b subnet-0a1b i-0a1b eni-0a1b 123456789012 IPv4 10.0.2.7 10.0.1.9 22 49153 10.0.2.7 10.0.1.9 6 40 1 1772445600 1772445660 ACCEPT 20 OK',
    ].join('\n');
    const r = parseText(text);
    expect(r.detected.layout.format).toBe('vpc');
    expect(r.rows.map((x) => x.flags)).toEqual(['.A..SF', '....S.', '.A.R..']);
  });
});
