// riskyServices on three flow formats and two name logs: outbound SMB, mining, an exposed RDP and
// database, Tor and IRC planted beside inside SMB backups, a resolver's outbound 53, one short
// connection to 4444, the internet on a web server's 443, and refused RDP/database scans.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';
import * as L from './riskyServices/logs';
import { poolName, RiskyWatch } from '../../../src/core/analysis/riskyFold';
import { newState } from '../../../src/core/analysis/foldState';
import { resolveSettings } from '../../../src/core/analysis/settings';

afterAll(cleanupPlanted);

const risky = (found: Awaited<ReturnType<typeof analysePlanted>>): string[] => found.filter((f) => f.detector === 'riskyServices').map((f) => f.entity).sort();

describe('riskyServices', () => {
  it('CIDDS (one flow per direction): outbound SMB, a renewed stratum connection and an exposed RDP; the look-alikes stay quiet', async () => {
    const found = await analysePlanted('risky-cidds', (dir) => {
      const f = logFiles(dir);
      f.put('cidds-week.csv', L.ciddsDay());
      return f.files;
    });
    expect(risky(found), listFindings(found)).toEqual([L.RDP_SERVER, L.SMB_LEAKER, L.MINER].sort());
    const smb = expectFound(found, 'riskyServices', L.SMB_LEAKER, 'medium');
    expect(smb.severity).toBe('medium');
    expect(smb.title).toContain('SMB');
    expect(smb.explanation).toContain(L.SMB_SHARE);
    expect(smb.explanation).toContain('riskyServices.smbHighPeers');
    expect(smb.evidence.count).toBe(4);
    const miner = expectFound(found, 'riskyServices', L.MINER, 'medium');
    expect(miner.title).toContain('mining');
    expect(miner.explanation).toContain(L.POOL_IP);
    expect(miner.evidence.count).toBe(10);
    const rdp = expectFound(found, 'riskyServices', L.RDP_SERVER, 'medium');
    expect(rdp.severity).toBe('medium');
    expect(rdp.title).toContain('RDP');
    expect(rdp.title).toContain('exposed');
    expect(rdp.numbers.outsideClients).toBe(L.RDP_CLIENTS.length);
    expect(rdp.evidence.count).toBe(L.RDP_CLIENTS.length);
  });

  it('Zeek conn.log with DNS and proxy logs: Tor, IRC from a server, an SMB worm, a named miner, RDP to a cloud machine (low), a pool query a forwarder made (low); NTP pool, the NiceHash website, a 4444 test stay quiet', async () => {
    const found = await analysePlanted('risky-zeek', (dir) => {
      const f = logFiles(dir);
      f.put('conn.log', L.zeekDay());
      f.put('query.log', L.bindQueries());
      f.put('access.log', L.squidLog());
      return f.files;
    });
    expect(risky(found), listFindings(found)).toEqual([L.TOR_USER, L.IRC_WEB, L.SMB_WORM, L.Z_MINER, L.PROXY_MINER, L.RDP_ADMIN, L.Z_FORWARDER].sort());
    // RDP to the internet is a user's own cloud machine as often as not: low, naming the machine
    const rdp = expectFound(found, 'riskyServices', L.RDP_ADMIN, 'low');
    expect(rdp.severity).toBe('low');
    expect(rdp.title).toContain('RDP');
    expect(rdp.explanation).toContain(L.ADMIN_VM);
    // a forwarder asking a pool's name for its clients is low, and says the miner is behind it
    const fwd = expectFound(found, 'riskyServices', L.Z_FORWARDER, 'low');
    expect(fwd.severity).toBe('low');
    expect(fwd.explanation).toContain('riskyServices.resolverDomains');
    const tor = expectFound(found, 'riskyServices', L.TOR_USER, 'medium');
    expect(tor.title).toContain('Tor');
    expect(tor.numbers.torPeers).toBe(L.TOR_RELAYS.length);
    const irc = expectFound(found, 'riskyServices', L.IRC_WEB, 'medium');
    expect(irc.severity).toBe('medium');
    expect(irc.explanation).toContain(L.IRC_SERVER);
    const worm = expectFound(found, 'riskyServices', L.SMB_WORM, 'high');
    expect(worm.numbers.outsidePeers).toBe(L.SMB_TARGETS.length);
    expect(worm.evidence.count).toBe(L.SMB_TARGETS.length);
    // the stratum connection and the pool's name together
    const named = expectFound(found, 'riskyServices', L.Z_MINER, 'high');
    expect(named.explanation).toContain('pool.minexmr.com');
    expect(named.explanation).toContain(L.Z_POOL);
    // a pool's name alone (a proxy tunnel) is medium, and its evidence is the proxy's line
    const proxied = expectFound(found, 'riskyServices', L.PROXY_MINER, 'medium');
    expect(proxied.severity).toBe('medium');
    expect(proxied.explanation).toContain('xmr-eu1.nanopool.org');
    expect(proxied.evidence.count).toBe(1);
  });

  it('VPC flow logs: a database used by outside addresses is exposed; a refused scan and inside database use are not', async () => {
    const found = await analysePlanted('risky-vpc', (dir) => {
      const f = logFiles(dir);
      f.put('vpc-flow.log', L.vpcDay());
      return f.files;
    });
    expect(risky(found), listFindings(found)).toEqual([L.VPC_DB]);
    const db = expectFound(found, 'riskyServices', L.VPC_DB, 'medium');
    expect(db.title).toContain('PostgreSQL');
    expect(db.numbers.outsideClients).toBe(6);
    expect(db.evidence.count).toBe(6);
  });

  it('Cisco ASA: a share opened outside (teardown bytes) is medium; SMB attempts that timed out and denied RDP knocks are not', async () => {
    const found = await analysePlanted('risky-asa', (dir) => {
      const f = logFiles(dir);
      f.put('asa.log', L.asaLog());
      return f.files;
    });
    expect(risky(found), listFindings(found)).toEqual([L.ASA_LEAKER]);
    const smb = expectFound(found, 'riskyServices', L.ASA_LEAKER, 'medium');
    expect(smb.explanation).toContain(L.ASA_SHARE);
    expect(smb.numbers.sessions).toBe(2);
  });

  it('PAN-OS: Tor through four relays and SQL Server used by seven outside addresses; the denied sweep of 1433 is no exposure', async () => {
    const found = await analysePlanted('risky-pan', (dir) => {
      const f = logFiles(dir);
      f.put('traffic.csv', L.panDay());
      return f.files;
    });
    expect(risky(found), listFindings(found)).toEqual([L.PAN_SQL, L.PAN_TOR].sort());
    expect(expectFound(found, 'riskyServices', L.PAN_TOR, 'medium').numbers.torPeers).toBe(4);
    const sql = expectFound(found, 'riskyServices', L.PAN_SQL, 'medium');
    expect(sql.title).toContain('SQL Server');
    expect(sql.numbers.outsideClients).toBe(7);
  });

  it('pool names: stratum hosts and xmr prefixes, never the NTP pool, a website or a look-alike word', () => {
    expect(poolName('pool.minexmr.com')).toBe('minexmr.com');
    expect(poolName('xmr-eu1.nanopool.org')).toBe('nanopool.org');
    expect(poolName('randomxmonero.auto.nicehash.com')).toBe('nicehash.com');
    expect(poolName('xmr.pool.gntl.co.uk')).toBe('xmr.pool.gntl.co.uk');
    expect(poolName('gulf.moneroocean.stream')).toBe('moneroocean.stream');
    for (const n of ['0.pool.ntp.org', 'www.nicehash.com', 'mempool.space', 'determine.example.com', 'xmrig.com', 'carpool.example']) expect(poolName(n), n).toBeNull();
  });

  it('hostile names under a pool domain (markup, commas, a huge label) are not kept, and cost nothing', () => {
    const watch = new RiskyWatch(resolveSettings());
    const s = newState();
    for (const n of ['<script>alert(1)</script>.nanopool.org', '=cmd|calc.supportxmr.com', 'a,b.minexmr.com', `${'x'.repeat(100_000)}.nanopool.org`, 'pool\u0000.minexmr.com']) watch.name(s, n, 0);
    expect(s.pools).toBeNull();
    watch.name(s, 'xmr-us-east1.nanopool.org', 0);
    expect([...s.pools!.names.keys()]).toEqual(['xmr-us-east1.nanopool.org']);
  });
});

