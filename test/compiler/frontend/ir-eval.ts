/**
 * A reference evaluator for frontend IR, for tests only: it runs translated functions so the
 * spec testsuite's assertions can check the translation's meaning, not just its shape. It
 * implements each IR family's semantics (docs/ir.md) directly in JS, independent of the wasm
 * interpreter. Values: i32 as int32 numbers, i64 as signed bigints, f32 as their int32 bit
 * pattern, f64 as unsigned bigint bits (so NaN payloads survive), ptr as numbers, v128 as unsigned
 * bigints below 2^128 (lane 0 in the low bits); the vector rows are in ir-eval-simd.ts.
 *
 * It is strict about the frontend's contract: a trapping row (division, float→int conversion,
 * a load or store out of bounds) that would trap on its own throws `EvalBug`, because the
 * frontend must have emitted the explicit check (trapz / trapnz / heap_check) before it.
 * The simulated machine: one linear memory at MEM_BASE; tables as arrays of reference values
 * whose element i "lives" at TABLE_BASE + t * TABLE_STRIDE + 8 i; a function reference record
 * (compiler/vmctx.ts FUNCREF_*) for function f at FUNCREF_BASE + 32 f whose code is CODE_BASE + f;
 * host functions (spectest's prints) at HOST_BASE + k; externref N as EXTERN_BASE + N; imported
 * global cells at CELL_BASE + 8 k. The vmctx is a map from offsets to values, except the
 * memory and table slots, which are read live.
 */

import { FLOATCC_NAMES, INTCC_NAMES } from '../../../compiler/ir/conds.js';
import { Func, NO } from '../../../compiler/ir/func.js';
import { OPCODES, type OpRow } from '../../../compiler/ir/opcodes.js';
import { RUNTIME } from '../../../compiler/ir/runtime.js';
import { TRAP_MESSAGES } from '../../../compiler/ir/traps.js';
import { Type } from '../../../compiler/ir/types.js';
import { imm64, uimm64 } from '../../../compiler/ir/view.js';
import { fromF32, fromF64, minMax, nearest, toF32, toF64 } from './ir-eval-bits.js';
import { vectorOp } from './ir-eval-simd.js';

export type Val = number | bigint;

export class EvalTrap extends Error {}
export class EvalBug extends Error {}
export class EvalUnsupported extends Error {}

export const MEM_BASE = 2 ** 32;
export const TABLE_BASE = 2 ** 40;
export const TABLE_STRIDE = 2 ** 36;
export const FUNCREF_BASE = 2 ** 48;
export const CODE_BASE = 2 ** 49;
export const HOST_BASE = 2 ** 50;
export const EXTERN_BASE = 2 ** 51;
export const CELL_BASE = 2 ** 52;

export interface Machine {
  memory: Uint8Array;
  maxPages: number;
  /** vmctx slots other than memory and tables: offset -> value */
  vmctx: Map<number, Val>;
  memSize: number;
  datas: (Uint8Array | null)[];
  tables: Val[][];
  tableMax: number[];
  /** vmctx offsets of each table's base and size slots */
  tableSlots: readonly { base: number; size: number }[];
  elems: (Val[] | null)[];
  /** imported global cells: address -> value */
  cells: Map<number, Val>;
  /** canonical type id of function `index` */
  typeId(index: number): number;
  /** IR of function `index` (absolute) */
  func(index: number): Func;
  depth: number;
}

/** a function reference value */
export const funcRef = (index: number): number => FUNCREF_BASE + 32 * index;

