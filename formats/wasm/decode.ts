/**
 * Binary module decoder (spec §5.5): header, section framing and order, custom sections,
 * and the cross-section checks (function/code counts, data count). Section contents are
 * read by decode-sections.ts, instructions by expr-decode.ts.
 *
 * Error wording follows the spec's reference interpreter as used by the testsuite's
 * assert_malformed commands; every error is a KilnError 'malformed' with a byte offset.
 */

import type { BodyVisitor, VisitState } from './body-visitor.js';
import { malformed } from '../errors.js';
import { emptyModule, type Module, type NameSection } from './types.js';
import { Reader } from './reader.js';
import { decodeNameSection } from './names.js';
import {
  readCodeSection,
  readDataCountSection,
  readDataSection,
  readElementSection,
  readExportSection,
  readFunctionSection,
  readGlobalSection,
  readImportSection,
  readMemorySection,
  readStartSection,
  readTableSection,
  readTypeSection,
} from './decode-sections.js';

/** section ids (spec §5.5.2) */
export const enum SectionId {
  Custom = 0,
  Type = 1,
  Import = 2,
  Function = 3,
  Table = 4,
  Memory = 5,
  Global = 6,
  Export = 7,
  Start = 8,
  Element = 9,
  Code = 10,
  Data = 11,
  DataCount = 12,
}

/** the order non-custom sections must appear in (data count sits between element and code) */
export const SECTION_ORDER: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11];
/** rank of each section id in SECTION_ORDER (1-based; custom = 0) */
const RANK: readonly number[] = (() => {
  const rank = new Array<number>(13).fill(0);
  SECTION_ORDER.forEach((id, i) => (rank[id] = i + 1));
  return rank;
})();

type SectionReader = (r: Reader, m: Module, visits: VisitState | null) => void;
const READERS: readonly SectionReader[] = [
  () => undefined, // custom sections are handled by the loop
  readTypeSection,
  readImportSection,
  readFunctionSection,
  readTableSection,
  readMemorySection,
  // constant expressions cannot use data indices; only code needs the data count
  (r, m) => readGlobalSection(r, m, true),
  readExportSection,
  readStartSection,
  (r, m) => readElementSection(r, m, true),
  (r, m, visits) => readCodeSection(r, m, m.dataCount !== null, visits),
  (r, m) => readDataSection(r, m, true),
  readDataCountSection,
];

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const VERSION = [0x01, 0x00, 0x00, 0x00];

function readHeader(r: Reader): void {
  const bytes = r.bytes;
  if (r.end < 4) throw malformed('unexpected end', r.end);
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) throw malformed('magic header not detected', 0);
  if (r.end < 8) throw malformed('unexpected end', r.end);
  for (let i = 0; i < 4; i++) if (bytes[4 + i] !== VERSION[i]) throw malformed('unknown binary version', 4);
  r.pos = 8;
}

export interface DecodeOptions {
  /**
   * Keep referring to `bytes` instead of copying them: function bodies are decoded from
   * them on demand, so the caller promises never to modify `bytes` afterwards. Saves one
   * copy of the input (e.g. for bytes just read from a file).
   */
  borrow?: boolean;
  /**
   * Shown every function body while it is scanned (single-pass decode + validate; see
   * body-visitor.ts). Its first error is thrown once the whole module decoded.
   */
  visitor?: BodyVisitor;
  /**
   * The module has no code section although it defines functions: a `.cwasm` artifact's
   * metadata (docs/cwasm.md), whose code is elsewhere. `codes` stays empty; a code section
   * present is malformed.
   */
  codeless?: boolean;
}

/**
 * `m.names` from the name section's `payload`, decoded when first read: only backtraces,
 * printers and symbol tables look at names, and a large module's names cost more to decode
 * than the rest of its metadata. A malformed name section reads as null (names.ts), so the
 * delay changes no outcome. Assigning `m.names` replaces it as for a plain field.
 */
function namesOnDemand(m: Module, payload: Uint8Array): void {
  let value: NameSection | null | undefined;
  Object.defineProperty(m, 'names', {
    enumerable: true,
    configurable: true,
    get: () => (value === undefined ? (value = decodeNameSection(payload)) : value),
    set: (v: NameSection | null) => {
      value = v;
    },
  });
}

/** Decode a binary module. Throws KilnError('malformed') with the byte offset of the problem. */
export function decodeModule(bytes: Uint8Array, options: DecodeOptions = {}): Module {
  // function bodies are decoded lazily from these bytes (code-body.ts): unless borrowing,
  // keep a private copy so that a caller reusing its buffer cannot change a decoded module
  const r = new Reader(options.borrow === true ? bytes : bytes.slice());
  const visits: VisitState | null = options.visitor === undefined ? null : { visitor: options.visitor, failure: null };
  readHeader(r);
  const m = emptyModule();
  let lastRank = 0;
  let lastId = 0;
  let codeOffset = -1;
  let hasNames = false;
  while (r.pos < r.end) {
    const sectionOffset = r.pos;
    const id = r.u8();
    if (id > 12) throw malformed('malformed section id', sectionOffset);
    const size = r.len();
    const start = r.pos;
    const end = start + size;
    if (id === SectionId.Custom) {
      // len() counts from the size field's first byte, so `end` may lie past the input by up
      // to the field's width: a custom section's bytes are taken as they are, so check here.
      // (Other sections are read item by item and end with the size check below.)
      const name = r.name();
      if (r.pos > end) throw malformed('unexpected end', end);
      if (end > r.end) throw r.eof();
      const payload = bytes.slice(r.pos, end);
      m.customs.push({ name, bytes: payload, after: lastId });
      if (name === 'name' && !hasNames) {
        hasNames = true;
        namesOnDemand(m, payload);
      }
      r.pos = end;
      continue;
    }
    const rank = RANK[id] as number;
    if (rank <= lastRank) throw malformed('unexpected content after last section', sectionOffset);
    lastRank = rank;
    lastId = id;
    if (id === SectionId.Code) codeOffset = sectionOffset;
    (READERS[id] as SectionReader)(r, m, visits);
    if (r.pos !== end) throw malformed('section size mismatch', r.pos);
  }
  if (options.codeless === true) {
    if (codeOffset >= 0) throw malformed('code section in module metadata', codeOffset);
  } else if (m.funcs.length !== m.codes.length) {
    throw malformed('function and code section have inconsistent lengths', codeOffset >= 0 ? codeOffset : r.end);
  }
  if (m.dataCount !== null && m.dataCount !== m.datas.length) {
    throw malformed('data count and data section have inconsistent lengths', r.end);
  }
  // the module is well-formed: now a body visitor's error may surface
  if (visits !== null && visits.failure !== null) throw visits.failure.error;
  return m;
}

export { decodeExpr } from './expr-decode.js';
