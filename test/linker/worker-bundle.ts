/**
 * Test support: the compile worker's entry (linker/compile-worker.ts) built from the current
 * TypeScript sources into one CommonJS file in a scratch directory, as scripts/bundle.mjs
 * builds dist/bundle/compile-worker.cjs from dist/. A worker thread cannot run TypeScript, and
 * the compiled twin in dist/ may be older than the sources under test: the tests start their
 * workers from this file (ParallelOptions.workerEntry).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function bundledCompileWorker(): Promise<URL> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'kiln-compile-worker-')), 'compile-worker.cjs');
  await build({
    absWorkingDir: root,
    entryPoints: [join('linker', 'compile-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['koffi'],
    logLevel: 'warning',
    define: { 'import.meta.url': 'kilnModuleUrl' },
    banner: { js: "const kilnModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  return pathToFileURL(outfile);
}
