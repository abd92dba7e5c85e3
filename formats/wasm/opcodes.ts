/**
 * The one opcode table of kiln (spec §5.4 binary opcodes, §2.4 instruction set, Wasm 2.0
 * including the 0xFC and 0xFD prefixes). The decoder, encoder, validator, text parser,
 * printer and interpreter all read it; adding an instruction means adding one row.
 *
 * A row gives: prefix (0, 0xfc or 0xfd), code, text name, immediate kind, and — for
 * instructions whose typing is a fixed stack signature — `sig`, e.g. "ii:i" (pop i32 i32,
 * push i32). Letters: i=i32 l=i64 f=f32 d=f64 v=v128. `sig` is null where the validator
 * needs a named rule (control, locals, calls, references, tables, select, drop).
 * Memory instructions carry their natural alignment as a log2 exponent; lane instructions
 * carry their lane count. The optimiser's columns — effects, control role, constant-
 * expression flag — are not written per row but derived by the rules in opcode-rules.ts.
 */

import { constExprOf, controlOf, effectsOf, type Control } from './opcode-rules.js';
import { ValType } from './types.js';

export { Control, Effect } from './opcode-rules.js';

/**
 * How the immediates are encoded and where they live in an Instr (a, b, c, x):
 * - none
 * - blocktype      a = s33 block type (-64 empty, -1..-N a value type, >= 0 a type index)
 * - label          a = relative depth
 * - br_table       x = number[] labels, a = default label
 * - func           a = function index
 * - call_indirect  a = type index, b = table index
 * - local          a = local index
 * - global         a = global index
 * - table          a = table index
 * - memarg         a = alignment exponent, b = offset
 * - memarg_lane    a = alignment exponent, b = offset, c = lane
 * - memory         a = memory index (one reserved byte in Wasm 2.0; must be 0x00)
 * - i32            a = value (signed)
 * - i64            x = value (signed bigint)
 * - f32            a = IEEE bits (unsigned)
 * - f64            x = IEEE bits (unsigned bigint)
 * - v128           x = 16 bytes
 * - shuffle        x = 16 lane indices
 * - lane           a = lane index
 * - select_t       x = number[] value types
 * - reftype        a = reference type code
 * - data           a = data index
 * - memory_init    a = data index, b = memory index (reserved byte 0x00)
 * - elem           a = element index
 * - table_init     a = element index, b = table index
 * - table_copy     a = destination table, b = source table
 * - memory_copy    a = destination memory, b = source memory (reserved bytes 0x00 0x00)
 * - memory_fill    a = memory index (reserved byte 0x00)
 */
export type ImmKind =
  | 'none'
  | 'blocktype'
  | 'label'
  | 'br_table'
  | 'func'
  | 'call_indirect'
  | 'local'
  | 'global'
  | 'table'
  | 'memarg'
  | 'memarg_lane'
  | 'memory'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'v128'
  | 'shuffle'
  | 'lane'
  | 'select_t'
  | 'reftype'
  | 'data'
  | 'memory_init'
  | 'elem'
  | 'table_init'
  | 'table_copy'
  | 'memory_copy'
  | 'memory_fill';

export interface OpInfo {
  /** index in OPCODES; Instr.op */
  readonly id: number;
  readonly name: string;
  /** 0 for single-byte opcodes, else 0xfc / 0xfd */
  readonly prefix: number;
  /** the byte (prefix 0) or the u32 LEB sub-opcode (prefixed) */
  readonly code: number;
  readonly imm: ImmKind;
  /** fixed stack signature ("ii:i"), or null when typing needs a named rule */
  readonly sig: string | null;
  /** parsed `sig`: operand types popped (bottom first) */
  readonly params: readonly ValType[] | null;
  /** parsed `sig`: result types pushed */
  readonly results: readonly ValType[] | null;
  /** natural alignment exponent of memory instructions (max allowed `align`), else -1 */
  readonly align: number;
  /** lane count for lane-indexed instructions, else 0 */
  readonly lanes: number;
  /** Effect bits (opcode-rules.ts): traps, reads/writes/grows memory, calls; 0 = pure */
  readonly effects: number;
  /** role in structured control flow (Control.None for straight-line instructions) */
  readonly control: Control;
  /** allowed in a Wasm 2.0 constant expression (spec §3.3.10) */
  readonly constExpr: boolean;
}

