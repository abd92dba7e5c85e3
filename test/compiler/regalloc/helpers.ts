/**
 * Test helpers for the register allocator: a small fake register environment and a terse
 * builder for MachFuncs.
 */

import { Allocation, Allocator, checkAllocation, Constraint, InstFlag, MachFunc, OpKind, RegClassId, type RegEnv } from '../../../compiler/regalloc/index.js';

/** 4 integer registers r0-r3 (r3 callee-saved, r4 scratch), 4 float registers f0-f3 (f4 scratch) */
export const fakeEnv: RegEnv = {
  allocatable: [
    [0, 1, 2, 3],
    [0, 1, 2, 3],
  ],
  calleeSaved: [[3], []],
  scratch: [4, 4],
  regName: (cls, r) => `${cls === RegClassId.Int ? 'r' : 'f'}${r}`,
};

/** the x86-64 environment the lowering uses (rax=0 ... r15=15; r11 and xmm15 scratch) */
export const x86Env: RegEnv = {
  allocatable: [
    [0, 1, 2, 6, 7, 8, 9, 10, 3, 12, 13, 14, 15],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
  ],
  calleeSaved: [[3, 12, 13, 14, 15], []],
  scratch: [11, 15],
  regName: (cls, r) => (cls === RegClassId.Int ? ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'][r] ?? `r?${r}` : `xmm${r}`),
};

/** operand spec: [vreg, kind, constraint?, fixed?] */
export type Op = readonly [number, OpKind, Constraint?, number?];

export const use = (v: number, c: Constraint = Constraint.Reg, fixed = -1): Op => [v, OpKind.Use, c, fixed];
export const def = (v: number, c: Constraint = Constraint.Reg, fixed = -1): Op => [v, OpKind.Def, c, fixed];
export const early = (v: number, c: Constraint = Constraint.Reg, fixed = -1): Op => [v, OpKind.EarlyDef, c, fixed];
export const fixedUse = (v: number, r: number): Op => use(v, Constraint.Fixed, r);
export const fixedDef = (v: number, r: number): Op => def(v, Constraint.Fixed, r);
export const reuse = (v: number, operand: number): Op => def(v, Constraint.Reuse, operand);
export const anyUse = (v: number): Op => use(v, Constraint.Any);

/** a MachFunc under construction */
export class Fn {
  readonly m = new MachFunc();

  vregs(n: number, cls: RegClassId = RegClassId.Int): number[] {
    return Array.from({ length: n }, () => this.m.newVreg(cls));
  }

  block(params: readonly number[] = []): number {
    return this.m.beginBlock(params);
  }

  inst(ops: readonly Op[], flags = 0, clobber: readonly [number, number] = [0, 0]): number {
    const i = this.m.inst(flags);
    for (const [v, k, c, fx] of ops) this.m.operand(v, k, c ?? Constraint.Reg, fx ?? -1);
    if (clobber[0] !== 0) this.m.clobber(RegClassId.Int, clobber[0]);
    if (clobber[1] !== 0) this.m.clobber(RegClassId.Float, clobber[1]);
    return i;
  }

  /** a rematerialisable constant: one Def, no use */
  konst(v: number): number {
    const i = this.inst([def(v)]);
    this.m.vregRemat[v] = i;
    return i;
  }

  move(dst: number, src: number): number {
    return this.inst([def(dst), use(src)], InstFlag.MOVE);
  }

  jump(target: number, args: readonly number[] = []): void {
    this.inst([], InstFlag.TERM);
    this.m.succ(target, args);
  }

  branch(cond: number, a: number, aArgs: readonly number[], b: number, bArgs: readonly number[]): void {
    this.inst([use(cond)], InstFlag.TERM);
    this.m.succ(a, aArgs);
    this.m.succ(b, bArgs);
  }

  ret(ops: readonly Op[] = []): void {
    this.inst(ops, InstFlag.TERM);
  }
}

const allocator = new Allocator();

/** allocate and check; returns the allocation and the stats */
export function run(f: MachFunc, env: RegEnv = fakeEnv): { out: Allocation; stats: Allocator['stats'] } {
  const out = new Allocation();
  allocator.allocate(f, env, out);
  checkAllocation(f, env, out);
  return { out, stats: { ...allocator.stats } };
}

/** the operand allocations of instruction i */
export function allocsOf(f: MachFunc, out: Allocation, i: number): number[] {
  const r: number[] = [];
  for (let k = 0; k < f.instOpCount[i]; k++) r.push(out.opAlloc[f.instOpStart[i] + k]);
  return r;
}
