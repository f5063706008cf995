// Pulse / Ivanti Connect Secure in its standard log format sent to syslog: a refused password logs
// `Login failed using auth server …  Reason: Failed` and the primary authentication's failure; a login
// that passes its primary authentication and `Login succeeded for user/realm (session:…)`.
import { type Attempt, bsd, hex8, iso } from './scenario';

export function pulseLog(attempts: readonly Attempt[]): string[] {
  return attempts.flatMap((a) => {
    const h = `${bsd(a.ms)} pcs01 PulseSecure: ${iso(a.ms)} - ive - [${a.ip}] ${a.user}(Users)`;
    if (!a.ok) {
      return [
        `${h}[] - Primary authentication failed for ${a.user}/AD-Corp from ${a.ip}`,
        `${h}[] - Login failed using auth server AD-Corp (Active Directory).  Reason: Failed`,
      ];
    }
    return [
      `${h}[] - Primary authentication successful for ${a.user}/AD-Corp from ${a.ip}`,
      `${h}[Staff] - Login succeeded for ${a.user}/Users (session:${hex8(a)}) from ${a.ip} with Pulse-Secure/9.1.18.24467 (Windows 10) Pulse/9.1.18.24467.`,
      `${h}[Staff] - VPN Tunneling: Session started for user with IPv4 address 10.40.0.${Number.parseInt(hex8(a).slice(0, 2), 16) % 200 + 10}, hostname LT-${hex8(a).slice(2, 8).toUpperCase()}`,
    ];
  });
}