type Row = [prefix: number, code: number, name: string, imm: ImmKind, sig: string | null, extra?: number];

const rows: Row[] = [];
const add = (prefix: number, code: number, name: string, imm: ImmKind, sig: string | null, extra?: number): void => {
  rows.push([prefix, code, name, imm, sig, extra]);
};
/** a run of consecutive opcodes sharing an immediate kind and signature */
const run = (prefix: number, start: number, imm: ImmKind, sig: string | null, names: string): void => {
  names
    .trim()
    .split(/\s+/)
    .forEach((n, i) => {
      if (n !== '-') add(prefix, start + i, n, imm, sig);
    });
};

// ---- control (spec §5.4.1) ----
add(0, 0x00, 'unreachable', 'none', null);
add(0, 0x01, 'nop', 'none', ':');
add(0, 0x02, 'block', 'blocktype', null);
add(0, 0x03, 'loop', 'blocktype', null);
add(0, 0x04, 'if', 'blocktype', null);
add(0, 0x05, 'else', 'none', null);
add(0, 0x0b, 'end', 'none', null);
add(0, 0x0c, 'br', 'label', null);
add(0, 0x0d, 'br_if', 'label', null);
add(0, 0x0e, 'br_table', 'br_table', null);
add(0, 0x0f, 'return', 'none', null);
add(0, 0x10, 'call', 'func', null);
add(0, 0x11, 'call_indirect', 'call_indirect', null);

// ---- reference (§5.4.2) ----
add(0, 0xd0, 'ref.null', 'reftype', null);
add(0, 0xd1, 'ref.is_null', 'none', null);
add(0, 0xd2, 'ref.func', 'func', null);

// ---- parametric (§5.4.3) ----
add(0, 0x1a, 'drop', 'none', null);
add(0, 0x1b, 'select', 'none', null);
add(0, 0x1c, 'select', 'select_t', null); // typed select shares the text name; the parser picks by immediates

// ---- variable (§5.4.4) ----
add(0, 0x20, 'local.get', 'local', null);
add(0, 0x21, 'local.set', 'local', null);
add(0, 0x22, 'local.tee', 'local', null);
add(0, 0x23, 'global.get', 'global', null);
add(0, 0x24, 'global.set', 'global', null);

// ---- table (§5.4.5) ----
add(0, 0x25, 'table.get', 'table', null);
add(0, 0x26, 'table.set', 'table', null);
add(0xfc, 12, 'table.init', 'table_init', 'iii:');
add(0xfc, 13, 'elem.drop', 'elem', ':');
add(0xfc, 14, 'table.copy', 'table_copy', 'iii:');
add(0xfc, 15, 'table.grow', 'table', null);
add(0xfc, 16, 'table.size', 'table', ':i');
add(0xfc, 17, 'table.fill', 'table', null);

// ---- memory (§5.4.6) ----
const mem = (code: number, name: string, align: number, sig: string): void => add(0, code, name, 'memarg', sig, align);
mem(0x28, 'i32.load', 2, 'i:i');
mem(0x29, 'i64.load', 3, 'i:l');
mem(0x2a, 'f32.load', 2, 'i:f');
mem(0x2b, 'f64.load', 3, 'i:d');
mem(0x2c, 'i32.load8_s', 0, 'i:i');
mem(0x2d, 'i32.load8_u', 0, 'i:i');
mem(0x2e, 'i32.load16_s', 1, 'i:i');
mem(0x2f, 'i32.load16_u', 1, 'i:i');
mem(0x30, 'i64.load8_s', 0, 'i:l');
mem(0x31, 'i64.load8_u', 0, 'i:l');
mem(0x32, 'i64.load16_s', 1, 'i:l');
mem(0x33, 'i64.load16_u', 1, 'i:l');
mem(0x34, 'i64.load32_s', 2, 'i:l');
mem(0x35, 'i64.load32_u', 2, 'i:l');
mem(0x36, 'i32.store', 2, 'ii:');
mem(0x37, 'i64.store', 3, 'il:');
mem(0x38, 'f32.store', 2, 'if:');
mem(0x39, 'f64.store', 3, 'id:');
mem(0x3a, 'i32.store8', 0, 'ii:');
mem(0x3b, 'i32.store16', 1, 'ii:');
mem(0x3c, 'i64.store8', 0, 'il:');
mem(0x3d, 'i64.store16', 1, 'il:');
mem(0x3e, 'i64.store32', 2, 'il:');
add(0, 0x3f, 'memory.size', 'memory', ':i');
add(0, 0x40, 'memory.grow', 'memory', 'i:i');
add(0xfc, 8, 'memory.init', 'memory_init', 'iii:');
add(0xfc, 9, 'data.drop', 'data', ':');
add(0xfc, 10, 'memory.copy', 'memory_copy', 'iii:');
add(0xfc, 11, 'memory.fill', 'memory_fill', 'iii:');

