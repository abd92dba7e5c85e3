/**
 * The machine function: what a target's lowering hands to the target-neutral register
 * allocator, and what the allocator hands back. The allocator never sees an ISA: it sees
 * instructions as lists of operands with constraints, register classes, clobber masks and a
 * CFG whose edges carry block arguments. docs/regalloc.md is the reference.
 *
 * Everything is numbered and held in growable typed arrays (design.md, "Compile speed");
 * `reset()` empties the store and keeps its capacity.
 *
 * Program points: each instruction i has two points, `2*i` (before it: its uses are read and
 * its early defs written there) and `2*i + 1` (after it: its defs are written there). An edit
 * "at point 2*i" executes before instruction i; "at point 2*i + 1" executes after it.
 *
 * Operands:
 * - kind Use: reads the vreg at the early point.
 * - kind Def: writes the vreg at the late point. The register may be one a Use of the same
 *   instruction read (its value is consumed first), or one the instruction clobbers.
 * - kind EarlyDef: writes at the early point, so it never shares a register with a Use of the
 *   same instruction (scratch registers and multi-instruction sequences use it; a scratch
 *   register is an EarlyDef of a fresh vreg that nothing uses).
 * Constraints:
 * - Reg: any allocatable register of the vreg's class.
 * - Fixed: exactly the physical register `opFixed` (of the vreg's class).
 * - Reuse: (Def only) the same register as operand number `opFixed` of the same instruction
 *   (counted from the instruction's first operand), which must be a Use (two-address x86).
 * - Any: a register or a spill slot (for instructions that can read or write memory).
 * Clobbers: `instClobber[c][i]` is a mask of class-c registers that instruction i destroys
 * (calls). A value live across i is never in a clobbered register after i. A Def or a Fixed
 * Def may land in a clobbered register.
 *
 * CFG: blocks are contiguous instruction ranges in layout order; block 0 is the entry. The
 * last instruction of every block is its terminator (flag TERM). Each block lists its
 * successors in the terminator's order, and each successor edge carries argument vregs that
 * bind the successor's params (same count and classes). The input has **no critical edges**
 * (an edge from a block with several successors to a block with several predecessors): the
 * lowering splits them, so the allocator can always place an edge's moves at the end of the
 * predecessor (before its terminator, which then has one successor and reads no vreg) or at
 * the start of the successor (which then has one predecessor). A successor may appear twice
 * in one terminator only when both edges pass the same args.
 * Entry: the function's incoming arguments are Fixed Defs of an instruction at the start of
 * block 0; block 0 has no params.
 */

import { grow } from '../ir/growable.js';

export const RegClassId = { Int: 0, Float: 1 } as const;
export type RegClassId = (typeof RegClassId)[keyof typeof RegClassId];
export const CLASS_COUNT = 2;

export const OpKind = { Use: 0, Def: 1, EarlyDef: 2 } as const;
export type OpKind = (typeof OpKind)[keyof typeof OpKind];

export const Constraint = { Reg: 0, Fixed: 1, Reuse: 2, Any: 3 } as const;
export type Constraint = (typeof Constraint)[keyof typeof Constraint];

/** instruction flags */
export const InstFlag = {
  /** the block's terminator (the last instruction of every block, and only that) */
  TERM: 1,
  /** a copy: exactly one Use (Reg) and one Def (Reg) of the same class; the allocator may
   *  coalesce it away (its allocation then has the same register on both operands) */
  MOVE: 2,
  /** a call: the allocator may prefer callee-saved registers for values live across it */
  CALL: 4,
} as const;

export const NO_REMAT = -1;

/**
 * The machine function store. Lowering fills it with `newVreg`, `beginBlock` (+ `param`),
 * `inst` + `operand` + `clobber`, `succ` (+ `succArg`); the target keeps its own per-instruction payload
 * indexed by the same instruction number.
 */
