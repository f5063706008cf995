// The registry of sub-commands. Each module owns one command (or a small family) and registers it.
import type { Command } from 'commander';
import { register as analyze } from './analyze';
import { register as follow } from './follow';
import { register as gen } from './gen';
import { register as ingest } from './ingest';
import { register as model } from './model';
import { register as report } from './report';
import { register as serve } from './serve';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [ingest, analyze, model, report, serve, follow, gen];