// ---- numeric (§5.4.7) ----
add(0, 0x41, 'i32.const', 'i32', ':i');
add(0, 0x42, 'i64.const', 'i64', ':l');
add(0, 0x43, 'f32.const', 'f32', ':f');
add(0, 0x44, 'f64.const', 'f64', ':d');
add(0, 0x45, 'i32.eqz', 'none', 'i:i');
run(0, 0x46, 'none', 'ii:i', 'i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u');
add(0, 0x50, 'i64.eqz', 'none', 'l:i');
run(0, 0x51, 'none', 'll:i', 'i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u');
run(0, 0x5b, 'none', 'ff:i', 'f32.eq f32.ne f32.lt f32.gt f32.le f32.ge');
run(0, 0x61, 'none', 'dd:i', 'f64.eq f64.ne f64.lt f64.gt f64.le f64.ge');
run(0, 0x67, 'none', 'i:i', 'i32.clz i32.ctz i32.popcnt');
run(0, 0x6a, 'none', 'ii:i', `i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u
  i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr`);
run(0, 0x79, 'none', 'l:l', 'i64.clz i64.ctz i64.popcnt');
run(0, 0x7c, 'none', 'll:l', `i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u
  i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr`);
run(0, 0x8b, 'none', 'f:f', 'f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt');
run(0, 0x92, 'none', 'ff:f', 'f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign');
run(0, 0x99, 'none', 'd:d', 'f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt');
run(0, 0xa0, 'none', 'dd:d', 'f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign');
const conv: Array<[number, string, string]> = [
  [0xa7, 'i32.wrap_i64', 'l:i'],
  [0xa8, 'i32.trunc_f32_s', 'f:i'],
  [0xa9, 'i32.trunc_f32_u', 'f:i'],
  [0xaa, 'i32.trunc_f64_s', 'd:i'],
  [0xab, 'i32.trunc_f64_u', 'd:i'],
  [0xac, 'i64.extend_i32_s', 'i:l'],
  [0xad, 'i64.extend_i32_u', 'i:l'],
  [0xae, 'i64.trunc_f32_s', 'f:l'],
  [0xaf, 'i64.trunc_f32_u', 'f:l'],
  [0xb0, 'i64.trunc_f64_s', 'd:l'],
  [0xb1, 'i64.trunc_f64_u', 'd:l'],
  [0xb2, 'f32.convert_i32_s', 'i:f'],
  [0xb3, 'f32.convert_i32_u', 'i:f'],
  [0xb4, 'f32.convert_i64_s', 'l:f'],
  [0xb5, 'f32.convert_i64_u', 'l:f'],
  [0xb6, 'f32.demote_f64', 'd:f'],
  [0xb7, 'f64.convert_i32_s', 'i:d'],
  [0xb8, 'f64.convert_i32_u', 'i:d'],
  [0xb9, 'f64.convert_i64_s', 'l:d'],
  [0xba, 'f64.convert_i64_u', 'l:d'],
  [0xbb, 'f64.promote_f32', 'f:d'],
  [0xbc, 'i32.reinterpret_f32', 'f:i'],
  [0xbd, 'i64.reinterpret_f64', 'd:l'],
  [0xbe, 'f32.reinterpret_i32', 'i:f'],
  [0xbf, 'f64.reinterpret_i64', 'l:d'],
  [0xc0, 'i32.extend8_s', 'i:i'],
  [0xc1, 'i32.extend16_s', 'i:i'],
  [0xc2, 'i64.extend8_s', 'l:l'],
  [0xc3, 'i64.extend16_s', 'l:l'],
  [0xc4, 'i64.extend32_s', 'l:l'],
];
for (const [code, name, sig] of conv) add(0, code, name, 'none', sig);
const sat: Array<[string, string]> = [
  ['i32.trunc_sat_f32_s', 'f:i'],
  ['i32.trunc_sat_f32_u', 'f:i'],
  ['i32.trunc_sat_f64_s', 'd:i'],
  ['i32.trunc_sat_f64_u', 'd:i'],
  ['i64.trunc_sat_f32_s', 'f:l'],
  ['i64.trunc_sat_f32_u', 'f:l'],
  ['i64.trunc_sat_f64_s', 'd:l'],
  ['i64.trunc_sat_f64_u', 'd:l'],
];
sat.forEach(([name, sig], i) => add(0xfc, i, name, 'none', sig));

