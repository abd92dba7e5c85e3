/**
 * Emitters for parametric, variable, constant, reference and table instructions
 * (spec §4.4.2 reference, §4.4.4 parametric, §4.4.5 variable, §4.4.6 table instructions).
 * i64 values move as both halves (FuncGen.move); i64 globals hold BigInts (the raw
 * convention) and are converted at global.get/set.
 */

import type { ValType } from '../../../formats/wasm/types.js';
import { I64, type Emitter, type FuncGen } from '../codegen.js';
import { f64_from_bits } from '../numeric/float.js';

/** a JS literal (or pooled constant for NaNs) for an f64 value given by its bits */
function f64Literal(g: FuncGen, bits: bigint): string {
  const v = f64_from_bits(BigInt.asIntN(64, bits));
  if (v !== v) return g.constant(v);
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

function select(g: FuncGen): void {
  const c = g.pop();
  const t = g.topType();
  const b = g.pop();
  const a = g.pop();
  g.push(t);
  g.emit(`if (${c} === 0) { ${g.move(t, a, b)}}`);
}

export const VARIABLE_EMITTERS: Readonly<Record<string, Emitter>> = {
  drop: (g) => void g.pop(),
  select,
  'local.get': (g, ins) => {
    const t = g.localTypes[ins.a] as ValType;
    g.emit(g.move(t, g.push(t), `x${ins.a}`));
  },
  'local.set': (g, ins) => {
    const t = g.localTypes[ins.a] as ValType;
    g.emit(g.move(t, `x${ins.a}`, g.pop()));
  },
  'local.tee': (g, ins) => {
    const t = g.localTypes[ins.a] as ValType;
    // the value stays on the stack: so does its being an arithmetic result
    const arithmetic = g.topIsArithmetic();
    const v = g.pop();
    g.push(t);
    if (arithmetic) g.markArithmetic();
    g.emit(g.move(t, `x${ins.a}`, v));
  },
  'global.get': (g, ins) => {
    const t = g.ctx.globalTypes[ins.a] as ValType;
    g.emit(g.pushRaw(t, `G${ins.a}.v`));
  },
  'global.set': (g, ins) => {
    const t = g.ctx.globalTypes[ins.a] as ValType;
    g.emit(`G${ins.a}.v = ${g.rawValue(g.pop(), t)};`);
  },

  'i32.const': (g, ins) => g.emit(`${g.push(0x7f)} = ${ins.a | 0};`),
  'i64.const': (g, ins) => {
    const v = ins.x as bigint;
    const lo = g.push(I64);
    g.emit(`${lo} = ${Number(BigInt.asIntN(32, v))}; ${g.hi(lo)} = ${Number(BigInt.asIntN(32, v >> 32n))};`);
  },
  'f32.const': (g, ins) => g.emit(`${g.push(0x7d)} = ${ins.a | 0};`),
  'f64.const': (g, ins) => g.emit(`${g.push(0x7c)} = ${f64Literal(g, ins.x as bigint)};`),

  'ref.null': (g, ins) => g.emit(`${g.push(ins.a as ValType)} = null;`),
  'ref.is_null': (g) => {
    const r = g.pop();
    g.emit(`${g.push(0x7f)} = ${r} === null ? 1 : 0;`);
  },
  'ref.func': (g, ins) => g.emit(`${g.push(0x70)} = FR[${ins.a}];`),

  'table.get': (g, ins) => {
    const i = g.pop();
    g.emit(`${g.push(g.ctx.tableTypes[ins.a] as ValType)} = tget(T${ins.a}, ${i});`);
  },
  'table.set': (g, ins) => {
    const [i, v] = g.popN(2);
    g.emit(`tset(T${ins.a}, ${i}, ${v});`);
  },
  'table.size': (g, ins) => g.emit(`${g.push(0x7f)} = T${ins.a}.elems.length;`),
  'table.grow': (g, ins) => {
    const [v, n] = g.popN(2);
    g.emit(`${g.push(0x7f)} = tgrow(T${ins.a}, ${v}, ${n});`);
  },
  'table.fill': (g, ins) => {
    const [i, v, n] = g.popN(3);
    g.emit(`tfill(T${ins.a}, ${i}, ${v}, ${n});`);
  },
  'table.copy': (g, ins) => {
    const [d, s, n] = g.popN(3);
    g.emit(`tcopy(T${ins.a}, T${ins.b}, ${d}, ${s}, ${n});`);
  },
  'table.init': (g, ins) => {
    const [d, s, n] = g.popN(3);
    g.emit(`tinit(T${ins.b}, E, ${ins.a}, ${d}, ${s}, ${n});`);
  },
  'elem.drop': (g, ins) => g.emit(`E[${ins.a}] = NOELEM;`),
};
