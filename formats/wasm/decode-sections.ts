/**
 * Readers for the contents of each known section (spec §5.5.4–§5.5.13, §5.3 types).
 * Each reader consumes the section body from `r` and fills the Module; the section framing,
 * ordering and size checks live in decode.ts.
 */

import { malformed } from '../errors.js';
import {
  type Code,
  type Data,
  type Elem,
  type Export,
  type ExternKind,
  type GlobalType,
  type Instr,
  type Import,
  type LocalGroup,
  type Limits,
  type Module,
  type RefType,
  type TableType,
  type ValType,
} from './types.js';
import { OP } from './opcodes.js';
import { decodeExpr, readRefType, readValType, scanExpr } from './expr-decode.js';
import { lazyCode } from './code-body.js';
import { visit, type VisitState } from './body-visitor.js';
import type { Reader } from './reader.js';
import { entryOffsets, recordEntryOffset } from './entry-positions.js';

function readLimits(r: Reader): Limits {
  const flags = r.uN(1);
  const min = r.u32();
  return flags === 1 ? { min, max: r.u32() } : { min };
}

function readTableType(r: Reader): TableType {
  const elem = readRefType(r);
  return { elem, limits: readLimits(r) };
}

function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r);
  const at = r.pos;
  const mut = r.u8();
  if (mut > 1) throw malformed('malformed mutability', at);
  return { type, mutable: mut === 1 };
}

function readExpr(r: Reader, hasDataCount: boolean): Instr[] {
  const out: Instr[] = [];
  decodeExpr(r, out, hasDataCount);
  return out;
}

const EXTERN_KINDS: readonly ExternKind[] = ['func', 'table', 'memory', 'global'];

/** §5.5.4 type section */
export function readTypeSection(r: Reader, m: Module): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    if (r.typeCode() !== 0x60) throw malformed('malformed function type', at);
    const np = r.len();
    const params: ValType[] = new Array<ValType>(np);
    for (let k = 0; k < np; k++) params[k] = readValType(r);
    const nr = r.len();
    const results: ValType[] = new Array<ValType>(nr);
    for (let k = 0; k < nr; k++) results[k] = readValType(r);
    m.types.push({ params, results });
  }
}

/** §5.5.5 import section */
export function readImportSection(r: Reader, m: Module): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    recordEntryOffset(m, 'import', r.pos);
    const module = r.name();
    const name = r.name();
    const at = r.pos;
    const kind = r.u8();
    let imp: Import;
    if (kind === 0) imp = { module, name, desc: { kind: 'func', type: r.u32() } };
    else if (kind === 1) imp = { module, name, desc: { kind: 'table', table: readTableType(r) } };
    else if (kind === 2) imp = { module, name, desc: { kind: 'memory', mem: { limits: readLimits(r) } } };
    else if (kind === 3) imp = { module, name, desc: { kind: 'global', global: readGlobalType(r) } };
    else throw malformed('malformed import kind', at);
    m.imports.push(imp);
  }
}

/** §5.5.6 function section */
export function readFunctionSection(r: Reader, m: Module): void {
  const n = r.len();
  const offsets = entryOffsets(m, 'func');
  const bytes = r.bytes;
  // a large module has thousands of entries, nearly all one-byte type indices: read those inline
  for (let i = 0; i < n; i++) {
    const pos = r.pos;
    offsets.push(pos);
    const b = pos < r.end ? (bytes[pos] as number) : 0x80;
    if (b < 0x80) {
      r.pos = pos + 1;
      m.funcs.push(b);
    } else m.funcs.push(r.u32());
  }
}

/** §5.5.7 table section */
export function readTableSection(r: Reader, m: Module): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    recordEntryOffset(m, 'table', r.pos);
    m.tables.push(readTableType(r));
  }
}

/** §5.5.8 memory section */
export function readMemorySection(r: Reader, m: Module): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    recordEntryOffset(m, 'memory', r.pos);
    m.mems.push({ limits: readLimits(r) });
  }
}

/** §5.5.9 global section */
export function readGlobalSection(r: Reader, m: Module, hasDataCount: boolean): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    recordEntryOffset(m, 'global', r.pos);
    const type = readGlobalType(r);
    m.globals.push({ type, init: readExpr(r, hasDataCount) });
  }
}

