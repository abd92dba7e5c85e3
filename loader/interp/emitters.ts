/**
 * The interpreter's opcode table: opcode id → emitter. Built once from the per-family
 * tables (control, variables/tables, memory, numeric templates, SIMD); adding an
 * instruction means adding one entry in one of those files. Numeric instructions without
 * i64 operands or results are expression templates; those with i64 operands or results are
 * statement templates over int32 halves ("pair templates", see numeric/int64.ts). At load
 * the table is checked against the opcode table (emitter-check.ts).
 */

import { OPCODES } from '../../formats/wasm/opcodes.js';
import type { Emitter, FuncGen } from './codegen.js';
import { checkEmitterTable } from './emitter-check.js';
import { CONVERSION_PAIR_TEMPLATES, CONVERSION_TEMPLATES } from './numeric/conversions.js';
import { F64_ARITHMETIC, FLOAT_TEMPLATES } from './numeric/float.js';
import { I32_TEMPLATES } from './numeric/int32.js';
import { I64_TEMPLATES } from './numeric/int64.js';
import { CONTROL_EMITTERS } from './ops/control.js';
import { MEMORY_EMITTERS } from './ops/memory.js';
import { SIMD_EMITTER } from './ops/simd.js';
import { VARIABLE_EMITTERS } from './ops/variables.js';

/**
 * compiles an expression template ($0, $1 = operands) into an emitter; `arithmetic`: the
 * result is an arithmetic f64 result (FuncGen.markArithmetic)
 */
function fromTemplate(template: string, arithmetic: boolean): Emitter {
  const parts = template.split(/\$(\d)/);
  return (g: FuncGen, ins) => {
    const info = OPCODES[ins.op];
    const args = g.popN(info?.params?.length ?? 0);
    let expr = '';
    for (let i = 0; i < parts.length; i++) expr += i % 2 === 0 ? parts[i] : args[Number(parts[i])];
    const rt = info?.results?.[0];
    if (rt === undefined) g.emit(expr + ';');
    else g.emit(`${g.push(rt)} = ${expr};`);
    if (arithmetic) g.markArithmetic();
  };
}

/**
 * compiles a pair template into an emitter: $0/$1 (operands), $r (result) name the value or
 * the low half of an i64, with an `h` suffix its high half; an i64 result reuses operand 0's
 * slot (same height and type), so the template must be safe under that aliasing
 */
function fromPairTemplate(template: string): Emitter {
  const parts = template.split(/\$([0-9r])(h?)/);
  const scratch = /\b[tuv]_\b/.test(template);
  return (g: FuncGen, ins) => {
    const info = OPCODES[ins.op];
    const args = g.popN(info?.params?.length ?? 0);
    const rt = info?.results?.[0];
    const r = rt === undefined ? '' : g.push(rt);
    if (scratch) g.usesScratch = true;
    let s = '';
    for (let i = 0; i < parts.length; i += 3) {
      s += parts[i] as string;
      if (i + 1 >= parts.length) break;
      const which = parts[i + 1] as string;
      const name = which === 'r' ? r : (args[Number(which)] as string);
      s += parts[i + 2] === 'h' ? g.hi(name) : name;
    }
    g.emit(s);
  };
}

/** the table by opcode id, checked (emitter-check.ts): a bad key or a missing emitter throws */
function build(): Emitter[] {
  const byName = new Map<string, Emitter>();
  const keys: string[] = [];
  const put = (name: string, e: Emitter): void => {
    keys.push(name);
    byName.set(name, e);
  };
  for (const table of [I32_TEMPLATES, FLOAT_TEMPLATES, CONVERSION_TEMPLATES]) {
    for (const [name, t] of Object.entries(table)) put(name, fromTemplate(t, F64_ARITHMETIC.has(name)));
  }
  for (const table of [I64_TEMPLATES, CONVERSION_PAIR_TEMPLATES]) {
    for (const [name, t] of Object.entries(table)) put(name, fromPairTemplate(t));
  }
  for (const table of [CONTROL_EMITTERS, VARIABLE_EMITTERS, MEMORY_EMITTERS]) {
    for (const [name, e] of Object.entries(table)) put(name, e);
  }
  const table = OPCODES.map((op) => (op.prefix === 0xfd ? SIMD_EMITTER : byName.get(op.name)));
  checkEmitterTable(keys, table);
  return table as Emitter[];
}

/** emitter by opcode id: every Wasm 2.0 instruction has one (checked at load) */
export const EMITTERS: readonly Emitter[] = build();
