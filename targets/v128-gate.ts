/**
 * What a target compiles of v128 (compiler/v128-use.ts `V128Gate`): whether it carries v128
 * values, and, per wasm SIMD instruction, whether it has a lowering for every IR row the
 * frontend turns that instruction into. SIMD support grows row by row; a module using an
 * instruction a target cannot compile yet is refused (and `--engine auto` runs it on the
 * interpreter) with that instruction named.
 */

import { simdIrRows } from '../compiler/frontend/index.js';
import { firstV128Use, type V128Gate, type V128Use } from '../compiler/v128-use.js';
import type { Module } from '../formats/wasm/types.js';
import type { Target } from './target.js';

const gates = new WeakMap<Target, V128Gate>();

export function v128Gate(target: Target): V128Gate {
  let gate = gates.get(target);
  if (gate === undefined) {
    const answers = new Map<number, boolean>();
    const v = target.vectors;
    gate = {
      values: v.values,
      abi: v.abi,
      supports(wasmOp: number): boolean {
        let ok = answers.get(wasmOp);
        if (ok === undefined) {
          const rows = simdIrRows(wasmOp);
          ok = rows.length > 0 && rows.every((r) => v.lowers(r));
          answers.set(wasmOp, ok);
        }
        return ok;
      },
    };
    gates.set(target, gate);
  }
  return gate;
}

/** the first use of v128 in m that `target` cannot compile, or null */
export function unsupportedV128Use(m: Module, target: Target): V128Use | null {
  return firstV128Use(m, v128Gate(target));
}
