/**
 * Reading an app package zip (`.kapp`) and checking it is safe to unpack, before a single
 * byte is inflated. The format follows PKWARE's APPNOTE.TXT 6.3.x (see zip-format.ts); the
 * central directory is parsed here rather than by fflate because fflate neither exposes the
 * Unix file type (symlinks) nor keeps two entries of the same name apart.
 *
 * Order of the checks: end-of-central-directory record → every central directory record
 * (name, type, method, encryption, ZIP64, zip-bomb limits on declared sizes) → duplicate and
 * file-versus-directory paths → every local header against its central record, and the
 * ranges they cover against each other (overlapping entries are the non-recursive zip bomb) →
 * only then inflate, each entry into a buffer of its declared size, and check its CRC-32.
 * Every refusal is a KilnError of kind 'package' at the offset of the record concerned.
 */

import { KilnError } from '../errors.js';
import { crc32 } from './crc32.js';
import { inflateExact } from './zip-inflate.js';
import * as Z from './zip-format.js';
import { decodeName, nameProblem, parentDirs, quoteBytes, quoteName } from './zip-names.js';

export interface ZipLimits {
  /** most entries (files and directories) a package may hold */
  maxEntries: number;
  /** largest uncompressed size of one entry, in bytes */
  maxEntryBytes: number;
  /** largest uncompressed size of all entries together, in bytes */
  maxTotalBytes: number;
  /** largest uncompressed/compressed ratio of an entry larger than 1 MiB uncompressed */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxEntries: 10_000,
  maxEntryBytes: 512 * Z.MIB,
  maxTotalBytes: 1024 * Z.MIB,
  maxRatio: 100,
});

/** the ratio limit only applies to entries larger than this (small files compress well too) */
const RATIO_MIN_SIZE = Z.MIB;

export interface ZipFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** one central directory record, checked on its own */
interface CentralEntry {
  /** file offset of the central directory record */
  readonly at: number;
  readonly name: string;
  readonly nameBytes: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly isDir: boolean;
}

/** where an entry's local header and data lie */
interface LocalSpan {
  readonly start: number;
  readonly dataStart: number;
  readonly dataEnd: number;
}

interface EndRecord {
  readonly at: number;
  readonly count: number;
  readonly cdOffset: number;
  readonly cdSize: number;
}

interface Input {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly file: string;
}

/** the end of every message about a limit or overlap meant to stop zip bombs */
const BOMB = ' (a zip bomb?)';

const hex = (n: number): string => '0x' + n.toString(16);
const hex32 = (n: number): string => '0x' + n.toString(16).padStart(8, '0');

function fail(input: Input, offset: number, reason: string): never {
  throw new KilnError('package', reason, { file: input.file, offset });
}

function failEntry(input: Input, offset: number, e: { readonly name: string }, reason: string): never {
  return fail(input, offset, `entry ${quoteName(e.name)}: ${reason}`);
}

const u16 = (input: Input, at: number): number => input.view.getUint16(at, true);
const u32 = (input: Input, at: number): number => input.view.getUint32(at, true);

/**
 * Every file entry of the zip `bytes` (read from `file`, for messages), in central directory
 * order; directory entries are checked, then dropped. Throws KilnError('package') on anything
 * malformed or unsafe.
 */
export function readZip(bytes: Uint8Array, file: string, limits: Partial<ZipLimits> = {}): ZipFile[] {
  const lim: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  // a plain Uint8Array view, so that a Buffer's slice (which shares memory) is never used
  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const input: Input = { bytes: plain, view: new DataView(plain.buffer, plain.byteOffset, plain.byteLength), file };
  const end = readEndRecord(input);
  if (end.count > lim.maxEntries) {
    fail(input, end.at, `the package has ${countOf(end.count)}, more than the limit of ${lim.maxEntries}` + BOMB);
  }
  const entries = readCentralDirectory(input, end, lim);
  checkPaths(input, entries);
  const spans = entries.map((e) => readLocalHeader(input, e, end.cdOffset));
  checkOverlaps(input, entries, spans);
  const files: ZipFile[] = [];
  entries.forEach((e, i) => {
    if (!e.isDir) files.push({ name: e.name, data: extract(input, e, spans[i]!) });
  });
  return files;
}

