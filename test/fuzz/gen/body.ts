/**
 * Type-directed generation of one function body (spec §3.3 instruction typing). The grammar
 * is stack-typed: `expr(t)` emits code that pushes exactly one value of type t, `values(ts)`
 * pushes ts, `stmt()` leaves the stack unchanged, and a block body consumes its params and
 * pushes its results (or ends in a branch, after which the stack is polymorphic). Hence every
 * generated body validates by construction.
 *
 * Termination: every loop has a reserved counter local (one per loop nesting level), set
 * before the loop and decremented at its head; the only branches to a loop label are br_if
 * whose condition is false once the counter reaches 0. Calls are bounded by a global budget
 * that every function checks and decrements in its prologue (module.ts resets it on entry).
 *
 * With the simd feature, simd-body.ts makes the 0xFD instructions: one more way to make a
 * value of each type (mostly v128), v128 stores and sink updates as statements, and constants
 * for the declared v128 locals at the start.
 */

import { BLOCK_EMPTY, blockOfValType, OP, type OpInfo } from '../../../formats/wasm/opcodes.js';
import { makeInstr, ValType, type Code, type Instr, type LocalGroup } from '../../../formats/wasm/types.js';
import { sameTypes, type FuncSig, type ModuleEnv } from './env.js';
import { ID, isDivRem, isReinterpretFromFloat } from './ops.js';
import { SimdGen } from './simd-body.js';
import { randF32Bits, randF64Bits, randI32, randI64 } from './values.js';

type LabelKind = 'func' | 'block' | 'loop' | 'if';
interface Label {
  kind: LabelKind;
  /** types a branch to this label carries: results, or params for a loop */
  types: readonly ValType[];
  /** the loop's counter local, -1 for other labels */
  counter: number;
}

/** loops nest at most this deep (bounds the work of one activation) */
const MAX_LOOP_NEST = 2;
const CANON_NAN_F32 = 0x7fc00000;
const CANON_NAN_F64 = 0x7ff8000000000000n;
/** weight of a SIMD instruction among the ways of making a value of a type (0.6 for i64, f32, f64) */
const SIMD_WEIGHT: Partial<Record<ValType, number>> = { [ValType.V128]: 30, [ValType.I32]: 4 };

export class FuncGen {
  private readonly out: Instr[] = [];
  /** params, then declared locals, then reserved ones (loop counters, NaN scratch) */
  private readonly locals: ValType[];
  private readonly reserved = new Set<number>();
  private readonly labels: Label[] = [];
  private readonly counters: number[] = [];
  private readonly scratch = new Map<ValType, number>();
  private loopLevel = 0;
  private size = 0;
  /** SIMD instructions and v128 stores (features.simd), null otherwise */
  private readonly simd: SimdGen | null;

  constructor(
    private readonly env: ModuleEnv,
    private readonly sig: FuncSig,
  ) {
    this.locals = [...sig.params];
    const n = env.rng.int(env.opts.maxLocals + 1);
    for (let i = 0; i < n; i++) this.locals.push(env.rng.pick(env.opts.types));
    this.simd = env.opts.features.simd
      ? new SimdGen(env, {
          emit: (op, a, b, x, c) => this.emit(op, a, b, x, c),
          expr: (t, d) => this.expr(t, d),
          canon: (t, d) => this.canon(t, d),
          address: (d) => this.address(d),
          memOffset: () => this.memOffset(),
          scratch: (t) => this.scratchLocal(t),
        })
      : null;
  }

  generate(): Code {
    this.prologue();
    this.simd?.initLocals(this.locals, this.sig.params.length);
    this.labels.push({ kind: 'func', types: this.sig.results, counter: -1 });
    this.body([], this.sig.results, 0);
    this.labels.pop();
    this.emit(OP.end);
    return { locals: groupLocals(this.locals.slice(this.sig.params.length)), body: this.out, offset: -1, size: 0 };
  }

  // ---- helpers ----

