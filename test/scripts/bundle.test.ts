/**
 * The bundled CLI (scripts/bundle.mjs): `npm run build` and `npm install` (prepare) make it,
 * and bin/kiln.js runs it, its worker included, without loading any file of dist/cli/. Which
 * files a run loads is read from Node's own module debug log (NODE_DEBUG=esm,module, on
 * stderr), which names every file it resolves or loads.
 *
 * If `tsc` ran after the last bundling (as the CLI test instructions do), the bundle is
 * made here first, as `npm run build` would.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundleDir = join(root, 'dist', 'bundle');
const mtime = (path: string): number => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

interface TracedRun {
  code: number;
  stdout: string;
  /** files under the repository that Node resolved or loaded, relative to it */
  files: Set<string>;
}

/** room for Node's module debug log of one run, whatever the Node version */
const TRACE_BUFFER = 64 * 1024 * 1024;

function tracedKiln(args: string[]): TracedRun {
  const r = spawnSync(process.execPath, ['bin/kiln.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG: 'esm,module' },
    // Node 24 and later log about 1.7 MB here, past spawnSync's 1 MiB default, which kills the child
    maxBuffer: TRACE_BUFFER,
  });
  expect(r.error).toBeUndefined();
  const files = new Set<string>();
  for (const m of r.stderr.matchAll(/(?:file:\/\/)?(\/[^\s'"]+\.(?:js|cjs|mjs))/g)) {
    const path = m[1] as string;
    if (path.startsWith(root)) files.add(path.slice(root.length));
  }
  return { code: r.status ?? -1, stdout: r.stdout, files };
}

const under = (files: Set<string>, dir: string): string[] => [...files].filter((f) => f.startsWith(dir));

beforeAll(() => {
  if (mtime(join(bundleDir, 'main.js')) < mtime(join(root, 'dist', 'cli', 'main.js'))) {
    const r = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
  }
});

describe('bundled CLI', () => {
  it('is made by npm run build, which prepare and pretest run', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['build']).toBe('node scripts/build-id.mjs && tsc -p tsconfig.json && node scripts/bundle.mjs');
    expect(pkg.scripts['prepare']).toBe('npm run build');
    expect(pkg.scripts['pretest']).toBe('npm run build');
  });

  it('has the CLI entry and the worker entry in dist/bundle/', () => {
    expect(existsSync(join(bundleDir, 'main.js'))).toBe(true);
    expect(existsSync(join(bundleDir, 'run-worker.cjs'))).toBe(true);
  });

  it('runs from bin/kiln.js without loading dist/cli/ (kiln --version)', () => {
    const r = tracedKiln(['--version']);
    expect([r.code, r.stdout]).toEqual([0, '0.1.0\n']);
    expect(r.files.has('dist/bundle/main.js')).toBe(true);
    expect(under(r.files, 'dist/cli/')).toEqual([]);
  });

  it('runs a program on the main thread from the bundle (examples/wat/hello.wat)', () => {
    const r = tracedKiln(['run', 'examples/wat/hello.wat']);
    expect([r.code, r.stdout]).toEqual([0, 'hello, kiln!\n']);
    expect(r.files.has('dist/bundle/run-worker.cjs')).toBe(false);
    expect(under(r.files, 'dist/cli/')).toEqual([]);
  });

  it("starts kiln run's worker from the single CommonJS entry (examples/hello.wasm)", () => {
    const r = tracedKiln(['run', 'examples/hello.wasm']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello from kiln\nargc=1\nargv[0]=examples/hello.wasm\nGREETING=(unset)\nLANG=(unset)\nMISSING=(unset)\n');
    expect(r.files.has('dist/bundle/run-worker.cjs')).toBe(true);
    expect(under(r.files, 'dist/cli/')).toEqual([]);
    // commander is bundled in; koffi (the native engine's bridge, a prebuilt binary) is the only
    // package loaded from node_modules
    expect(under(r.files, 'node_modules/').filter((f) => !/^node_modules\/(koffi|@koromix\/koffi-[^/]+)\//.test(f))).toEqual([]);
  });
});
