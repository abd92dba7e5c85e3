/**
 * Malformed and hostile packages (issue 14, item 4; docs/kapp.md, "Installing"): each is built
 * byte by byte (test/support/zip-bytes.ts, no zip library that would refuse to write them) and
 * given to `kiln install`, which must refuse it with its one-line error, exit 1, and leave the
 * store exactly as it was (a store that holds an installed app). Manifest errors of each kind
 * too, and an install that fails after it began writing (the app cannot be moved into place).
 */

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, type ZipEntrySpec } from '../support/zip-bytes.js';
import { appDir, freshDir, kiln, pack, root, scratch, tree } from './support.js';

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const enc = new TextEncoder();
const hello = new Uint8Array(readFileSync(join(root, 'examples', 'apps', 'hello', 'hello.wasm')));
const MANIFEST = 'name = "bad"\nversion = "1.0.0"\nentry = "hello.wasm"\n';
const S_IFLNK = 0o120000;

/** a package of a manifest and a module, plus `extra` entries (or with the given ones instead) */
function zip(extra: ZipEntrySpec[], base: ZipEntrySpec[] = [
  { name: 'manifest.toml', content: enc.encode(MANIFEST) },
  { name: 'hello.wasm', content: hello, deflate: true },
]): Uint8Array {
  return buildZip({ entries: [...base, ...extra] }).bytes;
}

const store = join(freshDir('store'), 'store');
let before: Record<string, string> = {};

beforeAll(() => {
  // a store that holds an app already: a failed install must leave all of it as it was
  const ok = pack(join(root, 'examples', 'apps', 'hello'));
  expect(kiln(['install', ok, '--store', store]).code).toBe(0);
  before = tree(store);
});

function refuses(bytes: Uint8Array, message: RegExp): void {
  const file = join(freshDir('pkg'), 'bad.kapp');
  writeFileSync(file, bytes);
  const r = kiln(['install', file, '--store', store]);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr.split('\n')).toHaveLength(2);
  expect(r.code).toBe(1);
  expect(tree(store)).toEqual(before);
}

describe('zip entries that would escape or deceive', () => {
  const cases: [string, ZipEntrySpec[], RegExp][] = [
    ['a ".." component', [{ name: '../evil.txt', content: enc.encode('x') }], /bad\.kapp:0x[0-9a-f]+: entry "\.\.\/evil\.txt": /],
    ['a ".." component inside the path', [{ name: 'a/../../evil.txt', content: enc.encode('x') }], /entry "a\/\.\.\/\.\.\/evil\.txt": /],
    ['an absolute path', [{ name: '/etc/evil', content: enc.encode('x') }], /entry "\/etc\/evil": /],
    ['a backslash', [{ name: '..\\evil.txt', content: enc.encode('x') }], /entry "\.\.\\\\evil\.txt": /],
    ['a symlink', [{ name: 'link', content: enc.encode('/etc/passwd'), externalAttrs: (S_IFLNK | 0o777) * 0x10000 }], /entry "link": .*symbolic link/],
    ['a duplicate name', [{ name: 'hello.wasm', content: hello }], /entry "hello\.wasm": .*duplicate/],
    ['a file that is also a directory', [{ name: 'hello.wasm/x', content: enc.encode('x') }], /entry "hello\.wasm\/x": /],
  ];
  it.each(cases)('refuses %s', (_what, extra, message) => refuses(zip(extra), message));
});

describe('sizes that lie', () => {
  const data = enc.encode('some text that is long enough\n'.repeat(20));
  it('a declared size smaller than the data', () => refuses(zip([{ name: 'a.txt', content: data, deflate: true, size: 10 }]), /entry "a\.txt": /));
  it('a declared size larger than the data', () => refuses(zip([{ name: 'a.txt', content: data, deflate: true, size: data.length + 100 }]), /entry "a\.txt": /));
  it('a local header that disagrees with the central directory', () =>
    refuses(zip([{ name: 'a.txt', content: data, localSize: data.length + 1 }]), /entry "a\.txt": /));
  it('a stored entry whose sizes differ', () => refuses(zip([{ name: 'a.txt', content: data, compressedSize: data.length - 1 }]), /entry "a\.txt": /));
  it('a wrong CRC', () => refuses(zip([{ name: 'a.txt', content: data, crc: 0x12345678 }]), /entry "a\.txt": .*CRC/));
  it('an entry count that lies', () => {
    const built = buildZip({ entries: [{ name: 'manifest.toml', content: enc.encode(MANIFEST) }, { name: 'hello.wasm', content: hello }], end: { totalEntries: 3, entriesOnDisk: 3 } });
    refuses(built.bytes, /bad\.kapp:0x[0-9a-f]+: /);
  });
  it('a truncated file', () => refuses(zip([]).subarray(0, 200), /bad\.kapp(:0x[0-9a-f]+)?: .*/));
  it('not a zip at all', () => refuses(hello, /bad\.kapp(:0x[0-9a-f]+)?: /));
});