  private get rng(): ModuleEnv['rng'] {
    return this.env.rng;
  }
  private get o(): ModuleEnv['opts'] {
    return this.env.opts;
  }
  private emit(op: number, a = 0, b = 0, x: Instr['x'] = null, c = 0): void {
    this.out.push(makeInstr(op, a, b, x, -1, c));
    this.size++;
  }
  private i32c(v: number): void {
    this.emit(OP.i32_const, v | 0);
  }
  private exhausted(d: number): boolean {
    return d >= this.o.maxDepth || this.size >= this.o.maxBodySize;
  }
  private canBlock(): boolean {
    return this.labels.length <= this.o.maxBlockDepth && this.size < this.o.maxBodySize;
  }
  private newLocal(t: ValType): number {
    this.locals.push(t);
    const i = this.locals.length - 1;
    this.reserved.add(i);
    return i;
  }
  /** one reserved local of type t for short-lived values (NaN canonicalisation) */
  private scratchLocal(t: ValType): number {
    let s = this.scratch.get(t);
    if (s === undefined) {
      s = this.newLocal(t);
      this.scratch.set(t, s);
    }
    return s;
  }
  private freeLocals(t: ValType): number[] {
    const out: number[] = [];
    this.locals.forEach((lt, i) => {
      if (lt === t && !this.reserved.has(i)) out.push(i);
    });
    return out;
  }
  private anyFreeLocal(): boolean {
    return this.locals.some((_, i) => !this.reserved.has(i));
  }
  private globalsOf(t: ValType, mutableOnly: boolean): number[] {
    const out: number[] = [];
    this.env.globals.forEach((g, i) => {
      if (g.type === t && i !== this.env.budgetGlobal && (!mutableOnly || g.mutable)) out.push(i);
    });
    return out;
  }
  private randTypes(min: number, max: number): ValType[] {
    const n = this.rng.range(min, max);
    return Array.from({ length: n }, () => this.rng.pick(this.o.types));
  }
  private depthOf(label: Label): number {
    return this.labels.length - 1 - this.labels.indexOf(label);
  }
  private get hasMemory(): boolean {
    return this.env.memPages >= 0;
  }
  private get traps(): boolean {
    return this.o.features.traps;
  }

  /** call budget: `if (budget == 0) return defaults; budget -= 1` */
  private prologue(): void {
    const g = this.env.budgetGlobal;
    if (g < 0) return;
    this.emit(OP.global_get, g);
    this.emit(ID.i32_eqz);
    this.emit(OP.if, BLOCK_EMPTY);
    for (const t of this.sig.results) this.constant(t);
    this.emit(OP.return);
    this.emit(OP.end);
    this.emit(OP.global_get, g);
    this.i32c(1);
    this.emit(ID.i32_sub);
    this.emit(OP.global_set, g);
  }

  private constant(t: ValType): void {
    const r = this.rng;
    switch (t) {
      case ValType.I32:
        return this.i32c(randI32(r));
      case ValType.I64:
        return this.emit(OP.i64_const, 0, 0, randI64(r));
      case ValType.F32:
        return this.emit(OP.f32_const, randF32Bits(r));
      case ValType.F64:
        return this.emit(OP.f64_const, 0, 0, randF64Bits(r));
      case ValType.V128:
        return this.simd!.constant(null);
      default:
        throw new Error(`generator: no constant of type ${t}`);
    }
  }

  private leaf(t: ValType): void {
    const locals = this.freeLocals(t);
    const globals = this.globalsOf(t, false);
    const k = this.rng.weighted([3, locals.length > 0 ? 3 : 0, globals.length > 0 ? 1 : 0]);
    if (k === 0) this.constant(t);
    else if (k === 1) this.emit(OP.local_get, this.rng.pick(locals));
    else this.emit(OP.global_get, this.rng.pick(globals));
  }

  // ---- expressions: push exactly one value of type t ----