// ---- end of central directory record (APPNOTE 4.3.16) ----

/**
 * The offset of the EOCD record: a signature whose comment ends exactly at the end of the file.
 * Two such candidates (one inside the other's comment) make the zip ambiguous — readers that
 * pick differently would see different files — so that is refused.
 */
function findEndRecord(input: Input): number {
  const last = input.bytes.length - Z.EOCD_SIZE;
  const first = Math.max(0, input.bytes.length - Z.EOCD_SEARCH);
  let found = -1;
  for (let at = last; at >= first; at--) {
    if (u32(input, at) !== Z.SIG_EOCD || at + Z.EOCD_SIZE + u16(input, at + 20) !== input.bytes.length) continue;
    if (found >= 0)
      fail(input, at, `ambiguous zip: a second end-of-central-directory record at ${hex(found)} lies in this one's comment`);
    found = at;
  }
  return found;
}

function readEndRecord(input: Input): EndRecord {
  const n = input.bytes.length;
  if (n < Z.EOCD_SIZE) fail(input, 0, `not a zip file: ${n} bytes, fewer than the smallest zip (${Z.EOCD_SIZE})`);
  const at = findEndRecord(input);
  if (at < 0) {
    const startsLikeZip = u32(input, 0) === Z.SIG_LOCAL;
    fail(
      input,
      0,
      startsLikeZip
        ? 'truncated zip: it starts with a local file header but has no end-of-central-directory record'
        : 'not a zip file: no end-of-central-directory record in its last 65,557 bytes',
    );
  }
  const disk = u16(input, at + 4);
  const cdDisk = u16(input, at + 6);
  const onDisk = u16(input, at + 8);
  const count = u16(input, at + 10);
  const cdSize = u32(input, at + 12);
  const cdOffset = u32(input, at + 16);
  const markers = [disk, cdDisk, onDisk, count].includes(Z.U16_MAX) || cdSize === Z.U32_MAX || cdOffset === Z.U32_MAX;
  const locator = at >= Z.ZIP64_LOCATOR_SIZE && u32(input, at - Z.ZIP64_LOCATOR_SIZE) === Z.SIG_ZIP64_LOCATOR;
  if (markers || locator) fail(input, at, 'ZIP64 zips are not supported');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count)
    fail(input, at, 'multi-disk (split or spanned) zips are not supported');
  if (cdOffset + cdSize > at) {
    fail(input, at, `the central directory (${cdSize} bytes at ${hex(cdOffset)}) lies outside the file`);
  }
  return { at, count, cdOffset, cdSize };
}

// ---- central directory (APPNOTE 4.3.12) ----

function readCentralDirectory(input: Input, end: EndRecord, lim: ZipLimits): CentralEntry[] {
  const entries: CentralEntry[] = [];
  const stop = end.cdOffset + end.cdSize;
  let total = 0;
  for (let at = end.cdOffset; at < stop;) {
    if (entries.length === end.count) fail(input, end.at, countMismatch(end.count, `more than ${end.count}`));
    const e = readCentralRecord(input, at, stop);
    checkEntryLimits(input, e, lim);
    total += e.size;
    if (total > lim.maxTotalBytes) {
      failEntry(
        input,
        at,
        e,
        `the entries up to this one declare ${total} bytes in all, more than the limit of ${lim.maxTotalBytes}` + BOMB,
      );
    }
    entries.push(e);
    at = nextCentral(input, at);
  }
  if (entries.length !== end.count) fail(input, end.at, countMismatch(end.count, String(entries.length)));
  return entries;
}

