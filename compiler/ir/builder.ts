/**
 * Builder: typed helpers that append blocks, block params, instructions and terminators to a
 * Func store. Results are created from the table (or the callee's signature), so a caller
 * never states a result type. Instructions go to the end of the current block (`switchTo`).
 * Misuse (unknown family/type pair) throws a plain Error: it is a bug in the caller, not bad
 * input; the verifier checks everything else.
 */

import type { FloatCC, IntCC } from './conds.js';
import { Func, NO } from './func.js';
import { OPCODES, op, opFor, type OpRow } from './opcodes.js';
import { runtimeByName } from './runtime.js';
import type { TrapCode } from './traps.js';
import { Type, typeName } from './types.js';
import { resultTypesFor, splitImm64 } from './view.js';

/** a branch target: block and its args */
export type Target = readonly [block: number, args?: readonly number[]];

function must(opcode: number, base: string, t: Type, from: Type | null = null): number {
  if (opcode < 0) throw new Error(`no IR opcode ${base} for ${typeName(t)}${from === null ? '' : ' from ' + typeName(from)}`);
  return opcode;
}

/** [low, high] int32 words of a 64-bit immediate; no allocation beyond the pair for small numbers */
const pair: [number, number] = [0, 0];
function split64(x: number | bigint): [number, number] {
  if (typeof x === 'number' && Number.isInteger(x) && x >= -0x8000_0000 && x <= 0xffff_ffff) {
    pair[0] = x | 0;
    pair[1] = x < 0 ? -1 : 0;
    return pair;
  }
  return splitImm64(BigInt(x));
}

const FCONST32 = op('fconst.f32');
const FCONST64 = op('fconst.f64');
const VCONST = op('vconst');

export class Builder {
  /** the block instructions are appended to */
  block = NO;

  constructor(readonly f: Func = new Func()) {}

  /** reset the store for a new function; creates, places and selects the entry block */
  begin(name: string, params: readonly Type[], results: readonly Type[]): number {
    this.f.reset(name, params, results);
    const b = this.newBlock(params);
    this.block = b;
    return b;
  }
  /** a new block at the end of the layout, with params of the given types */
  newBlock(params: readonly Type[] = []): number {
    const b = this.f.newBlock();
    this.f.placeBlock(b);
    for (const t of params) this.f.addBlockParam(b, t);
    return b;
  }
  param(b: number, type: Type): number {
    return this.f.addBlockParam(b, type);
  }
  switchTo(b: number): void {
    this.block = b;
  }
  sig(params: readonly Type[], results: readonly Type[]): number {
    return this.f.addSig(params, results);
  }

  // ---- generic ----

  /** append an instruction; returns the instruction (results: f.result(inst, i)) */
  inst(opcode: number, operands: readonly number[] = [], imm0 = 0, imm1 = 0): number {
    const f = this.f;
    const types = (OPCODES[opcode] as OpRow).results ?? resultTypesFor(f, opcode, imm0, imm1);
    if (types === null) throw new Error(`${(OPCODES[opcode] as OpRow).name}: no such signature`);
    const i = f.newInst(opcode, types.length, operands.length, imm0, imm1);
    for (let k = 0; k < operands.length; k++) f.setOperand(i, k, operands[k] as number);
    for (let k = 0; k < types.length; k++) f.makeResult(i, k, types[k] as Type);
    f.appendInst(this.block, i);
    return i;
  }
  /** append a single-result instruction; returns its value */
  value(opcode: number, operands: readonly number[] = [], imm0 = 0, imm1 = 0): number {
    return this.f.result(this.inst(opcode, operands, imm0, imm1), 0);
  }
  /**
   * The allocation-free path for rows with fixed results: append `opcode` with its first
   * `n` operands from a, b, c; returns the instruction.
   */
  emit(opcode: number, n: number, a: number, b: number, c: number, imm0 = 0, imm1 = 0): number {
    const f = this.f;
    const res = (OPCODES[opcode] as OpRow).results;
    if (res === null) throw new Error('emit: results come from a signature; use inst()');
    const i = f.newInst(opcode, res.length, n, imm0, imm1);
    if (n > 0) f.setOperand(i, 0, a);
    if (n > 1) f.setOperand(i, 1, b);
    if (n > 2) f.setOperand(i, 2, c);
    for (let k = 0; k < res.length; k++) f.makeResult(i, k, res[k] as Type);
    f.appendInst(this.block, i);
    return i;
  }
  private v(opcode: number, n: number, a: number, b: number, c: number, imm0 = 0, imm1 = 0): number {
    return this.f.result(this.emit(opcode, n, a, b, c, imm0, imm1), 0);
  }

  // ---- typed helpers ----

