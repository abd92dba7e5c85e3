/**
 * App packages end to end through the built CLI (docs/kapp.md): the two example apps
 * (examples/apps/notes reads a granted directory and keeps data of its own; examples/apps/hello
 * needs no permissions) are packed, installed, launched, listed and uninstalled, and each launch
 * gives the same stdout, stderr and exit code as `kiln run` of the same module on the
 * interpreter with the same capabilities given as options. Also: packing is deterministic,
 * `--dry-run` changes nothing, a module is compiled once however often it is installed, a launch
 * compiles nothing, code that no longer fits (a kiln upgrade) is recompiled once and said so,
 * two installs of one name at once leave one whole app, and a module the native compiler cannot
 * take runs on the interpreter.
 */

import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appDir, freshDir, kiln, kilnAsync, pack, root, scratch, tree, wat } from './support.js';

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const notesDir = join(root, 'examples', 'apps', 'notes');
const helloDir = join(root, 'examples', 'apps', 'hello');

function docsDir(): string {
  const docs = freshDir('docs');
  writeFileSync(join(docs, 'a.txt'), 'alpha one\n');
  writeFileSync(join(docs, 'b.txt'), 'beta\n');
  return docs;
}

/** `kiln run` of the notes module on the interpreter with the capabilities its manifest asks for */
function runNotes(data: string, docs: string, args: string[]): ReturnType<typeof kiln> {
  const wasm = join(notesDir, 'bin', 'notes.wasm');
  return kiln(['run', '--engine', 'interp', '--argv0', 'notes', '--env', 'LANG=C.UTF-8', '--dir', `${data}::/data`, '--dir-readonly', `${docs}::/docs`, wasm, '--color=never', ...args]);
}

describe('kiln pack', () => {
  it('packs a directory deterministically and says what it packed', () => {
    const out1 = join(freshDir('pkg'), 'a.kapp');
    const out2 = join(freshDir('pkg'), 'b.kapp');
    const r = kiln(['pack', notesDir, '-o', out1]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^packed notes 1\.2\.0: 3 files, 1 module, [\d,]+ bytes .* → .*a\.kapp\n$/);
    expect(kiln(['pack', notesDir, '-o', out2]).code).toBe(0);
    expect(readFileSync(out1).equals(readFileSync(out2))).toBe(true);
  });

  it('names the default output NAME-VERSION.kapp', () => {
    const cwdRun = kiln(['pack', helloDir, '-o', join(scratch, 'hello-0.1.0.kapp')]);
    expect(cwdRun.code).toBe(0);
    expect(readdirSync(scratch)).toContain('hello-0.1.0.kapp');
  });
});

