// The writer thread: owns the case's write connection during a batch ingest so that SQLite work
// never blocks the event loop of the process that drives the ingest. Messages are handled in order.
import type { MessagePort } from 'node:worker_threads';
import { LoupeError } from '../errors';
import { openCase } from '../store/case';
import { EventWriter, tuneForBulkLoad, type WriteBatch } from './writer';

export type WriterRequest =
  | { type: 'write'; seq: number; batch: WriteBatch }
  | { type: 'indexes'; seq: number }
  | { type: 'close'; seq: number };

export type WriterReply = { type: 'done'; seq: number } | { type: 'error'; seq: number; code: string; message: string };

export function runWriterThread(port: MessagePort, caseFile: string): void {
  const db = openCase(caseFile, { create: false });
  tuneForBulkLoad(db);
  const writer = new EventWriter(db);
  port.on('message', (m: WriterRequest) => {
    try {
      switch (m.type) {
        case 'write':
          writer.write(m.batch);
          break;
        case 'indexes':
          writer.createIndexes();
          break;
        case 'close':
          db.pragma('wal_checkpoint(PASSIVE)');
          db.close();
          port.postMessage({ type: 'done', seq: m.seq } satisfies WriterReply);
          port.close();
          return;
      }
      port.postMessage({ type: 'done', seq: m.seq } satisfies WriterReply);
    } catch (e) {
      const code = e instanceof LoupeError ? e.code : 'internal';
      port.postMessage({ type: 'error', seq: m.seq, code, message: (e as Error).message } satisfies WriterReply);
    }
  });
}