  iconst(t: Type, x: number | bigint): number {
    const opc = must(opFor('iconst', t), 'iconst', t);
    if (t === Type.I32) return this.v(opc, 0, 0, 0, 0, typeof x === 'number' ? x | 0 : Number(BigInt.asIntN(32, x)));
    const [lo, hi] = split64(x);
    return this.v(opc, 0, 0, 0, 0, lo, hi);
  }
  fconst32(bits: number): number {
    return this.v(FCONST32, 0, 0, 0, 0, bits | 0);
  }
  fconst64(bits: bigint): number {
    const [lo, hi] = split64(bits);
    return this.v(FCONST64, 0, 0, 0, 0, lo, hi);
  }
  /** `vconst` of the 16 bytes (lane 0 first) */
  vconst(bytes: Uint8Array): number {
    return this.v(VCONST, 0, 0, 0, 0, this.f.addV128(bytes));
  }
  /** `base.t a, b` (iadd, fmul, sdiv, ...) */
  binary(base: string, t: Type, a: number, b: number): number {
    return this.v(must(opFor(base, t), base, t), 2, a, b, 0);
  }
  /** `base.t a` (clz, fneg, eqz, sext8, ...) */
  unary(base: string, t: Type, a: number): number {
    return this.v(must(opFor(base, t), base, t), 1, a, 0, 0);
  }
  /** `base.to.from a` (sextend, fcvt_to_sint, bitcast, ptradd is binary: see ptradd) */
  convert(base: string, to: Type, from: Type, a: number): number {
    return this.v(must(opFor(base, to, from), base, to, from), 1, a, 0, 0);
  }
  icmp(cc: IntCC, t: Type, a: number, b: number): number {
    return this.v(must(opFor('icmp', t), 'icmp', t), 2, a, b, 0, cc);
  }
  fcmp(cc: FloatCC, t: Type, a: number, b: number): number {
    return this.v(must(opFor('fcmp', t), 'fcmp', t), 2, a, b, 0, cc);
  }
  select(t: Type, cond: number, a: number, b: number): number {
    return this.v(must(opFor('select', t), 'select', t), 3, cond, a, b);
  }
  copy(t: Type, a: number): number {
    return this.v(must(opFor('copy', t), 'copy', t), 1, a, 0, 0);
  }
  /** ptr + zero-extended i32 / i64 */
  ptradd(from: Type, p: number, x: number): number {
    return this.v(must(opFor('ptradd', Type.PTR, from), 'ptradd', Type.PTR, from), 2, p, x, 0);
  }
  /** `base.t addr+offset` (load, sload8, uload16, ...) */
  load(base: string, t: Type, addr: number, offset: number | bigint = 0): number {
    const [lo, hi] = split64(offset);
    return this.v(must(opFor(base, t), base, t), 1, addr, 0, 0, lo, hi);
  }
  /** `base.t addr+offset, value` (store, istore8, ...) */
  store(base: string, t: Type, addr: number, v: number, offset: number | bigint = 0): number {
    const [lo, hi] = split64(offset);
    return this.emit(must(opFor(base, t), base, t), 2, addr, v, 0, lo, hi);
  }
  /** trap "out of bounds memory access" unless index + end <= bound */
  heapCheck(t: Type, index: number, bound: number, end: number | bigint): number {
    const [lo, hi] = split64(end);
    return this.emit(must(opFor('heap_check', t), 'heap_check', t), 2, index, bound, 0, lo, hi);
  }
  vmctxLoad(t: Type, offset: number): number {
    return this.v(must(opFor('vmctx_load', t), 'vmctx_load', t), 0, 0, 0, 0, offset | 0);
  }
  vmctxStore(t: Type, offset: number, v: number): number {
    return this.emit(must(opFor('vmctx_store', t), 'vmctx_store', t), 1, v, 0, 0, offset | 0);
  }
  /** `trapnz cond, code` / `trapz cond, code` */
  trapIf(base: 'trapnz' | 'trapz', cond: number, code: TrapCode): number {
    return this.emit(op(base), 1, cond, 0, 0, code);
  }
  call(fn: number, sig: number, args: readonly number[]): number {
    return this.inst(op('call'), args, fn | 0, sig);
  }
  callIndirect(sig: number, callee: number, args: readonly number[]): number {
    return this.inst(op('call_indirect'), [callee, ...args], sig);
  }
  callRuntime(name: string, args: readonly number[]): number {
    const id = runtimeByName(name);
    if (id < 0) throw new Error(`no runtime function ${name}`);
    return this.inst(op('call_runtime'), args, id);
  }

  // ---- terminators ----

  private branch(opcode: number, operands: readonly number[], targets: readonly Target[]): number {
    const f = this.f;
    const i = this.inst(opcode, operands);
    const first = f.newBlockCalls(targets.length);
    f.instImm0[i] = first;
    f.instImm1[i] = targets.length;
    targets.forEach(([b, args = []], k) => {
      f.setBlockCall(first + k, b, args.length);
      args.forEach((v, a) => f.setCallArg(first + k, a, v));
    });
    return i;
  }
  jump(b: number, args: readonly number[] = []): number {
    return this.branch(op('jump'), [], [[b, args]]);
  }
  brif(cond: number, yes: Target, no: Target): number {
    return this.branch(op('brif'), [cond], [yes, no]);
  }
  brTable(index: number, targets: readonly Target[], dflt: Target): number {
    return this.branch(op('br_table'), [index], [...targets, dflt]);
  }
  ret(values: readonly number[] = []): number {
    return this.inst(op('return'), values);
  }
  trap(code: TrapCode): number {
    return this.inst(op('trap'), [], code);
  }
}
