/**
 * SIMD-128 for the interpreter (spec §4.3 numerics and §4.4.3 vector instructions, Wasm 2.0):
 * one pure function per 0xFD opcode, keyed by the opcode's text name in formats/wasm/opcodes.ts.
 * `v128.const` is absent: the code generator materialises constants itself.
 *
 * Calling convention (raw values of loader/api.ts; results are fresh Uint8Arrays, inputs are
 * never mutated):
 * - plain ops take their operands in stack order (bottom first), then the immediate:
 *   lanes `(v, lane)` / `(v, x, lane)`, shuffle `(a, b, lanes)`, shifts `(v, count)`,
 *   bitselect `(a, b, mask)`;
 * - memory ops take `(mem, ea, ...operands, lane?)` with ea = (addr >>> 0) + offset; they trap
 *   with "out of bounds memory access"; stores write into `mem` and return undefined.
 */

import { bitwiseOps } from './bitwise.js';
import { convertOps } from './convert.js';
import { floatLaneOps } from './float-lanes.js';
import { intLaneOps } from './int-lanes.js';
import { laneOps } from './lanes.js';
import { memoryOps } from './memory.js';
import type { SimdImpl } from './types.js';

export type {
  SimdBinary,
  SimdExtract,
  SimdImpl,
  SimdLoad,
  SimdReplace,
  SimdShift,
  SimdShuffle,
  SimdSplat,
  SimdStore,
  SimdTernary,
  SimdUnary,
  V128,
} from './types.js';
export { nearest } from './float-lanes.js';

function build(): Map<string, SimdImpl> {
  const map = new Map<string, SimdImpl>();
  for (const family of [memoryOps, laneOps, bitwiseOps, intLaneOps, floatLaneOps, convertOps]) {
    for (const [name, fn] of family()) {
      if (map.has(name)) throw new Error(`kiln SIMD: ${name} defined twice`);
      map.set(name, fn);
    }
  }
  return map;
}

/** implementation of every 0xFD opcode except v128.const, by text name */
export const SIMD_OPS: ReadonlyMap<string, SimdImpl> = build();
