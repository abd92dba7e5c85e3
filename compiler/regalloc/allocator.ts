/**
 * The target-neutral register allocator: MachFunc + RegEnv in, Allocation out (mach.ts is the
 * contract, docs/regalloc.md the description). The pipeline, each step its own file:
 * validate → liveness → build intervals → linear scan → spill slots → resolve (moves,
 * operand allocations) → stack maps (where references live at calls). An Allocator keeps all its typed arrays between calls, so allocating
 * the next function of similar size allocates (almost) nothing.
 */

import { grow } from '../ir/growable.js';
import { Allocation, EditKind, isSlot, type MachFunc, type RegEnv } from './mach.js';
import { IntervalBuilder } from './build.js';
import { FixedRanges, IntervalStore } from './intervals.js';
import { Liveness } from './liveness.js';
import { LinearScan } from './scan.js';
import { LayoutLoops } from './loops.js';
import { SlotAssigner } from './slots.js';
import { Resolver } from './resolve.js';
import { StackMapper } from './stackmaps.js';
import { MAX_REGS, validateMachFunc } from './validate.js';
import { regallocError } from './errors.js';
import type { SlotCounter } from './parallel-move.js';

/** figures of the last `allocate` call */
export interface AllocStats {
  instructions: number;
  /** vreg intervals plus the pieces splitting made */
  intervals: number;
  splits: number;
  /** pieces that were given a spill location */
  spilledPieces: number;
  spillSlots: number;
  /** Move edits: register to register, register to slot (stores), slot to register (loads) */
  regMoves: number;
  stores: number;
  loads: number;
  remats: number;
}

export interface AllocatorOptions {
  /**
   * Check the MachFunc's structure before allocating (validate.ts), default true. A malformed
   * MachFunc is a lowering bug; the compile driver checks only when asked to (tests), because the
   * check costs several percent of the allocation.
   */
  readonly validate?: boolean;
}

export class Allocator {
  private readonly validateInput: boolean;
  /** the last env that passed validateEnv (envs are constants; checked once) */
  private checkedEnv: RegEnv | null = null;
  private live = new Liveness();
  private builder = new IntervalBuilder();
  private store = new IntervalStore();
  private fixed = new FixedRanges();
  private scan = new LinearScan();
  private loops = new LayoutLoops();
  private slots = new SlotAssigner();
  private resolver = new Resolver();
  private maps = new StackMapper();
  private isTerm = new Uint8Array(64);
  private isBlockStart = new Uint8Array(64);
  private defCount = new Int32Array(64);
  private slotCounter: SlotCounter = { slots: 0, emergency: -1 };

  readonly stats: AllocStats = {
    instructions: 0,
    intervals: 0,
    splits: 0,
    spilledPieces: 0,
    spillSlots: 0,
    regMoves: 0,
    stores: 0,
    loads: 0,
    remats: 0,
  };

  constructor(options: AllocatorOptions = {}) {
    this.validateInput = options.validate !== false;
  }

  allocate(f: MachFunc, env: RegEnv, out: Allocation): void {
    if (env !== this.checkedEnv) {
      validateEnv(env);
      this.checkedEnv = env;
    }
    if (this.validateInput) {
      this.defCount = grow(this.defCount, f.vregCount);
      validateMachFunc(f, env, this.defCount);
    }
    out.reset(f.opCount);
    this.markBlocks(f);
    this.live.compute(f);
    this.builder.build(f, env, this.live, this.store, this.fixed);
    this.loops.compute(f);
    this.scan.run(f, env, this.store, this.fixed, this.builder, this.isTerm, this.loops);
    const sc = this.slotCounter;
    sc.slots = this.slots.assign(f, this.store);
    sc.emergency = -1;
    this.resolver.resolve(f, env, this.live, this.store, this.builder, this.slots.vregSlot, this.isBlockStart, sc, out);
    out.spillSlots = sc.slots;
    this.maps.compute(f, this.store, this.slots.vregSlot, out);
    this.count(f, out);
  }

  private markBlocks(f: MachFunc): void {
    this.isTerm = grow(this.isTerm, f.instCount);
    this.isBlockStart = grow(this.isBlockStart, f.instCount);
    this.isTerm.fill(0, 0, f.instCount);
    this.isBlockStart.fill(0, 0, f.instCount);
    for (let b = 0; b < f.blockCount; b++) {
      this.isBlockStart[f.blockFirst[b]] = 1;
      this.isTerm[f.blockEnd[b] - 1] = 1;
    }
  }

  private count(f: MachFunc, out: Allocation): void {
    const st = this.stats;
    st.instructions = f.instCount;
    st.intervals = this.store.count;
    st.splits = this.scan.splits;
    st.spilledPieces = this.scan.spills;
    st.spillSlots = out.spillSlots;
    st.regMoves = st.stores = st.loads = st.remats = 0;
    for (let e = 0; e < out.editCount; e++) {
      if (out.editKind[e] === EditKind.Remat) st.remats++;
      else if (isSlot(out.editTo[e])) st.stores++;
      else if (isSlot(out.editFrom[e])) st.loads++;
      else st.regMoves++;
    }
  }
}

function validateEnv(env: RegEnv): void {
  for (let c = 0; c < 2; c++) {
    const scratch = env.scratch[c as 0 | 1];
    if (scratch < 0 || scratch >= MAX_REGS) throw regallocError(`the scratch register of class ${c} (${scratch}) does not exist`);
    const regs = env.allocatable[c as 0 | 1];
    if (regs.length === 0) throw regallocError(`class ${c} has no allocatable registers`);
    let seen = 0;
    for (const r of regs) {
      if (r < 0 || r >= MAX_REGS || !Number.isInteger(r)) throw regallocError(`allocatable register ${r} of class ${c} does not exist`);
      if (r === scratch) throw regallocError(`the scratch register ${env.regName(c as 0 | 1, r)} is also allocatable`);
      if ((seen >>> r) & 1) throw regallocError(`allocatable register ${env.regName(c as 0 | 1, r)} is listed twice`);
      seen |= 1 << r;
    }
  }
}

const shared = new Allocator();

/** allocate `f` into `out` with a shared Allocator (not re-entrant) */
export function allocate(f: MachFunc, env: RegEnv, out: Allocation): void {
  shared.allocate(f, env, out);
}