export class MachFunc {
  /**
   * the function's float-class values are 128 bits wide (it has v128 values): each spilled
   * one takes two 8-byte slots (slots.ts), and the target moves all 128 bits
   */
  wideFloat = false;
  vregCount = 0;
  /** 1 when the vreg holds a 128-bit value (a v128): what a target's stack-slot moves of one value copy */
  vregWide = new Uint8Array(64);
  vregClass = new Uint8Array(64);
  /** instruction that defines a rematerialisable constant (one Def, no Use, no clobber), or -1 */
  vregRemat = new Int32Array(64);
  /**
   * non-zero when the vreg holds a wasm reference (the IR's RefKind: 1 funcref, 2 externref):
   * the allocator reports where such vregs live at every call (Allocation's stack maps)
   */
  vregRef = new Uint8Array(64);

  instCount = 0;
  instOpStart = new Int32Array(64);
  instOpCount = new Int32Array(64);
  instFlags = new Uint8Array(64);
  instClobber: [Uint32Array, Uint32Array] = [new Uint32Array(64), new Uint32Array(64)];

  opCount = 0;
  opVreg = new Int32Array(128);
  opKind = new Uint8Array(128);
  opConstraint = new Uint8Array(128);
  /** Fixed: the physical register; Reuse: the operand index within the instruction; else -1 */
  opFixed = new Int32Array(128);

  blockCount = 0;
  blockFirst = new Int32Array(16);
  /** one past the block's last instruction */
  blockEnd = new Int32Array(16);
  blockParamStart = new Int32Array(16);
  blockParamCount = new Int32Array(16);
  paramPool = new Int32Array(32);
  paramPoolLen = 0;
  blockSuccStart = new Int32Array(16);
  blockSuccCount = new Int32Array(16);

  /** successor edges: target block and a slice of edgeArgPool */
  edgeCount = 0;
  edgeTarget = new Int32Array(32);
  edgeArgStart = new Int32Array(32);
  edgeArgCount = new Int32Array(32);
  edgeArgPool = new Int32Array(64);
  edgeArgPoolLen = 0;

  reset(): void {
    this.wideFloat = false;
    this.vregCount = 0;
    this.instCount = 0;
    this.opCount = 0;
    this.blockCount = 0;
    this.paramPoolLen = 0;
    this.edgeCount = 0;
    this.edgeArgPoolLen = 0;
  }

  newVreg(cls: RegClassId): number {
    const v = this.vregCount++;
    if (v >= this.vregClass.length || v >= this.vregRemat.length || v >= this.vregRef.length || v >= this.vregWide.length) {
      this.vregClass = grow(this.vregClass, v + 1);
      this.vregRemat = grow(this.vregRemat, v + 1);
      this.vregRef = grow(this.vregRef, v + 1);
      this.vregWide = grow(this.vregWide, v + 1);
    }
    this.vregClass[v] = cls;
    this.vregRemat[v] = NO_REMAT;
    this.vregRef[v] = 0;
    this.vregWide[v] = 0;
    return v;
  }

  /** vreg v holds a wasm reference of kind `kind` (1 funcref, 2 externref) */
  markRef(v: number, kind: number): void {
    this.vregRef[v] = kind;
  }

  /**
   * open a new block (after closing the previous one's terminator) with `params`, or none and
   * then `param` for each; returns its number
   */
  beginBlock(params: readonly number[] = []): number {
    const b = this.blockCount++;
    if (b >= this.blockFirst.length) {
      // the block arrays grow together (blockFirst's length is theirs)
      this.blockFirst = grow(this.blockFirst, b + 1);
      this.blockEnd = grow(this.blockEnd, b + 1);
      this.blockParamStart = grow(this.blockParamStart, b + 1);
      this.blockParamCount = grow(this.blockParamCount, b + 1);
      this.blockSuccStart = grow(this.blockSuccStart, b + 1);
      this.blockSuccCount = grow(this.blockSuccCount, b + 1);
    }
    this.blockFirst[b] = this.instCount;
    this.blockEnd[b] = this.instCount;
    this.blockParamStart[b] = this.paramPoolLen;
    this.blockParamCount[b] = 0;
    for (let k = 0; k < params.length; k++) this.param(params[k]!);
    this.blockSuccStart[b] = this.edgeCount;
    this.blockSuccCount[b] = 0;
    return b;
  }