describe('the notes app (reads a granted directory, keeps its own data)', () => {
  const store = join(freshDir('store'), 'store');
  const docs = docsDir();
  const pkg = pack(notesDir);
  const runData = freshDir('run-data');

  it('--dry-run shows the grants and changes nothing', () => {
    const r = kiln(['install', pkg, '--store', store, '--grant', `${docs}::/docs`, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would install notes 1.2.0 (bin/notes.wasm)');
    expect(r.stdout).toContain("  /data  read-write  the app's own data directory in the store\n");
    expect(r.stdout).toContain(`  /docs  read-only   host ${docs}\n`);
    expect(r.stdout).toContain('environment: LANG=C.UTF-8\n');
    expect(r.stdout).toContain('limits: memory 268,435,456 bytes (256 MiB), time 30 s, open files 64\n');
    expect(r.stdout).toMatch(/bin\/notes\.wasm: would be precompiled for x86_64-linux\n/);
    expect(r.stdout).toMatch(/nothing was changed \(--dry-run\)\n$/);
    expect(tree(store)).toEqual({});
  });

  it('installs, precompiling its module', () => {
    const r = kiln(['install', pkg, '--store', store, '--grant', `${docs}::/docs`]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^installed notes 1\.2\.0 \(bin\/notes\.wasm\) into /);
    expect(r.stdout).toContain('bin/notes.wasm: precompiled for x86_64-linux\n');
    expect(readdirSync(join(store, 'cache')).filter((n) => n.endsWith('.cwasm'))).toHaveLength(1);
  });

  it('lists it', () => {
    const r = kiln(['list', '--store', store]);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'NAME   VERSION  ENTRY           ENGINE\nnotes  1.2.0    bin/notes.wasm  native\n' });
  });

  it.each([[['list']], [['show', 'a.txt']], [['show', 'missing.txt']], [['add', 'first', 'note']], [['add', 'second']], [[]], [['bogus']]])(
    'launch notes %j = kiln run on the interpreter',
    (args) => {
      const launched = kiln(['launch', '--store', store, 'notes', ...args]);
      const ran = runNotes(runData, docs, args);
      expect(launched).toEqual(ran);
    },
  );

  it('kept the notes in its data directory, and the granted directory unchanged', () => {
    expect(readFileSync(join(store, 'apps', 'notes', 'data', 'data', 'notes.txt'), 'utf8')).toBe('first note\nsecond\n');
    expect(tree(docs)).toEqual({ 'a.txt': Buffer.from('alpha one\n').toString('base64'), 'b.txt': Buffer.from('beta\n').toString('base64') });
  });

  it('launches from precompiled code: nothing is compiled, the cache is not written', () => {
    const before = tree(join(store, 'cache'));
    const r = kiln(['launch', '--verbose', '--store', store, 'notes', 'list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('kiln: notes: engine: native, precompiled code from the store\n');
    expect(tree(join(store, 'cache'))).toEqual(before);
  });

  it('recompiles once, saying why, when its code does not fit this kiln any more', () => {
    const record = join(store, 'apps', 'notes', 'app.json');
    writeFileSync(record, readFileSync(record, 'utf8').replace(/"build-id=[0-9a-f]+"/, '"build-id=0123456789abcdef"'));
    for (const n of readdirSync(join(store, 'cache'))) rmSync(join(store, 'cache', n));
    const first = kiln(['launch', '--store', store, 'notes', 'list']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^kiln: notes: kiln has changed since it was installed \(build-id 0123456789abcdef → [0-9a-f]+\); compiled it again for this host \(once: it is stored\)\n$/);
    const second = kiln(['launch', '--store', store, 'notes', 'list']);
    expect(second).toEqual({ ...first, stderr: '' });
  });

  it('installing it again replaces it, keeps its data and compiles nothing', () => {
    const r = kiln(['install', pkg, '--store', store, '--grant', `${docs}::/docs`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('replacing 1.2.0 (its data kept)');
    expect(r.stdout).toContain('bin/notes.wasm: precompiled for x86_64-linux already (in the store)\n');
    expect(kiln(['launch', '--store', store, 'notes']).stdout).toBe('first note\nsecond\n');
  });

  it('uninstalls it with its data and its precompiled code', () => {
    const r = kiln(['uninstall', '--store', store, 'notes']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'uninstalled notes 1.2.0 (its files and data removed; 1 precompiled module removed)\n' });
    expect(kiln(['list', '--store', store]).stdout).toBe(`no apps installed in ${store}\n`);
    expect(readdirSync(join(store, 'cache'))).toEqual([]);
    const gone = kiln(['launch', '--store', store, 'notes']);
    expect(gone).toEqual({ code: 2, stdout: '', stderr: `kiln: usage: no app named "notes" is installed in ${store} (kiln list shows those that are)\n` });
  });
});

describe('the hello app (no permissions)', () => {
  const store = join(freshDir('store'), 'store');
  const pkg = pack(helloDir);

  it('installs with nothing to grant and launches like kiln run on the interpreter', () => {
    const r = kiln(['install', pkg, '--store', store]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('directories: none\nenvironment: none\n');
    const launched = kiln(['launch', '--store', store, 'hello', 'one', 'two words']);
    const ran = kiln(['run', '--engine', 'interp', '--argv0', 'hello', join(helloDir, 'hello.wasm'), 'one', 'two words']);
    expect(launched).toEqual(ran);
    expect(launched.stdout).toBe('hello from hello\narg 1: one\narg 2: two words\nenvironment variables: 0\n/etc/passwd: Capabilities insufficient\n');
  });

  it('compiles a module once however many apps install it', () => {
    const other = appDir({ 'hello.wasm': readFileSync(join(helloDir, 'hello.wasm')), 'manifest.toml': 'name = "hello-two"\nversion = "1.0.0"\nentry = "hello.wasm"\n' });
    const r = kiln(['install', pack(other), '--store', store]);
    expect(r.stdout).toContain('hello.wasm: precompiled for x86_64-linux already (in the store)\n');
    expect(readdirSync(join(store, 'cache'))).toHaveLength(1);
    // the code stays while another app uses it
    expect(kiln(['uninstall', '--store', store, 'hello']).stdout).toContain('0 precompiled modules removed');
    expect(kiln(['launch', '--store', store, 'hello-two']).stdout).toContain('hello from hello-two\n');
  });
});

describe('concurrency and engines', () => {
  it('two installs of one name at once leave one whole app', async () => {
    const store = join(freshDir('store'), 'store');
    const pkg = pack(helloDir);
    const results = await Promise.all([kilnAsync(['install', pkg, '--store', store]), kilnAsync(['install', pkg, '--store', store])]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(readdirSync(join(store, 'apps'))).toEqual(['hello']);
    expect(readdirSync(join(store, 'staging'))).toEqual([]);
    expect(readdirSync(join(store, 'locks'))).toEqual([]);
    expect(kiln(['launch', '--store', store, 'hello']).code).toBe(0);
  });

  it('precompiles a module with SIMD natively', () => {
    const store = join(freshDir('store'), 'store');
    const module = wat(`(module
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1)
      (func (export "_start") (call $exit (i32x4.extract_lane 2 (i32x4.splat (i32.const 7))))))`);
    const dir = appDir({ 'm.wasm': module, 'manifest.toml': 'name = "simd"\nversion = "1.0.0"\nentry = "m.wasm"\n' });
    const r = kiln(['install', pack(dir), '--store', store]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/runs on the interpreter/);
    const launched = kiln(['launch', '--verbose', '--store', store, 'simd']);
    expect(launched.code).toBe(7);
    expect(launched.stderr).toContain('kiln: simd: engine: native');
  });
});
