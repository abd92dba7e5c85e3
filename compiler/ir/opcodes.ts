/**
 * The one instruction table of the IR. Every opcode is a row; the printer, parser, verifier,
 * builder and (later) passes and lowering read only this table. Rows are monomorphic: an
 * operation that exists for several types has one row per type, named `base.type`
 * (`iadd.i32`, `iadd.i64`); a conversion names its result type, then its operand type
 * (`fcvt_to_sint.i32.f64`). So the opcode number alone fixes every operand and result type, and
 * no instruction stores a type. Rows are written below as families, one line each.
 *
 * Columns:
 * - name / base / type / from: text name, family name, controlling (result) type, operand type
 *   of a conversion (or null).
 * - operands: fixed operand types; `variadic`: more operands follow, typed by the immediate
 *   (call signature, runtime function) or by the function's results (`return`).
 * - results: fixed result types, or null when the immediate's signature gives them (calls).
 * - imm: the immediate kind, which says what the instruction's two int32 immediate words hold
 *   and how the text spells them (see ImmKind).
 * - effects: Effect flags (effects.ts); traps: mask of the TrapCodes the row may raise.
 *
 * Signature notation in the family lines: "TT:T" = two operands of the row's type, one
 * result of it; U = the conversion's operand type; i l f d v p = i32 i64 f32 f64 v128 ptr;
 * a trailing `*` on the operand side = variadic; `*` as the result side = from the immediate.
 */

import { CALL_EFFECTS, Effect, PURE } from './effects.js';
import { ANY_TRAP, TrapCode, trapMask } from './traps.js';
import { Type, TYPE_NAMES } from './types.js';
import { VECTOR_ROWS } from './vector-rows.js';

/**
 * What the immediate words (imm0, imm1) hold, and the text form:
 * - none:          nothing                                   `iadd.i32 v1, v2`
 * - int:           i32: imm0; i64/ptr: imm0 low, imm1 high    `iconst.i64 -7`
 * - fbits:         f32 bits: imm0; f64 bits: low, high         `fconst.f64 0x7ff8000000000001`
 * - intcc/floatcc: imm0 = condition code                       `icmp.i32 slt v1, v2`
 * - offset:        imm0 low, imm1 high of a u64 added to operand 0 `load.i32 v3+16`
 * - vmctx:         imm0 = u32 byte offset into the VM context  `vmctx_load.i64 vmctx+8`
 * - trapcode:      imm0 = TrapCode, after the operands         `trapnz v4, int_ovf`
 * - call:          imm0 = function index, imm1 = signature      `call fn3 sig0(v1, v2)`
 * - call_indirect: imm0 = signature; operand 0 = callee         `call_indirect sig0 v7(v1)`
 * - runtime:       imm0 = runtime function id                  `call_runtime memory_grow(v0, v1, v2)`
 * - lane:          imm0 = lane index                            `i32x4.extract_lane v1, 3`
 * - v128:          imm0 = index of a 16-byte constant in Func.v128Pool, printed as its bytes
 *                  (a little-endian 128-bit hex number)          `vconst 0x000000010000000200000003000000ff`
 * - jump / brif / br_table: imm0 = first block call, imm1 = number of block calls
 *                  `jump block1(v1)`, `brif v2, block1, block2(v3)`,
 *                  `br_table v0, [block1, block2(v1)], default block3` (the default is the last call)
 */
export type ImmKind =
  | 'none'
  | 'int'
  | 'fbits'
  | 'intcc'
  | 'floatcc'
  | 'offset'
  | 'vmctx'
  | 'trapcode'
  | 'call'
  | 'call_indirect'
  | 'runtime'
  | 'lane'
  | 'v128'
  | 'jump'
  | 'brif'
  | 'br_table';

export interface OpRow {
  /** the opcode: index in OPCODES */
  readonly id: number;
  readonly name: string;
  readonly base: string;
  /** controlling type (the result type, or the stored / checked type), null for untyped rows */
  readonly type: Type | null;
  /** a conversion's operand type */
  readonly from: Type | null;
  readonly operands: readonly Type[];
  readonly variadic: boolean;
  readonly results: readonly Type[] | null;
  readonly imm: ImmKind;
  readonly effects: number;
  readonly traps: number;
}

const rows: OpRow[] = [];
const { I32, I64, F32, F64, PTR } = Type;
const LETTERS: Record<string, Type> = { i: I32, l: I64, f: F32, d: F64, v: Type.V128, p: PTR };