// ---- vector (§5.4.8), prefix 0xFD, sub-opcodes as u32 LEB ----
const V = 0xfd;
const vmem = (code: number, name: string, align: number, sig: string): void => add(V, code, name, 'memarg', sig, align);
vmem(0, 'v128.load', 4, 'i:v');
vmem(1, 'v128.load8x8_s', 3, 'i:v');
vmem(2, 'v128.load8x8_u', 3, 'i:v');
vmem(3, 'v128.load16x4_s', 3, 'i:v');
vmem(4, 'v128.load16x4_u', 3, 'i:v');
vmem(5, 'v128.load32x2_s', 3, 'i:v');
vmem(6, 'v128.load32x2_u', 3, 'i:v');
vmem(7, 'v128.load8_splat', 0, 'i:v');
vmem(8, 'v128.load16_splat', 1, 'i:v');
vmem(9, 'v128.load32_splat', 2, 'i:v');
vmem(10, 'v128.load64_splat', 3, 'i:v');
vmem(11, 'v128.store', 4, 'iv:');
add(V, 12, 'v128.const', 'v128', ':v');
add(V, 13, 'i8x16.shuffle', 'shuffle', 'vv:v');
add(V, 14, 'i8x16.swizzle', 'none', 'vv:v');
add(V, 15, 'i8x16.splat', 'none', 'i:v');
add(V, 16, 'i16x8.splat', 'none', 'i:v');
add(V, 17, 'i32x4.splat', 'none', 'i:v');
add(V, 18, 'i64x2.splat', 'none', 'l:v');
add(V, 19, 'f32x4.splat', 'none', 'f:v');
add(V, 20, 'f64x2.splat', 'none', 'd:v');
const lane = (code: number, name: string, lanes: number, sig: string): void => add(V, code, name, 'lane', sig, lanes);
lane(21, 'i8x16.extract_lane_s', 16, 'v:i');
lane(22, 'i8x16.extract_lane_u', 16, 'v:i');
lane(23, 'i8x16.replace_lane', 16, 'vi:v');
lane(24, 'i16x8.extract_lane_s', 8, 'v:i');
lane(25, 'i16x8.extract_lane_u', 8, 'v:i');
lane(26, 'i16x8.replace_lane', 8, 'vi:v');
lane(27, 'i32x4.extract_lane', 4, 'v:i');
lane(28, 'i32x4.replace_lane', 4, 'vi:v');
lane(29, 'i64x2.extract_lane', 2, 'v:l');
lane(30, 'i64x2.replace_lane', 2, 'vl:v');
lane(31, 'f32x4.extract_lane', 4, 'v:f');
lane(32, 'f32x4.replace_lane', 4, 'vf:v');
lane(33, 'f64x2.extract_lane', 2, 'v:d');
lane(34, 'f64x2.replace_lane', 2, 'vd:v');
const cmp = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const fcmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
run(V, 35, 'none', 'vv:v', cmp.map((c) => 'i8x16.' + c).join(' '));
run(V, 45, 'none', 'vv:v', cmp.map((c) => 'i16x8.' + c).join(' '));
run(V, 55, 'none', 'vv:v', cmp.map((c) => 'i32x4.' + c).join(' '));
run(V, 65, 'none', 'vv:v', fcmp.map((c) => 'f32x4.' + c).join(' '));
run(V, 71, 'none', 'vv:v', fcmp.map((c) => 'f64x2.' + c).join(' '));
add(V, 77, 'v128.not', 'none', 'v:v');
run(V, 78, 'none', 'vv:v', 'v128.and v128.andnot v128.or v128.xor');
add(V, 82, 'v128.bitselect', 'none', 'vvv:v');
add(V, 83, 'v128.any_true', 'none', 'v:i');
const vlane = (code: number, name: string, align: number, lanes: number, sig: string): void =>
  add(V, code, name, 'memarg_lane', sig, align * 256 + lanes);
