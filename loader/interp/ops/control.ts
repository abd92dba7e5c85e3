/**
 * Emitters for control and call instructions (spec §4.4.8 control instructions).
 * Keyed by opcode name; the translation state lives in codegen.ts. Every call uses the
 * split convention (i64 as halves, see codegen.ts); imports are bound to their split
 * entries at link time, defined functions are linked on their first call (compile.ts) and
 * call_indirect reaches Func.split through `cis` (split-call.ts).
 */

import type { Instr } from '../../../formats/wasm/types.js';
import type { Emitter, FuncGen } from '../codegen.js';
import { hasI64 } from '../split-call.js';

function brTable(g: FuncGen, ins: Instr): void {
  const idx = g.pop();
  const labels = (ins.x ?? []) as number[];
  const def = ins.a;
  const groups = new Map<number, number[]>();
  labels.forEach((depth, k) => {
    const list = groups.get(depth);
    if (list === undefined) groups.set(depth, [k]);
    else list.push(k);
  });
  let s = `switch (${idx}) {`;
  for (const [depth, cases] of groups) {
    if (depth === def) continue;
    s += `\n${cases.map((c) => `case ${c}:`).join(' ')} { ${g.branch(depth)} }`;
  }
  const defCases = groups.get(def) ?? [];
  s += `\n${defCases.map((c) => `case ${c}: `).join('')}default: { ${g.branch(def)} }\n}`;
  g.emit(s);
  g.dead = true;
}

function call(g: FuncGen, ins: Instr): void {
  const ctx = g.ctx;
  const idx = ins.a;
  const ft = ctx.funcTypes[idx];
  if (ft === undefined) throw new Error(`interp: call to unknown function ${idx}`);
  const args = g.popN(ft.params.length);
  // a defined function is reached through the instance's entries, linked on first call
  // (compile.ts); the call site sees only the final function, so V8 can inline it; a
  // recursive call names the function itself, which is in the same script
  const callee = idx < ctx.numImportedFuncs ? `I${idx}` : idx === g.funcIndex ? `w${ctx.mid}_${idx}` : `(F[${idx}] || L(${idx}))`;
  g.callResults(`${callee}(${g.splitArgs(args, ft.params)})`, ft.results);
}

function callIndirect(g: FuncGen, ins: Instr): void {
  const ft = g.ctx.module.types[ins.a];
  if (ft === undefined) throw new Error(`interp: call_indirect with unknown type ${ins.a}`);
  const idx = g.pop();
  const args = g.splitArgs(g.popN(ft.params.length), ft.params);
  const check = `(T${ins.b}, ${idx}, ${g.ctx.typeIds[ins.a] as number})`;
  // without an i64 in the type, Func.fn already is in the split convention
  const callee = hasI64(ft) ? `cis${check}` : `ci${check}.fn`;
  g.callResults(`${callee}(${args})`, ft.results);
}

export const CONTROL_EMITTERS: Readonly<Record<string, Emitter>> = {
  unreachable: (g) => {
    g.emit("throw trap('unreachable');");
    g.dead = true;
  },
  nop: () => {},
  block: (g, ins) => g.openBlock('block', ins.a),
  loop: (g, ins) => g.openBlock('loop', ins.a),
  if: (g, ins) => g.openBlock('if', ins.a, g.pop()),
  else: (g) => g.elseBlock(),
  end: (g) => g.endBlock(),
  br: (g, ins) => {
    g.emit(g.branch(ins.a));
    g.dead = true;
  },
  br_if: (g, ins) => {
    const c = g.pop();
    g.emit(`if (${c}) { ${g.branch(ins.a)} }`);
  },
  br_table: brTable,
  return: (g) => {
    g.emit(g.returnStmt());
    g.dead = true;
  },
  call,
  call_indirect: callIndirect,
};