function typesOf(part: string, t: Type | null, u: Type | null): Type[] {
  return [...part].map((c) => {
    if (c === 'T' && t !== null) return t;
    if (c === 'U' && u !== null) return u;
    const fixed = LETTERS[c];
    if (fixed === undefined) throw new Error(`opcodes: bad signature letter ${c}`);
    return fixed;
  });
}

function row(base: string, t: Type | null, u: Type | null, sig: string, imm: ImmKind, effects: number, traps: number): void {
  const [ops = '', res = ''] = sig.split(':');
  const variadic = ops.endsWith('*');
  const name = base + (t === null ? '' : '.' + TYPE_NAMES[t]) + (u === null ? '' : '.' + TYPE_NAMES[u]);
  rows.push({
    id: rows.length,
    name,
    base,
    type: t,
    from: u,
    operands: typesOf(variadic ? ops.slice(0, -1) : ops, t, u),
    variadic,
    results: res === '*' ? null : typesOf(res, t, u),
    imm,
    effects: traps !== 0 ? effects | Effect.MAY_TRAP : effects,
    traps,
  });
}

/** one row per type in `types` */
function fam(base: string, types: readonly Type[], sig: string, imm: ImmKind = 'none', effects = PURE, traps = 0): void {
  for (const t of types) row(base, t, null, sig, imm, effects, traps);
}
/** one row per [result type, operand type] pair */
function conv(base: string, pairs: readonly [Type, Type][], sig: string, traps = 0): void {
  for (const [t, u] of pairs) row(base, t, u, sig, 'none', PURE, traps);
}
/** one untyped row */
function one(base: string, sig: string, imm: ImmKind, effects: number, traps = 0): void {
  row(base, null, null, sig, imm, effects, traps);
}
/** several families sharing a signature */
function each(bases: string, types: readonly Type[], sig: string, effects = PURE, traps = 0): void {
  for (const b of bases.trim().split(/\s+/)) fam(b, types, sig, 'none', effects, traps);
}

const INT = [I32, I64];
const FLT = [F32, F64];
const SCALAR = [I32, I64, F32, F64, PTR];
/** every type a value, a memory access or a VM-context slot can have */
const VALUES = [...SCALAR, Type.V128];
const divz = trapMask(TrapCode.IntegerDivideByZero);
const heap = trapMask(TrapCode.HeapOutOfBounds);
const toInt = trapMask(TrapCode.IntegerOverflow, TrapCode.BadConversionToInteger);
const FLOAT_FROM_INT: [Type, Type][] = [[F32, I32], [F32, I64], [F64, I32], [F64, I64]];
const INT_FROM_FLOAT: [Type, Type][] = [[I32, F32], [I32, F64], [I64, F32], [I64, F64]];

// ---- integers ----
fam('iconst', [I32, I64, PTR], ':T', 'int');
each('iadd isub imul band bor bxor ishl sshr ushr rotl rotr', INT, 'TT:T');
fam('sdiv', INT, 'TT:T', 'none', PURE, divz | trapMask(TrapCode.IntegerOverflow));
each('udiv srem urem', INT, 'TT:T', PURE, divz);
each('clz ctz popcnt', INT, 'T:T');
fam('eqz', INT, 'T:i');
fam('icmp', [I32, I64, PTR], 'TT:i', 'intcc');
each('sext8 sext16', INT, 'T:T');
fam('sext32', [I64], 'T:T');
conv('sextend', [[I64, I32]], 'U:T');
conv('uextend', [[I64, I32]], 'U:T');
conv('ireduce', [[I32, I64]], 'U:T');

// ---- floats ----
fam('fconst', FLT, ':T', 'fbits');
each('fadd fsub fmul fdiv fmin fmax fcopysign', FLT, 'TT:T');
each('fabs fneg sqrt ceil floor trunc nearest', FLT, 'T:T');
fam('fcmp', FLT, 'TT:i', 'floatcc');

// ---- conversions ----
conv('fcvt_to_sint', INT_FROM_FLOAT, 'U:T', toInt);
conv('fcvt_to_uint', INT_FROM_FLOAT, 'U:T', toInt);
conv('fcvt_to_sint_sat', INT_FROM_FLOAT, 'U:T');
conv('fcvt_to_uint_sat', INT_FROM_FLOAT, 'U:T');
conv('fcvt_from_sint', FLOAT_FROM_INT, 'U:T');
conv('fcvt_from_uint', FLOAT_FROM_INT, 'U:T');
conv('fpromote', [[F64, F32]], 'U:T');
conv('fdemote', [[F32, F64]], 'U:T');
conv('bitcast', [[I32, F32], [F32, I32], [I64, F64], [F64, I64], [PTR, I64], [I64, PTR]], 'U:T');

