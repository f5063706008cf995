// FortiGate SSL-VPN event logs as a disk or FortiAnalyzer export writes them (key=value, quoted
// strings): each attempt opens with `ssl-new-con`; a refused password is `ssl-login-fail`, a
// login that passes brings the tunnel up (`tunnel-up`, tunnel mode, with the address it was given).
import { type Attempt, iso } from './scenario';

export function fortiLog(attempts: readonly Attempt[]): string[] {
  return attempts.flatMap((a, n) => {
    const [date, time] = iso(a.ms).split(' ');
    const ns = `${Math.floor(a.ms / 1000)}${String(n % 1000).padStart(3, '0')}000000`;
    const head = `date=${date} time=${time} devname="FGT-HQ" devid="FG100FTK22000123" eventtime=${ns} tz="+0000"`;
    const out = [`${head} logid="0101039943" type="event" subtype="vpn" level="information" vd="root" logdesc="SSL VPN new connection" action="ssl-new-con" tunneltype="ssl" tunnelid=0 remip=${a.ip} user="N/A" group="N/A" dst_host="N/A" reason="N/A" msg="SSL new connection"`];
    if (!a.ok) {
      const reason = n % 3 === 0 ? 'sslvpn_login_unknown_user' : 'sslvpn_login_permission_denied';
      out.push(`${head} logid="0101039426" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" tunnelid=0 remip=${a.ip} user="${a.user}" group="N/A" dst_host="N/A" reason="${reason}" msg="SSL user failed to logged in"`);
      return out;
    }
    out.push(`${head} logid="0101039947" type="event" subtype="vpn" level="information" vd="root" logdesc="SSL VPN tunnel up" action="tunnel-up" tunneltype="ssl-tunnel" tunnelid=${100000 + n} remip=${a.ip} tunnelip=10.212.134.${10 + (n % 200)} user="${a.user}" group="SSLVPN-Staff" dst_host="N/A" reason="tunnel established" msg="SSL tunnel established"`);
    return out;
  });
}
