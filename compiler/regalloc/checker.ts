/**
 * The allocation checker: symbolic execution of the allocated function over its CFG. For
 * every location (each class's registers, the spill slots) it tracks the set of vregs whose
 * current value the location holds, in the style of regalloc2's checker (Fallin, "Cranelift,
 * Part 3: Correctness in Register Allocation", 2021). Forward dataflow to a fixed point: a
 * block's entry state is the intersection of its predecessors' exit states (an unvisited
 * predecessor contributes nothing). Transfer of instruction i: edits at point 2i (Move copies
 * the set, Remat puts the constant's vreg), then the checks of the uses, then early defs
 * (the vreg leaves every other location), clobbers (the register holds nothing), defs, then
 * edits at 2i+1. Along an edge each param joins every location that holds its arg. A
 * rematerialisable vreg also has a virtual location holding it and the params bound to it, so
 * a Remat edit yields every vreg equal to the constant.
 *
 * It proves: every Use reads a location holding its vreg (so every value reaching a use is
 * the one its def wrote, along every path, through every move, clobber and param binding);
 * Fixed operands are in their register; a Reuse def shares its input's register; Reg operands
 * are in allocatable registers, only Any operands in slots; no operand is in a scratch
 * register; defs and early defs of one instruction do not share a register, nor early defs
 * with uses; edits name real registers and slots, Remat edits name rematerialisable
 * instructions, and no edit follows a terminator. It throws a KilnError naming the
 * instruction, the operand and what the location held.
 */

import { Allocation, Constraint, EditKind, OpKind, isSlot, slotOf, type MachFunc, type RegClassId, type RegEnv } from './mach.js';
import { checkError } from './errors.js';

type VSet = readonly number[];
const EMPTY: VSet = [];

export function checkAllocation(f: MachFunc, env: RegEnv, out: Allocation): void {
  new Checker(f, env, out).run();
}

class Checker {
  private readonly nLoc: number;
  private readonly rematLoc: Int32Array;
  private readonly entry: (VSet[] | null)[];
  private readonly editFirst: Int32Array;
  private readonly allocMask: [number, number];

  constructor(
    private readonly f: MachFunc,
    private readonly env: RegEnv,
    private readonly out: Allocation,
  ) {
    // one virtual location per rematerialisable vreg: the vregs equal to its constant (itself,
    // and params bound to it), which a Remat edit of its instruction puts in a register
    this.rematLoc = new Int32Array(f.vregCount).fill(-1);
    let n = 64 + out.spillSlots;
    for (let v = 0; v < f.vregCount; v++) if (f.vregRemat[v] >= 0) this.rematLoc[v] = n++;
    this.nLoc = n;
    this.entry = new Array<VSet[] | null>(f.blockCount).fill(null);
    this.allocMask = [mask(env.allocatable[0]), mask(env.allocatable[1])];
    const points = 2 * f.instCount;
    this.editFirst = new Int32Array(points + 1);
    let prev = -1;
    for (let e = 0; e < out.editCount; e++) {
      const p = out.editPoint[e];
      if (p < prev) throw checkError(`edit ${e} at point ${p} comes after an edit at point ${prev} (edits must be sorted)`);
      if (p < 0 || p >= points) throw checkError(`edit ${e} is at point ${p}, outside the function`);
      prev = p;
      this.editFirst[p + 1]++;
    }
    for (let p = 0; p < points; p++) this.editFirst[p + 1] += this.editFirst[p];
  }

  run(): void {
    const f = this.f;
    const work: number[] = [0];
    const queued = new Uint8Array(f.blockCount);
    queued[0] = 1;
    const start = new Array<VSet>(this.nLoc).fill(EMPTY);
    for (let v = 0; v < f.vregCount; v++) if (this.rematLoc[v] >= 0) start[this.rematLoc[v]] = [v];
    this.entry[0] = start;
    while (work.length > 0) {
      const b = work.shift() as number;
      queued[b] = 0;
      const state = (this.entry[b] as VSet[]).slice();
      for (let i = f.blockFirst[b]; i < f.blockEnd[b]; i++) this.inst(state, i);
      for (let e = f.blockSuccStart[b]; e < f.blockSuccStart[b] + f.blockSuccCount[b]; e++) {
        const t = f.edgeTarget[e];
        if (this.meet(t, this.bindParams(state, e)) && queued[t] === 0) {
          queued[t] = 1;
          work.push(t);
        }
      }
    }
  }

