// The SQL of the analysis engine, in one place: conditions shared by the batch tasks, and
// the GROUP BY queries that build each aggregate. Identifiers are constants; values are bound.

/** Failed logins recorded by auth logs. */
export const AUTH_FAIL = "action IN ('auth_failure','invalid_user')";

/** Paths that take credentials (case-insensitive LIKE). */
export const LOGIN_PATH = `(${['login', 'logon', 'signin', 'sign-in', 'sign_in', 'auth', 'session', 'xmlrpc.php', 'wp-admin', '/admin', 'password', 'token', 'account']
  .map((p) => `path LIKE '%${p}%'`)
  .join(' OR ')})`;

/** A TCP flow carrying only SYN (no ACK): a connection attempt nobody answered. */
export const SYN_ONLY = "(flags GLOB '*S*' AND flags NOT GLOB '*A*')";

/**
 * A flow sent by the side that opened the conversation: towards a low (service) port, from a
 * higher or unknown port, or a bare SYN. Server replies to ephemeral client ports do not count.
 */
export const INITIATOR = `(dst_port < 1024 OR src_port IS NULL OR src_port >= dst_port OR ${SYN_ONLY})`;

/** Ports where repeated short connections mean password guessing. */
export const LOGIN_PORTS = [21, 22, 23, 3389, 5900, 1433, 3306, 5432];