/** §5.5.10 export section */
export function readExportSection(r: Reader, m: Module): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    recordEntryOffset(m, 'export', r.pos);
    const name = r.name();
    const at = r.pos;
    const kind = EXTERN_KINDS[r.u8()];
    if (kind === undefined) throw malformed('malformed export kind', at);
    const e: Export = { name, kind, index: r.u32() };
    m.exports.push(e);
  }
}

/** §5.5.11 start section */
export function readStartSection(r: Reader, m: Module): void {
  recordEntryOffset(m, 'start', r.pos);
  m.start = r.u32();
}

/** `ref.func x; end` for the function-index forms of element segments */
function funcRefExpr(r: Reader): Instr[] {
  const offset = r.pos;
  const x = r.u32();
  return [
    { op: OP.ref_func, offset, a: x, b: 0, c: 0, x: null },
    { op: OP.end, offset, a: 0, b: 0, c: 0, x: null },
  ];
}

function readElemKind(r: Reader): RefType {
  const at = r.pos;
  if (r.u8() !== 0x00) throw malformed('malformed element kind', at);
  return 0x70 as RefType;
}

/** §5.5.12 element section: the 3 flag bits select passive/declarative, table index, exprs */
export function readElementSection(r: Reader, m: Module, hasDataCount: boolean): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    recordEntryOffset(m, 'elem', at);
    const flags = r.u32();
    if (flags > 7) throw malformed('malformed elements segment kind', at);
    const passiveOrDecl = (flags & 1) !== 0;
    const explicit = (flags & 2) !== 0; // table index (active) or declarative (passive bit set)
    const exprs = (flags & 4) !== 0;
    let mode: Elem['mode'];
    let type: RefType = 0x70 as RefType;
    if (!passiveOrDecl) {
      const table = explicit ? r.u32() : 0;
      mode = { kind: 'active', table, offset: readExpr(r, hasDataCount) };
    } else mode = explicit ? { kind: 'declarative' } : { kind: 'passive' };
    if (passiveOrDecl || explicit) type = exprs ? readRefType(r) : readElemKind(r);
    const count = r.len();
    const init: Instr[][] = new Array<Instr[]>(count);
    for (let k = 0; k < count; k++) init[k] = exprs ? readExpr(r, hasDataCount) : funcRefExpr(r);
    const elem: Elem = { type, init, mode, encoding: flags };
    m.elems.push(elem);
  }
}

/** §5.5.13 code section: one sized entry per function (locals + body) */
export function readCodeSection(r: Reader, m: Module, hasDataCount: boolean, visits: VisitState | null = null): void {
  const n = r.len();
  if (visits !== null) visit(visits, (v) => v.beginCode(m));
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    const size = r.len();
    const start = r.pos;
    const ngroups = r.len();
    const locals: LocalGroup[] = new Array<LocalGroup>(ngroups);
    let total = 0;
    for (let k = 0; k < ngroups; k++) {
      const count = r.u32();
      total += count;
      if (total > 0xffffffff) throw malformed('too many locals', start);
      locals[k] = { count, type: readValType(r) };
    }
    const bodyStart = r.pos;
    if (visits !== null) visit(visits, (v) => v.beginBody(i, locals));
    scanExpr(r, hasDataCount, visits);
    if (r.pos !== start + size) throw malformed('section size mismatch', r.pos);
    m.codes.push(lazyCode(locals, offset, size, { bytes: r.bytes, start: bodyStart, end: r.pos, hasDataCount }));
  }
}

/** §5.5.14 data section */
export function readDataSection(r: Reader, m: Module, hasDataCount: boolean): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    recordEntryOffset(m, 'data', at);
    const flags = r.u32();
    let mode: Data['mode'];
    if (flags === 1) mode = { kind: 'passive' };
    else if (flags === 0 || flags === 2) {
      const mem = flags === 2 ? r.u32() : 0;
      mode = { kind: 'active', mem, offset: readExpr(r, hasDataCount) };
    } else throw malformed('malformed data segment kind', at);
    const len = r.len();
    const data: Data = { bytes: r.bytesN(len), mode, encoding: flags };
    m.datas.push(data);
  }
}

/** §5.5.15 data count section */
export function readDataCountSection(r: Reader, m: Module): void {
  m.dataCount = r.u32();
}
