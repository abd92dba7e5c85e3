/**
 * readZip refusals: every kind of malformed or unsafe zip the app package reader must turn
 * down, one test each, built byte by byte with test/support/zip-bytes.ts and asserting the
 * exact one-line message (file, offset of the record concerned, reason). Plus the zips it
 * must accept: directories, data descriptors, comments, non-Unix hosts, a zip made by Info-ZIP
 * (fixtures/info-zip*.zip were made with `zip -r` and `zip -ry` 3.0 on Debian).
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Deflate } from 'fflate';
import { KilnError } from '../../../formats/errors.js';
import { crc32 } from '../../../formats/kapp/crc32.js';
import { readZip, type ZipLimits } from '../../../formats/kapp/zip-read.js';
import { buildZip, utf8, type ZipEntrySpec } from '../../support/zip-bytes.js';

const FILE = 'app.kapp';
const hex = (n: number): string => '0x' + n.toString(16);

/** the one-line message readZip's refusal of `bytes` prints */
function refusal(bytes: Uint8Array, limits?: Partial<ZipLimits>): string {
  try {
    readZip(bytes, FILE, limits);
  } catch (e) {
    if (!(e instanceof KilnError)) throw e;
    expect(e.kind).toBe('package');
    return e.format();
  }
  throw new Error('readZip accepted the zip');
}

/** a zip of one entry, and the message its refusal must print at the entry's central record */
function oneEntry(spec: ZipEntrySpec): { bytes: Uint8Array; at: string; local: string } {
  const z = buildZip({ entries: [spec] });
  return { bytes: z.bytes, at: `${FILE}:${hex(z.central[0]!)}: `, local: `${FILE}:${hex(z.local[0]!)}: ` };
}

const hello = utf8('hello, world\n');

describe('readZip accepts', () => {
  it('stored and deflated files, dropping directory entries, in central directory order', () => {
    const text = utf8('abc'.repeat(1000));
    const z = buildZip({
      entries: [
        { name: 'b.txt', content: hello },
        { name: 'dir/', externalAttrs: ((0o040755 << 16) | 0x10) >>> 0 },
        { name: 'dir/a.txt', content: text, deflate: true },
        { name: 'empty', content: new Uint8Array(0) },
      ],
    });
    const files = readZip(z.bytes, FILE);
    expect(files.map((f) => f.name)).toEqual(['b.txt', 'dir/a.txt', 'empty']);
    expect(files[0]!.data).toEqual(hello);
    expect(files[1]!.data).toEqual(text);
    expect(files[2]!.data.length).toBe(0);
  });

  it('a data descriptor entry (flag bit 3) whose local CRC and sizes are 0', () => {
    const content = utf8('streamed '.repeat(100));
    const spec: ZipEntrySpec = {
      name: 's.txt',
      content,
      deflate: true,
      flags: 0x0808,
      localCrc: 0,
      localSize: 0,
      localCompressedSize: 0,
    };
    const z = buildZip({ entries: [spec] });
    const descriptor = buildZip({ entries: [{ ...spec, afterData: new Uint8Array(16) }] });
    expect(readZip(z.bytes, FILE)[0]!.data).toEqual(content);
    expect(readZip(descriptor.bytes, FILE)[0]!.data).toEqual(content);
  });

  it('an archive comment, an empty zip, UTF-8 names and a non-Unix host with no file type', () => {
    const withComment = buildZip({ entries: [{ name: 'a', content: hello }], end: { comment: utf8('made by hand') } });
    expect(readZip(withComment.bytes, FILE).map((f) => f.name)).toEqual(['a']);
    expect(readZip(buildZip({ entries: [] }).bytes, FILE)).toEqual([]);
    const names = buildZip({
      entries: [
        { name: 'données/été.txt', content: hello },
        { name: 'ascii.txt', flags: 0, versionMadeBy: 0x0014, externalAttrs: 0 },
      ],
    });
    expect(readZip(names.bytes, FILE).map((f) => f.name)).toEqual(['données/été.txt', 'ascii.txt']);
  });

  it("a zip made by Info-ZIP's zip 3.0: extra fields, a directory entry, stored and deflated files", () => {
    const bytes = readFileSync(new URL('./fixtures/info-zip.zip', import.meta.url));
    const files = readZip(bytes, 'info-zip.zip');
    expect(files.map((f) => f.name)).toEqual(['d/e/f.txt', 'd/seq.txt']);
    expect(files[0]!.data).toEqual(utf8('hello\n'));
    expect(files[1]!.data).toEqual(utf8(Array.from({ length: 500 }, (_, i) => `${i + 1}\n`).join('')));
  });

  it('data in a view that does not start at its buffer’s beginning', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }] });
    const padded = new Uint8Array(z.bytes.length + 7);
    padded.set(z.bytes, 7);
    expect(readZip(padded.subarray(7), FILE)[0]!.data).toEqual(hello);
  });
});

