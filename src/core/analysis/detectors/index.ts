// The list of detectors, in the order the app and the report's method appendix print them.
import type { DetectorDef } from '../types';
import { antivirus } from './antivirus';
import { ruleMatches } from './ruleMatches';
import { beaconing } from './beaconing';
import { bruteForce } from './bruteForce';
import { bursts } from './bursts';
import { cloudAudit } from './cloudAudit';
import { credentialStuffing } from './credentialStuffing';
import { directoryChanges } from './directoryChanges';
import { dnsTunnel } from './dnsTunnel';
import { heavyTraffic } from './heavyTraffic';
import { hostScan } from './hostScan';
import { icmpTunnel } from './icmpTunnel';
import { hostTampering } from './hostTampering';
import { idsAlerts } from './idsAlerts';
import { kerberoasting } from './kerberoasting';
import { lateralMovement } from './lateralMovement';
import { outliers } from './outliers';
import { portScan } from './portScan';
import { processes } from './processes';
import { ransomStaging } from './ransomStaging';
import { riskyServices } from './riskyServices';
import { scanners } from './scanners';
import { webAttacks } from './webAttacks';

export const DETECTOR_LIST: readonly DetectorDef[] = [portScan, hostScan, lateralMovement, bruteForce, credentialStuffing, kerberoasting, cloudAudit, hostTampering, directoryChanges, ransomStaging, processes, antivirus, ruleMatches, heavyTraffic, riskyServices, dnsTunnel, icmpTunnel, bursts, webAttacks, idsAlerts, scanners, beaconing, outliers];