const countOf = (n: number): string => `${n} ${n === 1 ? 'entry' : 'entries'}`;

function countMismatch(declared: number, found: string): string {
  return `the end-of-central-directory record counts ${countOf(declared)} but the central directory holds ${found}`;
}

const nextCentral = (input: Input, at: number): number =>
  at + Z.CENTRAL_SIZE + u16(input, at + 28) + u16(input, at + 30) + u16(input, at + 32);

/** one central directory record at `at`, its name and every field checked on its own */
function readCentralRecord(input: Input, at: number, stop: number): CentralEntry {
  if (at + Z.CENTRAL_SIZE > stop) fail(input, at, 'truncated central directory record');
  if (u32(input, at) !== Z.SIG_CENTRAL) fail(input, at, `no central directory record signature at ${hex(at)}`);
  if (nextCentral(input, at) > stop)
    fail(input, at, 'a central directory record runs past the end of the central directory');
  const flags = u16(input, at + 8);
  const nameBytes = input.bytes.subarray(at + Z.CENTRAL_SIZE, at + Z.CENTRAL_SIZE + u16(input, at + 28));
  const name = readName(input, at, nameBytes, flags);
  const e: CentralEntry = {
    at,
    name,
    nameBytes,
    flags,
    method: u16(input, at + 10),
    crc: u32(input, at + 16),
    compressedSize: u32(input, at + 20),
    size: u32(input, at + 24),
    localOffset: u32(input, at + 42),
    isDir: name.endsWith('/'),
  };
  checkStorage(input, e, u16(input, at + 34));
  checkFileType(input, e, u16(input, at + 4), u32(input, at + 38));
  checkSizes(input, e);
  return e;
}

/** the decoded name, refused when undecodable or not a safe relative path */
function readName(input: Input, at: number, nameBytes: Uint8Array, flags: number): string {
  const utf8 = (flags & Z.FLAG_UTF8) !== 0;
  const name = decodeName(nameBytes, utf8);
  if (name === null) {
    const why = utf8 ? 'the name is not valid UTF-8' : 'the name is not ASCII and the UTF-8 flag (bit 11) is not set';
    fail(input, at, `entry ${quoteBytes(nameBytes)}: ${why}`);
  }
  const problem = nameProblem(name);
  if (problem !== null) failEntry(input, at, { name }, problem);
  return name;
}

/** ZIP64, multi-disk, encryption and compression method */
function checkStorage(input: Input, e: CentralEntry, diskStart: number): void {
  const zip64 = [e.compressedSize, e.size, e.localOffset].includes(Z.U32_MAX) || diskStart === Z.U16_MAX;
  if (zip64) failEntry(input, e.at, e, 'it uses ZIP64 sizes or offsets, which are not supported');
  if (diskStart !== 0) failEntry(input, e.at, e, `it starts on disk ${diskStart} (multi-disk zips are not supported)`);
  if (e.flags & (Z.FLAG_ENCRYPTED | Z.FLAG_STRONG_ENCRYPTION)) failEntry(input, e.at, e, 'it is encrypted');
  if (e.method !== Z.METHOD_STORED && e.method !== Z.METHOD_DEFLATE) {
    failEntry(input, e.at, e, `it uses compression method ${e.method} (only 0, stored, and 8, deflate, are supported)`);
  }
}

/**
 * Only regular files and directories: with a Unix "version made by", external attributes >> 16
 * are st_mode, whose type must be S_IFREG, S_IFDIR or 0 (none given: regular). The MS-DOS
 * directory attribute (0x10) is honoured on any host. A directory's name ends in '/'.
 */
