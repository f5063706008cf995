// Round 9, network flows, Windows and cloud audit: gaps a responder would hit on real exports
// (two sensors of one link, minute-stamped flow CSVs, single-account AS-REP roasting, CloudTrail
// changes that blind the trail), each planted beside the benign look-alike that must stay quiet.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import * as FL from './planted9net/flows';
import * as L from './planted7host/linux';
import * as C from './planted6cloud/cloudtrail';
import * as W from './planted9net/windows';
import * as B from './planted9net/beacons';

afterAll(cleanupPlanted);

describe('round 9 net: one link, two sensors', () => {
  it('Zeek conn.log and the firewall\'s traffic CSV of the same connections: the exfiltration is 6 GB, not 12, the scan 300 flows, not 600; two uploads that reuse a source port ten minutes apart are both counted', async () => {
    const day = FL.linkDay();
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', FL.zeekOf([...day, ...FL.reuseZeek()]));
      put('traffic.csv', FL.panOf([...day, ...FL.reusePan()]));
      return files;
    });
    const ex = expectFound(found, 'heavyTraffic', FL.EXFIL, 'high');
    expect(ex.numbers.bytes).toBe(24 * 250_000_000);
    expect(ex.numbers.events).toBe(24);
    expect(ex.explanation).toMatch(/24 more flow records .* second flow log .* counted once/);
    expect(ex.explanation).toMatch(/heavyTraffic\.twinSeconds/);
    const scan = expectFound(found, 'portScan', FL.SCANNER, 'high');
    expect(scan.numbers.flows).toBe(300);
    expect(scan.explanation).toMatch(/300 more records of the same connections/);
    // the trap: same addresses and ports, but ten minutes apart, one in each log: two uploads, 600 MB
    const reuse = expectFound(found, 'heavyTraffic', FL.REUSER, 'medium');
    expect(reuse.numbers.bytes, listFindings(found)).toBe(600_000_000);
    expect(reuse.explanation).not.toMatch(/second flow log/);
  }, 60_000);

  it('NetFlow from two routers on one path (nfdump CSV, clocks two seconds apart): counted once; one router alone is unchanged', async () => {
    const day = FL.linkDay();
    const both = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('nfcapd.edge1.csv', FL.nfdumpOf(day, 0));
      put('nfcapd.edge2.csv', FL.nfdumpOf(day, 2000));
      return files;
    });
    const one = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('nfcapd.edge1.csv', FL.nfdumpOf(day, 0));
      return files;
    });
    for (const found of [both, one]) {
      expect(expectFound(found, 'heavyTraffic', FL.EXFIL, 'high').numbers.bytes).toBe(24 * 250_000_000);
      expect(expectFound(found, 'portScan', FL.SCANNER, 'high').numbers.flows).toBe(300);
    }
    expect(expectFound(one, 'heavyTraffic', FL.EXFIL, 'high').explanation).not.toMatch(/second flow log/);
  }, 60_000);
});

describe('round 9 net: password guessing, then what the intruder did', () => {
  it('the brute-force finding on the address names the follow-up on web3 (hostTampering); db2\'s guesser, who never got in, names none', async () => {
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('web3-auth.log', L.web3AuthLog());
      put('db2-secure', L.db2Secure());
      return files;
    });
    const bf = expectFound(found, 'bruteForce', '198.51.100.23', 'critical');
    expect(bf.explanation).toMatch(/What followed: 198\.51\.100\.23 logged in to web3 as deploy .*hostTampering, critical: "After a guessed SSH login as deploy/);
    expect(bf.numbers.followedBy).toBe('hostTampering:web3');
    const quiet = expectFound(found, 'bruteForce', '192.0.2.77', 'medium');
    expect(quiet.explanation).not.toMatch(/What followed/);
    expect(quiet.numbers.followedBy).toBeUndefined();
  }, 60_000);
});

