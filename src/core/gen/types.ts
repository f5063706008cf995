// The generator's public types: options, the ground-truth document written as ground-truth.json,
// and the incident vocabulary detectors are scored against.

export const GEN_FORMATS = ['access', 'flows', 'webcsv', 'jsonl', 'auth', 'dns'] as const;
export type GenFormat = (typeof GEN_FORMATS)[number];

export const GEN_FILE_NAMES: Record<GenFormat, string> = {
  access: 'access.log',
  flows: 'flows.csv',
  webcsv: 'weblogs.csv',
  jsonl: 'stream.jsonl',
  auth: 'auth.log',
  dns: 'dns.log',
};

/** Incident kinds, one per detector family of the analysis engine. */
export const INCIDENT_KINDS = [
  'port_scan',
  'host_scan',
  'ping_sweep',
  'lateral_movement',
  'brute_force',
  'credential_stuffing',
  'exfiltration',
  'dos',
  'web_attack',
  'scanner',
  'sweep_404',
  'beaconing',
  'outlier',
  'dns_tunnel',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export interface GenOptions {
  outDir: string;
  seed: number;
  /** records per file */
  lines: number;
  formats?: readonly GenFormat[];
  /** ISO time of the first record (default 2025-03-17T00:00:00Z) */
  start?: string;
  hours?: number;
  gzip?: boolean;
}

export interface Incident {
  /** stable within a seed, e.g. "access-brute_force-1" */
  id: string;
  kind: IncidentKind;
  /** the address (or path, for distributed attacks) a responder would name */
  entity: string;
  entityType: 'ip' | 'pair' | 'path';
  /** generated file names the incident's rows are in */
  files: string[];
  /** ISO UTC of the first and last planted row */
  firstSeen: string;
  lastSeen: string;
  /** planted rows that a detector sees from the entity (attempts, probes, requests, flows) */
  count: number;
  description: string;
  /** attack type for labelled data and web attacks (sqli, xss, traversal, cmdi, ...) */
  category?: string;
  /** fast / slow / low-and-slow ... when the same kind is planted at several intensities */
  intensity?: string;
  /** the numbers behind it: distinct ports/hosts/paths, bytes, interval, source list ... */
  details: Record<string, number | string | string[]>;
}

export interface Benign {
  kind: string;
  entity: string;
  description: string;
  files: string[];
  count: number;
}

export interface GenFileInfo {
  path: string;
  format: GenFormat;
  /** records (lines, or CSV rows without the header) */
  records: number;
  /** uncompressed bytes */
  bytes: number;
  gzip: boolean;
  /** labelled files: rows per label value and per category */
  labels?: Record<string, number>;
  categories?: Record<string, number>;
}

export interface GroundTruth {
  generator: string;
  seed: number;
  lines: number;
  start: string;
  end: string;
  files: Partial<Record<GenFormat, GenFileInfo>>;
  incidents: Incident[];
  benign: Benign[];
}

/** What a file generator returns besides the file itself. */
export interface FileResult {
  info: GenFileInfo;
  incidents: Incident[];
  benign: Benign[];
}

export interface FileContext {
  seed: number;
  lines: number;
  start: number;
  end: number;
  path: string;
  gzip: boolean;
  /** index of the file kind, selects the attacker-address range */
  fileIndex: number;
}
