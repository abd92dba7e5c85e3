/**
 * Which structured instructions of a function body are branch targets. The translator
 * (codegen.ts) gives a JS label only to a block, loop or if that some br, br_if or
 * br_table refers to; a block or loop that no branch names is emitted as its bare contents.
 * This keeps V8's parser, whose label handling is quadratic in label nesting, linear for
 * bodies that nest without branching (and makes their generated source flat).
 *
 * One pass over the body: a stack of the open constructs, numbered in order of appearance
 * (the number of the k-th block/loop/if instruction is k, reachable or not).
 */

import { OP } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';

/** the function's own frame on the stack: branches to it are returns */
const FUNC = -1;

/** targeted[k] is 1 when the k-th block/loop/if of `body` is the target of some branch */
export function branchTargets(body: readonly Instr[]): Uint8Array {
  let count = 0;
  for (const ins of body) if (ins.op === OP.block || ins.op === OP.loop || ins.op === OP.if) count++;
  const targeted = new Uint8Array(count);
  const open: number[] = [FUNC];
  let next = 0;
  const mark = (depth: number): void => {
    const k = open[open.length - 1 - depth];
    if (k !== undefined && k !== FUNC) targeted[k] = 1;
  };
  for (const ins of body) {
    switch (ins.op) {
      case OP.block:
      case OP.loop:
      case OP.if:
        open.push(next++);
        break;
      case OP.end:
        open.pop();
        break;
      case OP.br:
      case OP.br_if:
        mark(ins.a);
        break;
      case OP.br_table:
        for (const depth of (ins.x ?? []) as number[]) mark(depth);
        mark(ins.a);
        break;
    }
  }
  return targeted;
}
