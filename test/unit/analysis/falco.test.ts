// Falco's alerts (json_output), as falco writes them to stdout or a file: each a rule Falco matched
// on a system call, kept as a rule match at Falco's own priority. A miner dropped and run in a
// container and /etc/shadow read, beside the Notice-level chatter of a healthy cluster.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';
import { falcoLevel } from '../../../src/core/formats/falco';

afterAll(cleanupPlanted);

function falcoAlerts(): string[] {
  const out: string[] = [];
  const t0 = Date.UTC(2026, 11, 7, 10);
  const ev = (k: number, rule: string, priority: string, cmd: string, user: string, pod: string, extra: Record<string, unknown> = {}): void => {
    const ms = t0 + k * 60_000;
    const time = new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1456789Z');
    out.push(
      JSON.stringify({
        hostname: 'node-2',
        output: `${time.slice(11, 19)}.123456789: ${priority} ${rule} (user=${user} command=${cmd} k8s_ns=default k8s_pod_name=${pod})`,
        output_fields: { 'container.id': '3f2a1b4c5d6e', 'container.name': pod, 'evt.time': ms * 1e6, 'k8s.ns.name': 'default', 'k8s.pod.name': pod, 'proc.cmdline': cmd, 'proc.name': cmd.split(' ')[0], 'user.name': user, ...extra },
        priority,
        rule,
        source: 'syscall',
        tags: ['container', 'mitre_execution'],
        time,
      }),
    );
  };
  // trap: a monitoring pod talking to the API server, and developers' shells in a pod, all day
  for (let k = 0; k < 300; k++) ev(k, 'Contact K8S API Server From Container', 'Notice', 'kube-state-metrics --port=8080', 'nobody', 'kube-state-metrics-5c');
  for (let k = 0; k < 50; k++) ev(k * 5, 'Terminal shell in container', 'Notice', 'bash', 'root', 'web-7d9f');
  ev(250, 'Launch Package Management Process in Container', 'Informational', 'apt-get install -y curl', 'root', 'web-7d9f');
  // planted: /etc/shadow read and a miner dropped and run
  ev(400, 'Read sensitive file untrusted', 'Warning', 'cat /etc/shadow', 'root', 'web-7d9f', { 'fd.name': '/etc/shadow' });
  ev(401, 'Drop and execute new binary in container', 'Critical', '/tmp/xmrig -o pool.minexmr.com:443', 'root', 'web-7d9f');
  return out;
}

describe("Falco's alerts", () => {
  it('are rule matches at Falco\'s own priority, on the machine that raised them; Notice chatter is one low summary', async () => {
    const found = await analysePlanted('falco', (dir) => {
      const { put, files } = logFiles(dir);
      put('falco_events.json', falcoAlerts());
      return files;
    });
    expect(found.map((f) => `${f.severity}:${f.entity}`), listFindings(found)).toEqual(['critical:node-2: Drop and execute new binary in container', 'high:node-2: Read sensitive file untrusted', 'low:medium-level rules']);
    const miner = found[0]!;
    expect(miner.title).toBe('Drop and execute new binary in container (Falco, critical) on node-2');
    expect(miner.explanation).toContain('account root');
    expect(miner.explanation).toContain('command=/tmp/xmrig -o pool.minexmr.com:443');
    expect(found[2]!.numbers).toMatchObject({ rules: 2 });
  }, 60_000);

  it("reads Falco's priorities as levels, and nothing else", () => {
    expect(['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug', 'warning ', 'Bogus', '<script>'].map(falcoLevel)).toEqual(['critical', 'critical', 'critical', 'high', 'high', 'medium', 'informational', 'informational', 'high', null, null]);
  });
});
