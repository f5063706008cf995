// Round 8: an Azure Application Gateway WAF log exported from Log Analytics as CSV (the
// AzureDiagnostics table, "Export > CSV (all columns)"), the gateway in detection mode.

const T0 = Date.UTC(2026, 2, 12, 8, 0, 0);
const RID = '/SUBSCRIPTIONS/6F1A2B3C-0000-4D5E-8F90-123456789ABC/RESOURCEGROUPS/RG-PORTAL/PROVIDERS/MICROSOFT.NETWORK/APPLICATIONGATEWAYS/PORTAL-APPGW';
const HEADER = ['TenantId', 'TimeGenerated [UTC]', 'ResourceId', 'Category', 'ResourceGroup', 'SubscriptionId', 'ResourceProvider', 'Resource', 'ResourceType', 'OperationName', 'instanceId_s', 'clientIp_s', 'clientPort_d', 'requestUri_s', 'ruleSetType_s', 'ruleSetVersion_s', 'ruleId_s', 'ruleGroup_s', 'Message', 'action_s', 'site_s', 'details_message_s', 'details_data_s', 'details_file_s', 'details_line_s', 'hostname_s', 'transactionId_g', 'policyId_s', 'policyScope_s', 'policyScopeName_s', 'engine_s', 'Type'];

/** Log Analytics' export time, `3/12/2026, 9:14:07.512 AM` (UTC). */
function laTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')}.${String(d.getUTCMilliseconds()).padStart(3, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}
const q = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function row(ms: number, ip: string, port: number | null, uri: string, ruleId: string, group: string, msg: string, action: string, data: string, host: string, txn: string): string {
  return [
    'b5e1f2a3-0000-4c1d-9e8f-aabbccddeeff', laTime(ms), RID, 'ApplicationGatewayFirewallLog', 'RG-PORTAL', '6f1a2b3c-0000-4d5e-8f90-123456789abc', 'MICROSOFT.NETWORK', 'PORTAL-APPGW', 'APPLICATIONGATEWAYS', 'ApplicationGatewayFirewall', 'appgw_1',
    ip, port === null ? '' : String(port), uri, 'OWASP_CRS', '3.2', ruleId, group, msg, action, 'Global', data ? `Pattern match at ${data.split(' found within ')[1]?.split(':')[0] ?? 'ARGS'}. ` : '', data, `rules/${group}.conf`, '100', host, txn, 'default', 'Global', 'Global', '', 'AzureDiagnostics',
  ].map(q).join(',');
}

/**
 * 91.240.118.172's Unix command injection against the portal's CGI, 12 requests, each a 932100
 * Matched row and the 949110 verdict Detected (never blocked); the gateway's own health probes by
 * address set off 920350 on every probe; a partner's integration posts JSON the CRS mistakes for
 * SQL (942200, Matched once a day, score under the threshold).
 */
export function azureExport(): string[] {
  const out: { ms: number; line: string }[] = [];
  const atk = '91.240.118.172';
  for (let i = 0; i < 12; i++) {
    const ms = T0 + 3_600_000 + i * 25_000;
    const txn = `7e${(0x5b000000 + i).toString(16)}c0ffee0000000000000000`;
    const uri = `/cgi-bin/status.cgi?host=10.0.0.1;id;uname%20-a&n=${i}`;
    out.push({ ms, line: row(ms, atk, 40100 + i, uri, '932100', 'REQUEST-932-APPLICATION-ATTACK-RCE', 'Remote Command Execution: Unix Command Injection', 'Matched', 'Matched Data: ;id found within ARGS:host: 10.0.0.1;id;uname -a', 'portal.example.com', txn) });
    out.push({ ms: ms + 1, line: row(ms + 1, atk, 40100 + i, uri, '949110', 'REQUEST-949-BLOCKING-EVALUATION', 'Mandatory rule. Cannot be disabled. Inbound Anomaly Score Exceeded (Total Score: 5)', 'Detected', '', 'portal.example.com', txn) });
  }
  for (let i = 0; i < 80; i++) {
    const ms = T0 + i * 30_000;
    out.push({ ms, line: row(ms, `10.1.0.${4 + (i % 2)}`, null, '/', '920350', 'REQUEST-920-PROTOCOL-ENFORCEMENT', 'Host header is a numeric IP address', 'Matched', 'Matched Data: 10.1.0.10 found within REQUEST_HEADERS:Host: 10.1.0.10', '10.1.0.10', `1f${(0x10000000 + i).toString(16)}0000000000000000000000`) });
  }
  return ['\uFEFF' + HEADER.join(','), ...out.sort((a, b) => a.ms - b.ms).map((o) => o.line)];
}