vlane(84, 'v128.load8_lane', 0, 16, 'iv:v');
vlane(85, 'v128.load16_lane', 1, 8, 'iv:v');
vlane(86, 'v128.load32_lane', 2, 4, 'iv:v');
vlane(87, 'v128.load64_lane', 3, 2, 'iv:v');
vlane(88, 'v128.store8_lane', 0, 16, 'iv:');
vlane(89, 'v128.store16_lane', 1, 8, 'iv:');
vlane(90, 'v128.store32_lane', 2, 4, 'iv:');
vlane(91, 'v128.store64_lane', 3, 2, 'iv:');
vmem(92, 'v128.load32_zero', 2, 'i:v');
vmem(93, 'v128.load64_zero', 3, 'i:v');
add(V, 94, 'f32x4.demote_f64x2_zero', 'none', 'v:v');
add(V, 95, 'f64x2.promote_low_f32x4', 'none', 'v:v');
// 96..255: unary / binary / shifts / reductions, listed in opcode order; '-' marks a gap.
const vUnary = new Set([
  'abs', 'neg', 'popcnt', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt', 'not',
]);
const vector = `
  i8x16.abs i8x16.neg i8x16.popcnt i8x16.all_true i8x16.bitmask i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u
  f32x4.ceil f32x4.floor f32x4.trunc f32x4.nearest i8x16.shl i8x16.shr_s i8x16.shr_u
  i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s i8x16.sub_sat_u
  f64x2.ceil f64x2.floor i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u f64x2.trunc i8x16.avgr_u
  i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u
  i16x8.abs i16x8.neg i16x8.q15mulr_sat_s i16x8.all_true i16x8.bitmask i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u
  i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s i16x8.extend_low_i8x16_u i16x8.extend_high_i8x16_u
  i16x8.shl i16x8.shr_s i16x8.shr_u i16x8.add i16x8.add_sat_s i16x8.add_sat_u i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u
  f64x2.nearest i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s i16x8.max_u - i16x8.avgr_u
  i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s i16x8.extmul_low_i8x16_u i16x8.extmul_high_i8x16_u
  i32x4.abs i32x4.neg - i32x4.all_true i32x4.bitmask - -
  i32x4.extend_low_i16x8_s i32x4.extend_high_i16x8_s i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u
  i32x4.shl i32x4.shr_s i32x4.shr_u i32x4.add - - i32x4.sub - - - i32x4.mul i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u
  i32x4.dot_i16x8_s - i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u
  i64x2.abs i64x2.neg - i64x2.all_true i64x2.bitmask - -
  i64x2.extend_low_i32x4_s i64x2.extend_high_i32x4_s i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u
  i64x2.shl i64x2.shr_s i64x2.shr_u i64x2.add - - i64x2.sub - - - i64x2.mul
  i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s
  i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u
  f32x4.abs f32x4.neg - f32x4.sqrt f32x4.add f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max f32x4.pmin f32x4.pmax
  f64x2.abs f64x2.neg - f64x2.sqrt f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max f64x2.pmin f64x2.pmax
  i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u
  i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u`;
/** stack signature of a 0xFD op from its name: shifts take an i32, reductions give an i32 */
function vectorSig(name: string): string {
  const op = name.slice(name.indexOf('.') + 1);
  if (op === 'shl' || op === 'shr_s' || op === 'shr_u') return 'vi:v';
  if (op === 'all_true' || op === 'bitmask') return 'v:i';
  if (vUnary.has(op) || /^(extadd|extend|trunc_sat|convert|narrow_)/.test(op)) {
    return op.startsWith('narrow_') ? 'vv:v' : 'v:v';
  }
  return 'vv:v';
}
vector
  .trim()
  .split(/\s+/)
  .forEach((n, i) => {
    if (n !== '-') add(V, 96 + i, n, 'none', vectorSig(n));
  });

