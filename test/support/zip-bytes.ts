/**
 * A byte-by-byte zip builder for tests of the app package reader (formats/kapp/zip-read.ts).
 * It uses no zip library on purpose: every header field can be set to any value, so tests can
 * write broken and hostile zips — names that differ between the local header and the central
 * directory, lying sizes and CRCs, symlink modes, encryption flags, overlapping entries,
 * wrong entry counts, a missing end-of-central-directory record. Layout per APPNOTE.TXT 6.3.x.
 * Fields not given take the value a correct zip would have.
 */

import { deflateSync } from 'fflate';
import { crc32 } from '../../formats/kapp/crc32.js';

export interface ZipEntrySpec {
  /** the name in the central directory (a string is UTF-8 encoded) */
  name: string | Uint8Array;
  /** the name in the local header (default: `name`) */
  localName?: string | Uint8Array;
  /** the uncompressed content (default empty) */
  content?: Uint8Array;
  /** deflate `content` with fflate (default false: stored) */
  deflate?: boolean;
  /** the bytes written as the entry's data (default: `content`, deflated when `deflate`) */
  payload?: Uint8Array;
  /** compression method in both headers (default 8 when `deflate`, else 0) */
  method?: number;
  localMethod?: number;
  /** general purpose flags in both headers (default 0x0800, UTF-8) */
  flags?: number;
  localFlags?: number;
  /** "version made by" (default 0x0314: Unix, 2.0) */
  versionMadeBy?: number;
  versionNeeded?: number;
  /** external attributes (default 0o100644 << 16, a regular file) */
  externalAttrs?: number;
  internalAttrs?: number;
  /** CRC-32 in both headers (default: the content's) */
  crc?: number;
  localCrc?: number;
  /** compressed size in both headers (default: payload length) */
  compressedSize?: number;
  localCompressedSize?: number;
  /** uncompressed size in both headers (default: content length) */
  size?: number;
  localSize?: number;
  diskStart?: number;
  /** the central directory's local header offset (default: where this entry's header is written) */
  localHeaderOffset?: number;
  /** write no local header or data for this entry (point `localHeaderOffset` elsewhere) */
  omitLocal?: boolean;
  extra?: Uint8Array;
  localExtra?: Uint8Array;
  comment?: Uint8Array;
  /** bytes written right after the data (a data descriptor, say) */
  afterData?: Uint8Array;
}

export interface ZipEndSpec {
  disk?: number;
  cdDisk?: number;
  entriesOnDisk?: number;
  totalEntries?: number;
  cdSize?: number;
  cdOffset?: number;
  comment?: Uint8Array;
  /** the comment length field (default: `comment` length) */
  commentLength?: number;
}

export interface ZipSpec {
  entries: ZipEntrySpec[];
  /** bytes before the first local header */
  prefix?: Uint8Array;
  /** leave out the end-of-central-directory record */
  omitEnd?: boolean;
  end?: ZipEndSpec;
  /** write a ZIP64 end-of-central-directory locator right before the end record */
  zip64Locator?: boolean;
  /** bytes after the end record */
  trailing?: Uint8Array;
}

export interface BuiltZip {
  bytes: Uint8Array;
  /** file offset of each entry's local header (-1 when omitted) */
  local: number[];
  /** file offset of each entry's data (-1 when omitted) */
  data: number[];
  /** file offset of each entry's central directory record */
  central: number[];
  /** file offset of the central directory, and of the end record (-1 when omitted) */
  cdOffset: number;
  end: number;
}

const enc = new TextEncoder();
const asBytes = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? enc.encode(s) : s);