// ---- values ----
fam('select', VALUES, 'iTT:T');
fam('copy', VALUES, 'T:T');

// ---- addresses and linear memory ----
conv('ptradd', [[PTR, I32], [PTR, I64]], 'TU:T'); // ptr + zero-extended U
fam('load', VALUES, 'p:T', 'offset', Effect.READS_HEAP, heap);
for (const b of ['sload8', 'uload8', 'sload16', 'uload16']) fam(b, INT, 'p:T', 'offset', Effect.READS_HEAP, heap);
for (const b of ['sload32', 'uload32']) fam(b, [I64], 'p:T', 'offset', Effect.READS_HEAP, heap);
fam('store', VALUES, 'pT:', 'offset', Effect.WRITES_HEAP, heap);
for (const b of ['istore8', 'istore16']) fam(b, INT, 'pT:', 'offset', Effect.WRITES_HEAP, heap);
fam('istore32', [I64], 'pT:', 'offset', Effect.WRITES_HEAP, heap);
// traps "out of bounds memory access" unless index + offset <= bound (bound: accessible bytes)
fam('heap_check', INT, 'Tl:', 'offset', PURE, heap);

// ---- VM context (globals, memory base and size, table base and size) ----
fam('vmctx_load', VALUES, ':T', 'vmctx', Effect.READS_STATE);
fam('vmctx_store', VALUES, 'T:', 'vmctx', Effect.WRITES_STATE);

// ---- vectors (vector-rows.ts): type v128, named shape.op, pure ----
for (const [name, sig, imm] of VECTOR_ROWS) {
  const [ops = '', res = ''] = sig.split(':');
  rows.push({
    id: rows.length,
    name,
    base: name,
    type: Type.V128,
    from: null,
    operands: typesOf(ops, null, null),
    variadic: false,
    results: typesOf(res, null, null),
    imm,
    effects: PURE,
    traps: 0,
  });
}

// ---- traps and calls ----
one('trapnz', 'i:', 'trapcode', PURE, ANY_TRAP); // traps with the immediate code if the operand is not 0
one('trapz', 'i:', 'trapcode', PURE, ANY_TRAP); // traps with the immediate code if the operand is 0
one('call', '*:*', 'call', CALL_EFFECTS, ANY_TRAP);
one('call_indirect', 'p*:*', 'call_indirect', CALL_EFFECTS, ANY_TRAP);
one('call_runtime', '*:*', 'runtime', Effect.CALL, 0); // effects and traps: the runtime function's row
// traps "interrupted" when the embedder asked the running code to stop (a volatile read)
one('interrupt_check', ':', 'none', Effect.READS_STATE | Effect.VOLATILE, trapMask(TrapCode.Interrupted));

// ---- terminators ----
one('jump', ':', 'jump', Effect.TERMINATOR);
one('brif', 'i:', 'brif', Effect.TERMINATOR);
one('br_table', 'i:', 'br_table', Effect.TERMINATOR);
one('return', '*:', 'none', Effect.TERMINATOR);
one('trap', ':', 'trapcode', Effect.TERMINATOR, ANY_TRAP);

export const OPCODES: readonly OpRow[] = rows;

const byName = new Map<string, number>(rows.map((r) => [r.name, r.id]));

/** the opcode named `name` (`iadd.i32`), or -1 */
export function opByName(name: string): number {
  return byName.get(name) ?? -1;
}

/** the opcode named `name`; throws on a name that is not in the table (a bug in the caller) */
export function op(name: string): number {
  const id = byName.get(name);
  if (id === undefined) throw new Error(`no IR opcode ${name}`);
  return id;
}

/** the opcode of every row named in `names`, mapped to its name; throws on a name not in the table */
export function opcodesNamed(names: Iterable<string>): Map<number, string> {
  const out = new Map<number, string>();
  for (const n of names) out.set(op(n), n);
  return out;
}

/** per family: opcode at [type * 8 + (from ?? 7)], -1 where the family has no such row */
const families = new Map<string, Int32Array>();
for (const r of rows) {
  if (r.type === null) continue;
  let fam = families.get(r.base);
  if (fam === undefined) families.set(r.base, (fam = new Int32Array(64).fill(-1)));
  fam[r.type * 8 + (r.from ?? 7)] = r.id;
}

/** the row of family `base` for controlling type `t` (and operand type `from`), or -1; allocates nothing */
export function opFor(base: string, t: Type, from: Type | null = null): number {
  return families.get(base)?.[t * 8 + (from ?? 7)] ?? -1;
}

export function isTerminator(opcode: number): boolean {
  return ((OPCODES[opcode] as OpRow).effects & Effect.TERMINATOR) !== 0;
}
