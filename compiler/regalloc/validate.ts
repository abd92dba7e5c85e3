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
  for (let p = 0; p < f.paramPoolLen; p++) countDef(f, f.paramPool[p] as number, defCount, 'a block param');
  for (let o = 0; o < f.opCount; o++) {
    if ((f.opKind[o] as number) !== OpKind.Use) countDef(f, f.opVreg[o] as number, defCount, `operand ${o}`);
  }
  validateEdges(f);
}

function countDef(f: MachFunc, v: number, defCount: Int32Array, where: string): void {
  if (v < 0 || v >= f.vregCount) throw regallocError(`${where} names v${v}, which does not exist`);
  if (defCount[v]++ !== 0) throw regallocError(`v${v} is defined twice (again by ${where})`);
}

function validateInst(f: MachFunc, env: RegEnv, i: number): void {
  const start = f.instOpStart[i] as number;
  const n = f.instOpCount[i] as number;
  let useFixed0 = 0;
  let useFixed1 = 0;
  let defFixed0 = 0;
  let defFixed1 = 0;
  for (let k = 0; k < n; k++) {
    const o = start + k;
    const v = f.opVreg[o] as number;
    const at = `instruction ${i} operand ${k}`;
    if (v < 0 || v >= f.vregCount) throw regallocError(`${at} names v${v}, which does not exist`);
    const cls = f.vregClass[v] as number;
    const kind = f.opKind[o] as number;
    const c = f.opConstraint[o] as number;
    if (kind > OpKind.EarlyDef) throw regallocError(`${at} has unknown kind ${kind}`);
    if (c > Constraint.Any) throw regallocError(`${at} has unknown constraint ${c}`);
    if (c === Constraint.Fixed) {
      const r = f.opFixed[o] as number;
      if (r < 0 || r >= MAX_REGS) throw regallocError(`${at} is fixed to register ${r}, which does not exist`);
      if (r === env.scratch[cls as 0 | 1]) throw regallocError(`${at} is fixed to the scratch register ${env.regName(cls as 0 | 1, r)}`);
      // the same register fixed for two different values at one point
      const bit = 1 << r;
      const sameVregEarlier = (want: number): boolean => {
        for (let q = start; q < o; q++) {
          if ((f.opConstraint[q] as number) === Constraint.Fixed && (f.opFixed[q] as number) === r && (f.opVreg[q] as number) === v && want === (f.opKind[q] === OpKind.Use ? 0 : 1)) return true;
        }
        return false;
      };
      if (kind === OpKind.Use) {
        const mask = cls === 0 ? useFixed0 : useFixed1;
        if ((mask & bit) !== 0 && !sameVregEarlier(0)) throw regallocError(`${at}: register ${env.regName(cls as 0 | 1, r)} is fixed for two different uses`);
        if (cls === 0) useFixed0 |= bit;
        else useFixed1 |= bit;
      } else {
        const mask = cls === 0 ? defFixed0 : defFixed1;
        if ((mask & bit) !== 0) throw regallocError(`${at}: register ${env.regName(cls as 0 | 1, r)} is fixed for two defs`);
        if (cls === 0) defFixed0 |= bit;
        else defFixed1 |= bit;
      }
    } else if (c === Constraint.Reuse) {
      const t = f.opFixed[o] as number;
      if (kind !== OpKind.Def) throw regallocError(`${at}: only a Def may have a Reuse constraint`);
      if (t < 0 || t >= n) throw regallocError(`${at} reuses operand ${t}, which does not exist`);
      const to = start + t;
      if ((f.opKind[to] as number) !== OpKind.Use) throw regallocError(`${at} reuses operand ${t}, which is not a Use`);
      if ((f.vregClass[f.opVreg[to] as number] as number) !== cls) throw regallocError(`${at} reuses operand ${t} of another register class`);
      if ((f.opConstraint[to] as number) === Constraint.Reuse) throw regallocError(`${at} reuses operand ${t}, which is itself a Reuse`);
    }
  }
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
