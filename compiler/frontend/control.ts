/**
 * Structured control (spec §2.4.8, §4.4.8) as IR blocks:
 * - `block`: no IR block of its own; its end is a merge block only when something branches to it.
 * - `loop`: a header block with params for the loop's params and the locals it assigns; a branch
 *   to the loop jumps to the header.
 * - `if`: `brif` to a then block and an else block (placed when `else` or `end` is reached; an if
 *   without else gets an else block that falls through to the end).
 * - `br` / `br_if` / `br_table`: `jump` / `brif` (to the target and a continuation block) /
 *   `br_table`; a branch to the function's own label is a `return` (through a small block for
 *   the conditional forms).
 * - `return`, `unreachable` (`trap unreachable`): code after them is skipped until the enclosing
 *   construct ends (translator.ts, `reachable`).
 * Handlers are registered in a table by wasm opcode (dispatch.ts).
 */

import { OP } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import { NO } from '../ir/func.js';
import { TrapCode } from '../ir/traps.js';
import type { Type } from '../ir/types.js';
import { Kind, type Translator } from './translator.js';

type Handler = (t: Translator, ins: Instr) => void;

function block(t: Translator, ins: Instr): void {
  const bt = t.blockType(ins.a);
  t.pushFrame(Kind.Block, NO, ins.a, bt.params.length, bt.results.length);
}

function loop(t: Translator, ins: Instr): void {
  const bt = t.blockType(ins.a);
  const f = t.f;
  const nP = bt.params.length;
  const loopIdx = t.loopCount++;
  const header = t.newBlock();
  // params: the loop's params, then the locals the loop assigns
  const varStart = t.loopVarsLen;
  for (let l = 0; l < t.nLocals; l++) {
    if (!t.loopLocals.assigns(loopIdx, l)) continue;
    if (t.loopVarsLen >= t.loopVars.length) {
      const bigger = new Int32Array(t.loopVars.length * 2);
      bigger.set(t.loopVars);
      t.loopVars = bigger;
    }
    t.loopVars[t.loopVarsLen++] = l;
  }
  const nVars = t.loopVarsLen - varStart;
  const c = t.jumpCall();
  f.setBlockCall(c, header, nP + nVars);
  for (let k = 0; k < nP; k++) {
    const v = t.stack[t.sp - nP + k] as number;
    f.setCallArg(c, k, v);
    t.stack[t.sp - nP + k] = f.addBlockParam(header, f.valueType[v] as Type);
  }
  for (let k = 0; k < nVars; k++) {
    const l = t.loopVars[varStart + k] as number;
    f.setCallArg(c, nP + k, t.cur[l] as number);
    t.setLocal(l, f.addBlockParam(header, t.localType[l] as Type));
  }
  t.b.switchTo(header);
  t.interruptCheck();
  const d = t.pushFrame(Kind.Loop, header, ins.a, nP, bt.results.length);
  t.cSnap[d] = varStart;
  t.cAux[d] = nVars;
}

function iff(t: Translator, ins: Instr): void {
  const bt = t.blockType(ins.a);
  const cond = t.pop();
  const f = t.f;
  const thenB = t.newBlock();
  const elseB = f.newBlock(); // placed at `else` / `end`
  const c = t.brifCalls(cond);
  f.setBlockCall(c, thenB, 0);
  f.setBlockCall(c + 1, elseB, 0);
  const nP = bt.params.length;
  const d = t.pushFrame(Kind.If, elseB, ins.a, nP, bt.results.length);
  t.cSnap[d] = t.snapshot(nP, t.logLen);
  t.b.switchTo(thenB);
}

/** leave the then arm of if frame d and enter its else arm */
function enterElse(t: Translator, d: number): void {
  if (t.reachable) t.bindCall(t.jumpCall(), d, -1);
  const elseB = t.cBlock[d] as number;
  t.f.placeBlock(elseB);
  t.b.switchTo(elseB);
  const nP = t.cParams[d] as number;
  const s = t.cSnap[d] as number;
  t.sp = t.cHeight[d] as number;
  for (let k = 0; k < nP; k++) t.push(t.snap[s + k] as number);
  t.restoreLocals(t.cLog[d] as number);
  t.cAux[d] = 1;
  t.reachable = true;
}