  /** append a param to the block just begun (before its first instruction) */
  param(vreg: number): void {
    if (this.paramPoolLen >= this.paramPool.length) this.paramPool = grow(this.paramPool, this.paramPoolLen + 1);
    this.paramPool[this.paramPoolLen++] = vreg;
    this.blockParamCount[this.blockCount - 1]++;
  }

  /** start instruction number `instCount` in the current block; add operands, then `endInst` */
  inst(flags = 0): number {
    const i = this.instCount++;
    if (i >= this.instOpStart.length) this.growInsts(i + 1);
    this.instOpStart[i] = this.opCount;
    this.instOpCount[i] = 0;
    this.instFlags[i] = flags;
    this.instClobber[0][i] = 0;
    this.instClobber[1][i] = 0;
    this.blockEnd[this.blockCount - 1] = i + 1;
    return i;
  }

  /** add an operand to the instruction being built; returns its index within the instruction */
  operand(vreg: number, kind: OpKind, constraint: Constraint = Constraint.Reg, fixed = -1): number {
    const o = this.opCount++;
    if (o >= this.opVreg.length) this.growOps(o + 1);
    this.opVreg[o] = vreg;
    this.opKind[o] = kind;
    this.opConstraint[o] = constraint;
    this.opFixed[o] = fixed;
    const i = this.instCount - 1;
    return this.instOpCount[i]++;
  }

  /** the instruction arrays grow together (instOpStart's length is theirs) */
  private growInsts(need: number): void {
    this.instOpStart = grow(this.instOpStart, need);
    this.instOpCount = grow(this.instOpCount, need);
    this.instFlags = grow(this.instFlags, need);
    this.instClobber[0] = grow(this.instClobber[0], need);
    this.instClobber[1] = grow(this.instClobber[1], need);
  }

  /** the operand arrays grow together (opVreg's length is theirs) */
  private growOps(need: number): void {
    this.opVreg = grow(this.opVreg, need);
    this.opKind = grow(this.opKind, need);
    this.opConstraint = grow(this.opConstraint, need);
    this.opFixed = grow(this.opFixed, need);
  }

  clobber(cls: RegClassId, mask: number): void {
    const i = this.instCount - 1;
    this.instClobber[cls][i] |= mask;
  }

  /** add a successor edge to the current block's terminator, with its argument vregs (or none and then `succArg` for each) */
  succ(target: number, args: readonly number[] = []): void {
    const e = this.edgeCount++;
    if (e >= this.edgeTarget.length) {
      this.edgeTarget = grow(this.edgeTarget, e + 1);
      this.edgeArgStart = grow(this.edgeArgStart, e + 1);
      this.edgeArgCount = grow(this.edgeArgCount, e + 1);
    }
    this.edgeTarget[e] = target;
    this.edgeArgStart[e] = this.edgeArgPoolLen;
    this.edgeArgCount[e] = 0;
    for (let k = 0; k < args.length; k++) this.succArg(args[k]!);
    this.blockSuccCount[this.blockCount - 1]++;
  }

  /** append an argument to the edge added last */
  succArg(vreg: number): void {
    if (this.edgeArgPoolLen >= this.edgeArgPool.length) this.edgeArgPool = grow(this.edgeArgPool, this.edgeArgPoolLen + 1);
    this.edgeArgPool[this.edgeArgPoolLen++] = vreg;
    this.edgeArgCount[this.edgeCount - 1]++;
  }
}

/**
 * Allocation encoding (`Alloc`): a value >= 0 is a physical register number of the operand's
 * class; a value < 0 is spill slot `-(alloc + 1)`. Slots are 8 bytes, numbered from 0, and
 * shared by both classes.
 */
export type Alloc = number;
export const slotAlloc = (slot: number): Alloc => -(slot + 1);
export const isSlot = (a: Alloc): boolean => a < 0;
export const slotOf = (a: Alloc): number => -(a + 1);

