// `loupe serve [case.loupe] [--port N]`: web mode on 127.0.0.1 with a random token. Prints exactly
// one line, the address to open, and runs until interrupted.
import type { RegisterCommand } from './index';
import { startServer } from '../../server/http';
import { usage } from '../util';

export const register: RegisterCommand = (program) => {
  program
    .command('serve')
    .description('Serve the Loupe UI on 127.0.0.1 (web mode); prints the address to open, with its access token')
    .argument('[case]', 'case file to open (.loupe)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .action(async (caseFile: string | undefined, opts: { port: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port expects 0..65535, got "${opts.port}"`);
      const server = await startServer({ port, caseFile: caseFile ?? null });
      process.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
};
