/**
 * Where a module first uses v128: in a function type, a global (defined or imported), a
 * local, or a SIMD (0xfd) instruction. The native compiler refuses exactly these modules until
 * SIMD lands (issue 13); an engine falls back to, or `--engine native` refuses with, the
 * returned description.
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

/** answers per module: `kiln run --engine auto` asks before compiling, and the compiler asks again */
const known = new WeakMap<Module, V128Use | null>();

/** the first use of v128 in m, or null (a decoded module is not changed afterwards: remembered) */
export function firstV128Use(m: Module): V128Use | null {
  let use = known.get(m);
  if (use === undefined) {
    use = scan(m);
    known.set(m, use);
  }
  return use;
}

function scan(m: Module): V128Use | null {
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
