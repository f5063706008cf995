// Field names -> canonical roles: the synonym table every format with named fields maps by
// (CSV/TSV headers, JSON keys, Zeek, W3C), with the prefixes that only say where a field sits.
/** `Src IP Addr` -> `srcipaddr`, `cs(User-Agent)` -> `csuseragent`, `id.orig_h` -> `idorigh`. */
export function normalizeFieldName(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const SYNONYMS: Record<string, readonly string[]> = {
  // GCP VPC flow logs: the flow's start, not when the log entry was written (as VPC flow logs' start);
  // Traefik's JSON access log: StartUTC, when the request began, to the nanosecond (its `time` is the write, to the second)
  ts: ['jsonpayloadstarttime', 'startutc', 'rt', 'timestamp', 'time', 'datetime', 'date', 'datefirstseen', 'eventtime', 'ts', 'starttime', 'start', 'firstseen', 'logtime', 'receivedtime', 'eventdate', 'createdat', 'timegenerated', 'timecreated', 'generatedtime', 'receivetime', 'utctime', 'devicetime', 'eventtimestamp', 'stime', 'flowstart', 'realtimetimestamp', 'sourcerealtimestamp', 'createddatetime', 'published', 'audittime', 'dateandtime', 'edgestarttimestamp', 'timeiso8601', 'timelocal', 'devtime', 'timegeneratedutc', 'reqtimesec', 'unixtime'],
  src_ip: ['srcip', 'srcipaddr', 'sourceip', 'sourceaddress', 'srcaddr', 'src', 'source', 'clientip', 'cip', 'ip', 'ipaddress', 'ipaddr', 'remoteaddr', 'remoteip', 'clientaddress', 'clientaddr', 'idorigh', 'origh', 'sourceipaddress', 'srcaddress', 'client', 'remotehost', 'sourceipv4', 'srcipv4', 'saddr', 'callingstationid', 'xforwardedfor', 'clienthost', 'sourceips', 'remip', 'addr', 'sa', 'srcap', 'eventsrcip', 'remote'],
  src_port: ['srcport', 'srcpt', 'sport', 'sourceport', 'clientport', 'idorigp', 'origp', 'cport', 'spt', 'srcportnumber', 'remoteport', 'ipport', 'sp', 'eventsrcport'],
  dst_ip: ['dstip', 'dstipaddr', 'destinationip', 'destip', 'dstaddr', 'dst', 'destination', 'destinationaddress', 'serverip', 'sip', 'idresph', 'resph', 'destaddress', 'targetip', 'dstaddress', 'destinationipaddress', 'daddr', 'serveraddress', 'dstipv4', 'da', 'dstap', 'originip', 'eventdestip'],
  dst_port: ['dsport', 'dstport', 'dstpt', 'dport', 'destinationport', 'destport', 'serverport', 'dpt', 'idrespp', 'respp', 'port', 'targetport', 'dstportnumber', 'service', 'dp', 'eventdestport'],
  proto: ['networktransport', 'proto', 'protocol', 'transport', 'ipprotocol', 'l4proto', 'protocolname', 'transportprotocol', 'ipproto', 'protocolid', 'pr', 'eventproto'],
  method: ['httprequestmethod', 'httphttpmethod', 'method', 'requesttype', 'requestmethod', 'csmethod', 'httpmethod', 'verb', 'clientrequestmethod'],
  host: ['dhost', 'httphostname', 'host', 'hostname', 'vhost', 'cshost', 'servername', 'domain', 'site', 'virtualhost', 'httphost', 'clientrequesthost', 'reqhost', 'hostidentifier'],
  path: ['urloriginal', 'urlpath', 'httpurl', 'path', 'url', 'uri', 'requestarg', 'request', 'csuristem', 'requesturi', 'urlpath', 'uripath', 'resource', 'endpoint', 'requestpath', 'requesturl', 'clientrequesturi', 'csuri'],
  query: ['query', 'querystring', 'csuriquery', 'uriquery', 'urlquery', 'httprequestargs', 'requestquery', 'querystr'],
  protocol: ['httpprotocol', 'httpversion', 'protocolversion', 'csversion', 'serverprotocol', 'clientrequestprotocol'],
  status: ['httpresponsestatuscode', 'status', 'statuscode', 'scstatus', 'httpstatus', 'responsecode', 'responsestatus', 'httpstatuscode', 'resultcode', 'httpcode', 'edgeresponsestatus'],
  bytes: ['networkbytes', 'sourcebytes', 'sbytes', 'clientoutboundbytes', 'flowbytestoserver', 'httplength', 'bytes', 'size', 'bytessent', 'scbytes', 'responsesize', 'bodybytessent', 'length', 'contentlength', 'bytesout', 'totalbytes', 'origbytes', 'sentbytes', 'responsebodylen', 'bytestransferred', 'octets', 'responsebytes', 'sizebytes', 'dataout', 'sentbyte', 'outbytes', 'ibyt', 'edgeresponsebytes', 'srcbytes', 'eventnetflowbytes', 'sent', 'totallengthoffwdpackets', 'totlenfwdpkts', 'downstreamcontentsize'],
  packets: ['spkts', 'flowpktstoserver', 'packets', 'pkts', 'packetcount', 'origpkts', 'totalpackets', 'npackets', 'sentpkt', 'packetssent', 'ipkt', 'srcpackets', 'eventnetflowpkts', 'spkt', 'totalfwdpackets', 'totfwdpkts', 'totpkts'],
  flows: ['flows', 'flowcount'],
  duration: ['duration', 'elapsed', 'requesttime', 'elapsedtime', 'durationseconds', 'durationsec', 'elapsedtimesec', 'dur', 'td', 'flowage', 'eventnetflowage', 'flowduration'],
  flags: ['state', 'flags', 'tcpflags', 'connstate', 'flg'],
  tos: ['tos', 'dscp', 'typeofservice'],
  referrer: ['httprequestreferrer', 'httphttprefer', 'referrer', 'referer', 'csreferer', 'httpreferer', 'httpreferrer', 'referrerurl', 'requestheadersreferer', 'clientrequestreferer'],
  user_agent: ['requestclientapplication', 'httphttpuseragent', 'useragentoriginal', 'clientuseragentrawuseragent', 'useragent', 'csuseragent', 'httpuseragent', 'ua', 'agent', 'browser', 'useragentstring', 'requestheadersuseragent', 'clientrequestuseragent'],
  user: ['suser', 'duser', 'username', 'targetusername', 'user', 'csusername', 'login', 'account', 'accountname', 'srcuser', 'useridentityusername', 'principal', 'userprincipalname', 'userid', 'actoralternateid', 'acct', 'remoteuser', 'usrname', 'usr', 'sourceuser', 'userids', 'actoremail', 'principalname'],
  action: ['eventaction', 'alertaction', 'act', 'action', 'disposition', 'verdict', 'decision', 'logaction', 'fwaction', 'outcome', 'securityaction', 'eventalertaction'],
  program: ['program', 'process', 'app', 'application', 'appname', 'processname', 'syslogprogram', 'syslogidentifier', 'provider', 'providername', 'eventprovider', 'comm', 'exe', 'eventsource'],
  message: ['alertsignature', 'message', 'msg', 'text', 'logmessage', 'details', 'eventmessage', 'mapdescription', 'log', 'eventalertsignature', 'sreason'],
  label: ['label', 'class', 'anomalous', 'isattack', 'malicious', 'isanomaly', 'anomaly', 'islabeled', 'ismalicious', 'groundtruth'],
  category: ['alertcategory', 'attacktype', 'category', 'attackcat', 'attackcategory', 'threat', 'threatname', 'attack', 'attackname', 'threattype', 'cat', 'eventalertcategory'],
};

const BY_NAME = new Map<string, string>();
/** position of a name in its role's list: when two fields claim one role, the better-ranked name takes it */
const RANK = new Map<string, number>();
for (const [role, names] of Object.entries(SYNONYMS))
  names.forEach((n, i) => {
    if (BY_NAME.has(n)) return;
    BY_NAME.set(n, role);
    RANK.set(n, i);
  });
/**
 * Prefixes that only say where a field sits (`winlog.event_data.IpAddress`, `httpRequest.status`,
 * Traefik's `DownstreamStatus`, Kubernetes' `responseStatus.code`): without them the rest may be a
 * known name. Containers may give any role; request/response parts never a time (`responseTime`
 * is a duration).
 */
const CONTAINER_PREFIXES = ['jsonpayloadconnection', 'winlogeventdata', 'eventdata', 'winlog', 'jsonpayload', 'properties', 'attributes', 'fields', 'data', 'payload', 'attr'];
const PART_PREFIXES = ['httprequest', 'request', 'response', 'downstream', 'upstream', 'user'];

/** The role and rank of a normalised name, directly or without a container prefix (ranked after direct names). */
function lookupName(n: string): { role: string; rank: number } | null {
  const direct = BY_NAME.get(n);
  if (direct !== undefined) return { role: direct, rank: RANK.get(n)! };
  for (const [list, anyRole] of [[CONTAINER_PREFIXES, true], [PART_PREFIXES, false]] as const) {
    for (const p of list) {
      if (n.length <= p.length || !n.startsWith(p)) continue;
      const rest = n.slice(p.length);
      const role = BY_NAME.get(rest);
      // Windows event data's Status is an NTSTATUS code (0xC000006D), not an HTTP status; a name that
      // says HTTP or status code does (Azure Front Door's and Application Gateway's `properties.httpStatusCode`/`httpStatus`)
      if (role !== undefined && (anyRole ? role !== 'status' || rest !== 'status' : role !== 'ts')) return { role, rank: 1000 + RANK.get(rest)! };
    }
  }
  return null;
}

/** How well a field's name claims its role (lower is better): two fields claiming one role, the better-ranked takes it. */
export const rankOf = (field: string): number => lookupName(normalizeFieldName(field))?.rank ?? Number.POSITIVE_INFINITY;
/** Address field names that are also ordinary words (Event Viewer's `Source` is the provider; Go's `addr=:8080` is a listen address): they need an address among the values. */
export const WEAK_ADDRESS_NAMES = new Set(['src', 'source', 'dst', 'destination', 'client', 'remotehost', 'addr', 'remote']);

/** The role a field name suggests, or null. */
export function roleForName(name: string): string | null {
  return lookupName(normalizeFieldName(name))?.role ?? null;
}
