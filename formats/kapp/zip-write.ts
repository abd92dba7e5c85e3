/**
 * Writing an app package zip deterministically: the same files, given in any order, always
 * give the same bytes. Entries are sorted by the UTF-8 bytes of their names; every entry has
 * the DOS time 1980-01-01 00:00:00, Unix attributes 0o100644 (a regular file, rw-r--r--),
 * "version made by" Unix / spec 2.0, the UTF-8 name flag (bit 11), no extra fields or
 * comments, and is deflated (fflate level 9) unless storing it is smaller. Record layouts
 * follow APPNOTE.TXT 6.3.x 4.3.7 (local header), 4.3.12 (central directory), 4.3.16 (end).
 *
 * Names are checked with the reader's rules, so nothing written here is refused by readZip
 * for its names; sizes stay below the ZIP64 thresholds (no ZIP64 is ever written).
 */

import { deflateSync } from 'fflate';
import { KilnError } from '../errors.js';
import { crc32 } from './crc32.js';
import * as Z from './zip-format.js';
import { compareUtf8, nameProblem, parentDirs, quoteName } from './zip-names.js';

export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
}

/** "version made by": host 3 (Unix) in the high byte, spec version 2.0 in the low byte */
const MADE_BY = (Z.HOST_UNIX << 8) | 20;
/** "version needed to extract": 1.0 for stored data, 2.0 for deflate */
const NEEDS_STORED = 10;
const NEEDS_DEFLATE = 20;
/** a regular file, rw-r--r--, in the high 16 bits of the external attributes */
const EXTERNAL_ATTRS = ((Z.S_IFREG | 0o644) << 16) >>> 0;

/** one entry, compressed, with what its headers record */
interface Prepared {
  readonly nameBytes: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly payload: Uint8Array;
}

const UTF8 = new TextEncoder();

function refuse(reason: string): never {
  throw new KilnError('package', reason);
}

/** a deterministic zip of `entries` (see the file comment); throws KilnError('package') on bad names */
export function writeZip(entries: readonly ZipInput[]): Uint8Array {
  checkInputs(entries);
  const prepared = entries
    .map((e) => ({ e, nameBytes: UTF8.encode(e.name) }))
    .sort((a, b) => compareUtf8(a.nameBytes, b.nameBytes))
    .map(({ e, nameBytes }) => prepare(e, nameBytes));
  return assemble(prepared);
}

/** names a reader would accept, no duplicates, no file that is another's directory, no ZIP64 */
function checkInputs(entries: readonly ZipInput[]): void {
  if (entries.length >= Z.U16_MAX) refuse(`${entries.length} entries need ZIP64, which kiln does not write`);
  const names = new Set<string>();
  for (const e of entries) {
    const problem = e.name.endsWith('/') ? 'only files can be written, and the name ends with /' : nameProblem(e.name);
    if (problem !== null) refuse(`entry ${quoteName(e.name)}: ${problem}`);
    if (names.has(e.name)) refuse(`entry ${quoteName(e.name)}: a duplicate name`);
    names.add(e.name);
  }
  for (const e of entries) {
    for (const dir of parentDirs(e.name)) {
      if (names.has(dir)) refuse(`entry ${quoteName(e.name)}: its parent ${quoteName(dir)} is a file`);
    }
  }
}

function prepare(e: ZipInput, nameBytes: Uint8Array): Prepared {
  if (e.data.length >= Z.U32_MAX)
    refuse(`entry ${quoteName(e.name)}: ${e.data.length} bytes need ZIP64, which kiln does not write`);
  const deflated = deflateSync(e.data, { level: 9 });
  const stored = deflated.length >= e.data.length;
  return {
    nameBytes,
    method: stored ? Z.METHOD_STORED : Z.METHOD_DEFLATE,
    crc: crc32(e.data),
    size: e.data.length,
    payload: stored ? e.data : deflated,
  };
}

/** little-endian fields into a fixed-size record */
class Fields {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private at = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }
  raw(b: Uint8Array): this {
    this.bytes.set(b, this.at);
    this.at += b.length;
    return this;
  }
}

/** the fields local and central headers share, from "version needed" to "extra field length" */
function common(f: Fields, p: Prepared): Fields {
  return f
    .u16(p.method === Z.METHOD_STORED ? NEEDS_STORED : NEEDS_DEFLATE)
    .u16(Z.FLAG_UTF8)
    .u16(p.method)
    .u16(Z.DOS_TIME_MIDNIGHT)
    .u16(Z.DOS_DATE_1980)
    .u32(p.crc)
    .u32(p.payload.length)
    .u32(p.size)
    .u16(p.nameBytes.length)
    .u16(0);
}

function localHeader(p: Prepared): Uint8Array {
  return common(new Fields(Z.LOCAL_SIZE + p.nameBytes.length).u32(Z.SIG_LOCAL), p).raw(p.nameBytes).bytes;
}

function centralHeader(p: Prepared, localOffset: number): Uint8Array {
  const f = common(new Fields(Z.CENTRAL_SIZE + p.nameBytes.length).u32(Z.SIG_CENTRAL).u16(MADE_BY), p);
  // comment length, disk number start, internal attributes
  return f.u16(0).u16(0).u16(0).u32(EXTERNAL_ATTRS).u32(localOffset).raw(p.nameBytes).bytes;
}

function endRecord(count: number, cdSize: number, cdOffset: number): Uint8Array {
  // disk number, disk with the central directory, entries on this disk, entries, size, offset, comment length
  return new Fields(Z.EOCD_SIZE).u32(Z.SIG_EOCD).u16(0).u16(0).u16(count).u16(count).u32(cdSize).u32(cdOffset).u16(0).bytes;
}

/** local headers and data, then the central directory, then the end record, in one buffer */
function assemble(prepared: readonly Prepared[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const p of prepared) {
    const local = localHeader(p);
    centrals.push(centralHeader(p, offset));
    parts.push(local, p.payload);
    offset += local.length + p.payload.length;
    if (offset >= Z.U32_MAX) refuse('the package needs ZIP64 (4 GiB or more), which kiln does not write');
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  parts.push(...centrals, endRecord(prepared.length, cdSize, offset));
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
