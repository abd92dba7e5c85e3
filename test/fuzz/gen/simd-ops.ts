/**
 * The SIMD menus of the generator, derived from the one opcode table (formats/wasm/opcodes.ts,
 * every 0xFD row, spec §2.4.2 / §5.4.8): each row is classified once by a table of rules into
 * the kind of code it needs around it (memory operand, lane immediate, shuffle pattern, shift
 * count, swizzle indices, scalar operand …), given the lane shape its v128 operands are read
 * in (so that constants can be made for that shape), how many bytes it touches in memory, and
 * whether its result lanes are floats whose NaN payload the spec leaves open (§4.3.3 `nans`:
 * arithmetic, rounding, sqrt, min/max, demote/promote) and must therefore be canonicalised
 * before any bit of them is observed.
 */

import { OPCODES, type OpInfo } from '../../../formats/wasm/opcodes.js';
import { ValType } from '../../../formats/wasm/types.js';
import { edgesFor, type Edges } from './simd-edges.js';
import { SHAPES, type Shape } from './simd-values.js';

export type SimdKind =
  | 'const'
  | 'shuffle'
  | 'load'
  | 'store'
  | 'loadLane'
  | 'storeLane'
  | 'extract'
  | 'replace'
  | 'splat'
  | 'swizzle'
  | 'shift'
  | 'plain';

export type FloatShape = 'f32x4' | 'f64x2';

export interface SimdOp {
  readonly op: OpInfo;
  readonly kind: SimdKind;
  /** the shape its v128 operands are read in; null for the shape-free v128.* rows */
  readonly shape: Shape | null;
  /** bits of a lane of the operand shape (shift counts are taken modulo this) */
  readonly laneBits: number;
  /** bytes a memory access reads or writes; 0 for other rows */
  readonly access: number;
  /** the float shape whose NaN lanes must be canonicalised after it, or null */
  readonly canon: FloatShape | null;
  /** lane values on its corner cases (simd-edges.ts), or null */
  readonly edges: Edges | null;
}

/** first matching rule decides the kind (order matters: loads before stores, extract before replace) */
const KIND_RULES: ReadonlyArray<[SimdKind, (o: OpInfo) => boolean]> = [
  ['const', (o) => o.imm === 'v128'],
  ['shuffle', (o) => o.imm === 'shuffle'],
  ['load', (o) => o.imm === 'memarg' && o.results!.length === 1],
  ['store', (o) => o.imm === 'memarg'],
  ['loadLane', (o) => o.imm === 'memarg_lane' && o.results!.length === 1],
  ['storeLane', (o) => o.imm === 'memarg_lane'],
  ['extract', (o) => o.imm === 'lane' && o.results![0] !== ValType.V128],
  ['replace', (o) => o.imm === 'lane'],
  ['splat', (o) => o.name.endsWith('.splat')],
  ['swizzle', (o) => o.name === 'i8x16.swizzle'],
  ['shift', (o) => o.sig === 'vi:v'],
  ['plain', () => true],
];

/** bytes accessed, by the memory row's name (v128.load8x8_s reads 8; v128.load16_lane 2 …) */
const ACCESS_RULES: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => number]> = [
  [/^v128\.(load|store)$/, () => 16],
  [/^v128\.load\d+x\d+_[su]$/, () => 8],
  [/^v128\.(?:load|store)(\d+)_(?:splat|zero|lane)$/, (m) => Number(m[1]) / 8],
];

/** rows whose float results carry a nondeterministic NaN payload (spec §4.3.3) */
const NAN_PRODUCING = /^(f32x4|f64x2)\.(add|sub|mul|div|min|max|sqrt|ceil|floor|trunc|nearest|demote_f64x2_zero|promote_low_f32x4)$/;

const SHAPE_BITS: Readonly<Record<Shape, number>> = { i8x16: 8, i16x8: 16, i32x4: 32, i64x2: 64, f32x4: 32, f64x2: 64 };

/** the operand shape: a shape named after the dot (i32x4.trunc_sat_f64x2_s_zero → f64x2), else the prefix */
function operandShape(name: string): Shape | null {
  const [prefix, rest] = name.split('.') as [string, string];
  const inner = SHAPES.find((s) => rest.includes(s));
  if (inner !== undefined) return inner;
  return SHAPES.find((s) => s === prefix) ?? null;
}

function classify(op: OpInfo): SimdOp {
  const kind = KIND_RULES.find(([, test]) => test(op))![0];
  const shape = operandShape(op.name);
  let access = 0;
  for (const [re, bytes] of ACCESS_RULES) {
    const m = op.name.match(re);
    if (m !== null) access = bytes(m);
  }
  const nan = op.name.match(NAN_PRODUCING);
  const canon = nan === null ? null : (nan[1] as FloatShape);
  return { op, kind, shape, laneBits: shape === null ? 8 : SHAPE_BITS[shape], access, canon, edges: edgesFor(op.name, shape) };
}

/** every 0xFD row of the opcode table, classified */
export const SIMD_OPS: readonly SimdOp[] = OPCODES.filter((o) => o.prefix === 0xfd).map(classify);

const MEMORY_KINDS: ReadonlySet<SimdKind> = new Set(['load', 'store', 'loadLane', 'storeLane']);
const STORE_KINDS: ReadonlySet<SimdKind> = new Set(['store', 'storeLane']);

export interface SimdMenus {
  /** rows pushing one value of a type, memory rows included (for modules with a memory) */
  withMemory: ReadonlyMap<ValType, readonly SimdOp[]>;
  /** the same without the memory rows */
  withoutMemory: ReadonlyMap<ValType, readonly SimdOp[]>;
  /** v128.store and the store_lane rows (statements) */
  stores: readonly SimdOp[];
}

function byResult(ops: readonly SimdOp[]): Map<ValType, SimdOp[]> {
  const m = new Map<ValType, SimdOp[]>();
  for (const s of ops) {
    const t = s.op.results![0]!;
    const xs = m.get(t);
    if (xs === undefined) m.set(t, [s]);
    else xs.push(s);
  }
  return m;
}

/** the menus every SIMD module uses (they depend on nothing but the opcode table) */
export const SIMD_MENUS: SimdMenus = (() => {
  const values = SIMD_OPS.filter((s) => !STORE_KINDS.has(s.kind));
  return {
    withMemory: byResult(values),
    withoutMemory: byResult(values.filter((s) => !MEMORY_KINDS.has(s.kind))),
    stores: SIMD_OPS.filter((s) => STORE_KINDS.has(s.kind)),
  };
})();