function elseArm(t: Translator): void {
  enterElse(t, t.depth - 1);
}

function end(t: Translator): void {
  const d = t.depth - 1;
  const kind = t.cKind[d];
  if (kind === Kind.Func) {
    if (t.reachable) t.ret(t.cResults[d] as number);
    t.depth--;
    t.reachable = false;
    return;
  }
  if (kind === Kind.If && t.cAux[d] === 0) enterElse(t, d);
  if (kind === Kind.Loop) {
    t.loopVarsLen = t.cSnap[d] as number;
    if (!t.reachable) t.sp = t.cHeight[d] as number;
  } else t.merge(d);
  t.depth--;
}

/** a return block for a conditional branch to the function's label: `blockN: return vals` */
function returnBlock(t: Translator, n: number): number {
  const here = t.b.block;
  const r = t.newBlock();
  t.b.switchTo(r);
  t.ret(n);
  t.b.switchTo(here);
  return r;
}

function br(t: Translator, ins: Instr): void {
  const d = t.frameOf(ins.a);
  if (t.cKind[d] === Kind.Func) t.ret(t.arity(d));
  else t.bindCall(t.jumpCall(), d, -1);
  t.unreachableNow();
}

function brIf(t: Translator, ins: Instr): void {
  const cond = t.pop();
  const d = t.frameOf(ins.a);
  const c = t.brifCalls(cond);
  if (t.cKind[d] === Kind.Func) t.f.setBlockCall(c, returnBlock(t, t.arity(d)), 0);
  else t.bindCall(c, d, -1);
  const cont = t.newBlock();
  t.f.setBlockCall(c + 1, cont, 0);
  t.b.switchTo(cont);
}

function brTable(t: Translator, ins: Instr): void {
  const index = t.pop();
  const labels = ins.x as number[];
  const n = labels.length + 1;
  // one snapshot serves every forward target: it starts at the outermost target's log position
  let from = t.logLen;
  for (let k = 0; k < n; k++) {
    const d = t.frameOf(k < labels.length ? (labels[k] as number) : ins.a);
    if (t.cKind[d] !== Kind.Loop && t.cKind[d] !== Kind.Func) from = Math.min(from, t.cLog[d] as number);
  }
  const c = t.brTableCalls(index, n);
  let snap = -1;
  let ret = NO;
  for (let k = 0; k < n; k++) {
    const d = t.frameOf(k < labels.length ? (labels[k] as number) : ins.a);
    if (t.cKind[d] === Kind.Func) {
      if (ret === NO) ret = returnBlock(t, t.arity(d));
      t.f.setBlockCall(c + k, ret, 0);
    } else snap = t.bindCall(c + k, d, snap, from);
  }
  t.unreachableNow();
}

function ret(t: Translator): void {
  t.ret(t.cResults[0] as number);
  t.unreachableNow();
}

function unreachable(t: Translator): void {
  t.b.trap(TrapCode.Unreachable);
  t.unreachableNow();
}

function select(t: Translator): void {
  const c = t.pop();
  const y = t.pop();
  const x = t.pop();
  t.push(t.b.select(t.f.valueType[x] as Type, c, x, y));
}

export function controlHandlers(): [number, Handler][] {
  return [
    [OP.block, block],
    [OP.loop, loop],
    [OP.if, iff],
    [OP.else, elseArm],
    [OP.end, end],
    [OP.br, br],
    [OP.br_if, brIf],
    [OP.br_table, brTable],
    [OP.return, ret],
    [OP.unreachable, unreachable],
    [OP.nop, () => {}],
    [OP.drop, (t) => void t.pop()],
    [OP.select, select],
    [OP.select_t, select],
  ];
}
