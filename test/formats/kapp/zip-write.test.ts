/**
 * writeZip: round trips through readZip, byte-for-byte determinism whatever the input order,
 * the fixed header fields (DOS time 1980-01-01, Unix 0o100644, UTF-8 flag, made by Unix),
 * stored-versus-deflate choice, refusal of names readZip would refuse, and that Info-ZIP's
 * `unzip` tests and extracts what it writes (a missing `unzip` is a failure, never a skip).
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { readZip } from '../../../formats/kapp/zip-read.js';
import { writeZip, type ZipInput } from '../../../formats/kapp/zip-write.js';
import { utf8 } from '../../support/zip-bytes.js';

/** deterministic pseudo-random bytes (xorshift32), which deflate cannot shrink */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const INPUT: ZipInput[] = [
  { name: 'manifest.toml', data: utf8('name = "demo"\nentry = "app.wasm"\n') },
  { name: 'app.wasm', data: Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0) },
  { name: 'assets/text/lorem.txt', data: utf8('lorem ipsum dolor sit amet '.repeat(400)) },
  { name: 'assets/noise.bin', data: noise(5000, 12345) },
  { name: 'assets/empty', data: new Uint8Array(0) },
  { name: 'assets/été/ünïcode.txt', data: utf8('ça va\n') },
  { name: 'Zebra', data: utf8('upper case sorts first') },
];

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** the central directory records of a zip writeZip made (no comments or extra fields) */
function centralRecords(zip: Uint8Array): DataView[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = view.getUint16(end + 10, true);
  const records: DataView[] = [];
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    const len = 46 + view.getUint16(at + 28, true);
    records.push(new DataView(zip.buffer, zip.byteOffset + at, len));
    at += len;
  }
  return records;
}

describe('writeZip', () => {
  const zip = writeZip(INPUT);

  it('round trips through readZip, entries sorted by name', () => {
    const files = readZip(zip, 'demo.kapp');
    expect(files.map((f) => f.name)).toEqual(
      INPUT.map((e) => e.name).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
    expect([...files].sort(byName)).toEqual([...INPUT].sort(byName).map((e) => ({ name: e.name, data: e.data })));
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16
    const files = readZip(
      writeZip([
        { name: '\u{1F600}', data: utf8('a') },
        { name: '\uFF21', data: utf8('b') },
      ]),
      'x.kapp',
    );
    expect(files.map((f) => f.name)).toEqual(['\uFF21', '\u{1F600}']);
  });

  it('gives identical bytes for the same files in any order', () => {
    const reversed = writeZip([...INPUT].reverse());
    const shuffled = writeZip([INPUT[3]!, INPUT[0]!, INPUT[6]!, INPUT[2]!, INPUT[5]!, INPUT[1]!, INPUT[4]!]);
    expect(Buffer.from(reversed).equals(Buffer.from(zip))).toBe(true);
    expect(Buffer.from(shuffled).equals(Buffer.from(zip))).toBe(true);
  });

  it('writes the fixed fields: 1980-01-01 00:00, Unix 0o100644, made by Unix, UTF-8 flag', () => {
    for (const r of centralRecords(zip)) {
      expect(r.getUint16(4, true) >> 8).toBe(3);
      expect(r.getUint16(8, true)).toBe(0x0800);
      expect(r.getUint16(12, true)).toBe(0);
      expect(r.getUint16(14, true)).toBe(0x21);
      expect(r.getUint32(38, true) >>> 16).toBe(0o100644);
    }
  });

  it('deflates what shrinks and stores what does not', () => {
    const methods = new Map(
      centralRecords(zip).map((r) => {
        const name = new TextDecoder().decode(new Uint8Array(r.buffer, r.byteOffset + 46, r.getUint16(28, true)));
        return [name, r.getUint16(10, true)] as const;
      }),
    );
    expect(methods.get('assets/text/lorem.txt')).toBe(8);
    expect(methods.get('assets/noise.bin')).toBe(0);
    expect(methods.get('assets/empty')).toBe(0);
    expect(methods.get('app.wasm')).toBe(0);
  });

  it('writes an empty zip for no entries', () => {
    expect(writeZip([])).toEqual(Uint8Array.of(0x50, 0x4b, 5, 6, ...new Array<number>(18).fill(0)));
    expect(readZip(writeZip([]), 'empty.kapp')).toEqual([]);
  });
});

describe('writeZip refuses what readZip would refuse', () => {
  const refusal = (entries: ZipInput[]): string => {
    try {
      writeZip(entries);
    } catch (e) {
      if (!(e instanceof KilnError)) throw e;
      expect(e.kind).toBe('package');
      return e.format();
    }
    throw new Error('writeZip accepted the entries');
  };
  const data = utf8('x');

  it('an unsafe name', () => {
    expect(refusal([{ name: '../evil.txt', data }])).toBe('entry "../evil.txt": the path leaves the package');
    expect(refusal([{ name: 'a\u0000b', data }])).toBe('entry "a\\u0000b": the name holds a control character');
  });

  it('a directory name', () => {
    expect(refusal([{ name: 'dir/', data }])).toBe('entry "dir/": only files can be written, and the name ends with /');
  });

  it('a duplicate name', () => {
    expect(
      refusal([
        { name: 'a', data },
        { name: 'a', data },
      ]),
    ).toBe('entry "a": a duplicate name');
  });

  it('a file that is another’s parent directory', () => {
    expect(
      refusal([
        { name: 'a/b', data },
        { name: 'a', data },
      ]),
    ).toBe('entry "a/b": its parent "a" is a file');
  });
});

/** fails (never skips) when Info-ZIP's unzip is missing: `npm run setup` installs it */
function requireUnzip(): void {
  if (spawnSync('sh', ['-c', 'command -v unzip']).status !== 0) {
    throw new Error('unzip is not installed: install it: apt-get install unzip');
  }
}

describe("Info-ZIP's unzip reads what writeZip writes", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-zip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const unzip = (...args: string[]): { status: number | null; out: string } => {
    const r = spawnSync('unzip', args, { encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  };

  it('unzip is installed', () => {
    requireUnzip();
  });

  it('unzip -t finds no errors and unzip extracts the same bytes', () => {
    requireUnzip();
    const file = join(dir, 'demo.kapp');
    writeFileSync(file, writeZip(INPUT));
    const tested = unzip('-t', file);
    expect(tested.out).toContain('No errors detected in compressed data');
    expect(tested.status).toBe(0);
    const out = join(dir, 'out');
    expect(unzip('-q', file, '-d', out).status).toBe(0);
    for (const e of INPUT) expect(new Uint8Array(readFileSync(join(out, e.name)))).toEqual(e.data);
  });

  it('unzip -Z lists regular rw-r--r-- files dated 1980-01-01 00:00', () => {
    requireUnzip();
    const file = join(dir, 'list.kapp');
    writeFileSync(file, writeZip(INPUT));
    const listing = unzip('-Z', '-T', file);
    const lines = listing.out.split('\n').filter((l) => /^[-dl]/.test(l));
    expect(lines.length).toBe(INPUT.length);
    for (const line of lines) expect(line).toMatch(/^-rw-r--r-- .* unx .* 19800101\.000000 /);
  });
});
