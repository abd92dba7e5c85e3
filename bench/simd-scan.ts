/**
 * How much SIMD a module really has, read with kiln's own decoder: per defined function, its
 * instruction count, its SIMD (0xfd-prefixed) instructions, and those of them inside a `loop`
 * (at any depth), which is where a vectorised kernel spends its time. bench/simd.ts reports the
 * hot functions' figures; test/bench/simd.test.ts checks that every SIMD build has v128 in the
 * loops of its hot functions and every scalar build has no SIMD instruction at all.
 */

import { InstrCursor } from '../formats/wasm/code-body.js';
import { decodeModule } from '../formats/wasm/decode.js';
import { OPCODES } from '../formats/wasm/opcodes.js';

export interface FunctionSimd {
  /** the name-section name, or `func[<index>]` */
  readonly name: string;
  readonly instrs: number;
  readonly simd: number;
  readonly simdInLoops: number;
}

/** one row per defined function, in index order */
export function simdByFunction(bytes: Uint8Array): FunctionSimd[] {
  const m = decodeModule(bytes);
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const cursor = new InstrCursor(false);
  return m.codes.map((code, d) => {
    const index = imported + d;
    // kinds of the enclosing blocks; the body's own final `end` pops nothing
    const open: boolean[] = [];
    let loops = 0;
    let instrs = 0;
    let simd = 0;
    let simdInLoops = 0;
    cursor.reset(code);
    while (cursor.next()) {
      const info = OPCODES[cursor.ins.op];
      if (info === undefined) throw new Error(`function ${index}: unknown opcode id ${cursor.ins.op}`);
      instrs++;
      if (info.prefix === 0xfd) {
        simd++;
        if (loops > 0) simdInLoops++;
      }
      if (info.name === 'block' || info.name === 'if' || info.name === 'loop') {
        open.push(info.name === 'loop');
        if (info.name === 'loop') loops++;
      } else if (info.name === 'end' && open.pop() === true) loops--;
    }
    return { name: m.names?.funcs.get(index) ?? `func[${index}]`, instrs, simd, simdInLoops };
  });
}

/** the SIMD instructions inside loops of the functions called `hot` (each must exist) */
export function hotLoopSimd(bytes: Uint8Array, hot: readonly string[]): number {
  const rows = simdByFunction(bytes);
  let total = 0;
  for (const name of hot) {
    const row = rows.find((r) => r.name === name);
    if (row === undefined) throw new Error(`no function named ${JSON.stringify(name)} (functions: ${rows.map((r) => r.name).join(', ')})`);
    total += row.simdInLoops;
  }
  return total;
}