describe('riskyServices: a long connection on a port miners and reverse shells share', () => {
  it('names 4444 without a pool name as mining or a reverse shell (Metasploit\'s port); 3333 stays mining', async () => {
    const at = (h: number): string => new Date(Date.UTC(2026, 10, 20, h)).toISOString().replace('T', ' ').slice(0, 19);
    const row = (h: number, secs: number, sa: string, da: string, dp: number): string =>
      `${at(h)},${new Date(Date.UTC(2026, 10, 20, h) + secs * 1000).toISOString().replace('T', ' ').slice(0, 19)},${secs}.000,${sa},${da},${51000 + h},${dp},TCP,.AP.SF,0,0,3000,400000,2800,260000`;
    const lines = ['ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt'];
    for (let h = 0; h < 12; h++) lines.push(row(h, 30, `10.1.0.${10 + h}`, `93.184.216.${h + 1}`, 443));
    lines.push(row(13, 7200, '10.1.0.50', '185.141.25.3', 4444), row(14, 7200, '10.1.0.51', '185.141.25.4', 3333));
    const found = await analysePlanted('risky-shell', (dir) => {
      const f = logFiles(dir);
      f.put('nfdump.csv', lines);
      return f.files;
    });
    const shell = expectFound(found, 'riskyServices', '10.1.0.50', 'medium');
    expect(shell.title).toBe('Cryptocurrency mining or a reverse shell from 10.1.0.50: 2 h on port 4444');
    expect(shell.explanation).toMatch(/Metasploit/);
    const miner = expectFound(found, 'riskyServices', '10.1.0.51', 'medium');
    expect(miner.title).toMatch(/^Cryptocurrency mining from 10\.1\.0\.51: 2 h on stratum port 3333$/);
    expect(miner.explanation).not.toMatch(/Metasploit/);
  });
});
