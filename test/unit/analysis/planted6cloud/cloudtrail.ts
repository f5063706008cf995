// CloudTrail records written as AWS writes them: one {"Records":[...]} document per S3 object, or
// one record a line as an Athena / CloudWatch Logs export gives them.

export interface Call {
  t: string; // ISO time, Z
  name: string;
  source: string; // eventSource, e.g. iam.amazonaws.com
  ip: string;
  identity: Record<string, unknown>;
  error?: string;
  message?: string;
  params?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  agent?: string;
}

let seq = 0;
export function record(c: Call): Record<string, unknown> {
  seq++;
  const r: Record<string, unknown> = {
    eventVersion: '1.08',
    userIdentity: c.identity,
    eventTime: c.t,
    eventSource: c.source,
    eventName: c.name,
    awsRegion: 'us-east-1',
    sourceIPAddress: c.ip,
    userAgent: c.agent ?? 'aws-cli/2.13.5 Python/3.11.4 Linux/5.15.0 exe/x86_64.ubuntu.22',
    requestParameters: c.params ?? null,
    responseElements: c.response ?? null,
    requestID: `0c5e7d9a-${String(seq).padStart(4, '0')}-4c1e-9d2b-6f0a1b2c3d4e`,
    eventID: `7f1d3a2b-${String(seq).padStart(4, '0')}-4b8e-a1c2-9e8d7c6b5a4f`,
    readOnly: /^(List|Describe|Get)/.test(c.name),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
  if (c.error) {
    r.errorCode = c.error;
    r.errorMessage = c.message ?? `User: ${String(c.identity.arn)} is not authorized to perform: ${c.source.split('.')[0]}:${c.name}`;
  }
  return r;
}

export const iamUser = (name: string, key: string): Record<string, unknown> => ({
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLE' + name.toUpperCase().replace(/[^A-Z]/g, ''),
  arn: `arn:aws:iam::111122223333:user/${name}`,
  accountId: '111122223333',
  accessKeyId: key,
  userName: name,
});

export const assumedRole = (role: string, session: string, key: string): Record<string, unknown> => ({
  type: 'AssumedRole',
  principalId: `AROAEXAMPLEROLE:${session}`,
  arn: `arn:aws:sts::111122223333:assumed-role/${role}/${session}`,
  accountId: '111122223333',
  accessKeyId: key,
  sessionContext: {
    sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEROLE', arn: `arn:aws:iam::111122223333:role/${role}`, accountId: '111122223333', userName: role },
    attributes: { creationDate: '2026-03-10T00:00:00Z', mfaAuthenticated: 'false' },
  },
});

export const service = (name: string): Record<string, unknown> => ({ type: 'AWSService', invokedBy: name });

/** A console sign-in; `ok` false is the "Failed authentication" AWS writes for a wrong password. */
export function consoleLogin(t: string, ip: string, user: string, ok: boolean): Record<string, unknown> {
  return record({
    t,
    name: 'ConsoleLogin',
    source: 'signin.amazonaws.com',
    ip,
    identity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE' + user.toUpperCase().replace(/[^A-Z]/g, ''), accountId: '111122223333', accessKeyId: '', userName: user },
    agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
    response: { ConsoleLogin: ok ? 'Success' : 'Failure' },
    error: ok ? undefined : 'Failed authentication',
    message: ok ? undefined : 'Failed authentication',
    params: null,
  });
}

/** Seconds after a base ISO time, as ISO (no milliseconds, as CloudTrail writes). */
export const at = (base: string, s: number): string => new Date(Date.parse(base) + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const document = (records: Record<string, unknown>[]): string => JSON.stringify({ Records: records });
export const lines = (records: Record<string, unknown>[]): string[] => records.map((r) => JSON.stringify(r));
