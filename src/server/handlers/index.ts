// All handlers, checked complete against the contract, and the one dispatch both transports
// (Electron IPC, web mode HTTP) use: validate the payload, run the handler, errors become data.
import { isChannel, parseArgs, fail, ok, type ApiResults, type Channel, type ParsedArgs } from '../../shared/api';
import type { Result } from '../../shared/model';
import { errorMessage, isLoupeError } from '../../core/errors';
import type { Session } from '../session';
import type { Handler, Handlers } from './types';
import { analysis } from './analysis';
import { app, cases } from './cases';
import { entity } from './entity';
import { explore } from './explore';
import { exportSlice } from './export';
import { ingest } from './ingest';
import { follow, jobs } from './jobs';
import { model } from './model';

export const HANDLERS: Handlers = { ...app, ...cases, ...ingest, ...analysis, ...explore, ...entity, ...model, ...exportSlice, ...follow, ...jobs };

/** `handlers` lets a face replace a few channels (the desktop shell's native dialogs). */
export async function dispatch(session: Session, channel: string, payload: unknown, handlers: Handlers = HANDLERS): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('not_found', `unknown API channel: ${channel.slice(0, 100)}`);
  return run(session, channel, payload, handlers);
}

async function run<C extends Channel>(session: Session, channel: C, payload: unknown, handlers: Handlers): Promise<Result<ApiResults[C]>> {
  const args = parseArgs(channel, payload);
  if (!args.ok) return args;
  const handler = handlers[channel] as Handler<C>;
  try {
    return ok(await handler(args.value as ParsedArgs<C>, session));
  } catch (e) {
    if (isLoupeError(e)) return fail(e.code, e.message);
    if (process.env.LOUPE_DEBUG && e instanceof Error) process.stderr.write(`${e.stack ?? e.message}\n`);
    return fail('internal', `${channel} failed: ${errorMessage(e)}`);
  }
}