export const Q = {
  profile: `SELECT src_ip AS ip, COUNT(*) AS events, COALESCE(SUM(bytes), 0) AS bytes,
      COUNT(DISTINCT dst_ip) AS dsts, COUNT(DISTINCT dst_port) AS ports, COUNT(DISTINCT path) AS paths,
      COALESCE(SUM(status >= 400), 0) AS errors, COALESCE(SUM(status IN (401, 403)), 0) AS denied,
      COALESCE(SUM(status = 404), 0) AS notFound, COALESCE(SUM(${AUTH_FAIL}), 0) AS authFail,
      COALESCE(SUM(action = 'auth_success'), 0) AS authOk,
      COALESCE(SUM(method IS NOT NULL AND method NOT IN ('GET', 'HEAD', 'POST')), 0) AS oddMethods,
      AVG(CASE WHEN dst_port = 53 THEN bytes END) AS dnsAvgBytes,
      COALESCE(SUM(CASE WHEN dst_port IS NULL OR ${INITIATOR} THEN bytes END), 0) AS sentBytes, MIN(ts) AS first, MAX(ts) AS last
    FROM events WHERE src_ip IS NOT NULL GROUP BY src_ip`,

  ports: `SELECT src_ip AS ip, COUNT(DISTINCT dst_port) AS ports,
      COUNT(DISTINCT CASE WHEN dst_port < 1024 THEN dst_port END) AS low, COUNT(DISTINCT dst_ip) AS hosts,
      COUNT(*) AS flows, COALESCE(SUM(${SYN_ONLY}), 0) AS syn, MIN(ts) AS first, MAX(ts) AS last
    FROM events WHERE dst_port IS NOT NULL AND src_ip IS NOT NULL AND action IS NULL AND ${INITIATOR}
    GROUP BY src_ip HAVING COUNT(DISTINCT dst_port) > ?`,

  // ICMP counts echo requests only (type 8, or unknown type): echo replies and unreachables are answers
  // distinct hosts in the busiest clock hour: a sweep is fast; a client reaching 100 hosts over a day is not one
  hosts: `SELECT ip, svc, MAX(hosts) AS hosts, SUM(flows) AS flows, SUM(probes) AS probes, SUM(known) AS known, MIN(first) AS first, MAX(last) AS last FROM (
    SELECT src_ip AS ip, CASE WHEN proto = 'ICMP' OR proto = 'ICMP6' OR proto = 'IPV6-ICMP' THEN 'icmp' ELSE CAST(dst_port AS TEXT) END AS svc,
      ts / 3600000 AS h, COUNT(DISTINCT dst_ip) AS hosts, COUNT(*) AS flows,
      COALESCE(SUM(packets <= 2 OR ${SYN_ONLY} OR action = 'reject'), 0) AS probes,
      COALESCE(SUM(packets IS NOT NULL OR flags IS NOT NULL OR action IS NOT NULL), 0) AS known,
      MIN(ts) AS first, MAX(ts) AS last
    FROM events WHERE dst_ip IS NOT NULL AND src_ip IS NOT NULL
      AND ((proto IN ('ICMP', 'ICMP6', 'IPV6-ICMP') AND (flags IS NULL OR flags = '8' OR flags GLOB '8.*' OR flags = '128' OR flags GLOB '128.*'))
        OR (dst_port IS NOT NULL AND ${INITIATOR} AND NOT COALESCE(src_port = dst_port AND src_port < 1024, 0)))
    GROUP BY src_ip, svc, h)
    GROUP BY ip, svc HAVING MAX(hosts) >= ?`,

  ssh: `SELECT src_ip AS ip, COALESCE(SUM(${AUTH_FAIL}), 0) AS fails, COALESCE(SUM(action = 'invalid_user'), 0) AS invalid,
      COALESCE(SUM(action = 'auth_success'), 0) AS ok, COUNT(DISTINCT CASE WHEN ${AUTH_FAIL} THEN user END) AS users,
      MIN(CASE WHEN ${AUTH_FAIL} THEN ts END) AS firstFail, MAX(CASE WHEN ${AUTH_FAIL} THEN ts END) AS lastFail,
      MAX(CASE WHEN action = 'auth_success' THEN ts END) AS lastOk,
      GROUP_CONCAT(DISTINCT CASE WHEN action = 'auth_success' THEN user END) AS okUsers
    FROM events WHERE src_ip IS NOT NULL AND action IN ('auth_failure', 'invalid_user', 'auth_success')
    GROUP BY src_ip HAVING fails > 0`,

  webLogin: `SELECT src_ip AS ip, COALESCE(SUM(status IN (401, 403) AND ${LOGIN_PATH}), 0) AS loginFails,
      COALESCE(SUM(method = 'POST' AND ${LOGIN_PATH}), 0) AS loginPosts,
      COALESCE(SUM(status BETWEEN 200 AND 399 AND ${LOGIN_PATH}), 0) AS loginOk,
      COALESCE(SUM(status IN (401, 403)), 0) AS denied,
      COUNT(DISTINCT CASE WHEN ${LOGIN_PATH} THEN path END) AS paths,
      MAX(CASE WHEN status IN (401, 403) THEN path END) AS topPath, MIN(ts) AS first, MAX(ts) AS last
    FROM events WHERE src_ip IS NOT NULL AND status IS NOT NULL AND (status IN (401, 403) OR (method = 'POST' AND ${LOGIN_PATH}))
    GROUP BY src_ip HAVING loginFails + loginPosts >= ? OR denied >= ?`,

  // the busiest clock hour per source->host: hundreds of short connections in one hour is guessing,
  // the same number spread over a working day is someone's ordinary SSH/RDP use
  flowLogin: `SELECT ip, dst, port, SUM(flows) AS flows, MAX(short) AS short, MIN(first) AS first, MAX(last) AS last FROM (
      SELECT src_ip AS ip, dst_ip AS dst, dst_port AS port, ts / 3600000 AS h, COUNT(*) AS flows,
        COALESCE(SUM(COALESCE(duration, 0) < ? AND COALESCE(packets, 0) < ?), 0) AS short, MIN(ts) AS first, MAX(ts) AS last
      FROM events WHERE dst_port IN (${LOGIN_PORTS.join(',')}) AND action IS NULL AND src_ip IS NOT NULL
        AND (src_port IS NULL OR src_port > dst_port)
      GROUP BY src_ip, dst_ip, dst_port, h)
    GROUP BY ip, dst, port HAVING MAX(short) >= ?`,

  stuffing: `SELECT target, win AS window, COUNT(DISTINCT src_ip) AS sources, COUNT(*) AS fails, MIN(ts) AS first, MAX(ts) AS last FROM (
      SELECT CASE WHEN ${AUTH_FAIL} THEN 'ssh:' || COALESCE(program, 'auth') ELSE 'web:' || lower(path) END AS target,
        ts / CAST(? AS INTEGER) AS win, src_ip, ts
      FROM events WHERE ts IS NOT NULL AND src_ip IS NOT NULL
        AND (${AUTH_FAIL} OR (status IN (401, 403) AND ${LOGIN_PATH}) OR (method = 'POST' AND status < 500 AND ${LOGIN_PATH})))
    GROUP BY target, win HAVING COUNT(DISTINCT src_ip) >= ?`,

  pairs: `SELECT src_ip AS src, dst_ip AS dst, SUM(bytes) AS bytes, COUNT(*) AS flows, COUNT(DISTINCT dst_port) AS ports,
      MIN(dst_port) AS port, MIN(ts) AS first, MAX(ts) AS last
    FROM events WHERE bytes > 0 AND src_ip IS NOT NULL AND dst_ip IS NOT NULL AND (dst_port IS NULL OR ${INITIATOR})
    GROUP BY src_ip, dst_ip HAVING SUM(bytes) >= ?`,

  // server replies (from a service port to an ephemeral one) and bare resets are the victim answering, not a flood
  rate: `SELECT ip, MAX(c) AS peak, m AS peakMinute, SUM(c) AS total, COUNT(*) AS minutes, COUNT(DISTINCT m / 60) AS hours FROM (
      SELECT src_ip AS ip, ts / 60000 AS m, COUNT(*) AS c FROM events
      WHERE ts IS NOT NULL AND src_ip IS NOT NULL AND NOT COALESCE(src_port < 1024 AND dst_port >= 1024, 0)
        AND NOT COALESCE(flags GLOB '*R*' AND flags NOT GLOB '*S*', 0)
      GROUP BY src_ip, m)
    GROUP BY ip`,

  /** rows worth decoding: anything with a query, an escape, a quote, a dot-dot, or a template/function in the UA */
  payloadCandidates: `SELECT id, src_ip AS ip, ts, status, path, query, user_agent AS ua FROM events
    WHERE id BETWEEN ? AND ? AND (query IS NOT NULL OR path GLOB '*[%<>''"();|\`$]*' OR path LIKE '%..%'
      OR user_agent LIKE '%\${%' OR user_agent LIKE '%() {%')`,

  agentList: `SELECT user_agent AS agent, COUNT(*) AS n FROM events WHERE user_agent IS NOT NULL GROUP BY user_agent`,

  sweeps: `SELECT src_ip AS ip, COUNT(DISTINCT path) AS missingPaths, COUNT(*) AS notFound, MIN(ts) AS first, MAX(ts) AS last
    FROM events WHERE status = 404 AND src_ip IS NOT NULL GROUP BY src_ip HAVING COUNT(DISTINCT path) >= ?`,

  crawlers: `SELECT src_ip AS ip, user_agent AS agent, COUNT(*) AS requests,
      COALESCE(SUM(method NOT IN ('GET', 'HEAD')), 0) AS nonGet, COALESCE(SUM(path = '/robots.txt'), 0) AS robots,
      COALESCE(SUM(status >= 400), 0) AS errors
    FROM events WHERE src_ip IS NOT NULL AND (user_agent LIKE '%bot%' OR user_agent LIKE '%crawl%' OR user_agent LIKE '%spider%' OR user_agent LIKE '%slurp%')
    GROUP BY src_ip, user_agent`,

  beacons: `SELECT src, dst, port, kind, COUNT(dt) AS n, AVG(dt) AS mean,
      MAX(AVG(dt * dt) - AVG(dt) * AVG(dt), 0) AS var, MIN(ts) AS first, MAX(ts) AS last FROM (
      SELECT src, dst, port, kind, ts, ts - LAG(ts) OVER (PARTITION BY src, dst, port ORDER BY ts) AS dt FROM (
        SELECT src_ip AS src, COALESCE(dst_ip, path) AS dst, dst_port AS port,
          CASE WHEN dst_ip IS NULL THEN 'web' ELSE 'flow' END AS kind, ts
        FROM events WHERE ts IS NOT NULL AND src_ip IS NOT NULL AND (dst_ip IS NOT NULL OR path IS NOT NULL)))
    WHERE dt >= ?
    GROUP BY src, dst, port HAVING COUNT(dt) >= ? AND MAX(ts) - MIN(ts) >= ? AND AVG(dt * dt) - AVG(dt) * AVG(dt) <= ? * AVG(dt) * AVG(dt)`,
} as const;
