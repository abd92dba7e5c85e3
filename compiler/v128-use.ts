/**
 * Where a module first uses v128 that a code generator cannot compile: without a gate (or
 * with one that carries no v128 values), any use — in a function type, a global (defined or
 * imported), a local, or a SIMD (0xfd) instruction; with a gate that carries v128 values, the
 * first SIMD instruction it has no lowering for (targets/v128-gate.ts). The native compiler
 * refuses exactly these modules; an engine falls back to, or `--engine native` refuses with,
 * the returned description.
 */

import { InstrCursor } from '../formats/wasm/code-body.js';
import { OPCODES } from '../formats/wasm/opcodes.js';
import type { Module } from '../formats/wasm/types.js';

const V128 = 0x7b;

export interface V128Use {
  /** what uses it: "type 3", "global 1", "function 4 local", "i32x4.add in function 4" */
  readonly what: string;
  /** byte offset in the module binary, or -1 when unknown (modules built from text) */
  readonly offset: number;
}

/**
 * What a code generator handles of v128: whether it carries v128 values at all (params,
 * results, locals, globals), and which SIMD instructions (by wasm opcode id) it compiles.
 */
export interface V128Gate {
  /** v128 values inside a function: locals, operands, spills */
  readonly values: boolean;
  /** v128 values across function boundaries and in globals: params, results, globals */
  readonly abi: boolean;
  supports(wasmOp: number): boolean;
}

/** answers per module and gate (null: no gate): `kiln run --engine auto` asks before compiling, and the compiler asks again */
const known = new WeakMap<Module, Map<V128Gate | null, V128Use | null>>();

/**
 * the first use of v128 in m, or null; with a gate, the first use the gate does not handle
 * (a decoded module is not changed afterwards: remembered)
 */
export function firstV128Use(m: Module, gate?: V128Gate): V128Use | null {
  let byGate = known.get(m);
  if (byGate === undefined) known.set(m, (byGate = new Map()));
  const key = gate === undefined || !gate.values ? null : gate;
  let use = byGate.get(key);
  if (use === undefined) {
    use = scan(m, key);
    byGate.set(key, use);
  }
  return use;
}

/** every use of v128 (no gate), or the first one the gate does not support */
function scan(m: Module, gate: V128Gate | null): V128Use | null {
  if (gate !== null) return (gate.abi ? null : firstAbiUse(m)) ?? firstUnsupportedOp(m, gate);
  return firstAbiUse(m) ?? firstLocalOrOp(m);
}

/** the first v128 in a function type or a global */
function firstAbiUse(m: Module): V128Use | null {
  for (let t = 0; t < m.types.length; t++) {
    const ft = m.types[t]!;
    if (ft.params.includes(V128) || ft.results.includes(V128)) return { what: `type ${t}`, offset: -1 };
  }
  let g = 0;
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'global') continue;
    if (imp.desc.global.type === V128) return { what: `global ${g}`, offset: -1 };
    g++;
  }
  for (const glob of m.globals) {
    if (glob.type.type === V128) return { what: `global ${g}`, offset: -1 };
    g++;
  }
  return null;
}

/** the first v128 local or SIMD instruction */
function firstLocalOrOp(m: Module): V128Use | null {
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const cursor = new InstrCursor(false);
  for (let d = 0; d < m.codes.length; d++) {
    const code = m.codes[d]!;
    if (code.locals.some((l) => l.type === V128)) return { what: `function ${imported + d} local`, offset: code.offset };
    cursor.reset(code);
    while (cursor.next()) {
      const info = OPCODES[cursor.ins.op];
      if (info !== undefined && info.prefix === 0xfd) return { what: `${info.name} in function ${imported + d}`, offset: cursor.ins.offset };
    }
  }
  return null;
}

function firstUnsupportedOp(m: Module, gate: V128Gate): V128Use | null {
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const cursor = new InstrCursor(false);
  for (let d = 0; d < m.codes.length; d++) {
    cursor.reset(m.codes[d]!);
    while (cursor.next()) {
      const info = OPCODES[cursor.ins.op];
      if (info !== undefined && info.prefix === 0xfd && !gate.supports(info.id)) return { what: `${info.name} in function ${imported + d}`, offset: cursor.ins.offset };
    }
  }
  return null;
}
