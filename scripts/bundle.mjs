#!/usr/bin/env node
// `npm run build` (and `prepare`, so a fresh `npm install` runs it), after tsc: bundles the
// compiled CLI in dist/cli/ into dist/bundle/, which bin/kiln.js loads. Node's ES module
// loader spends about 1 ms on each file it resolves and reads, and the CLI is about 90 files.
// - main.js: the CLI, with one chunk per part loaded on use (cli/lazy.ts), so that commands
//   still load only the code they run; commander (CommonJS) is bundled in.
// - run-worker.cjs: the entry of `kiln run`'s worker thread, everything it runs in one
//   CommonJS file: a worker that loads no ES module never starts Node's ES module loader
//   (cli/run-on-worker.ts prefers this file when it is next to it).
// - compile-worker.cjs: likewise, the entry of `kiln compile -j N`'s worker threads
//   (linker/parallel.ts prefers it when it is next to the chunk that holds parallel.ts).
// - watchdog-worker.cjs: likewise, the thread that enforces `kiln launch`'s time limit
//   (loader/native/watchdog.ts).
// koffi is native and stays a package. Every file goes in one directory, as deep as
// dist/cli/, so that paths relative to a file (package.json, the worker's entry) resolve the
// same from each. Files are written under a temporary name and renamed into place, main.js
// last, so that a kiln started meanwhile sees whole files; files of an older bundle that the
// new one does not have are then removed.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'bundle');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['koffi'],
  // not minified: no faster to start (measured), and KILN_DEBUG=1 stack traces stay readable
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
};

const cli = await build({
  ...common,
  entryPoints: [join('dist', 'cli', 'main.js')],
  outdir,
  splitting: true,
  format: 'esm',
  chunkNames: '[name]-[hash]',
  // commander is CommonJS and require()s Node's built-in modules
  banner: { js: "import { createRequire as kilnCreateRequire } from 'node:module'; const require = kilnCreateRequire(import.meta.url);" },
});

// a worker's entry as one CommonJS file
const workerEntry = (from, to) =>
  build({
    ...common,
    entryPoints: [join('dist', from)],
    outfile: join(outdir, to),
    format: 'cjs',
    // the compiled code finds koffi (and the compile worker's entry) through import.meta.url
    define: { 'import.meta.url': 'kilnModuleUrl' },
    banner: { js: "const kilnModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
const worker = await workerEntry(join('cli', 'run-worker.js'), 'run-worker.cjs');
const compileWorker = await workerEntry(join('linker', 'compile-worker.js'), 'compile-worker.cjs');
const watchdog = await workerEntry(join('loader', 'native', 'watchdog-worker.js'), 'watchdog-worker.cjs');

// bin/kiln.js uses the bundle only when its main.js is at least as new as dist/cli/main.js
// (tsc rewrites every file it compiles), so main.js comes last
const isMain = (f) => f.path === join(outdir, 'main.js');
const files = [...worker.outputFiles, ...compileWorker.outputFiles, ...watchdog.outputFiles, ...cli.outputFiles.filter((f) => !isMain(f)), ...cli.outputFiles.filter(isMain)];
for (const file of files) {
  mkdirSync(dirname(file.path), { recursive: true });
  const temp = `${file.path}.tmp-${process.pid}`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}

const written = new Set(files.map((f) => f.path));
function removeStale(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) removeStale(path);
    else if (!written.has(path)) rmSync(path, { force: true });
  }
}
removeStale(outdir);