  /** the state after the edge: each param joins the locations of its arg */
  private bindParams(state: VSet[], e: number): VSet[] {
    const f = this.f;
    const t = f.edgeTarget[e];
    const n = f.edgeArgCount[e];
    const next = state.slice();
    for (let k = 0; k < n; k++) kill(next, f.paramPool[f.blockParamStart[t] + k]);
    for (let k = 0; k < n; k++) {
      const a = f.edgeArgPool[f.edgeArgStart[e] + k];
      const p = f.paramPool[f.blockParamStart[t] + k];
      for (let l = 0; l < next.length; l++) if (state[l].includes(a)) next[l] = add(next[l], p);
    }
    return next;
  }

  /** intersect into the entry state of t; true when it changed */
  private meet(t: number, s: VSet[]): boolean {
    const cur = this.entry[t];
    if (cur === null) {
      this.entry[t] = s;
      return true;
    }
    let changed = false;
    for (let l = 0; l < cur.length; l++) {
      const x = intersect(cur[l], s[l]);
      if (x.length !== cur[l].length) {
        cur[l] = x;
        changed = true;
      }
    }
    return changed;
  }

  private inst(state: VSet[], i: number): void {
    const f = this.f;
    this.edits(state, 2 * i, i);
    const o0 = f.instOpStart[i];
    const n = f.instOpCount[i];
    for (let k = 0; k < n; k++) this.operandShape(i, k);
    for (let k = 0; k < n; k++) {
      const o = o0 + k;
      if (f.opKind[o] !== OpKind.Use) continue;
      const v = f.opVreg[o];
      const l = this.loc(f.vregClass[v], this.out.opAlloc[o]);
      if (!state[l].includes(v)) {
        throw checkError(`instruction ${i} operand ${k} (use of v${v}) reads ${this.name(f.vregClass[v], this.out.opAlloc[o])}, which holds ${show(state[l])}`);
      }
    }
    this.writes(state, i, OpKind.EarlyDef);
    for (let c = 0; c < 2; c++) {
      let m = f.instClobber[c as RegClassId][i];
      while (m !== 0) {
        const bit = m & -m;
        m ^= bit;
        state[c * 32 + 31 - Math.clz32(bit)] = EMPTY;
      }
    }
    this.writes(state, i, OpKind.Def);
    if ((f.instFlags[i] & 1) !== 0 && this.editFirst[2 * i + 2] !== this.editFirst[2 * i + 1]) {
      throw checkError(`edit ${this.editFirst[2 * i + 1]} comes after terminator ${i} and never executes`);
    }
    this.edits(state, 2 * i + 1, i);
  }

  /** defs (or early defs) of instruction i: distinct locations, then each vreg moves there */
  private writes(state: VSet[], i: number, kind: number): void {
    const f = this.f;
    const o0 = f.instOpStart[i];
    const n = f.instOpCount[i];
    for (let k = 0; k < n; k++) {
      const o = o0 + k;
      if (f.opKind[o] !== kind) continue;
      const cls = f.vregClass[f.opVreg[o]];
      const a = this.out.opAlloc[o];
      for (let q = 0; q < n; q++) {
        const o2 = o0 + q;
        if (q === k || f.vregClass[f.opVreg[o2]] !== cls || this.out.opAlloc[o2] !== a) continue;
        const k2 = f.opKind[o2];
        if (k2 === OpKind.Use ? kind === OpKind.EarlyDef : q < k || k2 !== kind) {
          const what = k2 === OpKind.Use ? 'a use' : 'another def';
          throw checkError(`instruction ${i} operand ${k} (def of v${f.opVreg[o]}) shares ${this.name(cls, a)} with operand ${q} (${what})`);
        }
      }
    }
    for (let k = 0; k < n; k++) {
      const o = o0 + k;
      if (f.opKind[o] !== kind) continue;
      const v = f.opVreg[o];
      kill(state, v);
      if (this.rematLoc[v] >= 0) state[this.rematLoc[v]] = add(state[this.rematLoc[v]], v);
      state[this.loc(f.vregClass[v], this.out.opAlloc[o])] = [v];
    }
  }