export const EditKind = { Move: 0, Remat: 1 } as const;
export type EditKind = (typeof EditKind)[keyof typeof EditKind];

/**
 * The allocator's result. `opAlloc[o]` is the allocation of operand o (global operand
 * numbering, as in MachFunc). Edits are sorted by point and execute in list order at the same
 * point (the allocator has already sequenced parallel moves, using the class's scratch
 * register for cycles and slot-to-slot moves). A Move copies `from` to `to` (class `cls`); a
 * Remat re-executes instruction `from` (a rematerialisable constant) with its Def placed in
 * register `to`. Moves whose from and to are equal are never emitted.
 */
export class Allocation {
  opAlloc = new Int32Array(128);
  editCount = 0;
  editPoint = new Int32Array(64);
  editKind = new Uint8Array(64);
  editClass = new Uint8Array(64);
  editFrom = new Int32Array(64);
  editTo = new Int32Array(64);
  spillSlots = 0;

  /**
   * Stack maps: for each call instruction `mapInst[k]` across which vregs holding references
   * (MachFunc.vregRef) live, where they are during the call — `mapLen[k]` entries from
   * `mapStart[k]` in mapLoc (an Alloc: a callee-saved register or a spill slot) and mapKind
   * (the RefKind). Calls with no live reference have no entry. Sorted by instruction.
   */
  mapCount = 0;
  mapInst = new Int32Array(16);
  mapStart = new Int32Array(16);
  mapLen = new Int32Array(16);
  mapPoolLen = 0;
  mapLoc = new Int32Array(32);
  mapKind = new Uint8Array(32);

  reset(opCount: number): void {
    this.opAlloc = grow(this.opAlloc, opCount);
    this.editCount = 0;
    this.spillSlots = 0;
    this.mapCount = 0;
    this.mapPoolLen = 0;
  }

  /** start the stack map of call instruction `inst` */
  beginMap(inst: number): void {
    const k = this.mapCount++;
    if (k >= this.mapInst.length) {
      this.mapInst = grow(this.mapInst, k + 1);
      this.mapStart = grow(this.mapStart, k + 1);
      this.mapLen = grow(this.mapLen, k + 1);
    }
    this.mapInst[k] = inst;
    this.mapStart[k] = this.mapPoolLen;
    this.mapLen[k] = 0;
  }

  /** add a reference location to the map begun last */
  mapEntry(loc: Alloc, kind: number): void {
    const e = this.mapPoolLen++;
    if (e >= this.mapLoc.length) {
      this.mapLoc = grow(this.mapLoc, e + 1);
      this.mapKind = grow(this.mapKind, e + 1);
    }
    this.mapLoc[e] = loc;
    this.mapKind[e] = kind;
    this.mapLen[this.mapCount - 1]++;
  }

  addEdit(point: number, kind: EditKind, cls: RegClassId, from: number, to: number): void {
    const e = this.editCount++;
    if (e >= this.editPoint.length) {
      this.editPoint = grow(this.editPoint, e + 1);
      this.editKind = grow(this.editKind, e + 1);
      this.editClass = grow(this.editClass, e + 1);
      this.editFrom = grow(this.editFrom, e + 1);
      this.editTo = grow(this.editTo, e + 1);
    }
    this.editPoint[e] = point;
    this.editKind[e] = kind;
    this.editClass[e] = cls;
    this.editFrom[e] = from;
    this.editTo[e] = to;
  }
}

/** What the allocator needs to know of the target, per register class. */
export interface RegEnv {
  /** allocatable registers, in order of preference (caller-saved first is usual) */
  readonly allocatable: readonly [readonly number[], readonly number[]];
  /** the subset of allocatable registers a call preserves (callee-saved) */
  readonly calleeSaved: readonly [readonly number[], readonly number[]];
  /** one register per class that is never allocated, for move cycles and slot-to-slot moves */
  readonly scratch: readonly [number, number];
  /** register names for messages and dumps */
  regName(cls: RegClassId, reg: number): string;
}