  private expr(t: ValType, d: number): void {
    if (this.exhausted(d)) return this.leaf(t);
    const f = this.o.features;
    const ops = this.env.menus.numeric.get(t) ?? [];
    const unary = ops.filter((op) => op.params!.length === 1);
    const binary = ops.filter((op) => op.params!.length === 2);
    const loads = this.hasMemory ? (this.env.menus.loads.get(t) ?? []) : [];
    const block = this.canBlock();
    const callees = this.env.funcs.filter((s) => s.results[0] === t);
    const indirect = this.indirectTypes(t);
    const tee = this.freeLocals(t);
    const brIf = this.labels.filter((l) => sameTypes(l.types, [t]));
    const k = this.rng.weighted([
      3, // 0 leaf
      unary.length > 0 ? 3 : 0, // 1
      binary.length > 0 ? 5 : 0, // 2
      loads.length > 0 ? 2 : 0, // 3
      f.select ? 1 : 0, // 4
      block ? 1 : 0, // 5 block
      block ? 1 : 0, // 6 if
      block && f.loops && this.loopLevel < MAX_LOOP_NEST ? 0.5 : 0, // 7 loop
      f.calls && callees.length > 0 ? 1 : 0, // 8
      indirect.length > 0 ? 0.5 : 0, // 9
      tee.length > 0 ? 1 : 0, // 10
      t === ValType.I32 && this.hasMemory ? 0.4 : 0, // 11 memory.size / grow
      brIf.length > 0 ? 0.3 : 0, // 12
      t === ValType.I32 && this.hasTableOps ? 0.4 : 0, // 13 table query
      0.1, // 14 bottom: unreachable / br / return
      this.simd?.canYield(t) ? (SIMD_WEIGHT[t] ?? 1.5) : 0, // 15 SIMD
    ]);
    switch (k) {
      case 0:
        return this.leaf(t);
      case 1:
        return this.unary(this.rng.pick(unary), d);
      case 2:
        return this.binary(this.rng.pick(binary), d);
      case 3:
        return this.load(this.rng.pick(loads), d);
      case 4:
        return this.select(t, d);
      case 5:
      case 6:
      case 7: {
        const kind = k === 5 ? 'block' : k === 6 ? 'if' : 'loop';
        const params = this.o.features.multiValue && this.rng.chance(0.25) ? this.randTypes(1, 2) : [];
        const extra = this.o.features.multiValue && this.rng.chance(0.15) ? this.randTypes(1, 2) : [];
        this.structured(kind, params, [t, ...extra], d);
        for (let i = 0; i < extra.length; i++) this.emit(OP.drop);
        return;
      }
      case 8: {
        const s = this.rng.pick(callees);
        this.values(s.params, d + 1);
        this.emit(OP.call, this.env.funcs.indexOf(s));
        for (let i = 1; i < s.results.length; i++) this.emit(OP.drop);
        return;
      }
      case 9: {
        const ti = this.rng.pick(indirect);
        this.callIndirect(ti, d);
        for (let i = 1; i < this.env.types.types[ti]!.results.length; i++) this.emit(OP.drop);
        return;
      }
      case 10:
        this.expr(t, d + 1);
        return this.emit(OP.local_tee, this.rng.pick(tee));
      case 11:
        if (this.rng.chance(0.5)) return this.emit(OP.memory_size, 0);
        if (!this.traps || this.rng.chance(0.8)) this.i32c(this.rng.int(3));
        else this.expr(ValType.I32, d + 1);
        return this.emit(OP.memory_grow, 0);
      case 12: {
        const l = this.rng.pick(brIf);
        this.values(l.types, d + 1);
        this.branchCond(l, d);
        return this.emit(OP.br_if, this.depthOf(l));
      }
      case 13:
        return this.tableQuery(d);
      case 15:
        return this.simd!.expr(t, d);
      default:
        return this.bottom(t, d);
    }
  }

  /** a non-returning exit in expression position: the stack is polymorphic afterwards */
  private bottom(t: ValType, d: number): void {
    const outs = this.labels.filter((l) => l.kind !== 'loop');
    const k = this.rng.weighted([this.traps ? 1 : 0, 1, 1]);
    if (k === 0) return this.emit(OP.unreachable);
    if (k === 1 && outs.length > 0) {
      const l = this.rng.pick(outs);
      this.values(l.types, d + 1);
      return this.emit(OP.br, this.depthOf(l));
    }
    if (k === 2) {
      this.values(this.sig.results, d + 1);
      return this.emit(OP.return);
    }
    this.leaf(t);
  }

