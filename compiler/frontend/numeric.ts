/**
 * Numeric instructions (spec §2.4.1, §4.3) as IR rows. Almost every wasm numeric opcode is one
 * IR row whose semantics are wasm's (docs/ir.md "Families": `fmin`/`fmax` propagate NaN and order
 * -0 below +0, `nearest` rounds half to even, shift counts are modulo the width, the `_sat`
 * conversions saturate), so a table maps names to rows and one handler per arity emits them.
 * The trapping ones (integer division and remainder, float-to-int truncation) get explicit checks
 * first (checks.ts). Constants: `iconst` / `fconst` (bit patterns, so NaN payloads survive).
 */

import { opByName as wasmOp } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import { FloatCC, IntCC } from '../ir/conds.js';
import { op } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import { divCheck, truncCheck } from './checks.js';
import type { Translator } from './translator.js';

type Handler = (t: Translator, ins: Instr) => void;

const out: [number, Handler][] = [];
function wasm(name: string): number {
  const info = wasmOp(name);
  if (info === undefined) throw new Error(`frontend: no wasm opcode ${name}`);
  return info.id;
}

function unary(name: string, irName: string): void {
  const o = op(irName);
  out.push([wasm(name), (t) => t.push(t.f.result(t.b.emit(o, 1, t.pop(), 0, 0), 0))]);
}
function binary(name: string, irName: string, imm0 = 0): void {
  const o = op(irName);
  out.push([
    wasm(name),
    (t) => {
      const y = t.pop();
      const x = t.pop();
      t.push(t.f.result(t.b.emit(o, 2, x, y, 0, imm0), 0));
    },
  ]);
}

const INTS: [string, Type][] = [
  ['i32', Type.I32],
  ['i64', Type.I64],
];
const FLOATS: [string, Type][] = [
  ['f32', Type.F32],
  ['f64', Type.F64],
];

for (const [w, ir] of INTS) {
  const bin: [string, string][] = [
    ['add', 'iadd'], ['sub', 'isub'], ['mul', 'imul'], ['and', 'band'], ['or', 'bor'], ['xor', 'bxor'],
    ['shl', 'ishl'], ['shr_s', 'sshr'], ['shr_u', 'ushr'], ['rotl', 'rotl'], ['rotr', 'rotr'],
  ];
  for (const [a, b] of bin) binary(`${w}.${a}`, `${b}.${ir === Type.I32 ? 'i32' : 'i64'}`);
  for (const u of ['clz', 'ctz', 'popcnt', 'eqz']) unary(`${w}.${u}`, `${u}.${w}`);
  unary(`${w}.extend8_s`, `sext8.${w}`);
  unary(`${w}.extend16_s`, `sext16.${w}`);
  const cmp: [string, number][] = [
    ['eq', IntCC.eq], ['ne', IntCC.ne], ['lt_s', IntCC.slt], ['lt_u', IntCC.ult], ['gt_s', IntCC.sgt],
    ['gt_u', IntCC.ugt], ['le_s', IntCC.sle], ['le_u', IntCC.ule], ['ge_s', IntCC.sge], ['ge_u', IntCC.uge],
  ];
  for (const [a, cc] of cmp) binary(`${w}.${a}`, `icmp.${w}`, cc);
  for (const [a, b] of [['div_s', 'sdiv'], ['div_u', 'udiv'], ['rem_s', 'srem'], ['rem_u', 'urem']] as const) {
    const o = op(`${b}.${w}`);
    out.push([
      wasm(`${w}.${a}`),
      (t) => {
        const y = t.pop();
        const x = t.pop();
        divCheck(t, ir, b, x, y);
        t.push(t.f.result(t.b.emit(o, 2, x, y, 0), 0));
      },
    ]);
  }
}
unary('i64.extend32_s', 'sext32.i64');

for (const [w] of FLOATS) {
  const bin: [string, string][] = [
    ['add', 'fadd'], ['sub', 'fsub'], ['mul', 'fmul'], ['div', 'fdiv'], ['min', 'fmin'], ['max', 'fmax'], ['copysign', 'fcopysign'],
  ];
  for (const [a, b] of bin) binary(`${w}.${a}`, `${b}.${w}`);
  const un: [string, string][] = [
    ['abs', 'fabs'], ['neg', 'fneg'], ['ceil', 'ceil'], ['floor', 'floor'], ['trunc', 'trunc'], ['nearest', 'nearest'], ['sqrt', 'sqrt'],
  ];
  for (const [a, b] of un) unary(`${w}.${a}`, `${b}.${w}`);
  const cmp: [string, number][] = [
    ['eq', FloatCC.eq], ['ne', FloatCC.ne], ['lt', FloatCC.lt], ['gt', FloatCC.gt], ['le', FloatCC.le], ['ge', FloatCC.ge],
  ];
  for (const [a, cc] of cmp) binary(`${w}.${a}`, `fcmp.${w}`, cc);
}

// conversions: [wasm name, IR row]
const CONV: [string, string][] = [
  ['i32.wrap_i64', 'ireduce.i32.i64'],
  ['i64.extend_i32_s', 'sextend.i64.i32'],
  ['i64.extend_i32_u', 'uextend.i64.i32'],
  ['f32.demote_f64', 'fdemote.f32.f64'],
  ['f64.promote_f32', 'fpromote.f64.f32'],
  ['i32.reinterpret_f32', 'bitcast.i32.f32'],
  ['i64.reinterpret_f64', 'bitcast.i64.f64'],
  ['f32.reinterpret_i32', 'bitcast.f32.i32'],
  ['f64.reinterpret_i64', 'bitcast.f64.i64'],
];
for (const [to] of FLOATS) {
  for (const [from] of INTS) {
    CONV.push([`${to}.convert_${from}_s`, `fcvt_from_sint.${to}.${from}`]);
    CONV.push([`${to}.convert_${from}_u`, `fcvt_from_uint.${to}.${from}`]);
  }
}
for (const [to] of INTS) {
  for (const [from] of FLOATS) {
    CONV.push([`${to}.trunc_sat_${from}_s`, `fcvt_to_sint_sat.${to}.${from}`]);
    CONV.push([`${to}.trunc_sat_${from}_u`, `fcvt_to_uint_sat.${to}.${from}`]);
  }
}
for (const [w, ir] of CONV) unary(w, ir);

// trapping truncations: explicit NaN and range checks, then the conversion
for (const [to, toT] of INTS) {
  for (const [from, fromT] of FLOATS) {
    for (const signed of [true, false]) {
      const o = op(`fcvt_to_${signed ? 's' : 'u'}int.${to}.${from}`);
      out.push([
        wasm(`${to}.trunc_${from}_${signed ? 's' : 'u'}`),
        (t) => {
          const x = t.pop();
          truncCheck(t, toT, fromT, signed, x);
          t.push(t.f.result(t.b.emit(o, 1, x, 0, 0), 0));
        },
      ]);
    }
  }
}

// constants
out.push([wasm('i32.const'), (t, ins) => t.push(t.b.iconst(Type.I32, ins.a))]);
out.push([wasm('i64.const'), (t, ins) => t.push(t.b.iconst(Type.I64, ins.x as bigint))]);
out.push([wasm('f32.const'), (t, ins) => t.push(t.b.fconst32(ins.a))]);
out.push([wasm('f64.const'), (t, ins) => t.push(t.b.fconst64(ins.x as bigint))]);

export function numericHandlers(): [number, Handler][] {
  return out;
}