/** a little-endian byte sink */
class Sink {
  private readonly chunks: number[] = [];
  get length(): number {
    return this.chunks.length;
  }
  u16(v: number): this {
    this.chunks.push(v & 0xff, (v >>> 8) & 0xff);
    return this;
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16((v >>> 16) & 0xffff);
  }
  raw(b: Uint8Array): this {
    for (const x of b) this.chunks.push(x);
    return this;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** an entry with every field resolved */
interface Resolved {
  name: Uint8Array;
  localName: Uint8Array;
  payload: Uint8Array;
  method: number;
  localMethod: number;
  flags: number;
  localFlags: number;
  crc: number;
  localCrc: number;
  compressedSize: number;
  localCompressedSize: number;
  size: number;
  localSize: number;
}

function resolve(s: ZipEntrySpec): Resolved {
  const content = s.content ?? new Uint8Array(0);
  const payload = s.payload ?? (s.deflate === true ? deflateSync(content, { level: 9 }) : content);
  const method = s.method ?? (s.deflate === true ? 8 : 0);
  const flags = s.flags ?? 0x0800;
  const crc = s.crc ?? crc32(content);
  const compressedSize = s.compressedSize ?? payload.length;
  const size = s.size ?? content.length;
  const name = asBytes(s.name);
  return {
    name,
    localName: s.localName === undefined ? name : asBytes(s.localName),
    payload,
    method,
    localMethod: s.localMethod ?? method,
    flags,
    localFlags: s.localFlags ?? flags,
    crc,
    localCrc: s.localCrc ?? crc,
    compressedSize,
    localCompressedSize: s.localCompressedSize ?? compressedSize,
    size,
    localSize: s.localSize ?? size,
  };
}

function writeLocal(out: Sink, s: ZipEntrySpec, r: Resolved): void {
  const extra = s.localExtra ?? new Uint8Array(0);
  out
    .u32(0x04034b50)
    .u16(s.versionNeeded ?? 20)
    .u16(r.localFlags)
    .u16(r.localMethod)
    .u16(0)
    .u16(0x21);
  out.u32(r.localCrc).u32(r.localCompressedSize).u32(r.localSize).u16(r.localName.length).u16(extra.length);
  out
    .raw(r.localName)
    .raw(extra)
    .raw(r.payload)
    .raw(s.afterData ?? new Uint8Array(0));
}

function writeCentral(out: Sink, s: ZipEntrySpec, r: Resolved, localOffset: number): void {
  const extra = s.extra ?? new Uint8Array(0);
  const comment = s.comment ?? new Uint8Array(0);
  out
    .u32(0x02014b50)
    .u16(s.versionMadeBy ?? 0x0314)
    .u16(s.versionNeeded ?? 20)
    .u16(r.flags)
    .u16(r.method);
  out.u16(0).u16(0x21).u32(r.crc).u32(r.compressedSize).u32(r.size);
  out
    .u16(r.name.length)
    .u16(extra.length)
    .u16(comment.length)
    .u16(s.diskStart ?? 0)
    .u16(s.internalAttrs ?? 0);
  out.u32(s.externalAttrs ?? (0o100644 << 16) >>> 0).u32(s.localHeaderOffset ?? localOffset);
  out.raw(r.name).raw(extra).raw(comment);
}

function writeEnd(out: Sink, e: ZipEndSpec, count: number, cdSize: number, cdOffset: number): void {
  const comment = e.comment ?? new Uint8Array(0);
  out
    .u32(0x06054b50)
    .u16(e.disk ?? 0)
    .u16(e.cdDisk ?? 0)
    .u16(e.entriesOnDisk ?? count)
    .u16(e.totalEntries ?? count);
  out
    .u32(e.cdSize ?? cdSize)
    .u32(e.cdOffset ?? cdOffset)
    .u16(e.commentLength ?? comment.length)
    .raw(comment);
}

/** the zip `spec` describes, and where its records landed */
export function buildZip(spec: ZipSpec): BuiltZip {
  const out = new Sink();
  if (spec.prefix !== undefined) out.raw(spec.prefix);
  const resolved = spec.entries.map(resolve);
  const local: number[] = [];
  const data: number[] = [];
  spec.entries.forEach((s, i) => {
    const r = resolved[i]!;
    if (s.omitLocal === true) {
      local.push(-1);
      data.push(-1);
      return;
    }
    local.push(out.length);
    data.push(out.length + 30 + r.localName.length + (s.localExtra?.length ?? 0));
    writeLocal(out, s, r);
  });
  const cdOffset = out.length;
  const central: number[] = [];
  spec.entries.forEach((s, i) => {
    central.push(out.length);
    writeCentral(out, s, resolved[i]!, local[i]!);
  });
  const cdSize = out.length - cdOffset;
  if (spec.zip64Locator === true) out.u32(0x07064b50).u32(0).u32(0).u32(0).u32(1);
  const end = spec.omitEnd === true ? -1 : out.length;
  if (spec.omitEnd !== true) writeEnd(out, spec.end ?? {}, spec.entries.length, cdSize, cdOffset);
  if (spec.trailing !== undefined) out.raw(spec.trailing);
  return { bytes: out.bytes(), local, data, central, cdOffset, end };
}

/** the bytes of a string, UTF-8 */
export const utf8 = (s: string): Uint8Array => enc.encode(s);