  /** the allocation of operand k of instruction i obeys its constraint */
  private operandShape(i: number, k: number): void {
    const f = this.f;
    const o = f.instOpStart[i] + k;
    const v = f.opVreg[o];
    const cls = f.vregClass[v] as RegClassId;
    const a = this.out.opAlloc[o];
    const c = f.opConstraint[o];
    const at = `instruction ${i} operand ${k} (v${v})`;
    if (isSlot(a)) {
      if (slotOf(a) >= this.out.spillSlots) throw checkError(`${at} is in slot ${slotOf(a)}, but the function has ${this.out.spillSlots} slots`);
      if (c !== Constraint.Any) throw checkError(`${at} is in slot ${slotOf(a)} but needs a register`);
      return;
    }
    if (a >= 32) throw checkError(`${at} is in register ${a}, which does not exist`);
    if (a === this.env.scratch[cls]) throw checkError(`${at} is in the scratch register ${this.env.regName(cls, a)}`);
    if (c === Constraint.Fixed) {
      if (a !== f.opFixed[o]) throw checkError(`${at} must be in ${this.env.regName(cls, f.opFixed[o])} but is in ${this.env.regName(cls, a)}`);
      return;
    }
    if (c === Constraint.Reuse) {
      const src = f.instOpStart[i] + f.opFixed[o];
      if (this.out.opAlloc[src] !== a) {
        throw checkError(`${at} must reuse the register of operand ${f.opFixed[o]} (${this.name(cls, this.out.opAlloc[src])}) but is in ${this.name(cls, a)}`);
      }
      if (f.opConstraint[src] === Constraint.Fixed) return;
    }
    if (((this.allocMask[cls] >>> a) & 1) === 0) throw checkError(`${at} is in ${this.env.regName(cls, a)}, which is not allocatable`);
  }

  private edits(state: VSet[], point: number, i: number): void {
    const out = this.out;
    for (let e = this.editFirst[point]; e < this.editFirst[point + 1]; e++) {
      const cls = out.editClass[e] as RegClassId;
      if (cls !== 0 && cls !== 1) throw checkError(`edit ${e} has register class ${cls}`);
      const to = this.editLoc(e, cls, out.editTo[e]);
      if (out.editKind[e] === EditKind.Move) {
        state[to] = state[this.editLoc(e, cls, out.editFrom[e])];
      } else if (out.editKind[e] === EditKind.Remat) {
        const j = out.editFrom[e];
        const v = this.rematVreg(j);
        if (v < 0 || this.f.vregClass[v] !== cls) throw checkError(`edit ${e} before instruction ${i} rematerialises instruction ${j}, which defines no rematerialisable ${cls === 0 ? 'integer' : 'float'} value`);
        if (isSlot(out.editTo[e])) throw checkError(`edit ${e} rematerialises into a slot`);
        state[to] = state[this.rematLoc[v]];
      } else {
        throw checkError(`edit ${e} has unknown kind ${out.editKind[e]}`);
      }
    }
  }

  private rematVreg(j: number): number {
    const f = this.f;
    if (j < 0 || j >= f.instCount) return -1;
    for (let o = f.instOpStart[j]; o < f.instOpStart[j] + f.instOpCount[j]; o++) {
      const v = f.opVreg[o];
      if (f.opKind[o] !== OpKind.Use && f.vregRemat[v] === j) return v;
    }
    return -1;
  }

  private editLoc(e: number, cls: number, a: number): number {
    if (isSlot(a)) {
      if (slotOf(a) >= this.out.spillSlots) throw checkError(`edit ${e} names slot ${slotOf(a)}, but the function has ${this.out.spillSlots} slots`);
    } else if (a >= 32) {
      throw checkError(`edit ${e} names register ${a}, which does not exist`);
    }
    return this.loc(cls, a);
  }

  private loc(cls: number, a: number): number {
    return isSlot(a) ? 64 + slotOf(a) : cls * 32 + a;
  }

  private name(cls: number, a: number): string {
    return isSlot(a) ? `slot ${slotOf(a)}` : this.env.regName(cls as RegClassId, a);
  }
}

function kill(state: VSet[], v: number): void {
  for (let l = 0; l < state.length; l++) {
    const s = state[l];
    if (s.length !== 0 && s.includes(v)) state[l] = s.filter((x) => x !== v);
  }
}

function add(s: VSet, v: number): VSet {
  return s.includes(v) ? s : [...s, v].sort((a, b) => a - b);
}

function intersect(a: VSet, b: VSet): VSet {
  if (a.length === 0 || a === b) return a;
  if (b.length === 0) return EMPTY;
  return a.filter((x) => b.includes(x));
}

function show(s: VSet): string {
  return s.length === 0 ? 'nothing' : s.map((v) => `v${v}`).join(', ');
}

function mask(regs: readonly number[]): number {
  let m = 0;
  for (const r of regs) m |= 1 << r;
  return m;
}
