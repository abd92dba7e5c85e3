/**
 * Structural checks of a MachFunc before allocation (mach.ts states the rules): blocks are
 * contiguous, non-empty and end in their only TERM instruction; operands name real vregs;
 * Fixed registers exist and are not the scratch register; Reuse names a Use of the same class;
 * no register is fixed twice for different values at one point; every vreg is defined at most
 * once; edges bind every param with an arg of its class; the CFG has no critical edge. Each
 * broken rule is a KilnError naming the instruction, block or edge.
 */

import { Constraint, OpKind, type MachFunc, type RegEnv } from './mach.js';
import { regallocError } from './errors.js';

/** registers are numbered below this (clobber masks are 32 bits wide) */
export const MAX_REGS = 32;

export function validateMachFunc(f: MachFunc, env: RegEnv, defCount: Int32Array): void {
  if (f.blockCount === 0) throw regallocError('the function has no blocks');
  if (f.blockParamCount[0] !== 0) throw regallocError('block 0 (the entry) has params');
  let expect = 0;
  for (let b = 0; b < f.blockCount; b++) {
    const first = f.blockFirst[b] as number;
    const end = f.blockEnd[b] as number;
    if (first !== expect) throw regallocError(`block ${b} starts at instruction ${first}, expected ${expect}`);
    if (end <= first) throw regallocError(`block ${b} is empty (it needs at least a terminator)`);
    for (let i = first; i < end; i++) {
      const term = ((f.instFlags[i] as number) & 1) !== 0;
      if (term !== (i === end - 1)) {
        throw regallocError(term ? `instruction ${i} is a terminator in the middle of block ${b}` : `block ${b} does not end in a terminator (instruction ${i})`);
      }
      validateInst(f, env, i);
    }
    expect = end;
  }
  if (expect !== f.instCount) throw regallocError(`instructions ${expect}..${f.instCount - 1} belong to no block`);
  defCount.fill(0, 0, f.vregCount);
  for (let p = 0; p < f.paramPoolLen; p++) countDef(f, f.paramPool[p] as number, defCount, -1);
  for (let o = 0; o < f.opCount; o++) {
    if ((f.opKind[o] as number) !== OpKind.Use) countDef(f, f.opVreg[o] as number, defCount, o);
  }
  validateEdges(f);
}

/** count a def of v by operand o (-1: by a block param) */
function countDef(f: MachFunc, v: number, defCount: Int32Array, o: number): void {
  if (v < 0 || v >= f.vregCount) throw regallocError(`${defWhere(o)} names v${v}, which does not exist`);
  if (defCount[v]++ !== 0) throw regallocError(`v${v} is defined twice (again by ${defWhere(o)})`);
}

function defWhere(o: number): string {
  return o < 0 ? 'a block param' : `operand ${o}`;
}