// ---- build the table and its indexes ----
const LETTER: Readonly<Record<string, ValType>> = {
  i: ValType.I32,
  l: ValType.I64,
  f: ValType.F32,
  d: ValType.F64,
  v: ValType.V128,
};
function parseSig(sig: string): [ValType[], ValType[]] {
  const [p, r] = sig.split(':') as [string, string];
  const conv = (s: string): ValType[] => [...s].map((ch) => LETTER[ch] as ValType);
  return [conv(p), conv(r)];
}

export const OPCODES: readonly OpInfo[] = rows.map(([prefix, code, name, imm, sig, extra], id) => {
  const [params, results] = sig === null ? [null, null] : parseSig(sig);
  const isMemarg = imm === 'memarg' || imm === 'memarg_lane';
  const align = imm === 'memarg_lane' ? Math.floor((extra ?? 0) / 256) : isMemarg ? (extra ?? 0) : -1;
  const lanes = imm === 'memarg_lane' ? (extra ?? 0) % 256 : imm === 'lane' ? (extra ?? 0) : 0;
  const effects = effectsOf(prefix, name, imm, results);
  const control = controlOf(prefix, name);
  const constExpr = constExprOf(name, imm);
  return { id, name, prefix, code, imm, sig, params, results, align, lanes, effects, control, constExpr };
});

const byCode = new Map<number, OpInfo>();
const byName = new Map<string, OpInfo>();
const codeKey = (prefix: number, code: number): number => prefix * 0x100000 + code;
for (const op of OPCODES) {
  const key = codeKey(op.prefix, op.code);
  if (byCode.has(key)) throw new Error(`opcode table: duplicate code ${op.prefix}:${op.code} (${op.name})`);
  byCode.set(key, op);
  // 'select' appears twice (untyped 0x1b, typed 0x1c); the name maps to the untyped row
  if (!byName.has(op.name)) byName.set(op.name, op);
}

/** Look up by binary encoding; undefined for an unknown opcode. */
export function opByCode(prefix: number, code: number): OpInfo | undefined {
  return byCode.get(codeKey(prefix, code));
}
/** Look up by text name; for `select` this is the untyped form (see OP.select_t). */
export function opByName(name: string): OpInfo | undefined {
  return byName.get(name);
}

/** Direct single-byte lookup table for the decoder's hot path (index = first byte). */
export const SINGLE_BYTE: readonly (OpInfo | undefined)[] = Array.from({ length: 256 }, (_, b) =>
  b === 0xfc || b === 0xfd ? undefined : byCode.get(codeKey(0, b)),
);

function must(name: string, prefix = -1, code = -1): number {
  const op = prefix >= 0 ? opByCode(prefix, code) : opByName(name);
  if (op === undefined) throw new Error(`opcode table: missing ${name}`);
  return op.id;
}

/** Ids of instructions that code paths test for by name (control flow, constants, refs). */
export const OP = {
  unreachable: must('unreachable'),
  nop: must('nop'),
  block: must('block'),
  loop: must('loop'),
  if: must('if'),
  else: must('else'),
  end: must('end'),
  br: must('br'),
  br_if: must('br_if'),
  br_table: must('br_table'),
  return: must('return'),
  call: must('call'),
  call_indirect: must('call_indirect'),
  drop: must('drop'),
  select: must('select', 0, 0x1b),
  select_t: must('select', 0, 0x1c),
  local_get: must('local.get'),
  local_set: must('local.set'),
  local_tee: must('local.tee'),
  global_get: must('global.get'),
  global_set: must('global.set'),
  table_get: must('table.get'),
  table_set: must('table.set'),
  table_grow: must('table.grow'),
  table_size: must('table.size'),
  table_fill: must('table.fill'),
  i32_const: must('i32.const'),
  i64_const: must('i64.const'),
  f32_const: must('f32.const'),
  f64_const: must('f64.const'),
  v128_const: must('v128.const'),
  ref_null: must('ref.null'),
  ref_is_null: must('ref.is_null'),
  ref_func: must('ref.func'),
  memory_size: must('memory.size'),
  memory_grow: must('memory.grow'),
} as const;

/** Block type helpers for the s33 encoding kept in Instr.a of block/loop/if. */
export const BLOCK_EMPTY = -64;
/** value type of a single-result block type (a < 0, a !== BLOCK_EMPTY) */
export const blockValType = (a: number): ValType => (0x80 + a) as ValType;
/** s33 encoding of a single value type block type */
export const blockOfValType = (t: ValType): number => t - 0x80;