describe('readZip refuses what is not a usable zip', () => {
  it('a file that is not a zip', () => {
    expect(refusal(utf8('this is a text file, long enough to be searched\n'))).toBe(
      `${FILE}:0x0: not a zip file: no end-of-central-directory record in its last 65,557 bytes`,
    );
  });

  it('a file shorter than the smallest zip', () => {
    expect(refusal(utf8('PK'))).toBe(`${FILE}:0x0: not a zip file: 2 bytes, fewer than the smallest zip (22)`);
  });

  it('a zip cut short (no end-of-central-directory record)', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }] });
    expect(refusal(z.bytes.subarray(0, z.bytes.length - 10))).toBe(
      `${FILE}:0x0: truncated zip: it starts with a local file header but has no end-of-central-directory record`,
    );
    expect(refusal(buildZip({ entries: [{ name: 'a', content: hello }], omitEnd: true }).bytes)).toBe(
      `${FILE}:0x0: truncated zip: it starts with a local file header but has no end-of-central-directory record`,
    );
  });

  it('an end record whose comment length does not reach the end of the file', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }], end: { commentLength: 5 } });
    expect(refusal(z.bytes)).toBe(
      `${FILE}:0x0: truncated zip: it starts with a local file header but has no end-of-central-directory record`,
    );
  });

  it('two end-of-central-directory records, one inside the other’s comment', () => {
    // readers that pick different records would read different central directories
    const inner = buildZip({ entries: [{ name: 'b', content: hello }] });
    const outer = buildZip({ entries: [{ name: 'a', content: hello }] }).bytes;
    const comment = inner.bytes.subarray(inner.end);
    const z = buildZip({ entries: [{ name: 'a', content: hello }], end: { comment } });
    const innerAt = z.end + 22;
    expect(outer.length).toBe(z.end + 22);
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.end)}: ambiguous zip: a second end-of-central-directory record at ${hex(innerAt)} lies in this one's comment`,
    );
  });

  it('a multi-disk zip', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }], end: { disk: 1, cdDisk: 1 } });
    expect(refusal(z.bytes)).toBe(`${FILE}:${hex(z.end)}: multi-disk (split or spanned) zips are not supported`);
  });

  it('an entry starting on another disk', () => {
    const e = oneEntry({ name: 'a', content: hello, diskStart: 2 });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "a": it starts on disk 2 (multi-disk zips are not supported)`);
  });

  it('ZIP64 markers in the end record', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }], end: { totalEntries: 0xffff, entriesOnDisk: 0xffff } });
    expect(refusal(z.bytes)).toBe(`${FILE}:${hex(z.end)}: ZIP64 zips are not supported`);
  });

  it('a ZIP64 end-of-central-directory locator', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }], zip64Locator: true });
    expect(refusal(z.bytes)).toBe(`${FILE}:${hex(z.end)}: ZIP64 zips are not supported`);
  });

  it('ZIP64 markers in an entry', () => {
    const e = oneEntry({ name: 'a', content: hello, compressedSize: 0xffffffff, size: 0xffffffff });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "a": it uses ZIP64 sizes or offsets, which are not supported`);
  });

  it('an encrypted entry (flag bit 0)', () => {
    const e = oneEntry({ name: 'secret', content: hello, flags: 0x0801 });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "secret": it is encrypted`);
  });

  it('a compression method other than stored and deflate', () => {
    const e = oneEntry({ name: 'a.bz2', content: hello, method: 12 });
    expect(refusal(e.bytes)).toBe(
      `${e.at}entry "a.bz2": it uses compression method 12 (only 0, stored, and 8, deflate, are supported)`,
    );
  });

  it('a central directory outside the file', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }], end: { cdOffset: 0x10000 } });
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.end)}: the central directory (${z.end - z.cdOffset} bytes at 0x10000) lies outside the file`,
    );
  });

  it('an end record counting more entries than the central directory holds', () => {
    const z = buildZip({
      entries: [{ name: 'a', content: hello }, { name: 'b' }],
      end: { totalEntries: 3, entriesOnDisk: 3 },
    });
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.end)}: the end-of-central-directory record counts 3 entries but the central directory holds 2`,
    );
  });

  it('an end record counting fewer entries than the central directory holds', () => {
    const z = buildZip({
      entries: [{ name: 'a', content: hello }, { name: 'b' }],
      end: { totalEntries: 1, entriesOnDisk: 1 },
    });
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.end)}: the end-of-central-directory record counts 1 entry but the central directory holds more than 1`,
    );
  });

  it('a central directory record without its signature', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }] });
    z.bytes[z.central[0]!] = 0;
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.central[0]!)}: no central directory record signature at ${hex(z.central[0]!)}`,
    );
  });
});

describe('readZip refuses unsafe names', () => {
  const cases: [string, string | Uint8Array, string, number?][] = [
    ['an empty name', '', 'entry "": the name is empty'],
    ['an absolute path', '/etc/passwd', 'entry "/etc/passwd": the path is absolute'],
    ['a drive letter', 'C:/x', 'entry "C:/x": the path is absolute'],
    ['a backslash', 'a\\b.txt', 'entry "a\\\\b.txt": the name holds a backslash'],
    ['a ".." component', '../evil.txt', 'entry "../evil.txt": the path leaves the package'],
    ['a ".." component further in', 'a/../../evil.txt', 'entry "a/../../evil.txt": the path leaves the package'],
    ['a "." component', 'a/./b', `entry "a/./b": the path has a '.' component`],
    ['an empty component', 'a//b', 'entry "a//b": the path has an empty component'],
    ['a NUL character', 'a\u0000.txt', 'entry "a\\u0000.txt": the name holds a control character'],
    ['a newline', 'a\nb', 'entry "a\\nb": the name holds a control character'],
    ['a C1 control character', 'a\u009bb', 'entry "a\\u009bb": the name holds a control character'],
    [
      'bytes that are not UTF-8 under flag bit 11',
      Uint8Array.of(0x61, 0xff, 0x62),
      'entry "a\\xffb": the name is not valid UTF-8',
    ],
    [
      'non-ASCII bytes without flag bit 11',
      utf8('é'),
      'entry "\\xc3\\xa9": the name is not ASCII and the UTF-8 flag (bit 11) is not set',
      0,
    ],
  ];
  for (const [what, name, message, flags] of cases) {
    it(what, () => {
      const e = oneEntry({ name, content: hello, ...(flags === undefined ? {} : { flags }) });
      expect(refusal(e.bytes)).toBe(e.at + message);
    });
  }

  it('prints as one line: file, offset, entry, problem (no kind word)', () => {
    const z = buildZip({
      entries: [
        { name: 'ok.txt', content: hello },
        { name: '../evil.txt', content: hello },
      ],
    });
    expect(refusal(z.bytes)).toBe(`app.kapp:${hex(z.central[1]!)}: entry "../evil.txt": the path leaves the package`);
  });

  it('escapes bidirectional overrides in messages', () => {
    const e = oneEntry({ name: '../\u202etxt.exe', content: hello });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "../\\u202etxt.exe": the path leaves the package`);
  });
});