  private unary(op: OpInfo, d: number): void {
    const p = op.params![0]!;
    if (isReinterpretFromFloat(op.name)) this.canon(p, d + 1);
    else this.expr(p, d + 1);
    this.emit(op.id);
  }

  private binary(op: OpInfo, d: number): void {
    const [p, q] = op.params as [ValType, ValType];
    this.expr(p, d + 1);
    if (isDivRem(op.name)) this.divisor(q, d);
    else if (op.id === ID.f32_copysign || op.id === ID.f64_copysign) this.canon(q, d + 1);
    else this.expr(q, d + 1);
    this.emit(op.id);
  }

  /** a divisor: raw (may be 0 or −1) only when traps are on, else forced odd (and positive) */
  private divisor(t: ValType, d: number): void {
    this.expr(t, d + 1);
    if (this.traps && this.rng.chance(0.3)) return;
    const is64 = t === ValType.I64;
    if (!this.traps) {
      if (is64) this.emit(OP.i64_const, 0, 0, 0x7fffffffffffffffn);
      else this.i32c(0x7fffffff);
      this.emit(is64 ? ID.i64_and : ID.i32_and);
    }
    if (is64) this.emit(OP.i64_const, 0, 0, 1n);
    else this.i32c(1);
    this.emit(is64 ? ID.i64_or : ID.i32_or);
  }

  /** expr(t), with a NaN replaced by the canonical NaN when nanCanon is on (floats only) */
  private canon(t: ValType, d: number): void {
    this.expr(t, d);
    if (!this.o.features.nanCanon || (t !== ValType.F32 && t !== ValType.F64)) return;
    const s = this.scratchLocal(t);
    const nan = (): void =>
      t === ValType.F32 ? this.emit(OP.f32_const, CANON_NAN_F32) : this.emit(OP.f64_const, 0, 0, CANON_NAN_F64);
    const eq = t === ValType.F32 ? ID.f32_eq : ID.f64_eq;
    if (this.o.features.select) {
      this.emit(OP.local_tee, s);
      nan();
      this.emit(OP.local_get, s);
      this.emit(OP.local_get, s);
      this.emit(eq);
      this.emit(OP.select); // x == x ? x : NaN
      return;
    }
    this.emit(OP.local_set, s);
    this.emit(OP.local_get, s);
    this.emit(OP.local_get, s);
    this.emit(eq);
    this.emit(OP.if, blockOfValType(t));
    this.emit(OP.local_get, s);
    this.emit(OP.else);
    nan();
    this.emit(OP.end);
  }

  private select(t: ValType, d: number): void {
    this.expr(t, d + 1);
    this.expr(t, d + 1);
    this.expr(ValType.I32, d + 1);
    if (this.rng.chance(0.3)) this.emit(OP.select_t, 0, 0, [t]);
    else this.emit(OP.select);
  }

  // ---- memory ----

