/**
 * What an installed app can and cannot do (docs/kapp.md, "Launching"), with the probe program
 * (test/apps/probe.c): it reaches only the directories its manifest grants, cannot modify a
 * read-only grant, and is stopped at its limits — `memory` (memory.grow returns -1), `time`
 * (exit 124 with a message, on the native engine and on the interpreter), `open-files`
 * (EMFILE). Installing without a grant the manifest asks for is an error naming it.
 */

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDir, freshDir, kiln, kilnAsync, pack, probeWasm, scratch, tree } from './support.js';

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MANIFEST = `name = "probe"
version = "1.0.0"
entry = "probe.wasm"
[permissions]
dirs = [
  { guest = "/data", from = "app-data", mode = "rw" },
  { guest = "/docs", from = "host", mode = "ro" },
]
[limits]
memory = "1MiB"
time = "1500ms"
open-files = 8
`;

describe('an app with a data directory, a read-only grant and limits', () => {
  const store = join(freshDir('store'), 'store');
  const docs = freshDir('docs');
  const outside = freshDir('outside');
  const launch = (...args: string[]): ReturnType<typeof kiln> => kiln(['launch', '--store', store, 'probe', ...args]);

  beforeAll(() => {
    writeFileSync(join(docs, 'a.txt'), 'granted\n');
    writeFileSync(join(outside, 'secret.txt'), 'not granted\n');
    const pkg = pack(appDir({ 'probe.wasm': probeWasm(), 'manifest.toml': MANIFEST }));
    const missing = kiln(['install', pkg, '--store', store]);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'kiln: usage: probe asks for a host directory at /docs (read-only); grant one with --grant HOSTPATH::/docs\n' });
    expect(tree(store)).toEqual({});
    const r = kiln(['install', pkg, '--store', store, '--grant', `${docs}::/docs`]);
    expect(r.code).toBe(0);
  });

  it('reads its grant, and nothing outside it', () => {
    expect(launch('read', '/docs/a.txt').stdout).toBe('read /docs/a.txt: granted\n');
    expect(launch('read', `/docs/../${outside.split('/').pop() ?? ''}/secret.txt`).stdout).toMatch(/: Capabilities insufficient\n$/);
    expect(launch('read', join(outside, 'secret.txt')).stdout).toMatch(/: Capabilities insufficient\n$/);
    expect(launch('read', '/etc/passwd').stdout).toBe('read /etc/passwd: Capabilities insufficient\n');
  });

  it('cannot write to the read-only grant, which stays as it was', () => {
    const before = tree(docs);
    expect(launch('write', '/docs/new.txt').stdout).toBe('write /docs/new.txt: Read-only file system\n');
    expect(launch('write', '/docs/a.txt').stdout).toBe('write /docs/a.txt: Read-only file system\n');
    expect(tree(docs)).toEqual(before);
  });

  it('writes to its own data directory', () => {
    expect(launch('write', '/data/out.txt').stdout).toBe('write /data/out.txt: ok\n');
    expect(readFileSync(join(store, 'apps', 'probe', 'data', 'data', 'out.txt'), 'utf8')).toBe('written\n');
  });

  it('memory.grow beyond limits.memory returns -1', () => {
    // 1 MiB = 16 pages; the probe starts with 2
    expect(launch('grow', '14').stdout).toBe('grow 14: 2\n');
    expect(launch('grow', '15').stdout).toBe('grow 15: -1\n');
    expect(launch('grow', '100000').stdout).toBe('grow 100000: -1\n');
  });

  it('opens no more files than limits.open-files (stdio and preopens count)', () => {
    const r = launch('open', '/data', '20');
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'opened 3, then: No file descriptors available\n' });
  });

  it('is stopped at limits.time on the native engine (exit 124)', () => {
    const r = launch('spin');
    expect(r).toEqual({ code: 124, stdout: '', stderr: 'kiln: probe: stopped after 1.5 s (limits.time of its manifest)\n' });
  });

  it('is stopped at limits.time while blocked in a host call (a read of stdin that never ends)', async () => {
    const r = await kilnAsync(['launch', '--store', store, 'probe', 'stdin'], { keepStdinOpen: true });
    expect(r).toEqual({ code: 124, stdout: '', stderr: 'kiln: probe: stopped after 1.5 s (limits.time of its manifest)\n' });
  });
});

describe('limits on the interpreter', () => {
  it('stops a spinning app at limits.time (exit 124)', () => {
    const store = join(freshDir('store'), 'store');
    const manifest = 'name = "spin"\nversion = "1.0.0"\nentry = "probe.wasm"\n[limits]\ntime = "1s"\n';
    const pkg = pack(appDir({ 'probe.wasm': probeWasm(), 'manifest.toml': manifest }));
    expect(kiln(['install', pkg, '--store', store]).code).toBe(0);
    // the engine is chosen at install; make the record say interpreter, as for a SIMD module
    const record = join(store, 'apps', 'spin', 'app.json');
    writeFileSync(record, readFileSync(record, 'utf8').replace('"engine": "native"', '"engine": "interp"').replace('"why": null', '"why": "a test"'));
    const r = kiln(['launch', '--verbose', '--store', store, 'spin', 'spin']);
    expect(r.code).toBe(124);
    expect(r.stderr).toContain('kiln: spin: engine: interp (a test)\n');
    expect(r.stderr).toMatch(/kiln: spin: stopped after 1 s \(limits\.time of its manifest\)\n$/);
  });
});