describe('readZip refuses what is not a regular file or directory', () => {
  it('a symbolic link', () => {
    const e = oneEntry({ name: 'link', content: utf8('/etc/passwd'), externalAttrs: (0o120777 << 16) >>> 0 });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "link": it is a symbolic link`);
  });

  it("a symbolic link stored by Info-ZIP's zip -y", () => {
    const bytes = readFileSync(new URL('./fixtures/info-zip-symlink.zip', import.meta.url));
    expect(refusal(bytes)).toMatch(/^app\.kapp:0x[0-9a-f]+: entry "d\/link": it is a symbolic link$/);
  });

  it('a device, fifo or socket', () => {
    const e = oneEntry({ name: 'fifo', externalAttrs: (0o010644 << 16) >>> 0 });
    expect(refusal(e.bytes)).toBe(
      `${e.at}entry "fifo": it is neither a regular file nor a directory (Unix file type 0o10000)`,
    );
    const dev = oneEntry({ name: 'sda', externalAttrs: (0o060660 << 16) >>> 0 });
    expect(refusal(dev.bytes)).toBe(
      `${dev.at}entry "sda": it is neither a regular file nor a directory (Unix file type 0o60000)`,
    );
  });

  it("a Unix directory whose name does not end with '/'", () => {
    const e = oneEntry({ name: 'dir', externalAttrs: (0o040755 << 16) >>> 0 });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "dir": its Unix mode is a directory but its name does not end with '/'`);
  });

  it("a name ending with '/' whose Unix mode is a regular file", () => {
    const e = oneEntry({ name: 'dir/' });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "dir/": its name ends with '/' but its Unix mode is a regular file`);
  });

  it("an MS-DOS directory attribute on a name without '/'", () => {
    const e = oneEntry({ name: 'dir', versionMadeBy: 0x0014, externalAttrs: 0x10 });
    expect(refusal(e.bytes)).toBe(
      `${e.at}entry "dir": it has the MS-DOS directory attribute but its name does not end with '/'`,
    );
  });

  it('a directory entry holding data', () => {
    const e = oneEntry({ name: 'dir/', content: hello, externalAttrs: (0o040755 << 16) >>> 0 });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "dir/": it is a directory but declares 13 bytes (13 compressed)`);
  });
});