  private address(d: number): void {
    const r = this.rng.int(40);
    if (!this.traps || r < 35) {
      this.expr(ValType.I32, d + 1);
      this.i32c(this.rng.pick([0xff, 0x3ff, 0xfff, 0x7f8]));
      this.emit(ID.i32_and);
    } else if (r < 37) {
      this.i32c(this.rng.chance(0.5) ? this.rng.int(0x10000) : 0x10000 * Math.max(1, this.env.memPages) - this.rng.int(12));
    } else if (r < 39) {
      // just below the current end of memory, which moves with memory.grow
      this.emit(OP.memory_size, 0);
      this.i32c(16);
      this.emit(ID.i32_shl);
      this.i32c(this.rng.int(12));
      this.emit(ID.i32_sub);
    } else {
      this.expr(ValType.I32, d + 1);
    }
  }
  private memOffset(): number {
    if (!this.traps) return this.rng.chance(0.8) ? 0 : this.rng.int(32);
    const r = this.rng.int(50);
    if (r < 38) return 0;
    if (r < 49) return this.rng.int(64);
    return this.rng.pick([0xfff0, 0x10000, 0x7fffffff, 0xffffffff]);
  }
  private load(op: OpInfo, d: number): void {
    this.address(d);
    this.emit(op.id, this.rng.int(op.align + 1), this.memOffset());
  }
  private store(d: number): void {
    const t = this.rng.pick([...this.env.menus.stores.keys()]);
    const op = this.rng.pick(this.env.menus.stores.get(t)!);
    this.address(d);
    this.canon(t, d + 1);
    this.emit(op.id, this.rng.int(op.align + 1), this.memOffset());
  }
  private byteCount(d: number): void {
    const r = this.rng.int(20);
    if (!this.traps || r < 16) return this.i32c(this.rng.int(65));
    this.expr(ValType.I32, d + 1);
    if (r < 19) {
      this.i32c(0xff);
      this.emit(ID.i32_and);
    }
  }
  private bulk(d: number): void {
    const datas = this.env.datas;
    // an active segment is dropped after instantiation: memory.init from it traps unless empty
    const passive = datas.flatMap((s, i) => (s.passive ? [i] : []));
    const sources = this.traps && (passive.length === 0 || this.rng.chance(0.2)) ? datas.map((_, i) => i) : passive;
    const k = this.rng.weighted([2, 2, sources.length > 0 ? 2 : 0, datas.length > 0 && this.traps ? 0.3 : 0]);
    if (k === 0) {
      this.address(d);
      this.expr(ValType.I32, d + 1);
      this.byteCount(d);
      return this.emit(ID.memory_fill, 0);
    }
    if (k === 1) {
      this.address(d);
      this.address(d);
      this.byteCount(d);
      return this.emit(ID.memory_copy, 0, 0);
    }
    if (k === 3) return this.emit(ID.data_drop, this.rng.int(datas.length));
    const seg = this.rng.pick(sources);
    const len = datas[seg]!.length;
    this.address(d);
    if (this.traps) {
      this.i32c(this.rng.int(len + 3));
      this.byteCount(d);
    } else {
      const src = this.rng.int(len + 1);
      this.i32c(src);
      this.i32c(this.rng.int(len - src + 1));
    }
    this.emit(ID.memory_init, seg, 0);
  }

  // ---- tables and references ----

  private get hasTableOps(): boolean {
    return this.o.features.tables && this.env.table.length > 0;
  }
  /** a table slot: in range of the initial size unless traps are on */
  private tableIndex(d: number): void {
    const n = this.env.table.length;
    const r = this.rng.int(20);
    if (!this.traps || r < 16) return this.i32c(this.rng.int(n));
    if (r < 19) return this.i32c(n + this.rng.int(4));
    this.expr(ValType.I32, d + 1);
  }
  /**
   * a funcref: null, a generated function (every one is exported, hence declared for ref.func,
   * spec §3.4.10), or a table entry
   */
  private funcRef(d: number): void {
    const k = this.rng.weighted([1, 2, 1]);
    if (k === 0) return this.emit(OP.ref_null, ValType.FuncRef);
    if (k === 1) return this.emit(OP.ref_func, this.rng.int(this.env.funcs.length));
    this.tableIndex(d);
    this.emit(OP.table_get, 0);
  }
  /** an i32 from the table: table.size, table.grow, ref.is_null */
  private tableQuery(d: number): void {
    const k = this.rng.int(3);
    if (k === 0) return this.emit(OP.table_size, 0);
    this.funcRef(d);
    if (k === 1) return this.emit(OP.ref_is_null);
    if (!this.traps || this.rng.chance(0.8)) this.i32c(this.rng.int(3));
    else this.expr(ValType.I32, d + 1);
    this.emit(OP.table_grow, 0);
  }
  /** table.set / fill / copy / init (only with traps: they may leave slots null or mistyped) */
  private tableUpdate(d: number): void {
    const k = this.rng.weighted([1, 1, 1, 1]);
    this.tableIndex(d);
    if (k === 2) {
      this.tableIndex(d);
      this.i32c(this.rng.int(4));
      return this.emit(ID.table_copy, 0, 0);
    }
    if (k === 3) return this.tableInit();
    this.funcRef(d);
    if (k === 0) return this.emit(OP.table_set, 0);
    this.i32c(this.rng.int(4));
    this.emit(OP.table_fill, 0);
  }
  /**
   * table.init's source offset and length, after the destination: mostly a passive segment
   * and a range inside it; sometimes the active segment (dropped once instantiated, so only an
   * empty range succeeds) or a range past the end
   */
  private tableInit(): void {
    const elems = this.env.elems;
    const passive = elems.flatMap((s, i) => (s.passive ? [i] : []));
    const seg = passive.length > 0 && this.rng.chance(0.85) ? this.rng.pick(passive) : this.rng.int(elems.length);
    const len = elems[seg]!.passive ? elems[seg]!.length : 0;
    const src = this.rng.chance(0.9) ? this.rng.int(len + 1) : len + this.rng.range(1, 2);
    this.i32c(src);
    this.i32c(this.rng.chance(0.85) ? this.rng.int(Math.max(0, len - src) + 1) : this.rng.int(5));
    this.emit(ID.table_init, seg, 0);
  }

