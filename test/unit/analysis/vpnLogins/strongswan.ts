// strongSwan's charon serving IKEv2 road warriors with EAP-MS-CHAPv2, in syslog with `ike_name = yes`
// (every line of an IKE_SA names it: `<12>`, then `<ikev2-eap|12>` once its config is chosen). The
// client is on the packet lines, the account on the EAP identity line, the outcome on a third; the
// Windows client's IKE identity is its own (private) address.
import { type Attempt, bsd } from './scenario';

export function charonLog(attempts: readonly Attempt[]): string[] {
  return attempts.flatMap((a, i) => {
    const n = 100 + i;
    const h = `${bsd(a.ms)} vpn-gw charon: `;
    const sa = `<ikev2-eap|${n}>`;
    const own = `192.168.${1 + (i % 50)}.${20 + (i % 200)}`;
    const out = [
      `${h}05[NET] <${n}> received packet: from ${a.ip}[500] to 198.51.100.1[500] (604 bytes)`,
      `${h}05[ENC] <${n}> parsed IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(REDIR_SUP) ]`,
      `${h}05[IKE] <${n}> ${a.ip} is initiating an IKE_SA`,
      `${h}05[IKE] <${n}> remote host is behind NAT`,
      `${h}05[ENC] <${n}> generating IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(CHDLESS_SUP) N(MULT_AUTH) ]`,
      `${h}05[NET] <${n}> sending packet: from 198.51.100.1[500] to ${a.ip}[500] (248 bytes)`,
      `${h}06[NET] <${n}> received packet: from ${a.ip}[4500] to 198.51.100.1[4500] (496 bytes)`,
      `${h}06[ENC] <${n}> parsed IKE_AUTH request 1 [ IDi N(INIT_CONTACT) IDr CPRQ(ADDR DNS) SA TSi TSr N(MOBIKE_SUP) N(NO_ADD_ADDR) N(EAP_ONLY) N(MSG_ID_SYN_SUP) ]`,
      `${h}06[CFG] <${n}> looking for peer configs matching 198.51.100.1[vpn.example.com]...${a.ip}[${own}]`,
      `${h}06[CFG] <ikev2-eap|${n}> selected peer config 'ikev2-eap'`,
      `${h}06[IKE] ${sa} initiating EAP_IDENTITY method (id 0x00)`,
      `${h}06[IKE] ${sa} authentication of 'vpn.example.com' (myself) with RSA_EMSA_PKCS1_SHA2_384 successful`,
      `${h}06[NET] ${sa} sending packet: from 198.51.100.1[4500] to ${a.ip}[4500] (1236 bytes)`,
      `${h}07[NET] ${sa} received packet: from ${a.ip}[4500] to 198.51.100.1[4500] (80 bytes)`,
      `${h}07[ENC] ${sa} parsed IKE_AUTH request 2 [ EAP/RES/ID ]`,
      `${h}07[IKE] ${sa} received EAP identity '${a.user}'`,
      `${h}07[IKE] ${sa} initiating EAP_MSCHAPV2 method (id 0x7A)`,
      `${h}08[NET] ${sa} received packet: from ${a.ip}[4500] to 198.51.100.1[4500] (144 bytes)`,
      `${h}08[ENC] ${sa} parsed IKE_AUTH request 3 [ EAP/RES/MSCHAPV2 ]`,
    ];
    if (!a.ok) {
      out.push(`${h}08[IKE] ${sa} EAP-MS-CHAPv2 verification failed, retry (1)`);
      out.push(`${h}08[IKE] ${sa} EAP method EAP_MSCHAPV2 failed for peer ${own}`);
      out.push(`${h}08[ENC] ${sa} generating IKE_AUTH response 3 [ EAP/FAIL ]`);
      return out;
    }
    out.push(`${h}09[IKE] ${sa} EAP method EAP_MSCHAPV2 succeeded, MSK established`);
    out.push(`${h}09[IKE] ${sa} authentication of '${own}' with EAP successful`);
    out.push(`${h}09[IKE] ${sa} IKE_SA ikev2-eap[${n}] established between 198.51.100.1[vpn.example.com]...${a.ip}[${own}]`);
    out.push(`${h}09[IKE] ${sa} assigning virtual IP 10.10.20.${10 + (i % 200)} to peer '${a.user}'`);
    return out;
  });
}
