/**
 * SIMD code in a generated function body (spec §3.3.3 vector instruction typing): one 0xFD
 * instruction with its operands, pushing one value of the type asked for, or a v128 store as
 * a statement. The body generator (body.ts) owns the stack discipline, locals, addresses and
 * scalar expressions and lends them through `SimdHost`; this file only decides the operands
 * and immediates that make SIMD edge cases likely — constants shaped like the instruction's
 * lanes, shift counts at and beyond the lane width, swizzle indices in and out of range,
 * structured shuffle patterns, lane indices, alignments, and memory accesses that straddle the
 * end of memory — and canonicalises the NaN lanes of float results when `nanCanon` is on:
 * a v128's bits are observable by every integer and bitwise instruction, so the generator
 * canonicalises where the nondeterministic payload is produced (spec §4.3.3), not where it is
 * read as the scalar generator does.
 */

import { OP, opByName } from '../../../formats/wasm/opcodes.js';
import { makeInstr, ValType, type Instr } from '../../../formats/wasm/types.js';
import type { ModuleEnv } from './env.js';
import type { Rng } from './rng.js';
import { SIMD_MENUS, type FloatShape, type SimdKind, type SimdOp } from './simd-ops.js';
import { edgeV128, type Edges } from './simd-edges.js';
import { shuffleLanes } from './simd-shuffle.js';
import { CANONICAL_NAN, randV128, shiftCount, simdF32Bits, simdF64Bits, swizzleIndices, type Shape } from './simd-values.js';

/** what the body generator lends to the SIMD generator */
export interface SimdHost {
  emit(op: number, a?: number, b?: number, x?: Instr['x'], c?: number): void;
  /** code pushing one value of type t (any expression the body generator makes) */
  expr(t: ValType, d: number): void;
  /** like expr, but a float NaN becomes the canonical NaN (when nanCanon is on) */
  canon(t: ValType, d: number): void;
  /** an i32 address: mostly inside memory, sometimes beyond it when traps are on */
  address(d: number): void;
  /** a memarg offset */
  memOffset(): number;
  /** a reserved scratch local of type t */
  scratch(t: ValType): number;
}

const id = (name: string): number => opByName(name)!.id;
const EQ: Readonly<Record<FloatShape, number>> = { f32x4: id('f32x4.eq'), f64x2: id('f64x2.eq') };
const BITSELECT = id('v128.bitselect');
const I32_SHL = id('i32.shl');
const I32_SUB = id('i32.sub');
const XOR = id('v128.xor');
/** how a value of each type becomes a v128 for the sink (splat moves bits unchanged) */
const TO_V128: Readonly<Partial<Record<ValType, number>>> = {
  [ValType.I32]: id('i32x4.splat'),
  [ValType.I64]: id('i64x2.splat'),
  [ValType.F32]: id('f32x4.splat'),
  [ValType.F64]: id('f64x2.splat'),
};
/** float constants for scalar operands, by type */
const FLOAT_CONST: Readonly<Partial<Record<ValType, (rng: Rng) => Instr>>> = {
  [ValType.F32]: (r) => makeInstr(OP.f32_const, simdF32Bits(r)),
  [ValType.F64]: (r) => makeInstr(OP.f64_const, 0, 0, simdF64Bits(r)),
};
/** weights of a v128 operand's forms: [edge-lane constant, constant of the shape, any v128 expression] */
const OPERAND_WEIGHTS: Readonly<Record<'plain' | 'edges', readonly number[]>> = { plain: [0, 7, 13], edges: [7, 3, 10] };
/** chance that a SIMD instruction's result is also xored into the sink global where it is made */
const OBSERVE = 0.5;

export class SimdGen {
  private readonly emitters: Readonly<Record<SimdKind, (s: SimdOp, d: number) => void>> = {
    const: (s) => this.constant(s.shape),
    shuffle: (s, d) => {
      this.vec(s.shape, d);
      this.vec(s.shape, d);
      this.host.emit(s.op.id, 0, 0, shuffleLanes(this.rng));
    },
    load: (s, d) => this.memory(s, d),
    store: (s, d) => this.memory(s, d, () => this.vec(null, d)),
    loadLane: (s, d) => this.memory(s, d, () => this.vec(s.shape, d)),
    storeLane: (s, d) => this.memory(s, d, () => this.vec(s.shape, d)),
    extract: (s, d) => {
      this.vec(s.shape, d, s.edges);
      this.host.emit(s.op.id, this.rng.int(s.op.lanes));
    },
    replace: (s, d) => {
      this.vec(s.shape, d, s.edges);
      this.scalar(s.op.params![1]!, d);
      this.host.emit(s.op.id, this.rng.int(s.op.lanes));
    },
    splat: (s, d) => {
      this.scalar(s.op.params![0]!, d);
      this.host.emit(s.op.id);
    },
    swizzle: (s, d) => {
      this.vec('i8x16', d);
      if (this.rng.chance(0.6)) this.host.emit(OP.v128_const, 0, 0, swizzleIndices(this.rng));
      else this.host.expr(ValType.V128, d + 1);
      this.host.emit(s.op.id);
    },
    shift: (s, d) => {
      this.vec(s.shape, d, s.edges);
      if (this.rng.chance(0.6)) this.host.emit(OP.i32_const, shiftCount(this.rng, s.laneBits) | 0);
      else this.host.expr(ValType.I32, d + 1);
      this.host.emit(s.op.id);
    },
    plain: (s, d) => {
      // sometimes every operand from the edge lanes, so that corner pairs (−0 and +0,
      // −32768 × −32768, 127 + 1 …) meet in one lane
      const edges = s.edges !== null && s.op.params!.length > 1 && this.rng.chance(0.4) ? s.edges : null;
      for (let i = 0; i < s.op.params!.length; i++) {
        if (edges !== null) this.edgeConstant(edges);
        else this.vec(s.shape, d, s.edges);
      }
      this.host.emit(s.op.id);
    },
  };