  // ---- calls ----

  /** type indices usable by call_indirect here (with results[0] === t when given) */
  private indirectTypes(t?: ValType): number[] {
    if (!this.o.features.callIndirect || this.env.table.length === 0) return [];
    const fits = (ti: number): boolean => t === undefined || this.env.types.types[ti]!.results[0] === t;
    const inTable = [...new Set(this.env.table.filter((f) => f >= 0).map((f) => this.env.funcs[f]!.type))].filter(fits);
    if (!this.traps) return inTable;
    const any = this.env.types.types.map((_, i) => i).filter(fits);
    if (inTable.length > 0 && this.rng.chance(0.9)) return inTable;
    return this.rng.chance(0.15) ? any : inTable;
  }
  private callIndirect(ti: number, d: number): void {
    const table = this.env.table;
    this.values(this.env.types.types[ti]!.params, d + 1);
    const matching = table.flatMap((f, i) => (f >= 0 && this.env.funcs[f]!.type === ti ? [i] : []));
    const r = this.rng.int(40);
    if (matching.length > 0 && (!this.traps || r < 36)) this.i32c(this.rng.pick(matching));
    else if (r < 38) this.i32c(this.rng.int(table.length));
    else if (r < 39) {
      this.expr(ValType.I32, d + 1);
      this.i32c(7);
      this.emit(ID.i32_and);
    } else this.i32c(table.length + this.rng.int(3));
    this.emit(OP.call_indirect, ti, 0);
  }

  // ---- statements: leave the stack as it was ----