// ---- float helpers (f32 as int32 bits, f64 as unsigned bigint bits: ir-eval-bits.ts) ----
const isNan32 = (b: number): boolean => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
const isNan64 = (b: bigint): boolean => (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && (b & 0xfffffffffffffn) !== 0n;

/** a float row's operand as a JS number */
const num = (t: Type, v: Val): number => (t === Type.F32 ? toF32(v as number) : toF64(v as bigint));
const ret = (t: Type, x: number): Val => (t === Type.F32 ? fromF32(Math.fround(x)) : fromF64(x));

const fminmax = (t: Type, a: Val, b: Val, max: boolean): Val => ret(t, minMax(num(t, a), num(t, b), max));

// ---- integer helpers ----
const W = (t: Type): bigint => (t === Type.I32 ? 32n : 64n);
const big = (t: Type, v: Val): bigint => (t === Type.I32 ? BigInt(v as number) : (v as bigint));
const norm = (t: Type, x: bigint): Val => (t === Type.I32 ? Number(BigInt.asIntN(32, x)) : t === Type.PTR ? Number(BigInt.asUintN(64, x)) : BigInt.asIntN(64, x));
const unsigned = (t: Type, v: Val): bigint => BigInt.asUintN(Number(W(t)), big(t, v));

function intBinary(base: string, t: Type, a: Val, b: Val): Val {
  const x = big(t, a);
  const y = big(t, b);
  const w = W(t);
  const ux = unsigned(t, a);
  const uy = unsigned(t, b);
  const k = uy % w;
  switch (base) {
    case 'iadd': return norm(t, x + y);
    case 'isub': return norm(t, x - y);
    case 'imul': return norm(t, x * y);
    case 'band': return norm(t, x & y);
    case 'bor': return norm(t, x | y);
    case 'bxor': return norm(t, x ^ y);
    case 'ishl': return norm(t, x << k);
    case 'sshr': return norm(t, x >> k);
    case 'ushr': return norm(t, ux >> k);
    case 'rotl': return norm(t, (ux << k) | (ux >> ((w - k) % w)));
    case 'rotr': return norm(t, (ux >> k) | (ux << ((w - k) % w)));
  }
  if (y === 0n) throw new EvalBug(`${base} by zero without a trap check`);
  switch (base) {
    case 'sdiv':
      if (x === -(1n << (w - 1n)) && y === -1n) throw new EvalBug('sdiv overflow without a trap check');
      return norm(t, x / y);
    case 'udiv': return norm(t, ux / uy);
    case 'srem': return norm(t, x % y);
    case 'urem': return norm(t, ux % uy);
  }
  throw new EvalUnsupported(base);
}
function intUnary(base: string, t: Type, a: Val): Val {
  const w = Number(W(t));
  const u = unsigned(t, a);
  switch (base) {
    case 'clz': return norm(t, BigInt(u === 0n ? w : w - u.toString(2).length));
    case 'ctz': {
      if (u === 0n) return norm(t, BigInt(w));
      let n = 0;
      while (((u >> BigInt(n)) & 1n) === 0n) n++;
      return norm(t, BigInt(n));
    }
    case 'popcnt': return norm(t, BigInt([...u.toString(2)].filter((c) => c === '1').length));
    case 'eqz': return u === 0n ? 1 : 0;
    case 'sext8': return norm(t, BigInt.asIntN(8, u));
    case 'sext16': return norm(t, BigInt.asIntN(16, u));
    case 'sext32': return norm(t, BigInt.asIntN(32, u));
  }
  throw new EvalUnsupported(base);
}
function icmp(cc: string, t: Type, a: Val, b: Val): number {
  const x = t === Type.PTR ? BigInt(a) : big(t, a);
  const y = t === Type.PTR ? BigInt(b) : big(t, b);
  const ux = t === Type.PTR ? x : unsigned(t, a);
  const uy = t === Type.PTR ? y : unsigned(t, b);
  const r: Record<string, boolean> = { eq: x === y, ne: x !== y, slt: x < y, sle: x <= y, sgt: x > y, sge: x >= y, ult: ux < uy, ule: ux <= uy, ugt: ux > uy, uge: ux >= uy };
  return r[cc] ? 1 : 0;
}
function fcmp(cc: string, t: Type, a: Val, b: Val): number {
  const x = num(t, a);
  const y = num(t, b);
  const r: Record<string, boolean> = { eq: x === y, ne: x !== y, lt: x < y, le: x <= y, gt: x > y, ge: x >= y };
  return r[cc] ? 1 : 0;
}
function floatUnary(base: string, t: Type, a: Val): Val {
  if (t === Type.F32) {
    const b = a as number;
    if (base === 'fabs') return b & 0x7fffffff;
    if (base === 'fneg') return b ^ -0x80000000;
  } else {
    const b = a as bigint;
    if (base === 'fabs') return b & 0x7fffffffffffffffn;
    if (base === 'fneg') return b ^ 0x8000000000000000n;
  }
  const x = num(t, a);
  const fns: Record<string, (x: number) => number> = { sqrt: Math.sqrt, ceil: Math.ceil, floor: Math.floor, trunc: Math.trunc, nearest };
  const fn = fns[base];
  if (fn === undefined) throw new EvalUnsupported(base);
  return ret(t, fn(x));
}
function floatBinary(base: string, t: Type, a: Val, b: Val): Val {
  if (base === 'fmin' || base === 'fmax') return fminmax(t, a, b, base === 'fmax');
  if (base === 'fcopysign') {
    if (t === Type.F32) return ((a as number) & 0x7fffffff) | ((b as number) & -0x80000000);
    return ((a as bigint) & 0x7fffffffffffffffn) | ((b as bigint) & 0x8000000000000000n);
  }
  const x = num(t, a);
  const y = num(t, b);
  const r: Record<string, number> = { fadd: x + y, fsub: x - y, fmul: x * y, fdiv: x / y };
  if (r[base] === undefined) throw new EvalUnsupported(base);
  return ret(t, r[base] as number);
}

/** i64 -> f32 with one rounding (keep 53 bits plus a sticky bit, then fround) */
function bigToF32(x: bigint): number {
  const neg = x < 0n;
  let m = neg ? -x : x;
  const len = m.toString(2).length;
  if (len > 53) {
    const s = BigInt(len - 53);
    const sticky = (m & ((1n << s) - 1n)) !== 0n ? 1n : 0n;
    m = ((m >> s) | sticky) << s;
  }
  const r = Math.fround(Number(m));
  return neg ? -r : r;
}

function convert(row: OpRow, a: Val): Val {
  const to = row.type as Type;
  const from = row.from as Type;
  switch (row.base) {
    case 'sextend': return BigInt(a as number);
    case 'uextend': return BigInt((a as number) >>> 0);
    case 'ireduce': return Number(BigInt.asIntN(32, a as bigint));
    case 'bitcast':
      if (to === Type.PTR) return Number(BigInt.asUintN(64, a as bigint));
      if (from === Type.PTR) return BigInt.asIntN(64, BigInt(a));
      if (to === Type.I64) return BigInt.asIntN(64, a as bigint);
      if (to === Type.F64) return BigInt.asUintN(64, a as bigint);
      return a;
    case 'fpromote': {
      const b = a as number;
      if (isNan32(b)) return (BigInt(b >>> 31) << 63n) | 0x7ff8000000000000n | (BigInt(b & 0x3fffff) << 29n);
      return fromF64(toF32(b));
    }
    case 'fdemote': {
      const b = a as bigint;
      if (isNan64(b)) return (Number(b >> 63n) << 31) | 0x7fc00000 | Number((b >> 29n) & 0x3fffffn);
      return fromF32(Math.fround(toF64(b)));
    }
    case 'fcvt_from_sint':
    case 'fcvt_from_uint': {
      const signed = row.base === 'fcvt_from_sint';
      const x = from === Type.I32 ? BigInt(signed ? (a as number) : (a as number) >>> 0) : signed ? (a as bigint) : BigInt.asUintN(64, a as bigint);
      return to === Type.F32 ? fromF32(bigToF32(x)) : fromF64(Number(x));
    }
  }
  const x = num(from, a);
  const signed = row.base.startsWith('fcvt_to_sint');
  const bits = to === Type.I32 ? 32 : 64;
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const hi = signed ? 2 ** (bits - 1) : 2 ** bits;
  const tr = Math.trunc(x);
  if (row.base.endsWith('_sat')) {
    if (x !== x) return to === Type.I32 ? 0 : 0n;
    const c = tr < lo ? BigInt(lo) : tr >= hi ? BigInt(hi) - 1n : BigInt(tr);
    return to === Type.I32 ? Number(BigInt.asIntN(32, c)) : BigInt.asIntN(64, c);
  }
  if (x !== x || tr < lo || tr >= hi) throw new EvalBug(`${row.name} of ${x} without a trap check`);
  return to === Type.I32 ? Number(BigInt.asIntN(32, BigInt(tr))) : BigInt.asIntN(64, BigInt(tr));
}

// ---- memory ----
const SIZES: Record<string, number> = { load: 0, store: 0, sload8: 1, uload8: 1, istore8: 1, sload16: 2, uload16: 2, istore16: 2, sload32: 4, uload32: 4, istore32: 4 };
const typeSize = (t: Type): number => (t === Type.I32 || t === Type.F32 ? 4 : t === Type.V128 ? 16 : 8);

function view(m: Machine, addr: number, size: number): DataView {
  const off = addr - MEM_BASE;
  if (off < 0 || off + size > m.memSize) throw new EvalBug(`access at memory offset ${off} (+${size}) out of bounds without a heap_check`);
  return new DataView(m.memory.buffer, m.memory.byteOffset + off, size);
}
/** loads outside linear memory: table elements, function reference records, global cells */
function hostLoad(m: Machine, addr: number): Val {
  if (addr >= CELL_BASE) {
    const v = m.cells.get(addr);
    if (v === undefined) throw new EvalBug(`load from unknown cell ${addr}`);
    return v;
  }
  if (addr >= FUNCREF_BASE) {
    const rel = addr - FUNCREF_BASE;
    const fi = Math.floor(rel / 32);
    const field = rel % 32;
    if (field === 0) return CODE_BASE + fi;
    if (field === 8) return 0;
    if (field === 16) return m.typeId(fi);
    throw new EvalBug(`load at funcref record offset ${field}`);
  }
  const [t, i] = tableSlot(m, addr);
  return (m.tables[t] as Val[])[i] as Val;
}
function tableSlot(m: Machine, addr: number): [number, number] {
  const t = Math.floor((addr - TABLE_BASE) / TABLE_STRIDE);
  const i = (addr - TABLE_BASE - t * TABLE_STRIDE) / 8;
  const table = m.tables[t];
  if (table === undefined || !Number.isInteger(i) || i < 0 || i >= table.length) throw new EvalBug(`table access ${t}[${i}] out of bounds without a check`);
  return [t, i];
}

function load(m: Machine, row: OpRow, addr: number): Val {
  if (addr >= TABLE_BASE) return hostLoad(m, addr);
  const t = row.type as Type;
  const size = SIZES[row.base] || typeSize(t);
  const dv = view(m, addr, size);
  if (size === 16) return dv.getBigUint64(0, true) | (dv.getBigUint64(8, true) << 64n);
  const raw = size === 8 ? dv.getBigUint64(0, true) : BigInt(size === 4 ? dv.getUint32(0, true) : size === 2 ? dv.getUint16(0, true) : dv.getUint8(0));
  const signed = row.base.startsWith('s') || (row.base === 'load' && t !== Type.F64 && t !== Type.PTR);
  const v = signed ? BigInt.asIntN(size * 8, raw) : raw;
  if (t === Type.F64) return v;
  if (t === Type.I64) return BigInt.asIntN(64, v);
  return t === Type.PTR ? Number(v) : Number(BigInt.asIntN(32, v));
}
function store(m: Machine, row: OpRow, addr: number, v: Val): void {
  if (addr >= CELL_BASE && m.cells.has(addr)) {
    m.cells.set(addr, v);
    return;
  }
  const t = row.type as Type;
  const size = SIZES[row.base] || typeSize(t);
  const dv = view(m, addr, size);
  const raw = BigInt.asUintN(size * 8, typeof v === 'bigint' ? v : BigInt(v));
  if (size === 16) {
    dv.setBigUint64(0, BigInt.asUintN(64, raw), true);
    dv.setBigUint64(8, raw >> 64n, true);
  } else if (size === 8) dv.setBigUint64(0, raw, true);
  else if (size === 4) dv.setUint32(0, Number(raw), true);
  else if (size === 2) dv.setUint16(0, Number(raw), true);
  else dv.setUint8(0, Number(raw));
}

// ---- runtime ----
function runtime(m: Machine, name: string, a: Val[]): Val[] {
  const n = (k: number): number => (a[k] as number) >>> 0;
  const oob = (end: number, len: number): void => {
    if (end > len) throw new EvalTrap(TRAP_MESSAGES[1] as string);
  };
  switch (name) {
    case 'memory_grow': {
      const old = m.memSize / 65536;
      const delta = n(2);
      if (old + delta > m.maxPages) return [-1];
      const bigger = new Uint8Array((old + delta) * 65536);
      bigger.set(m.memory.subarray(0, m.memSize));
      m.memory = bigger;
      m.memSize = bigger.length;
      return [old];
    }
    case 'memory_fill':
      oob(n(2) + n(4), m.memSize);
      m.memory.fill(n(3) & 0xff, n(2), n(2) + n(4));
      return [];
    case 'memory_copy':
      oob(n(3) + n(5), m.memSize);
      oob(n(4) + n(5), m.memSize);
      m.memory.copyWithin(n(3), n(4), n(4) + n(5));
      return [];
    case 'memory_init': {
      const seg = m.datas[n(2)] ?? new Uint8Array(0);
      oob(n(4) + n(5), seg.length);
      oob(n(3) + n(5), m.memSize);
      m.memory.set(seg.subarray(n(4), n(4) + n(5)), n(3));
      return [];
    }
    case 'data_drop':
      m.datas[n(1)] = null;
      return [];
  }
  const table = m.tables[n(1)] as Val[];
  const tableOob = (end: number, len: number): void => {
    if (end > len) throw new EvalTrap(TRAP_MESSAGES[2] as string);
  };
  switch (name) {
    case 'table_get':
      tableOob(n(2) + 1, table.length);
      return [table[n(2)] as Val];
    case 'table_set':
      tableOob(n(2) + 1, table.length);
      table[n(2)] = a[3] as Val;
      return [];
    case 'table_size':
      return [table.length];
    case 'table_grow': {
      const old = table.length;
      if (old + n(3) > (m.tableMax[n(1)] as number)) return [-1];
      for (let k = 0; k < n(3); k++) table.push(a[2] as Val);
      return [old];
    }
    case 'table_fill':
      tableOob(n(2) + n(4), table.length);
      for (let k = 0; k < n(4); k++) table[n(2) + k] = a[3] as Val;
      return [];
    case 'table_copy': {
      const src = m.tables[n(2)] as Val[];
      tableOob(n(3) + n(5), table.length);
      tableOob(n(4) + n(5), src.length);
      const vals = src.slice(n(4), n(4) + n(5));
      for (let k = 0; k < vals.length; k++) table[n(3) + k] = vals[k] as Val;
      return [];
    }
    case 'table_init': {
      const seg = m.elems[n(2)] ?? [];
      tableOob(n(4) + n(5), seg.length);
      tableOob(n(3) + n(5), table.length);
      for (let k = 0; k < n(5); k++) table[n(3) + k] = seg[n(4) + k] as Val;
      return [];
    }
    case 'elem_drop':
      m.elems[n(1)] = null;
      return [];
    case 'ref_func':
      return [funcRef(n(1))];
  }
  throw new EvalUnsupported(`runtime ${name}`);
}

/** run function `f` with `args` (the vmctx first); returns its results or throws EvalTrap */
export function evalFunc(m: Machine, f: Func, args: readonly Val[]): Val[] {
  if (++m.depth > 1000) throw new EvalUnsupported('call depth');
  try {
    const env: Val[] = new Array<Val>(f.valueCount);
    let block = f.firstBlock;
    let incoming: readonly Val[] = args;
    for (;;) {
      for (let k = 0; k < (f.blockParamCount[block] as number); k++) env[f.blockParam(block, k)] = incoming[k] as Val;
      for (let i = f.blockFirst[block] as number; i !== NO; i = f.instNext[i] as number) {
        const row = OPCODES[f.instOp[i] as number] as OpRow;
        const ops: Val[] = [];
        for (let k = 0; k < (f.instOperandCount[i] as number); k++) ops.push(env[f.operand(i, k)] as Val);
        const callArgs = (c: number): Val[] => {
          const out: Val[] = [];
          for (let k = 0; k < (f.callArgCount[c] as number); k++) out.push(env[f.callArg(c, k)] as Val);
          return out;
        };
        const first = f.instImm0[i] as number;
        switch (row.imm) {
          case 'jump':
            block = f.callBlock[first] as number;
            incoming = callArgs(first);
            break;
          case 'brif': {
            const c = ops[0] !== 0 ? first : first + 1;
            block = f.callBlock[c] as number;
            incoming = callArgs(c);
            break;
          }
          case 'br_table': {
            const n = (f.instImm1[i] as number) - 1;
            const idx = (ops[0] as number) >>> 0;
            const c = first + (idx < n ? idx : n);
            block = f.callBlock[c] as number;
            incoming = callArgs(c);
            break;
          }
          case 'trapcode':
            if (row.name === 'trap' || (row.name === 'trapnz') === (ops[0] !== 0)) throw new EvalTrap(TRAP_MESSAGES[f.instImm0[i] as number] as string);
            continue;
          default: {
            if (row.name === 'return') return ops;
            const results = step(m, f, i, row, ops);
            for (let k = 0; k < results.length; k++) env[f.result(i, k)] = results[k] as Val;
            continue;
          }
        }
        break; // a terminator chose the next block
      }
    }
  } finally {
    m.depth--;
  }
}

/** one non-terminator instruction */
function step(m: Machine, f: Func, i: number, row: OpRow, ops: Val[]): Val[] {
  const t = row.type as Type;
  if (t === Type.V128 && row.base === row.name) {
    const vector = vectorOp(row.id);
    if (vector === undefined) throw new EvalUnsupported(row.name);
    return [vector(ops, f.instImm0[i] as number, f)];
  }
  const a = ops[0] as Val;
  const b = ops[1] as Val;
  switch (row.imm) {
    case 'int':
      return [t === Type.I32 ? (f.instImm0[i] as number) : t === Type.PTR ? Number(uimm64(f, i)) : imm64(f, i)];
    case 'fbits':
      return [t === Type.F32 ? (f.instImm0[i] as number) : uimm64(f, i)];
    case 'intcc':
      return [icmp(INTCC_NAMES[f.instImm0[i] as number] as string, t, a, b)];
    case 'floatcc':
      return [fcmp(FLOATCC_NAMES[f.instImm0[i] as number] as string, t, a, b)];
    case 'vmctx': {
      const off = f.instImm0[i] as number;
      if (row.base === 'vmctx_store') {
        m.vmctx.set(off, a);
        return [];
      }
      if (off === 16) return [MEM_BASE];
      if (off === 24) return [BigInt(m.memSize)];
      const t = m.tableSlots.findIndex((slot) => slot.base === off || slot.size === off);
      if (t >= 0) return [(m.tableSlots[t] as { base: number }).base === off ? TABLE_BASE + t * TABLE_STRIDE : (m.tables[t] as Val[]).length];
      const v = m.vmctx.get(off);
      if (v === undefined) throw new EvalUnsupported(`vmctx slot ${off}`);
      return [v];
    }
    case 'offset': {
      const off = Number(uimm64(f, i));
      if (row.base === 'heap_check') {
        const idx = t === Type.I32 ? (a as number) >>> 0 : Number(BigInt.asUintN(64, a as bigint));
        if (BigInt(idx) + BigInt(off) > (b as bigint)) throw new EvalTrap(TRAP_MESSAGES[1] as string);
        return [];
      }
      if (row.effects & 2) {
        store(m, row, (a as number) + off, b);
        return [];
      }
      return [load(m, row, (a as number) + off)];
    }
    case 'call': {
      const callee = m.func(f.instImm0[i] as number);
      return evalFunc(m, callee, ops);
    }
    case 'runtime':
      return runtime(m, (RUNTIME[f.instImm0[i] as number] as { name: string }).name, ops);
    case 'call_indirect': {
      const code = a as number;
      if (code >= HOST_BASE) return []; // spectest prints
      if (code < CODE_BASE) throw new EvalBug(`call_indirect of ${code}`);
      return evalFunc(m, m.func(code - CODE_BASE), ops.slice(1));
    }
  }
  switch (row.base) {
    case 'select':
      return [ops[0] !== 0 ? b : (ops[2] as Val)];
    case 'copy':
      return [a];
    case 'ptradd':
      return [(a as number) + (row.from === Type.I32 ? (b as number) >>> 0 : Number(BigInt.asUintN(64, b as bigint)))];
  }
  if (row.from !== null) return [convert(row, a)];
  if (t === Type.F32 || t === Type.F64) return [ops.length === 2 ? floatBinary(row.base, t, a, b) : floatUnary(row.base, t, a)];
  return [ops.length === 2 ? intBinary(row.base, t, a, b) : intUnary(row.base, t, a)];
}