function validateInst(f: MachFunc, env: RegEnv, i: number): void {
  const start = f.instOpStart[i] as number;
  const n = f.instOpCount[i] as number;
  // registers fixed so far in this instruction: uses and defs, class 0 and 1
  let useFixed0 = 0;
  let useFixed1 = 0;
  let defFixed0 = 0;
  let defFixed1 = 0;
  for (let k = 0; k < n; k++) {
    const o = start + k;
    const v = f.opVreg[o] as number;
    if (v < 0 || v >= f.vregCount) throw opError(i, k, `names v${v}, which does not exist`);
    const kind = f.opKind[o] as number;
    const c = f.opConstraint[o] as number;
    if (kind > OpKind.EarlyDef) throw opError(i, k, `has unknown kind ${kind}`);
    if (c === Constraint.Reg || c === Constraint.Any) continue;
    const cls = f.vregClass[v] as number;
    if (c === Constraint.Fixed) {
      const r = f.opFixed[o] as number;
      if (r < 0 || r >= MAX_REGS) throw opError(i, k, `is fixed to register ${r}, which does not exist`);
      if (r === env.scratch[cls as 0 | 1]) throw opError(i, k, `is fixed to the scratch register ${env.regName(cls as 0 | 1, r)}`);
      const bit = 1 << r;
      if (kind === OpKind.Use) {
        const mask = cls === 0 ? useFixed0 : useFixed1;
        // one register fixed for two different values at one point (the same vreg twice is fine)
        if ((mask & bit) !== 0 && !fixedUseEarlier(f, start, o, r, v)) throw opError(i, k, `: register ${env.regName(cls as 0 | 1, r)} is fixed for two different uses`);
        if (cls === 0) useFixed0 |= bit;
        else useFixed1 |= bit;
      } else {
        const mask = cls === 0 ? defFixed0 : defFixed1;
        if ((mask & bit) !== 0) throw opError(i, k, `: register ${env.regName(cls as 0 | 1, r)} is fixed for two defs`);
        if (cls === 0) defFixed0 |= bit;
        else defFixed1 |= bit;
      }
    } else if (c === Constraint.Reuse) {
      const t = f.opFixed[o] as number;
      if (kind !== OpKind.Def) throw opError(i, k, `: only a Def may have a Reuse constraint`);
      if (t < 0 || t >= n) throw opError(i, k, `reuses operand ${t}, which does not exist`);
      const to = start + t;
      if ((f.opKind[to] as number) !== OpKind.Use) throw opError(i, k, `reuses operand ${t}, which is not a Use`);
      if ((f.vregClass[f.opVreg[to] as number] as number) !== cls) throw opError(i, k, `reuses operand ${t} of another register class`);
      if ((f.opConstraint[to] as number) === Constraint.Reuse) throw opError(i, k, `reuses operand ${t}, which is itself a Reuse`);
    } else {
      throw opError(i, k, `has unknown constraint ${c}`);
    }
  }
}

/** "instruction i operand k <what>" (what starts with ':' or a word) */
function opError(i: number, k: number, what: string): Error {
  return regallocError(`instruction ${i} operand ${k}${what.startsWith(':') ? '' : ' '}${what}`);
}

/** is there a Fixed Use of vreg v in register r among operands start..o-1? */
function fixedUseEarlier(f: MachFunc, start: number, o: number, r: number, v: number): boolean {
  for (let q = start; q < o; q++) {
    if ((f.opConstraint[q] as number) === Constraint.Fixed && (f.opFixed[q] as number) === r && (f.opVreg[q] as number) === v && (f.opKind[q] as number) === OpKind.Use) return true;
  }
  return false;
}

function validateEdges(f: MachFunc): void {
  for (let b = 0; b < f.blockCount; b++) {
    const s0 = f.blockSuccStart[b] as number;
    const sn = f.blockSuccCount[b] as number;
    for (let e = s0; e < s0 + sn; e++) {
      const t = f.edgeTarget[e] as number;
      if (t < 0 || t >= f.blockCount) throw regallocError(`block ${b} branches to block ${t}, which does not exist`);
      const n = f.edgeArgCount[e] as number;
      if (n !== (f.blockParamCount[t] as number)) throw regallocError(`edge b${b} -> b${t} passes ${n} args to ${f.blockParamCount[t]} params`);
      const a0 = f.edgeArgStart[e] as number;
      const p0 = f.blockParamStart[t] as number;
      for (let k = 0; k < n; k++) {
        const a = f.edgeArgPool[a0 + k] as number;
        const p = f.paramPool[p0 + k] as number;
        if (a < 0 || a >= f.vregCount) throw regallocError(`edge b${b} -> b${t} arg ${k} names v${a}, which does not exist`);
        if (f.vregClass[a] !== f.vregClass[p]) throw regallocError(`edge b${b} -> b${t} arg ${k} (v${a}) is not of the class of param v${p}`);
      }
      for (let e2 = s0; e2 < e; e2++) {
        if ((f.edgeTarget[e2] as number) !== t) continue;
        for (let k = 0; k < n; k++) {
          if (f.edgeArgPool[a0 + k] !== f.edgeArgPool[(f.edgeArgStart[e2] as number) + k]) throw regallocError(`block ${b} branches twice to block ${t} with different args`);
        }
      }
    }
  }
}
