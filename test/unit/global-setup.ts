// Builds the Node bundles (CLI, workers) once before the unit tests, so Piscina and CLI tests run real code.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/build.mjs'), '--node-only'], { stdio: 'inherit' });
}