describe('readZip refuses clashing paths', () => {
  it('a duplicate name', () => {
    const z = buildZip({
      entries: [
        { name: 'a.txt', content: hello },
        { name: 'a.txt', content: utf8('other') },
      ],
    });
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.central[1]!)}: entry "a.txt": a duplicate name (first at ${hex(z.central[0]!)})`,
    );
  });

  it('a file that is also a directory entry', () => {
    const z = buildZip({
      entries: [
        { name: 'a', content: hello },
        { name: 'a/', externalAttrs: (0o040755 << 16) >>> 0 },
      ],
    });
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.central[1]!)}: entry "a/": "a" is both a file and a directory (the other entry is at ${hex(z.central[0]!)})`,
    );
  });

  it('a file that is the parent directory of another', () => {
    const z = buildZip({
      entries: [
        { name: 'a/b/c', content: hello },
        { name: 'a/b', content: hello },
      ],
    });
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.central[0]!)}: entry "a/b/c": its parent "a/b" is a file (the entry at ${hex(z.central[1]!)})`,
    );
  });
});

describe('readZip refuses sizes and headers that lie', () => {
  it('a local header naming another entry', () => {
    const e = oneEntry({ name: 'app.wasm', localName: '../../.bashrc', content: hello });
    expect(refusal(e.bytes)).toBe(`${e.local}entry "app.wasm": its local header names it "../../.bashrc"`);
  });

  it('a local header with another compression method', () => {
    const e = oneEntry({ name: 'a', content: hello, localMethod: 8 });
    expect(refusal(e.bytes)).toBe(
      `${e.local}entry "a": its local header says compression method 8, the central directory 0`,
    );
  });

  it('a local header with other flags', () => {
    const e = oneEntry({ name: 'a', content: hello, localFlags: 0x0801 });
    expect(refusal(e.bytes)).toBe(
      `${e.local}entry "a": its local header's flags 0x801 disagree with the central directory's 0x800`,
    );
  });

  it('a local header with another CRC-32', () => {
    const e = oneEntry({ name: 'a', content: hello, localCrc: 0x12345678 });
    const crc = crc32(hello).toString(16).padStart(8, '0');
    expect(refusal(e.bytes)).toBe(
      `${e.local}entry "a": its local header says CRC-32 0x12345678, the central directory 0x${crc}`,
    );
  });

  it('a local header with another compressed size', () => {
    const e = oneEntry({ name: 'a', content: hello, deflate: true, localCompressedSize: 3 });
    expect(refusal(e.bytes)).toMatch(
      new RegExp(`^${e.local}entry "a": its local header says compressed size 3, the central directory \\d+$`),
    );
  });

  it('a local header with another size', () => {
    const e = oneEntry({ name: 'a', content: hello, deflate: true, localSize: 1 });
    expect(refusal(e.bytes)).toBe(`${e.local}entry "a": its local header says size 1, the central directory 13`);
  });

  it('a data descriptor entry whose data does not match the central CRC-32', () => {
    const e = oneEntry({
      name: 'a',
      content: hello,
      flags: 0x0808,
      crc: 0xdeadbeef,
      localCrc: 0,
      localSize: 0,
      localCompressedSize: 0,
    });
    const crc = crc32(hello).toString(16).padStart(8, '0');
    expect(refusal(e.bytes)).toBe(`${e.local}entry "a": its data has CRC-32 0x${crc}, not the declared 0xdeadbeef`);
  });

  it('a central record pointing at no local header', () => {
    const z = buildZip({
      entries: [
        { name: 'a', content: hello },
        { name: 'b', content: hello, localHeaderOffset: 5 },
      ],
    });
    expect(refusal(z.bytes)).toBe(`${FILE}:0x5: entry "b": no local file header at 0x5`);
  });

  it('a local header offset past the entries', () => {
    const e = oneEntry({ name: 'a', content: hello, localHeaderOffset: 0x7fff0000 });
    expect(refusal(e.bytes)).toBe(
      `${e.at}entry "a": its local header offset 0x7fff0000 lies outside the entries (which end at 0x2c)`,
    );
  });

  it('data running past the end of the file', () => {
    const e = oneEntry({ name: 'a', content: hello, compressedSize: 5000, size: 5000 });
    expect(refusal(e.bytes)).toBe(`${e.local}entry "a": its data (5000 bytes at 0x1f) runs past the end of the file`);
  });

  it('data running into the central directory', () => {
    const e = oneEntry({ name: 'a', content: hello, compressedSize: 40, size: 40 });
    expect(refusal(e.bytes)).toBe(`${e.local}entry "a": its data (40 bytes at 0x1f) runs into the central directory`);
  });

  it('overlapping entries (the non-recursive zip bomb)', () => {
    // entry a's data covers entry b's local header and data: b's bytes would be unpacked twice
    const b = { name: 'b', content: hello };
    const span = 30 + 1 + hello.length;
    const z = buildZip({
      entries: [{ name: 'a', content: hello, compressedSize: hello.length + span, size: hello.length + span }, b],
    });
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.local[1]!)}: entry "b": its local header lies inside entry "a" (0x0..${hex(z.local[1]! + span)}): overlapping entries (a zip bomb?)`,
    );
  });

  it('a stored entry whose compressed size differs from its size', () => {
    const e = oneEntry({ name: 'a', content: hello, size: 20 });
    expect(refusal(e.bytes)).toBe(`${e.at}entry "a": it is stored, yet its compressed size 13 differs from its size 20`);
  });

  it('inflated data longer than declared, stopped early', () => {
    const e = oneEntry({ name: 'a', content: utf8('x'.repeat(100_000)), deflate: true, size: 1000 });
    expect(refusal(e.bytes)).toBe(`${e.local}entry "a": inflates to more than its declared 1000 bytes`);
  });

  it('inflated data shorter than declared', () => {
    const e = oneEntry({ name: 'a', content: utf8('x'.repeat(1000)), deflate: true, size: 2000 });
    expect(refusal(e.bytes)).toBe(`${e.local}entry "a": inflates to 1000 bytes, not its declared 2000`);
  });

  it('corrupt deflate data', () => {
    const e = oneEntry({ name: 'a', content: hello, method: 8, payload: Uint8Array.of(0xff, 0xff, 0xff, 0xff) });
    expect(refusal(e.bytes)).toMatch(new RegExp(`^${e.local}entry "a": its deflate data is corrupt \\(.+\\)$`));
  });

  it('a CRC-32 mismatch', () => {
    const e = oneEntry({ name: 'a', content: hello, crc: 0x01020304 });
    const crc = crc32(hello).toString(16).padStart(8, '0');
    expect(refusal(e.bytes)).toBe(`${e.local}entry "a": its data has CRC-32 0x${crc}, not the declared 0x01020304`);
  });
});

