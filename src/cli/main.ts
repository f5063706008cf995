// The `loupe` command line: one sub-command per file in ./commands, all over the same engine.
// Exit codes: 0 ok, 1 error (one clear line on stderr), 2 usage.
import { Command, CommanderError } from 'commander';
import { LOUPE_VERSION } from '../core/version';
import { reportError } from './util';
import { COMMANDS } from './commands';

export function buildProgram(): Command {
  const program = new Command('loupe')
    .description('Offline log forensics: ingest logs into a case, find scans, brute force, exfiltration and attack payloads, explain them, report.')
    .version(LOUPE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

// `loupe analyze c.loupe | head` closes stdout early: that is the reader's choice, not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(0);
      process.exit(2);
    }
    process.exit(reportError(e));
  }
}

void main(process.argv);