  private stmt(d: number): void {
    const f = this.o.features;
    const block = this.canBlock();
    const mutGlobals = this.env.globals
      .map((_, i) => i)
      .filter((i) => i !== this.env.budgetGlobal && i !== this.env.sinkGlobal && this.env.globals[i]!.mutable);
    const indirect = this.indirectTypes();
    const k = this.rng.weighted([
      this.anyFreeLocal() ? 4 : 0, // 0 local.set
      mutGlobals.length > 0 ? 2 : 0, // 1 global.set
      this.hasMemory && this.env.menus.stores.size > 0 ? 3 : 0, // 2 store
      1, // 3 drop
      f.calls && this.env.funcs.length > 0 ? 2 : 0, // 4 call
      indirect.length > 0 ? 1 : 0, // 5 call_indirect
      block ? 2 : 0, // 6 if
      block ? 1.5 : 0, // 7 block
      block && f.loops && this.loopLevel < MAX_LOOP_NEST ? 1.5 : 0, // 8 loop
      1.5, // 9 br_if
      this.hasMemory && f.bulkMemory ? 1 : 0, // 10 bulk memory
      this.hasMemory ? 0.3 : 0, // 11 memory.grow
      this.hasTableOps && this.traps ? 0.5 : 0, // 12 table.set / fill / copy / init
      this.o.features.tables && this.env.elems.length > 0 ? 0.15 : 0, // 13 elem.drop
      0.1, // 14 nop
      this.simd !== null && this.hasMemory ? 1.5 : 0, // 15 v128 store / store_lane
      this.simd !== null ? 3 : 0, // 16 a SIMD value xored into the sink global
    ]);
    switch (k) {
      case 0: {
        const l = this.rng.pick(this.locals.map((_, i) => i).filter((i) => !this.reserved.has(i)));
        this.expr(this.locals[l]!, d + 1);
        return this.emit(OP.local_set, l);
      }
      case 1: {
        const g = this.rng.pick(mutGlobals);
        this.expr(this.env.globals[g]!.type, d + 1);
        return this.emit(OP.global_set, g);
      }
      case 2:
        return this.store(d);
      case 3:
        this.expr(this.rng.pick(this.o.types), d + 1);
        return this.emit(OP.drop);
      case 4: {
        const fi = this.rng.int(this.env.funcs.length);
        const s = this.env.funcs[fi]!;
        this.values(s.params, d + 1);
        this.emit(OP.call, fi);
        return this.consume(s.results);
      }
      case 5: {
        const ti = this.rng.pick(indirect);
        this.callIndirect(ti, d);
        return this.consume(this.env.types.types[ti]!.results);
      }
      case 6:
      case 7:
      case 8: {
        const kind = k === 6 ? 'if' : k === 7 ? 'block' : 'loop';
        const multi = this.o.features.multiValue;
        const params = multi && this.rng.chance(0.25) ? this.randTypes(1, 2) : [];
        const results = this.rng.chance(0.5) ? [] : this.randTypes(1, multi ? this.o.maxResults : 1);
        this.structured(kind, params, results, d);
        return this.consume(results);
      }
      case 9: {
        const l = this.rng.pick(this.labels);
        this.values(l.types, d + 1);
        this.branchCond(l, d);
        this.emit(OP.br_if, this.depthOf(l));
        return this.consume(l.types);
      }
      case 10:
        return this.bulk(d);
      case 12:
        return this.tableUpdate(d);
      case 13:
        return this.emit(ID.elem_drop, this.rng.int(this.env.elems.length));
      case 14:
        return this.emit(OP.nop);
      case 15:
        return this.simd!.store(d);
      case 16:
        return this.simd!.sink(d);
      default:
        this.i32c(this.rng.int(2));
        this.emit(OP.memory_grow, 0);
        return this.emit(OP.drop);
    }
  }

  /** pops ts (top first) into free locals of the right type, or drops them */
  private consume(ts: readonly ValType[]): void {
    for (let i = ts.length - 1; i >= 0; i--) {
      const free = this.freeLocals(ts[i]!);
      if (free.length > 0 && this.rng.chance(0.6)) this.emit(OP.local_set, this.rng.pick(free));
      else this.emit(OP.drop);
    }
  }

  /** pushes ts: one expression each, or sometimes one multi-value block or call */
  private values(ts: readonly ValType[], d: number): void {
    if (ts.length >= 2 && this.o.features.multiValue && !this.exhausted(d) && this.rng.chance(0.15)) {
      const callees = this.o.features.calls ? this.env.funcs.filter((s) => sameTypes(s.results, ts)) : [];
      if (callees.length > 0 && this.rng.chance(0.5)) {
        const s = this.rng.pick(callees);
        this.values(s.params, d + 1);
        return this.emit(OP.call, this.env.funcs.indexOf(s));
      }
      if (this.canBlock()) return this.structured('block', [], ts, d);
    }
    for (const t of ts) this.expr(t, d);
  }

  /** the i32 condition of a br_if to `l`; for a loop it is false once the loop's counter is 0 */
  private branchCond(l: Label, d: number): void {
    if (l.kind !== 'loop') return this.expr(ValType.I32, d + 1);
    if (!this.o.features.select || this.rng.chance(0.5)) return this.emit(OP.local_get, l.counter);
    this.expr(ValType.I32, d + 1);
    this.i32c(0);
    this.emit(OP.local_get, l.counter);
    this.emit(OP.select); // counter != 0 ? cond : 0
  }

