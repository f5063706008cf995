// An inside host probing remote-administration ports across the network: one finding per actor.
// Mostly refused or unanswered is lateral movement reconnaissance (a worm, an intruder looking for
// the next machine), many hosts answering is spread, and sweeping other services too is a general
// network scan (hostScan). Management servers revisiting their hosts stay quiet.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import type { Finding } from '../../../src/shared/model';
import { cleanup, flowPopulation, makeCase, T0, type Ev } from './helpers';

afterEach(cleanup);

const run = async (events: Ev[], settings: Record<string, number> = {}): Promise<Finding[]> => (await analyzeCase(makeCase(events), { settings, inline: true })).findings;
const of = (fs: Finding[], detector: string, ip: string): Finding[] => fs.filter((f) => f.detector === detector && f.entity === ip);
const dst = (i: number): string => `10.0.${8 + Math.floor(i / 250)}.${(i % 250) + 2}`;

/** CIDDS-style flows: `answeredEvery`th host answers with an SMB session, the rest a bare SYN (and the victim's RST). */
function ciddsSweep(src: string, hosts: number, ports: number[], answeredEvery: number): Ev[] {
  const out: Ev[] = [];
  for (let i = 0; i < hosts; i++)
    for (const p of ports) {
      const ts = T0 + i * 4000 + p;
      if (i % answeredEvery === 0) out.push({ ts, src_ip: src, src_port: 50000 + i, dst_ip: dst(i), dst_port: p, proto: 'TCP', flags: '.AP.SF', packets: 24, bytes: 6200 });
      else out.push({ ts, src_ip: src, src_port: 50000 + i, dst_ip: dst(i), dst_port: p, proto: 'TCP', flags: '....S.', packets: 1, bytes: 52 }, { ts: ts + 1, src_ip: dst(i), src_port: p, dst_ip: src, dst_port: 50000 + i, proto: 'TCP', flags: '.A.R..', packets: 1, bytes: 40 });
    }
  return out;
}

/** Zeek conn.log states: REJ (refused), S0 (unanswered), an SF session every 40th host. */
function zeekSweep(src: string, hosts: number, ports: number[]): Ev[] {
  return Array.from({ length: hosts }, (_, i) =>
    ports.map((p): Ev => {
      const state = i % 40 === 0 ? 'SF' : i % 3 ? 'REJ' : 'S0';
      return { ts: T0 + i * 2500 + p, src_ip: src, src_port: 40000 + i, dst_ip: dst(i), dst_port: p, proto: 'TCP', flags: state, packets: state === 'SF' ? 12 : state === 'REJ' ? 1 : 2, bytes: state === 'SF' ? 4000 : 0 };
    }),
  ).flat();
}

describe('lateralMovement: an inside host probing admin ports, mostly refused', () => {
  it('names a 180-host SMB sweep with 3 % answered (CIDDS flags) as lateral movement reconnaissance, with the refused share, and no host scan beside it', async () => {
    const fs = await run([...flowPopulation(), ...ciddsSweep('10.0.2.23', 180, [445], 33)]);
    const lm = of(fs, 'lateralMovement', '10.0.2.23');
    expect(lm.map((f) => f.severity)).toEqual(['medium']);
    expect(lm[0]!.title).toBe('Lateral movement reconnaissance from 10.0.2.23: 180 hosts probed on SMB, 97 % refused or unanswered');
    expect(lm[0]!.explanation).toMatch(/97 % of its 180 attempts on these services were refused or never answered .*at most 6 hosts answered/);
    expect(lm[0]!.explanation).toMatch(/lateralMovement\.sweepProbeShare/);
    expect(lm[0]!.numbers).toMatchObject({ hosts: 180, answeredHosts: 6, refusedShare: 0.97 });
    expect(of(fs, 'hostScan', '10.0.2.23')).toEqual([]);
  });

  it('reports a Zeek REJ/S0 sweep of 300 hosts on SMB and WinRM high (lateralMovement.sweepHosts), and lower sweepHosts settings decide it', async () => {
    const fs = await run([...flowPopulation(), ...zeekSweep('10.0.2.33', 300, [445, 5985])]);
    const lm = of(fs, 'lateralMovement', '10.0.2.33');
    expect(lm.map((f) => [f.severity, f.title.startsWith('Lateral movement reconnaissance')])).toEqual([['high', true]]);
    expect(lm[0]!.explanation).toMatch(/high because it probed 250\+ hosts \(lateralMovement\.sweepHosts\)/);
    expect(of(fs, 'hostScan', '10.0.2.33')).toEqual([]);
    const more = of(await run([...flowPopulation(), ...zeekSweep('10.0.2.33', 300, [445, 5985])], { 'lateralMovement.sweepHosts': 400 }), 'lateralMovement', '10.0.2.33');
    expect(more.map((f) => f.severity)).toEqual(['medium']);
  });

  it('keeps successful spread the stronger finding: 200 hosts probed on SMB with 40 answered is lateral movement, not reconnaissance', async () => {
    const fs = await run([...flowPopulation(), ...ciddsSweep('10.0.2.24', 200, [445], 5)]);
    const lm = of(fs, 'lateralMovement', '10.0.2.24');
    expect(lm.map((f) => f.title)).toEqual(['Lateral movement from 10.0.2.24: 200 hosts on SMB']);
    expect(lm[0]!.explanation).toMatch(/80 % of its 200 attempts .* at most 40 hosts answered .*40 answering hosts is spread, not just probing/);
    expect(of(fs, 'hostScan', '10.0.2.24')).toEqual([]);
  });

  it('leaves a general network scan (admin ports with web and database ports) to hostScan alone', async () => {
    const fs = await run([...flowPopulation(), ...ciddsSweep('10.0.2.25', 120, [22, 80, 443, 445, 3306, 3389], 1000)]);
    expect(of(fs, 'hostScan', '10.0.2.25').map((f) => f.severity)).toEqual(['medium']);
    expect(of(fs, 'lateralMovement', '10.0.2.25')).toEqual([]);
  });

  it('keeps a management server quiet that revisits 80 mostly offline hosts on SMB every half hour (hostScan reports it low as repeated probes)', async () => {
    const mgmt: Ev[] = [];
    for (let round = 0; round < 12; round++)
      for (let h = 0; h < 80; h++) {
        const ts = T0 + round * 1_800_000 + h * 3000;
        mgmt.push(h % 5 ? { ts, src_ip: '10.0.2.20', src_port: 40000 + h, dst_ip: dst(h), dst_port: 445, proto: 'TCP', flags: '....S.', packets: 2, bytes: 104 } : { ts, src_ip: '10.0.2.20', src_port: 40000 + h, dst_ip: dst(h), dst_port: 445, proto: 'TCP', flags: '.AP.SF', packets: 12, bytes: 3000 });
      }
    const fs = await run([...flowPopulation(), ...mgmt]);
    expect(of(fs, 'lateralMovement', '10.0.2.20')).toEqual([]);
    expect(of(fs, 'hostScan', '10.0.2.20').map((f) => f.severity)).toEqual(['low']);
  });

  it('leaves an outside address sweeping SMB to hostScan', async () => {
    const fs = await run([...flowPopulation(), ...ciddsSweep('198.51.100.23', 180, [445], 1000)]);
    expect(of(fs, 'hostScan', '198.51.100.23').map((f) => f.severity)).toEqual(['medium']);
    expect(of(fs, 'lateralMovement', '198.51.100.23')).toEqual([]);
  });
});
