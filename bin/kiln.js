#!/usr/bin/env node
// The `kiln` command. Runs the bundled CLI (dist/bundle/, made by scripts/bundle.mjs in
// `npm run build` and `npm install`), which starts much faster than the ~90 files of
// dist/cli/. A bundle older than dist/cli/main.js was made before the last `tsc` run, so it
// does not hold the code just compiled: then, and when there is no bundle, dist/cli/ runs.
import { statSync } from 'node:fs';

const mtime = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('../dist/bundle/main.js') >= mtime('../dist/cli/main.js');
await (bundled ? import('../dist/bundle/main.js') : import('../dist/cli/main.js'));