  // ---- structured control ----

  private blockType(params: readonly ValType[], results: readonly ValType[]): number {
    const multi = this.o.features.multiValue;
    if (params.length === 0 && results.length === 0) {
      return multi && this.rng.chance(0.05) ? this.env.types.intern([], []) : BLOCK_EMPTY;
    }
    if (params.length === 0 && results.length === 1 && !(multi && this.rng.chance(0.1))) {
      return blockOfValType(results[0]!);
    }
    return this.env.types.intern(params, results);
  }

  private structured(kind: 'block' | 'loop' | 'if', params: readonly ValType[], results: readonly ValType[], d: number): void {
    this.values(params, d + 1);
    let counter = -1;
    if (kind === 'loop') {
      counter = this.counters[this.loopLevel] ?? this.newLocal(ValType.I32);
      this.counters[this.loopLevel] = counter;
      this.i32c(this.rng.range(1, this.o.maxLoopIters));
      this.emit(OP.local_set, counter);
    } else if (kind === 'if') {
      this.expr(ValType.I32, d + 1);
    }
    this.emit(kind === 'block' ? OP.block : kind === 'loop' ? OP.loop : OP.if, this.blockType(params, results));
    this.labels.push({ kind, types: kind === 'loop' ? params : results, counter });
    if (kind === 'loop') {
      this.loopLevel++;
      this.emit(OP.local_get, counter);
      this.i32c(1);
      this.emit(ID.i32_sub);
      this.emit(OP.local_set, counter);
    }
    this.body(params, results, d + 1);
    if (kind === 'if' && !(sameTypes(params, results) && this.rng.chance(0.3))) {
      this.emit(OP.else);
      this.body(params, results, d + 1);
    }
    if (kind === 'loop') this.loopLevel--;
    this.labels.pop();
    this.emit(OP.end);
  }

  /** a block body: takes params off the stack, runs statements, then pushes results or branches */
  private body(params: readonly ValType[], results: readonly ValType[], d: number): void {
    const keep = sameTypes(params, results) && params.length > 0 && this.rng.chance(0.3);
    if (!keep) this.consume(params);
    const n = this.size >= this.o.maxBodySize ? 0 : this.rng.int(Math.max(1, this.o.maxStmts - d) + 1);
    for (let i = 0; i < n && this.size < this.o.maxBodySize; i++) this.stmt(d);
    if (keep) return;
    const outs = this.labels.filter((l) => l.kind !== 'loop');
    const k = this.rng.weighted([20, 1.5, this.o.features.brTable ? 1 : 0, 0.7, this.traps ? 0.25 : 0]);
    if (k === 0) return this.values(results, d);
    if (k === 1) {
      const l = this.rng.pick(outs);
      this.values(l.types, d);
      return this.emit(OP.br, this.depthOf(l));
    }
    if (k === 2) return this.brTable(outs, d);
    if (k === 3) {
      this.values(this.sig.results, d);
      return this.emit(OP.return);
    }
    this.emit(OP.unreachable);
  }

  private brTable(outs: Label[], d: number): void {
    const first = this.rng.pick(outs);
    const targets = outs.filter((l) => sameTypes(l.types, first.types)).map((l) => this.depthOf(l));
    this.values(first.types, d);
    if (this.rng.chance(0.6)) this.i32c(this.rng.int(targets.length + 3));
    else this.expr(ValType.I32, d + 1);
    const labels = Array.from({ length: this.rng.int(5) }, () => this.rng.pick(targets));
    this.emit(OP.br_table, this.rng.pick(targets), 0, labels);
  }
}

/** run-length groups of declared local types (spec §5.5.13) */
function groupLocals(ts: readonly ValType[]): LocalGroup[] {
  const out: LocalGroup[] = [];
  for (const t of ts) {
    const last = out[out.length - 1];
    if (last !== undefined && last.type === t) last.count++;
    else out.push({ count: 1, type: t });
  }
  return out;
}
