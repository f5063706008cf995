// Where built artifacts live at run time: worker bundles, the renderer, bundled resources.
// The bundles sit side by side in out/ (out/cli, out/main, out/workers, out/renderer), so
// every entry finds the others relative to its own folder; tests point LOUPE_OUT_DIR at out/.
import path from 'node:path';

export function outDir(): string {
  return process.env.LOUPE_OUT_DIR ?? path.resolve(__dirname, '..');
}

export function workerFile(name: string): string {
  return path.join(outDir(), 'workers', `${name}.js`);
}

export function rendererDir(): string {
  return path.join(outDir(), 'renderer');
}

export function resourcesDir(): string {
  return process.env.LOUPE_RESOURCES_DIR ?? path.resolve(outDir(), '..', 'resources');
}
