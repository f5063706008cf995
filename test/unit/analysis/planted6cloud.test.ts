// Round 6, cloud audit logs: AWS CloudTrail written by hand as a responder gets it, one
// {"Records":[…]} document per S3 object or one record a line (CloudWatch Logs / Athena exports),
// each incident beside the everyday calls that look like it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, RANK } from './plantedKit';
import * as C from './planted6cloud/cloudtrail';

afterAll(cleanupPlanted);

const B = '2026-03-10T09:00:00Z';
const ACCOUNT_ROLE_IP = '10.0.4.17';

/** No medium or higher finding outside the planted entities. */
function expectQuietElsewhere(found: Finding[], planted: string[]): void {
  expect(found.filter((f) => RANK[f.severity] >= RANK.medium && !planted.includes(f.entity)).map((f) => `${f.detector}:${f.entity}:${f.severity}:${f.title}`)).toEqual([]);
}

/** An inventory Lambda's role: thousands of successful Describe and List calls, all day. */
function automation(n: number): Record<string, unknown>[] {
  const role = C.assumedRole('inventory-lambda', 'inventory', 'ASIAEXAMPLEAUTO04');
  const apis = [['DescribeInstances', 'ec2'], ['DescribeVolumes', 'ec2'], ['DescribeSnapshots', 'ec2'], ['DescribeSecurityGroups', 'ec2'], ['ListBuckets', 's3'], ['DescribeDBInstances', 'rds'], ['ListFunctions20150331', 'lambda'], ['ListUsers', 'iam']];
  return Array.from({ length: n }, (_, i) => C.record({ t: C.at(B, i * 5), name: apis[i % apis.length]![0]!, source: `${apis[i % apis.length]![1]}.amazonaws.com`, ip: ACCOUNT_ROLE_IP, identity: role, agent: 'Boto3/1.34.34 md/Botocore#1.34.34 ua/2.0 os/linux#5.10.205 md/arch#x86_64 lang/python#3.12.1 exec-env/AWS_Lambda_python3.12' }));
}

/** AWS services acting on the account's behalf (sourceIPAddress is the service's name). */
function services(): Record<string, unknown>[] {
  return Array.from({ length: 40 }, (_, i) =>
    C.record({ t: C.at(B, i * 90), name: i % 2 ? 'AssumeRole' : 'Decrypt', source: i % 2 ? 'sts.amazonaws.com' : 'kms.amazonaws.com', ip: i % 2 ? 'lambda.amazonaws.com' : 'cloudtrail.amazonaws.com', identity: C.service(i % 2 ? 'lambda.amazonaws.com' : 'cloudtrail.amazonaws.com'), error: i % 8 === 3 ? 'AccessDenied' : undefined, agent: i % 2 ? 'lambda.amazonaws.com' : 'cloudtrail.amazonaws.com' }),
  );
}

/** A Terraform plan run by a CI role lacking a few read rights: four refusals within one stack. */
function terraformPlan(): Record<string, unknown>[] {
  const ci = C.assumedRole('gh-actions-terraform', 'GitHubActions', 'ASIAEXAMPLECI0005');
  const calls: [string, string, string | undefined][] = [
    ['GetCallerIdentity', 'sts', undefined], ['DescribeVpcs', 'ec2', undefined], ['DescribeSubnets', 'ec2', undefined], ['DescribeSecurityGroups', 'ec2', undefined],
    ['GetBucketPolicy', 's3', 'AccessDenied'], ['GetBucketReplication', 's3', 'AccessDenied'], ['DescribeInstances', 'ec2', undefined], ['GetRole', 'iam', undefined],
    ['ListRolePolicies', 'iam', 'AccessDenied'], ['ListAttachedRolePolicies', 'iam', undefined], ['GetBucketLogging', 's3', 'AccessDenied'], ['DescribeDBInstances', 'rds', undefined],
  ];
  return calls.map(([name, svc, error], i) => C.record({ t: C.at(B, 5400 + i), name, source: `${svc}.amazonaws.com`, ip: '20.42.7.118', identity: ci, error, agent: 'APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0' }));
}

/** A user's one mistyped console password, then the right one; and a user making their own access key. */
function everydayUsers(): Record<string, unknown>[] {
  const kim = C.iamUser('a.kim', 'AKIAEXAMPLEKIM0006');
  return [
    C.consoleLogin(C.at(B, 3600), '203.0.113.20', 'a.kim', false),
    C.consoleLogin(C.at(B, 3625), '203.0.113.20', 'a.kim', true),
    C.record({ t: C.at(B, 3700), name: 'CreateAccessKey', source: 'iam.amazonaws.com', ip: '203.0.113.20', identity: kim, params: { userName: 'a.kim' }, response: { accessKey: { accessKeyId: 'AKIAEXAMPLEKIM0007', status: 'Active', userName: 'a.kim' } } }),
    // a read-only policy attached by an administrator is no way back in
    C.record({ t: C.at(B, 3800), name: 'AttachUserPolicy', source: 'iam.amazonaws.com', ip: '203.0.113.20', identity: kim, params: { userName: 'b.ortiz', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }),
  ];
}

const sorted = (rs: Record<string, unknown>[]): Record<string, unknown>[] => [...rs].sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));