describe('zip bombs', () => {
  it('a 64 MiB entry of zeros (ratio ~1000:1)', () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    refuses(zip([{ name: 'bomb.bin', content: zeros, payload: deflateSync(zeros, { level: 9 }), method: 8 }]), /entry "bomb\.bin": .*(ratio|bomb)/);
  });
  it('entries that overlap (the non-recursive bomb)', () => {
    const body = enc.encode('x'.repeat(1000));
    const first = buildZip({ entries: [{ name: 'manifest.toml', content: enc.encode(MANIFEST) }, { name: 'hello.wasm', content: hello }, { name: 'a.txt', content: body }] });
    const overlapping = buildZip({
      entries: [
        { name: 'manifest.toml', content: enc.encode(MANIFEST) },
        { name: 'hello.wasm', content: hello },
        { name: 'a.txt', content: body },
        { name: 'b.txt', content: body, omitLocal: true, localHeaderOffset: first.local[2] ?? 0, localName: 'a.txt' },
      ],
    });
    refuses(overlapping.bytes, /bad\.kapp:0x[0-9a-f]+: /);
  });
  it('a declared total over the limit', () => {
    const big: ZipEntrySpec[] = [];
    for (let k = 0; k < 3; k++) big.push({ name: `big${k}.bin`, content: enc.encode('x'), size: 500 * 1024 * 1024, compressedSize: 1 });
    refuses(zip(big), /bad\.kapp:0x[0-9a-f]+: /);
  });
});

describe('manifests and contents', () => {
  const withManifest = (text: string, extra: ZipEntrySpec[] = []): Uint8Array =>
    zip(extra, [{ name: 'manifest.toml', content: enc.encode(text) }, { name: 'hello.wasm', content: hello }]);
  const cases: [string, string, RegExp][] = [
    ['a TOML syntax error', 'name = "bad"\nversion = \n', /\/bad\.kapp\/manifest\.toml:2:\d+: Invalid TOML document/],
    ['a missing key', 'name = "bad"\nversion = "1.0.0"\n', /\/bad\.kapp\/manifest\.toml: entry: missing \(required\)\n$/],
    ['a wrong type', 'name = "bad"\nversion = 1\nentry = "hello.wasm"\n', /\/bad\.kapp\/manifest\.toml:2: version: expected a string, got an integer\n$/],
    ['an unknown key', MANIFEST + '[permissions]\nnetwork = true\n', /\/bad\.kapp\/manifest\.toml:5: permissions\.network: unknown key/],
    ['a bad value', MANIFEST + '[permissions]\ndirs = [\n  { guest = "/d", from = "app-data", mode = "rwx" },\n]\n', /\/bad\.kapp\/manifest\.toml:6: permissions\.dirs\[0\]\.mode: expected "ro" or "rw", got "rwx"\n$/],
    ['a bad name', 'name = "Bad App"\nversion = "1.0.0"\nentry = "hello.wasm"\n', /\/bad\.kapp\/manifest\.toml:1: name: /],
    ['a bad limit', MANIFEST + '[limits]\nmemory = "100KiB"\n', /\/bad\.kapp\/manifest\.toml:5: limits\.memory: /],
    ['an entry the package does not hold', 'name = "bad"\nversion = "1.0.0"\nentry = "nope.wasm"\n', /\/bad\.kapp\/manifest\.toml: entry: the package has no file "nope\.wasm"\n$/],
  ];
  it.each(cases)('refuses %s', (_what, text, message) => refuses(withManifest(text), message));

  it('refuses a package without a manifest', () => refuses(zip([], [{ name: 'hello.wasm', content: hello }]), /\/bad\.kapp: no manifest\.toml at the top of the package\n$/));
  it('refuses an invalid module', () =>
    refuses(withManifest(MANIFEST, [{ name: 'broken.wasm', content: Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60]) }]), /\/bad\.kapp\/broken\.wasm:0x[0-9a-f]+: malformed: /));
});

describe('an install that fails after it began', () => {
  it('removes what it made: the staged app, the cache entries, the store directories', () => {
    // `apps` is a file, so the finished app cannot be moved into place
    const fresh = join(freshDir('store'), 'store');
    mkdirSync(fresh);
    writeFileSync(join(fresh, 'apps'), 'not a directory');
    const beforeFail = tree(fresh);
    const pkg = pack(appDir({ 'hello.wasm': hello, 'manifest.toml': MANIFEST }));
    const r = kiln(['install', pkg, '--store', fresh]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(tree(fresh)).toEqual(beforeFail);
  });
});