describe('round 9 cloud: CloudTrail changes to the trail and to other users\' passwords', () => {
  const B = '2026-03-10T09:00:00Z';
  const tf = C.assumedRole('terraform-deployer', 'tf-run-881', 'ASIAEXAMPLETF000001');
  const admin = C.iamUser('a.admin', 'AKIAEXAMPLEADM00001');
  const stolen = C.iamUser('svc-legacy', 'AKIAEXAMPLEEVIL0001');
  const TF_AGENT = 'APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0 aws-sdk-go/1.50.35';

  it('UpdateTrail turning off multi-region logging and log file validation, PutEventSelectors leaving only data events and a console password made for another user are high; Terraform adding a KMS key and S3 data events, and an admin\'s password reset, are low', async () => {
    const recs = [
      // trap: Terraform's routine apply: the trail gets a KMS key (every setting resent) and S3 data events for the payroll bucket
      C.record({ t: C.at(B, 10), name: 'UpdateTrail', source: 'cloudtrail.amazonaws.com', ip: '10.20.0.15', identity: tf, agent: TF_AGENT, params: { name: 'org-trail', s3BucketName: 'acme-cloudtrail-logs', isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true, kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d' } }),
      C.record({ t: C.at(B, 20), name: 'PutEventSelectors', source: 'cloudtrail.amazonaws.com', ip: '10.20.0.15', identity: tf, agent: TF_AGENT, params: { trailName: 'org-trail', eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::acme-payroll/'] }] }] } }),
      // trap: the helpdesk resets a user's console password; the user must choose a new one at the next sign-in
      C.record({ t: C.at(B, 30), name: 'UpdateLoginProfile', source: 'iam.amazonaws.com', ip: '10.20.0.99', identity: admin, params: { userName: 'j.doe', passwordResetRequired: true } }),
      // planted: a stolen key blinds the trail, then gives another user a console password
      C.record({ t: C.at(B, 900), name: 'UpdateTrail', source: 'cloudtrail.amazonaws.com', ip: '185.220.101.9', identity: stolen, params: { name: 'org-trail', isMultiRegionTrail: false, enableLogFileValidation: false } }),
      C.record({ t: C.at(B, 960), name: 'CreateLoginProfile', source: 'iam.amazonaws.com', ip: '185.220.101.9', identity: stolen, params: { userName: 'backup-admin', passwordResetRequired: false } }),
      // planted: from a second address, advanced selectors that log S3 data events and no management events at all
      C.record({ t: C.at(B, 1000), name: 'PutEventSelectors', source: 'cloudtrail.amazonaws.com', ip: '185.220.101.10', identity: stolen, params: { trailName: 'org-trail', advancedEventSelectors: [{ name: 'S3 only', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }] }] } }),
      // planted: UpdateLoginProfile for another user without a forced reset: the account taken over
      C.record({ t: C.at(B, 1100), name: 'UpdateLoginProfile', source: 'iam.amazonaws.com', ip: '185.220.101.10', identity: stolen, params: { userName: 'cfo' } }),
    ];
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('111122223333_CloudTrail_us-east-1_20260310T0915Z_a1b2c3.json', [C.document(recs)]);
      return files;
    });
    const a = expectFound(found, 'cloudAudit', '185.220.101.9', 'high');
    expect(a.explanation).toMatch(/multi-region logging turned off/);
    expect(a.explanation).toMatch(/log file validation turned off/);
    expect(a.explanation).toMatch(/CreateLoginProfile for backup-admin/);
    const b = expectFound(found, 'cloudAudit', '185.220.101.10', 'high');
    expect(b.explanation).toMatch(/management events no longer logged/);
    expect(b.explanation).toMatch(/UpdateLoginProfile for cfo/);
    for (const ip of ['10.20.0.15', '10.20.0.99']) {
      const f = found.find((x) => x.detector === 'cloudAudit' && x.entity === ip);
      expect(f?.severity, listFindings(found)).toBe('low');
      expect(f!.explanation).toMatch(/routine administration/);
    }
    expect(found.find((x) => x.entity === '10.20.0.15')!.explanation).toMatch(/logs to bucket acme-cloudtrail-logs/);
  }, 60_000);
});

describe('round 9 windows: AS-REP roasting of one account', () => {
  it('an RC4 TGT without pre-authentication for one account, asked once from a workstation, is medium and names the account\'s usual address; the legacy application asking for its own account every two hours is quiet', async () => {
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('DC01-Security-evtxecmd.csv', W.dcTgts());
      return files;
    });
    const f = expectFound(found, 'kerberoasting', W.ROASTER, 'medium');
    expect(f.severity).toBe('medium');
    expect(f.title).toMatch(/svc_scan2folder, usually asked for from 10\.0\.9\.40/);
    expect(f.explanation).toMatch(/0x17/);
    expect(f.explanation).toMatch(/kerberoasting\.asRepFewRequests/);
    expect(f.threshold?.setting).toBe('kerberoasting.asRepFewRequests');
    const g = expectFound(found, 'kerberoasting', W.ROASTER2, 'medium');
    expect(g.title).toMatch(/svc_backup/);
    expect(g.explanation).toMatch(/No other address asked/);
    expect(found.filter((x) => x.entity === W.LEGACY || x.entity.startsWith('10.0.2.')), listFindings(found)).toEqual([]);
  }, 60_000);
});

