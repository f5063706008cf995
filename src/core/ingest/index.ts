// The ingest engine's public API: sources into a case, nothing lost (see ./session.ts for the
// streaming core and ./case-info.ts for how original lines are recovered and what that costs).
export { ingestFiles, type IngestOptions, type IngestResult } from './ingest';
export { detectFiles, headLines, resolveFormat, probeTimeSemantics } from './detect';
export { readCaseInfo, summarizeCase, getRawLine, listQuarantine, describeIncomplete, type CaseSummary } from './case-info';
export { listSources, getSource } from '../store/sources';
export { IngestSession, sessionCleaning, type SessionOptions, type SessionTotals } from './session';
export { InlineParser, InlineSink, PoolParser, ThreadSink, type BatchSink, type BlockParser } from './pipeline';
export { registryOf, type FormatRegistry } from './registry';
export { builtinRegistry } from './builtin';
