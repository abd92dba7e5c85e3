/**
 * Where `kiln run` runs a program: on the main thread, or on a worker thread with a large
 * stack. Starting a worker and loading kiln's code a second time costs more than the whole
 * rest of running a small program, so the worker is used only when it is needed:
 * - `--timeout`: only a worker can be stopped while it runs wasm (commands/run.ts);
 * - a deep wasm call stack: generated code uses the JS stack for wasm calls, and the main
 *   thread's stack (about 1 MB) holds only a few thousand frames, whereas
 *   `--max-call-depth` (default 100,000) promises "call stack exhausted" only at that depth;
 * - deeply nested blocks, which make deeply nested generated JS.
 *
 * The call depth is bounded statically. Calls go along the call graph: `call` edges, and
 * for `call_indirect` an edge to every function of the same type (structurally: the type
 * check of call_indirect traps otherwise) that can be in a table, i.e. that is referenced
 * outside function bodies (spec C.refs). Imported functions are leaves (WASI's never call
 * back into wasm). If the graph has no cycle, the deepest stack is its heaviest path;
 * otherwise it is bounded only by --max-call-depth frames of the heaviest function. Each
 * frame is charged generously for its locals and operand stack slots (at most one per
 * instruction), so the estimate errs towards the worker.
 */

import { OP } from '../formats/wasm/opcodes.js';
import { InstrCursor } from '../formats/wasm/code-body.js';
import type { Module } from '../formats/wasm/types.js';
import { declaredFuncRefs, buildModuleInfo } from '../compiler/validate/index.js';

/** stack bytes the main thread may spend on wasm frames (V8's limit there is about 984 KiB) */
export const MAIN_THREAD_STACK_BUDGET = 256 * 1024;
/** block nesting the main thread compiles comfortably (V8's parser recurses per level) */
export const MAIN_THREAD_MAX_NESTING = 1000;

const FRAME_BYTES = 512;
const SLOT_BYTES = 16;

export interface StackNeeds {
  /** estimated stack bytes of the deepest possible wasm call chain */
  bytes: number;
  /** deepest block nesting in any function */
  nesting: number;
}

interface FuncFacts {
  /** estimated stack bytes of one frame */
  cost: number;
  /** functions called directly (may repeat), then "any function in a table of type t" nodes */
  callees: number[];
  /** canonical type ids this function's call_indirects use */
  indirectTypes: number[];
}

const cursor = new InstrCursor(false);

/** one id per distinct function type (type indices with equal params and results share it) */
function canonicalTypes(m: Module): number[] {
  const ids = new Map<string, number>();
  return m.types.map((t) => {
    const key = `${t.params.join(',')}:${t.results.join(',')}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  });
}

function factsOf(m: Module, index: number, nImported: number, typeIds: readonly number[]): FuncFacts & { nesting: number } {
  const code = m.codes[index - nImported];
  const callees: number[] = [];
  const indirectTypes: number[] = [];
  let slots = 0;
  let depth = 0;
  let nesting = 0;
  if (code !== undefined) {
    for (const g of code.locals) slots += g.count;
    slots += m.types[m.funcs[index - nImported] as number]?.params.length ?? 0;
    cursor.reset(code);
    while (cursor.next()) {
      const op = cursor.ins.op;
      slots++;
      if (op === OP.call) callees.push(cursor.ins.a);
      else if (op === OP.call_indirect) indirectTypes.push(typeIds[cursor.ins.a] as number);
      else if (op === OP.block || op === OP.loop || op === OP.if) nesting = Math.max(nesting, ++depth);
      else if (op === OP.end) depth--;
    }
  }
  return { cost: FRAME_BYTES + SLOT_BYTES * slots, callees, indirectTypes, nesting };
}

/** How much stack the module's wasm calls can need, with `maxCallDepth` as the last resort bound. */
export function stackNeeds(m: Module, maxCallDepth: number): StackNeeds {
  const info = buildModuleInfo(m);
  const nImported = info.imported.funcs;
  const total = info.funcTypeIdx.length;
  const typeIds = canonicalTypes(m);
  const refs = declaredFuncRefs(m, info);
  const facts: FuncFacts[] = [];
  let nesting = 0;
  let heaviest = 0;
  for (let f = 0; f < total; f++) {
    const ff = f < nImported ? { cost: 0, callees: [], indirectTypes: [], nesting: 0 } : factsOf(m, f, nImported, typeIds);
    facts.push(ff);
    nesting = Math.max(nesting, ff.nesting);
    heaviest = Math.max(heaviest, ff.cost);
  }
  // one node per function type stands for "any function of this type in a table":
  // call_indirect calls it, and it calls each of them
  const typeNode = new Map<number, number>();
  const nodeOf = (typeId: number): number => {
    let node = typeNode.get(typeId);
    if (node === undefined) {
      typeNode.set(typeId, (node = facts.length));
      facts.push({ cost: 0, callees: [], indirectTypes: [] });
    }
    return node;
  };
  for (let f = 0; f < total; f++) {
    if (refs[f] !== 1) continue;
    const t = typeIds[info.funcTypeIdx[f] as number] as number;
    (facts[nodeOf(t)] as FuncFacts).callees.push(f);
  }
  for (let f = 0; f < total; f++) {
    const ff = facts[f] as FuncFacts;
    for (const t of ff.indirectTypes) ff.callees.push(nodeOf(t));
  }
  const path = heaviestPath(facts);
  const bytes = path === null ? maxCallDepth * heaviest : Math.min(path, maxCallDepth * heaviest);
  return { bytes, nesting };
}

/** heaviest call path of an acyclic call graph, or null when it has a cycle (iterative DFS) */
function heaviestPath(facts: readonly FuncFacts[]): number | null {
  const UNSEEN = -1;
  const ACTIVE = -2;
  const best = new Array<number>(facts.length).fill(UNSEEN);
  const calleesOf = (f: number): readonly number[] => (facts[f] as FuncFacts).callees;
  let max = 0;
  for (let root = 0; root < facts.length; root++) {
    if (best[root] !== UNSEEN) continue;
    const stack: { f: number; next: number; callees: readonly number[]; deepest: number }[] = [];
    best[root] = ACTIVE;
    stack.push({ f: root, next: 0, callees: calleesOf(root), deepest: 0 });
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      if (top.next < top.callees.length) {
        const g = top.callees[top.next++] as number;
        const known = best[g];
        if (known === ACTIVE) return null;
        if (known === UNSEEN) {
          best[g] = ACTIVE;
          stack.push({ f: g, next: 0, callees: calleesOf(g), deepest: 0 });
        } else if (known !== undefined) top.deepest = Math.max(top.deepest, known);
        continue;
      }
      stack.pop();
      const value = (facts[top.f] as FuncFacts).cost + top.deepest;
      best[top.f] = value;
      max = Math.max(max, value);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.deepest = Math.max(parent.deepest, value);
    }
  }
  return max;
}

/** true when the program must run on a worker thread with a stack sized for it */
export function needsWorker(m: Module, maxCallDepth: number): boolean {
  const needs = stackNeeds(m, maxCallDepth);
  return needs.bytes > MAIN_THREAD_STACK_BUDGET || needs.nesting > MAIN_THREAD_MAX_NESTING;
}