describe('round 9 windows: lateral movement named only by workstation', () => {
  it('4624 type 3/10 logons with IpAddress "-" are counted under WorkstationName: WS-0457 on 15 servers in ten minutes is lateral movement, said to be a workstation name; the configuration manager visiting them hourly and a user\'s RDP are quiet', async () => {
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('ForwardedEvents-evtxecmd.csv', W.serverLogons());
      return files;
    });
    const f = expectFound(found, 'lateralMovement', W.HOPPER, 'medium');
    expect(f.explanation).toMatch(/The workstation WS-0457 \(the logons gave no address/);
    expect(f.explanation).toMatch(/j\.doe-adm/);
    expect(f.threshold?.setting).toBe('lateralMovement.minLogonHosts');
    expect(found.filter((x) => x.entity === W.SCCM || x.entity === 'LT-0231'), listFindings(found)).toEqual([]);
  }, 60_000);
});

describe('round 9 net: beacons at minute resolution', () => {
  it('CIC-IDS2017 CSV (times to the minute): bots polling every 2, 3 and 5 minutes with up to 30 % jitter are beacons, the rounding taken out of the jitter; NTP and DNS are at most info and a person\'s random visits are quiet', async () => {
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('Friday-WorkingHours-Morning.pcap_ISCX.csv', B.cicMorning());
      return files;
    });
    for (const bot of Object.keys(B.BOTS)) {
      const f = expectFound(found, 'beaconing', `${bot} -> ${B.C2}:8080`, 'medium');
      expect(f.explanation).toMatch(/times only to the minute/);
      expect(Number(f.numbers.jitter)).toBeLessThanOrEqual(0.3);
    }
    // the 2-minute bot: gaps of 1, 2 and 3 whole minutes, which the rounding alone put outside ±45 % before
    expect(Number(expectFound(found, 'beaconing', `192.168.10.5 -> ${B.C2}:8080`, 'medium').numbers.periodMs)).toBeGreaterThan(100_000);
    expect(found.filter((f) => f.detector === 'beaconing' && /:(123|53)\b/.test(f.entity) && f.severity !== 'info').map((f) => `${f.entity}:${f.severity}`)).toEqual([]);
    expect(found.filter((f) => f.entity.startsWith(B.BROWSER) && RANK[f.severity] >= RANK.low), listFindings(found)).toEqual([]);
  }, 60_000);

  it('Zeek conn.log: an implant calling home once an hour (±3 min) for a day is a high beacon; NTP every 64 s and DNS every 5 min from a workstation are info', async () => {
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', B.hourlyDay());
      return files;
    });
    const f = expectFound(found, 'beaconing', `${B.HOURLY} -> 91.215.85.20:443`, 'high');
    expect(f.explanation).not.toMatch(/to the minute/);
    expect(found.filter((x) => x.entity.startsWith(B.UPDATER) && x.severity !== 'info').map((x) => `${x.detector}:${x.entity}:${x.severity}`)).toEqual([]);
  }, 60_000);
});

describe('round 9 net: data pulled from an inside server', () => {
  it('a workstation pulling 3 GB from the SQL server (the server\'s answers, resp_bytes) is heavy traffic on the pair with its direction; a backup server pulling from six servers and a 700 MB copy from the file share are low', async () => {
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', FL.zeekOf(FL.insidePulls()));
      return files;
    });
    const f = expectFound(found, 'heavyTraffic', `${FL.DB} -> ${FL.DUMPER}`, 'medium');
    expect(f.numbers.bytes).toBe(12 * 250_000_000);
    expect(f.explanation).toMatch(/the data went from 10\.1\.2\.20 to 10\.1\.5\.60/);
    expect(f.explanation).toMatch(/port 1433/);
    const b = found.find((x) => x.detector === 'heavyTraffic' && x.entity === `${FL.BACKUP} <- 6 servers`);
    expect(b?.severity, listFindings(found)).toBe('low');
    expect(found.find((x) => x.entity === `10.1.2.10 -> ${FL.COPIER}`)?.severity, listFindings(found)).toBe('low');
    expect(found.filter((x) => RANK[x.severity] >= RANK.medium).map((x) => x.entity), listFindings(found)).toEqual([`${FL.DB} -> ${FL.DUMPER}`]);
  }, 60_000);
});