describe('round 6 cloud: CloudTrail as the {"Records":[…]} document from S3', () => {
  it('finds the console brute force and, from the stolen key\'s address, the enumeration, the trail stopped, GuardDuty deleted and an admin key made for another user; the automation role, AWS services, a Terraform plan and a mistyped password stay quiet', async () => {
    const stolen = C.iamUser('ci-deploy', 'AKIAEXAMPLESTOLEN01');
    const admin = C.iamUser('backup-admin', 'AKIAEXAMPLEADMIN02');
    const pacu = 'aws-cli/1.27.0 Python/3.9.2 Linux/5.10.0-kali7-amd64 botocore/1.29.0';
    const enumApis: [string, string, string][] = [
      ['GetCallerIdentity', 'sts', ''], ['ListUsers', 'iam', 'AccessDenied'], ['ListRoles', 'iam', 'AccessDenied'], ['ListPolicies', 'iam', 'AccessDenied'], ['GetAccountAuthorizationDetails', 'iam', 'AccessDenied'],
      ['ListBuckets', 's3', ''], ['DescribeInstances', 'ec2', 'Client.UnauthorizedOperation'], ['DescribeSecurityGroups', 'ec2', 'Client.UnauthorizedOperation'], ['DescribeVpcs', 'ec2', 'Client.UnauthorizedOperation'],
      ['ListFunctions20150331', 'lambda', 'AccessDenied'], ['DescribeDBInstances', 'rds', 'AccessDenied'], ['ListSecrets', 'secretsmanager', 'AccessDenied'], ['DescribeTrails', 'cloudtrail', 'AccessDenied'],
      ['ListDetectors', 'guardduty', 'AccessDenied'], ['ListKeys', 'kms', 'AccessDenied'], ['DescribeLogGroups', 'logs', 'AccessDenied'], ['ListTopics', 'sns', 'AccessDenied'],
    ];
    const incident = [
      // 30 wrong console passwords for three users from one address in 3.5 minutes
      ...Array.from({ length: 30 }, (_, i) => C.consoleLogin(C.at(B, i * 7), '185.220.101.44', ['admin', 'j.smith', 'devops'][i % 3]!, false)),
      ...enumApis.map(([name, svc, error], i) => C.record({ t: C.at(B, 7200 + i * 2), name, source: `${svc}.amazonaws.com`, ip: '45.137.21.9', identity: stolen, error: error || undefined, agent: pacu })),
      // the key found in a Lambda's environment: the account's backup administrator
      C.record({ t: C.at(B, 8000), name: 'StopLogging', source: 'cloudtrail.amazonaws.com', ip: '45.137.21.9', identity: admin, params: { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail' }, agent: pacu }),
      C.record({ t: C.at(B, 8010), name: 'DeleteDetector', source: 'guardduty.amazonaws.com', ip: '45.137.21.9', identity: admin, params: { detectorId: '12abc34d567e8fa901bc2d34e56789f0' }, agent: pacu }),
      C.record({ t: C.at(B, 8020), name: 'CreateAccessKey', source: 'iam.amazonaws.com', ip: '45.137.21.9', identity: admin, params: { userName: 'svc-legacy' }, response: { accessKey: { accessKeyId: 'AKIAEXAMPLENEW0003', status: 'Active', userName: 'svc-legacy' } }, agent: pacu }),
      C.record({ t: C.at(B, 8030), name: 'AttachUserPolicy', source: 'iam.amazonaws.com', ip: '45.137.21.9', identity: admin, params: { userName: 'svc-legacy', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, agent: pacu }),
    ];
    const found = await analysePlanted('planted6cloud', (dir) => {
      const f = path.join(dir, '111122223333_CloudTrail_us-east-1_20260310T0900Z_a1b2c3d4.json');
      fs.writeFileSync(f, C.document(sorted([...incident, ...automation(2000), ...services(), ...terraformPlan(), ...everydayUsers()])));
      return [f];
    });
    const brute = expectFound(found, 'bruteForce', '185.220.101.44', 'medium');
    expect(brute.title).toMatch(/30 failed logins/);
    const f = expectFound(found, 'cloudAudit', '45.137.21.9', 'high');
    // who, with which key, what was switched off and made, and the settings crossed
    expect(f.title).toMatch(/backup-admin/);
    expect(f.title).toMatch(/StopLogging, DeleteDetector/);
    expect(f.explanation).toMatch(/arn:aws:iam::111122223333:user\/ci-deploy/);
    expect(f.explanation).toMatch(/AKIAEXAMPLESTOLEN01/);
    expect(f.explanation).toMatch(/iam:CreateAccessKey for svc-legacy/);
    expect(f.explanation).toMatch(/AdministratorAccess/);
    expect(f.explanation).toMatch(/15 different APIs across 10 AWS services/);
    expect(f.explanation).toMatch(/cloudAudit\.minTamperCalls/);
    expect(f.explanation).toMatch(/cloudAudit\.minPersistenceCalls/);
    expect(f.explanation).toMatch(/cloudAudit\.minDeniedApis/);
    expect(f.threshold?.setting).toBe('cloudAudit.minTamperCalls');
    // the rows that prove it: the four calls themselves first, then every call from the address
    expect(f.evidence.sampleIds).toHaveLength(4);
    expect(f.evidence.count).toBe(enumApis.length + 4);
    // the automation role, the Terraform plan and the user making their own key: nothing at all from cloudAudit
    expect(found.filter((x) => x.detector === 'cloudAudit').map((x) => x.entity), listFindings(found)).toEqual(['45.137.21.9']);
    expectQuietElsewhere(found, ['185.220.101.44', '45.137.21.9']);
  }, 60_000);
});

describe('round 6 cloud: CloudTrail as JSON lines (CloudWatch Logs export)', () => {
  it('names the enumerating principal, its key and address on its own, and an address deleting the trail and narrowing its event selectors; nine refused APIs stay under cloudAudit.minDeniedApis', async () => {
    const stolen = C.assumedRole('ec2-app-role', 'i-0a1b2c3d4e5f67890', 'ASIAEXAMPLESTOLEN08');
    const ops = C.iamUser('ops-breakglass', 'AKIAEXAMPLEOPS00009');
    const intern = C.iamUser('t.nguyen', 'AKIAEXAMPLEINT00010');
    const names: [string, string][] = [
      ['ListUsers', 'iam'], ['ListGroups', 'iam'], ['ListRoles', 'iam'], ['GetAccountSummary', 'iam'], ['ListBuckets', 's3'], ['DescribeInstances', 'ec2'], ['DescribeImages', 'ec2'], ['DescribeSnapshots', 'ec2'],
      ['ListSecrets', 'secretsmanager'], ['GetParametersByPath', 'ssm'], ['ListFunctions20150331', 'lambda'], ['DescribeClusters', 'eks'], ['ListQueues', 'sqs'], ['DescribeTable', 'dynamodb'],
    ];
    const recs = [
      // credentials taken from the instance metadata service, used from outside
      ...names.map(([name, svc], i) => C.record({ t: C.at(B, 600 + i * 11), name, source: `${svc}.amazonaws.com`, ip: '91.219.236.15', identity: stolen, error: 'AccessDenied', agent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0-kali3-amd64' })),
      C.record({ t: C.at(B, 4000), name: 'PutEventSelectors', source: 'cloudtrail.amazonaws.com', ip: '198.51.100.77', identity: ops, params: { trailName: 'org-trail', eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: false }] } }),
      C.record({ t: C.at(B, 4060), name: 'DeleteTrail', source: 'cloudtrail.amazonaws.com', ip: '198.51.100.77', identity: ops, params: { name: 'org-trail' } }),
      // an intern's new policy tried in the console: nine different refusals over two services
      ...Array.from({ length: 9 }, (_, i) => C.record({ t: C.at(B, 5000 + i * 20), name: ['ListBuckets', 'GetBucketAcl', 'GetBucketPolicy', 'ListObjects', 'GetBucketTagging', 'DescribeInstances', 'DescribeVolumes', 'DescribeAddresses', 'DescribeRegions'][i]!, source: i < 5 ? 's3.amazonaws.com' : 'ec2.amazonaws.com', ip: '203.0.113.45', identity: intern, error: i < 5 ? 'AccessDenied' : 'Client.UnauthorizedOperation', agent: 'console.amazonaws.com' })),
      ...automation(600),
    ];
    const found = await analysePlanted('planted6cloud', (dir) => {
      const f = path.join(dir, 'cloudtrail-export.jsonl');
      fs.writeFileSync(f, C.lines(sorted(recs)).join('\n') + '\n');
      return [f];
    });
    const e = expectFound(found, 'cloudAudit', '91.219.236.15', 'high');
    expect(e.title).toMatch(/14 different APIs refused across 9 services/);
    expect(e.explanation).toMatch(/arn:aws:sts::111122223333:assumed-role\/ec2-app-role\/i-0a1b2c3d4e5f67890/);
    expect(e.explanation).toMatch(/ASIAEXAMPLESTOLEN08/);
    expect(e.threshold?.setting).toBe('cloudAudit.minDeniedApis');
    const t = expectFound(found, 'cloudAudit', '198.51.100.77', 'high');
    expect(t.title).toMatch(/PutEventSelectors, DeleteTrail/);
    expect(t.explanation).toMatch(/ops-breakglass/);
    expect(found.filter((x) => x.detector === 'cloudAudit').map((x) => x.entity).sort(), listFindings(found)).toEqual(['198.51.100.77', '91.219.236.15']);
    expectQuietElsewhere(found, ['91.219.236.15', '198.51.100.77']);
  }, 60_000);
});
