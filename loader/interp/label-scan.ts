/**
 * The JS parser's label work of a module's translation, counted before anything is
 * translated (translation is lazy, per function: compile.ts), so that a module whose
 * branch targets nest too deeply is still refused at instantiation (limits.ts). It follows
 * the translator's rules (codegen.ts): only branch targets get a label (branch-targets.ts);
 * a labelled block or loop and every if open a JS statement; declaring a label costs one
 * step per enclosing statement, a branch one step per statement it leaves, a br_table once
 * per distinct target; unreachable code (after br, br_table, return, unreachable, up to the
 * end or else of its construct) is not translated, so not counted. Splitting large
 * functions (split.ts) only lowers the real figure.
 *
 * Reading a body means decoding it, which a lazy start-up wants to avoid: a body of s bytes
 * cannot cost more than s²/2 steps (at most s/2 labelled constructs, each declared at most
 * s/2 statements deep, and s/2 branch labels, each at most s/2 statements long), so only
 * bodies whose bound is a large share of the limit are read before instantiation.
 */

import { OP } from '../../formats/wasm/opcodes.js';
import type { Instr, Module } from '../../formats/wasm/types.js';
import { branchTargets } from './branch-targets.js';
import { LabelWork } from './limits.js';

/** label work of one body, added to `work` on behalf of function `funcIndex` */
function scanBody(body: readonly Instr[], work: LabelWork, funcIndex: number): void {
  const targets = branchTargets(body);
  /** JS statement depth outside each open construct (the function itself at 0) */
  const outer: number[] = [0];
  /** whether each open construct became a statement */
  const emitted: boolean[] = [false];
  let depth = 0;
  let seq = 0;
  let dead = false;
  let skip = 0;
  const branch = (d: number): void => {
    const i = outer.length - 1 - d;
    if (i > 0) work.add(depth - (outer[i] as number), funcIndex);
  };
  for (const ins of body) {
    const op = ins.op;
    if (dead) {
      if (op === OP.block || op === OP.loop || op === OP.if) {
        skip++;
        seq++;
        continue;
      }
      if (op === OP.end && skip > 0) {
        skip--;
        continue;
      }
      if (op === OP.else && skip > 0) continue;
      if (op !== OP.end && op !== OP.else) continue;
      dead = false;
    }
    switch (op) {
      case OP.block:
      case OP.loop:
      case OP.if: {
        const targeted = targets[seq++] === 1;
        if (targeted) work.add(depth, funcIndex);
        outer.push(depth);
        const e = targeted || op === OP.if;
        emitted.push(e);
        if (e) depth++;
        break;
      }
      case OP.end:
        outer.pop();
        if (emitted.pop() === true) depth--;
        break;
      case OP.br:
        branch(ins.a);
        dead = true;
        break;
      case OP.br_if:
        branch(ins.a);
        break;
      case OP.br_table:
        for (const d of new Set([...((ins.x ?? []) as number[]), ins.a])) branch(d);
        dead = true;
        break;
      case OP.return:
      case OP.unreachable:
        dead = true;
        break;
    }
  }
}

const imports = (module: Module): number => module.imports.filter((i) => i.desc.kind === 'func').length;

/** the label work of every function of `module`; throws (LabelWork) once it passes `limit` */
export function countLabelWork(module: Module, limit: number): number {
  const work = new LabelWork(module, limit);
  const imported = imports(module);
  module.codes.forEach((code, k) => scanBody(code.body, work, imported + k));
  return work.steps;
}

/**
 * The label work of the bodies that could pass `limit` on their own share of it: every
 * body whose bound (see above) is over limit / SCAN_SHARE is read now, so that a module with
 * deeply nested branch targets is refused at instantiation; returns the steps counted and the
 * functions (defined-function numbers) read. The others are counted when they are translated
 * (compile.ts), against what is left of the limit.
 */
export function checkLabelWork(module: Module, limit: number): { steps: number; scanned: Set<number> } {
  const work = new LabelWork(module, limit);
  const imported = imports(module);
  const scanned = new Set<number>();
  module.codes.forEach((code, k) => {
    const s = Math.max(code.size, 0);
    // a body of unknown size (built in memory) is always read
    if (s !== 0 && (s * s) / 2 <= limit / SCAN_SHARE) return;
    scanBody(code.body, work, imported + k);
    scanned.add(k);
  });
  return { steps: work.steps, scanned };
}

/** the share of the limit below which a body's bound lets it be counted at translation */
const SCAN_SHARE = 8;

/** the label work of one body (for a function translated lazily), added to `work` */
export function addLabelWork(module: Module, k: number, work: LabelWork): void {
  scanBody((module.codes[k] as (typeof module.codes)[number]).body, work, imports(module) + k);
}
