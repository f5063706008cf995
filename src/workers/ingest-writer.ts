// Worker-thread entry of the ingest writer (not a Piscina task: it owns one SQLite connection for
// the whole ingest). Thin: the logic is in src/core/ingest/writer-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { runWriterThread } from '../core/ingest/writer-thread';

if (parentPort) runWriterThread(parentPort, (workerData as { caseFile: string }).caseFile);