function checkFileType(input: Input, e: CentralEntry, madeBy: number, external: number): void {
  if (madeBy >>> 8 === Z.HOST_UNIX) {
    const type = (external >>> 16) & Z.S_IFMT;
    if (type === Z.S_IFLNK) failEntry(input, e.at, e, 'it is a symbolic link');
    if (type !== 0 && type !== Z.S_IFREG && type !== Z.S_IFDIR) {
      failEntry(input, e.at, e, `it is neither a regular file nor a directory (Unix file type 0o${type.toString(8)})`);
    }
    if (type === Z.S_IFDIR && !e.isDir)
      failEntry(input, e.at, e, "its Unix mode is a directory but its name does not end with '/'");
    if (type === Z.S_IFREG && e.isDir)
      failEntry(input, e.at, e, "its name ends with '/' but its Unix mode is a regular file");
  }
  if ((external & 0x10) !== 0 && !e.isDir) {
    failEntry(input, e.at, e, "it has the MS-DOS directory attribute but its name does not end with '/'");
  }
}

/** sizes that cannot be right whatever the data says */
function checkSizes(input: Input, e: CentralEntry): void {
  if (e.isDir && (e.size !== 0 || e.compressedSize !== 0)) {
    failEntry(input, e.at, e, `it is a directory but declares ${e.size} bytes (${e.compressedSize} compressed)`);
  }
  if (e.method === Z.METHOD_STORED && e.compressedSize !== e.size) {
    failEntry(input, e.at, e, `it is stored, yet its compressed size ${e.compressedSize} differs from its size ${e.size}`);
  }
}

/** the zip-bomb limits on one entry's declared sizes */
function checkEntryLimits(input: Input, e: CentralEntry, lim: ZipLimits): void {
  if (e.size > lim.maxEntryBytes) {
    failEntry(input, e.at, e, `it declares ${e.size} bytes, more than the limit of ${lim.maxEntryBytes}` + BOMB);
  }
  if (e.size > RATIO_MIN_SIZE && e.size > lim.maxRatio * e.compressedSize) {
    const ratio = e.compressedSize === 0 ? 'an infinite' : `a ${Math.floor(e.size / e.compressedSize)}:1`;
    failEntry(
      input,
      e.at,
      e,
      `${e.size} bytes from ${e.compressedSize} is ${ratio} compression ratio, more than the limit of ${lim.maxRatio}:1` +
        BOMB,
    );
  }
}

// ---- paths ----

/** no name twice, and no file that is also a directory or that another entry's path goes through */
function checkPaths(input: Input, entries: readonly CentralEntry[]): void {
  const byPath = new Map<string, CentralEntry>();
  for (const e of entries) {
    const path = e.isDir ? e.name.slice(0, -1) : e.name;
    const first = byPath.get(path);
    if (first === undefined) byPath.set(path, e);
    else if (first.isDir === e.isDir) failEntry(input, e.at, e, `a duplicate name (first at ${hex(first.at)})`);
    else
      failEntry(
        input,
        e.at,
        e,
        `${quoteName(path)} is both a file and a directory (the other entry is at ${hex(first.at)})`,
      );
  }
  for (const e of entries) {
    for (const dir of parentDirs(e.name)) {
      const other = byPath.get(dir);
      if (other !== undefined && !other.isDir) {
        failEntry(input, e.at, e, `its parent ${quoteName(dir)} is a file (the entry at ${hex(other.at)})`);
      }
    }
  }
}

// ---- local file headers (APPNOTE 4.3.7) ----