  constructor(
    private readonly env: ModuleEnv,
    private readonly host: SimdHost,
  ) {}

  private get rng(): ModuleEnv['rng'] {
    return this.env.rng;
  }
  private menu(t: ValType): readonly SimdOp[] {
    const menus = this.env.memPages >= 0 ? SIMD_MENUS.withMemory : SIMD_MENUS.withoutMemory;
    return menus.get(t) ?? [];
  }

  /** whether some SIMD instruction pushes a value of type t */
  canYield(t: ValType): boolean {
    return this.menu(t).length > 0;
  }

  /** one SIMD instruction (with its operands) pushing a value of type t */
  expr(t: ValType, d: number): void {
    const s = this.rng.pick(this.menu(t));
    this.emitters[s.kind](s, d);
    if (s.canon !== null) this.canonicalise(s.canon);
    if (this.rng.chance(OBSERVE)) this.observe(t);
  }

  /** a statement: v128.store or a store_lane (only in modules with a memory) */
  store(d: number): void {
    const s = this.rng.pick(SIMD_MENUS.stores);
    this.emitters[s.kind](s, d);
  }

  /** gives the declared v128 locals (from index `first` on) constants: a zero v128 makes most lanewise ops dull */
  initLocals(locals: readonly ValType[], first: number): void {
    for (let i = first; i < locals.length; i++) {
      if (locals[i] !== ValType.V128) continue;
      this.constant(null);
      this.host.emit(OP.local_set, i);
    }
  }

  /** a statement: `sink ^= <SIMD expression>`, so that the value reaches the compared globals */
  sink(d: number): void {
    this.host.emit(OP.global_get, this.env.sinkGlobal);
    this.expr(ValType.V128, d + 1);
    this.host.emit(XOR);
    this.host.emit(OP.global_set, this.env.sinkGlobal);
  }

  /**
   * `sink ^= value` for the value of type t on top of the stack, which stays there: what the
   * instruction made is then compared even if the code around it drops or overwrites it
   */
  private observe(t: ValType): void {
    const s = this.host.scratch(t);
    const S = this.env.sinkGlobal;
    this.host.emit(OP.local_tee, s);
    const splat = TO_V128[t];
    if (splat !== undefined) this.host.emit(splat);
    this.host.emit(OP.global_get, S);
    this.host.emit(XOR);
    this.host.emit(OP.global_set, S);
    this.host.emit(OP.local_get, s);
  }

  /** a v128 constant, made for `shape` when given */
  constant(shape: Shape | null): void {
    this.host.emit(OP.v128_const, 0, 0, shape === null ? randV128(this.rng) : randV128(this.rng, shape));
  }

  /**
   * a v128 operand read as `shape`: often a constant of that shape or, for an instruction with
   * corner cases, one made mostly of its edge lanes; else any v128 expression
   */
  private vec(shape: Shape | null, d: number, edges: Edges | null = null): void {
    const k = this.rng.weighted(OPERAND_WEIGHTS[edges === null ? 'plain' : 'edges']);
    if (k === 0) return this.edgeConstant(edges!);
    if (k === 1) return this.constant(shape);
    this.host.expr(ValType.V128, d + 1);
  }

  /**
   * the scalar operand of splat / replace_lane: for a float, sometimes a constant from the SIMD
   * pools (a NaN payload must arrive unchanged), else an expression with NaNs canonicalised
   * (scalar arithmetic may have made the payload)
   */
  private scalar(t: ValType, d: number): void {
    const k = this.rng.chance(0.3) ? FLOAT_CONST[t] : undefined;
    if (k === undefined) return this.host.canon(t, d + 1);
    const c = k(this.rng);
    this.host.emit(c.op, c.a, c.b, c.x);
  }

  private edgeConstant(edges: Edges): void {
    this.host.emit(OP.v128_const, 0, 0, edgeV128(this.rng, edges, randV128(this.rng, edges.shape)));
  }

  /**
   * address, then the operands `rest` pushes, then the instruction with its memarg (and lane);
   * with traps on, sometimes an address that straddles the end of memory by a few bytes
   */
  private memory(s: SimdOp, d: number, rest?: () => void): void {
    let offset: number;
    if (this.env.opts.features.traps && this.rng.chance(0.12)) {
      this.host.emit(OP.memory_size, 0);
      this.host.emit(OP.i32_const, 16);
      this.host.emit(I32_SHL);
      this.host.emit(OP.i32_const, s.access + this.rng.range(-3, 2));
      this.host.emit(I32_SUB);
      offset = this.rng.int(3);
    } else {
      this.host.address(d);
      offset = this.host.memOffset();
    }
    rest?.();
    this.host.emit(s.op.id, this.rng.int(s.op.align + 1), offset, null, s.op.lanes > 0 ? this.rng.int(s.op.lanes) : 0);
  }

  /** replaces NaN lanes of the v128 on top of the stack by the canonical NaN: bitselect(x, nan, x == x) */
  private canonicalise(shape: FloatShape): void {
    if (!this.env.opts.features.nanCanon) return;
    const s = this.host.scratch(ValType.V128);
    this.host.emit(OP.local_tee, s);
    this.host.emit(OP.v128_const, 0, 0, CANONICAL_NAN[shape].slice());
    this.host.emit(OP.local_get, s);
    this.host.emit(OP.local_get, s);
    this.host.emit(EQ[shape]);
    this.host.emit(BITSELECT);
  }
}