/** 50 MB of zeros deflated, streamed a MiB at a time so the test never holds the 50 MB either */
function deflatedZeros(mib: number): { payload: Uint8Array; crc: number; size: number } {
  const zeros = new Uint8Array(1024 * 1024);
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  let crc = 0;
  for (let i = 0; i < mib; i++) {
    crc = crc32(zeros, crc);
    d.push(zeros, i === mib - 1);
  }
  const payload = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    payload.set(p, at);
    at += p.length;
  }
  return { payload, crc, size: mib * zeros.length };
}

describe('readZip refuses zip bombs from the central directory alone', () => {
  it('50 MB of zeros deflated: refused for its ratio before anything is inflated', () => {
    const { payload, crc, size } = deflatedZeros(50);
    const z = buildZip({ entries: [{ name: 'zeros', method: 8, payload, crc, size }] });
    const before = process.memoryUsage().arrayBuffers;
    const ratio = Math.floor(size / payload.length);
    expect(refusal(z.bytes)).toBe(
      `${FILE}:${hex(z.central[0]!)}: entry "zeros": ${size} bytes from ${payload.length} is a ${ratio}:1 compression ratio, more than the limit of 100:1 (a zip bomb?)`,
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * 1024 * 1024);
  });

  it('the same bomb declaring a small size: inflating stops right past it', () => {
    const { payload, crc } = deflatedZeros(50);
    const z = buildZip({ entries: [{ name: 'zeros', method: 8, payload, crc, size: 100 }] });
    expect(refusal(z.bytes)).toBe(`${FILE}:0x0: entry "zeros": inflates to more than its declared 100 bytes`);
  });

  it('more entries than the limit', () => {
    const z = buildZip({ entries: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    expect(refusal(z.bytes, { maxEntries: 2 })).toBe(
      `${FILE}:${hex(z.end)}: the package has 3 entries, more than the limit of 2 (a zip bomb?)`,
    );
  });

  it('an entry larger than the limit', () => {
    const e = oneEntry({ name: 'big', content: new Uint8Array(2000), deflate: true });
    expect(refusal(e.bytes, { maxEntryBytes: 1000 })).toBe(
      `${e.at}entry "big": it declares 2000 bytes, more than the limit of 1000 (a zip bomb?)`,
    );
  });

  it('a declared total larger than the limit', () => {
    const z = buildZip({
      entries: [
        { name: 'a', content: new Uint8Array(600), deflate: true },
        { name: 'b', content: new Uint8Array(600), deflate: true },
      ],
    });
    expect(refusal(z.bytes, { maxTotalBytes: 1000 })).toBe(
      `${FILE}:${hex(z.central[1]!)}: entry "b": the entries up to this one declare 1200 bytes in all, more than the limit of 1000 (a zip bomb?)`,
    );
  });

  it('an entry over 1 MiB declaring an impossible ratio with no compressed bytes', () => {
    const e = oneEntry({ name: 'z', method: 8, payload: new Uint8Array(0), size: 2 * 1024 * 1024 });
    expect(refusal(e.bytes)).toBe(
      `${e.at}entry "z": 2097152 bytes from 0 is an infinite compression ratio, more than the limit of 100:1 (a zip bomb?)`,
    );
  });
});

describe('readZip returns data of its own', () => {
  it('copies stored data out of a Buffer instead of sharing its memory', () => {
    const z = buildZip({ entries: [{ name: 'a', content: hello }] });
    const buffer = Buffer.from(z.bytes);
    const [file] = readZip(buffer, FILE);
    expect(Buffer.isBuffer(file!.data)).toBe(false);
    buffer.fill(0);
    expect(file!.data).toEqual(hello);
  });
});

describe('readZip on damaged zips', () => {
  it('any single changed byte gives the files or a KilnError, never another exception', () => {
    const z = buildZip({
      entries: [
        { name: 'a.txt', content: hello },
        { name: 'd/', externalAttrs: ((0o040755 << 16) | 0x10) >>> 0 },
        { name: 'd/b.txt', content: utf8('bbb '.repeat(50)), deflate: true },
      ],
    });
    let refused = 0;
    for (let i = 0; i < z.bytes.length; i++) {
      for (const change of [(b: number) => b ^ 1, (b: number) => b ^ 0x80, () => 0, () => 0xff]) {
        const damaged = z.bytes.slice();
        damaged[i] = change(damaged[i]!);
        try {
          readZip(damaged, FILE);
        } catch (e) {
          if (!(e instanceof KilnError) || e.kind !== 'package') throw e;
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(z.bytes.length);
  });

  it('every truncation is refused with a KilnError', () => {
    const z = buildZip({
      entries: [
        { name: 'a.txt', content: hello },
        { name: 'b.txt', content: utf8('b'.repeat(300)), deflate: true },
      ],
    });
    for (let n = 0; n < z.bytes.length; n++) {
      expect(() => readZip(z.bytes.subarray(0, n), FILE), `cut at ${n}`).toThrow(KilnError);
    }
  });
});