/** the local header of `e`, checked against its central record; where its header and data lie */
function readLocalHeader(input: Input, e: CentralEntry, cdOffset: number): LocalSpan {
  const at = e.localOffset;
  if (at + Z.LOCAL_SIZE > cdOffset) {
    failEntry(input, e.at, e, `its local header offset ${hex(at)} lies outside the entries (which end at ${hex(cdOffset)})`);
  }
  if (u32(input, at) !== Z.SIG_LOCAL) failEntry(input, at, e, `no local file header at ${hex(at)}`);
  const nameEnd = at + Z.LOCAL_SIZE + u16(input, at + 26);
  const dataStart = nameEnd + u16(input, at + 28);
  if (dataStart > cdOffset) failEntry(input, at, e, 'its local header runs into the central directory');
  checkLocalName(input, e, input.bytes.subarray(at + Z.LOCAL_SIZE, nameEnd));
  checkLocalFields(input, e);
  const dataEnd = dataStart + e.compressedSize;
  if (dataEnd > input.bytes.length) {
    failEntry(input, at, e, `its data (${e.compressedSize} bytes at ${hex(dataStart)}) runs past the end of the file`);
  }
  if (dataEnd > cdOffset) {
    failEntry(input, at, e, `its data (${e.compressedSize} bytes at ${hex(dataStart)}) runs into the central directory`);
  }
  return { start: at, dataStart, dataEnd };
}

function checkLocalName(input: Input, e: CentralEntry, local: Uint8Array): void {
  const same = local.length === e.nameBytes.length && local.every((b, i) => b === e.nameBytes[i]);
  if (same) return;
  const decoded = decodeName(local, true);
  const shown = decoded === null ? quoteBytes(local) : quoteName(decoded);
  failEntry(input, e.localOffset, e, `its local header names it ${shown}`);
}

/** method, flags, CRC and sizes; with a data descriptor (flag bit 3) CRC and sizes may be 0 */
function checkLocalFields(input: Input, e: CentralEntry): void {
  const at = e.localOffset;
  const flags = u16(input, at + 6);
  const method = u16(input, at + 8);
  if (method !== e.method) {
    failEntry(input, at, e, `its local header says compression method ${method}, the central directory ${e.method}`);
  }
  const significant = Z.FLAG_ENCRYPTED | Z.FLAG_STRONG_ENCRYPTION | Z.FLAG_DATA_DESCRIPTOR;
  if ((flags & significant) !== (e.flags & significant)) {
    failEntry(input, at, e, `its local header's flags ${hex(flags)} disagree with the central directory's ${hex(e.flags)}`);
  }
  const deferred = (flags & Z.FLAG_DATA_DESCRIPTOR) !== 0;
  const fields: [string, number, number, (n: number) => string][] = [
    ['CRC-32', u32(input, at + 14), e.crc, hex32],
    ['compressed size', u32(input, at + 18), e.compressedSize, String],
    ['size', u32(input, at + 22), e.size, String],
  ];
  for (const [what, local, central, show] of fields) {
    if (local === central || (deferred && local === 0)) continue;
    failEntry(input, at, e, `its local header says ${what} ${show(local)}, the central directory ${show(central)}`);
  }
}

/** no two entries' local header + data ranges may share a byte */
function checkOverlaps(input: Input, entries: readonly CentralEntry[], spans: readonly LocalSpan[]): void {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const next = order[k]!;
    if (spans[next]!.start < spans[prev]!.dataEnd) {
      const p = spans[prev]!;
      failEntry(
        input,
        spans[next]!.start,
        entries[next]!,
        `its local header lies inside entry ${quoteName(entries[prev]!.name)} (${hex(p.start)}..${hex(p.dataEnd)}): ` +
          'overlapping entries' +
          BOMB,
      );
    }
  }
}

// ---- data ----

/** the entry's bytes, inflated when deflated, with their length and CRC-32 checked */
function extract(input: Input, e: CentralEntry, span: LocalSpan): Uint8Array {
  const raw = input.bytes.subarray(span.dataStart, span.dataEnd);
  let data: Uint8Array;
  if (e.method === Z.METHOD_STORED) data = new Uint8Array(raw);
  else {
    const inflated = inflateExact(raw, e.size);
    if (!inflated.ok) failEntry(input, span.start, e, inflated.reason);
    data = inflated.data;
  }
  const crc = crc32(data);
  if (crc !== e.crc) failEntry(input, span.start, e, `its data has CRC-32 ${hex32(crc)}, not the declared ${hex32(e.crc)}`);
  return data;
}
