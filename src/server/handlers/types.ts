// The handler side of the contract: one function per channel, grouped into slices by domain, all
// receiving the validated payload and the session.
import type { ApiResults, Channel, ParsedArgs } from '../../shared/api';
import type { Session } from '../session';

export type Handler<C extends Channel> = (args: ParsedArgs<C>, session: Session) => Promise<ApiResults[C]> | ApiResults[C];
export type Handlers = { [C in Channel]: Handler<C> };
/** The channels of one domain (`cases/...`), as a handler object. */
export type Slice<D extends string> = { [C in Channel as C extends `${D}/${string}` ? C : never]: Handler<C> };
