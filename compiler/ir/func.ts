/**
 * The function store: one IR function held in growable typed arrays, indexed by number.
 * Nothing is allocated per value, block or instruction; `reset()` empties the store and keeps
 * every array, so one store compiles function after function (design.md, "Compile speed").
 *
 * Entities (all numbered from 0, -1 = none):
 * - values:  type, kind (result / block param / none), def (instruction or block), num (index
 *            among the def's results or params).
 * - blocks:  doubly linked layout list (firstBlock .. lastBlock, blockPrev/blockNext; a block
 *            not in the layout has blockPlaced 0), a doubly linked list of instructions
 *            (blockFirst .. blockLast), and a slice of paramPool holding its param values.
 * - insts:   opcode, owning block (-1 when not inserted), prev/next, two int32 immediate
 *            words (their meaning: the row's ImmKind, opcodes.ts), and a slice of argPool
 *            holding first the result values, then the operand values.
 * - block calls: the successors of a terminator, `block(args)`; the terminator's imm0 is its
 *            first call, imm1 their count; each call's args are a slice of argPool.
 * - signatures: param and result types of callees (`sig0 = (i32) -> i64`), in sigTypes.
 * - v128 constants: 16 bytes each in v128Pool, named by index (`vconst` and `i8x16.shuffle`
 *            hold one in imm0); equal constants share an index, so equal instructions are
 *            equal word for word (GVN).
 * Slices are never shrunk in place; a grown slice moves to the end of its pool.
 */

import { grow } from './growable.js';
import type { Type } from './types.js';

export const NO = -1;

/** what a reference value refers to (Func.valueRef) */
export const RefKind = { None: 0, Func: 1, Extern: 2 } as const;
export type RefKind = (typeof RefKind)[keyof typeof RefKind];

/** the RefKind of a wasm value type (funcref 0x70, externref 0x6f; None for numbers) */
export function refKindOf(wasmType: number): RefKind {
  return wasmType === 0x70 ? RefKind.Func : wasmType === 0x6f ? RefKind.Extern : RefKind.None;
}

export const ValueKind = { None: 0, Result: 1, Param: 2 } as const;
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];

export class Func {
  name = '';
  readonly params: Type[] = [];
  readonly results: Type[] = [];

  sigCount = 0;
  sigStart = new Int32Array(4);
  sigParamCount = new Int32Array(4);
  sigResultCount = new Int32Array(4);
  sigTypes = new Uint8Array(16);
  sigTypesLen = 0;

  valueCount = 0;
  valueType = new Uint8Array(64);
  valueKind = new Uint8Array(64);
  valueDef = new Int32Array(64);
  valueNum = new Int32Array(64);
  /**
   * what a ptr value holds when it is a wasm reference (RefKind: funcref or externref), set
   * where references enter a function (params, call results, globals, table reads, ref.func)
   * and spread along copies, selects and block arguments by refs.ts `propagateRefs`; the
   * allocator records where these live at calls (stack maps)
   */
  valueRef = new Uint8Array(64);

  blockCount = 0;
  firstBlock = NO;
  lastBlock = NO;
  blockPlaced = new Uint8Array(16);
  blockPrev = new Int32Array(16);
  blockNext = new Int32Array(16);
  blockFirst = new Int32Array(16);
  blockLast = new Int32Array(16);
  blockParamStart = new Int32Array(16);
  blockParamCount = new Int32Array(16);
  paramPool = new Int32Array(32);
  paramPoolLen = 0;

  instCount = 0;
  instOp = new Uint16Array(64);
  instBlock = new Int32Array(64);
  instPrev = new Int32Array(64);
  instNext = new Int32Array(64);
  instImm0 = new Int32Array(64);
  instImm1 = new Int32Array(64);
  instArgStart = new Int32Array(64);
  instResultCount = new Int32Array(64);
  instOperandCount = new Int32Array(64);
  argPool = new Int32Array(128);
  argPoolLen = 0;
  /** per instruction: the byte offset of the wasm instruction it came from (-1: none) */
  instSrc = new Int32Array(64);
  /** the source offset `newInst` stamps on new instructions (the frontend sets it per wasm instruction) */
  srcOffset = -1;

  v128Count = 0;
  v128Pool = new Uint8Array(64);
  /** pool index by the constant's bytes as a hex string */
  private readonly v128Index = new Map<string, number>();

  callCount = 0;
  callBlock = new Int32Array(16);
  callArgStart = new Int32Array(16);
  callArgCount = new Int32Array(16);

  /** empty the store for the next function, keeping all capacity */
  reset(name = '', params: readonly Type[] = [], results: readonly Type[] = []): void {
    this.name = name;
    this.params.length = 0;
    this.params.push(...params);
    this.results.length = 0;
    this.results.push(...results);
    this.sigCount = this.sigTypesLen = this.valueCount = this.blockCount = 0;
    this.paramPoolLen = this.instCount = this.argPoolLen = this.callCount = this.v128Count = 0;
    this.v128Index.clear();
    this.firstBlock = this.lastBlock = NO;
    this.srcOffset = -1;
  }

  /** bytes held by the store's arrays (a reused store must not grow for the same function) */
  capacityBytes(): number {
    let n = 0;
    for (const a of Object.values(this)) if (ArrayBuffer.isView(a)) n += a.byteLength;
    return n;
  }

  // ---- signatures ----

  addSig(params: readonly Type[], results: readonly Type[]): number {
    const s = this.sigCount++;
    if (s >= this.sigStart.length) {
      this.sigStart = grow(this.sigStart, s + 1);
      this.sigParamCount = grow(this.sigParamCount, s + 1);
      this.sigResultCount = grow(this.sigResultCount, s + 1);
    }
    const start = this.sigTypesLen;
    this.sigTypes = grow(this.sigTypes, start + params.length + results.length);
    this.sigTypes.set(params, start);
    this.sigTypes.set(results, start + params.length);
    this.sigTypesLen = start + params.length + results.length;
    this.sigStart[s] = start;
    this.sigParamCount[s] = params.length;
    this.sigResultCount[s] = results.length;
    return s;
  }
  sigParam(s: number, i: number): Type {
    return this.sigTypes[(this.sigStart[s] as number) + i] as Type;
  }
  sigResult(s: number, i: number): Type {
    return this.sigTypes[(this.sigStart[s] as number) + (this.sigParamCount[s] as number) + i] as Type;
  }

  // ---- v128 constants ----

  /** the pool index of the 16 bytes at bytes[at..at+16), added if new */
  addV128(bytes: Uint8Array, at = 0): number {
    let key = '';
    for (let k = 0; k < 16; k++) key += ((bytes[at + k] as number) | 0x100).toString(16).slice(1);
    const known = this.v128Index.get(key);
    if (known !== undefined) return known;
    const n = this.v128Count++;
    this.v128Pool = grow(this.v128Pool, 16 * n + 16);
    for (let k = 0; k < 16; k++) this.v128Pool[16 * n + k] = bytes[at + k] as number;
    this.v128Index.set(key, n);
    return n;
  }
  /** byte k (0 = lowest) of pool constant n */
  v128Byte(n: number, k: number): number {
    return this.v128Pool[16 * n + k] as number;
  }

  // ---- values ----

  /** make sure values 0..n-1 exist; new ones are undefined (kind None) */
  ensureValues(n: number): void {
    if (n <= this.valueCount) return;
    if (n > this.valueType.length) {
      this.valueType = grow(this.valueType, n);
      this.valueKind = grow(this.valueKind, n);
      this.valueDef = grow(this.valueDef, n);
      this.valueNum = grow(this.valueNum, n);
      this.valueRef = grow(this.valueRef, n);
    }
    for (let v = this.valueCount; v < n; v++) {
      this.valueKind[v] = ValueKind.None;
      this.valueDef[v] = NO;
      this.valueRef[v] = RefKind.None;
    }
    this.valueCount = n;
  }
  /** (re)define value v */
  defineValue(v: number, type: Type, kind: ValueKind, def: number, num: number): void {
    this.ensureValues(v + 1);
    this.valueType[v] = type;
    this.valueKind[v] = kind;
    this.valueDef[v] = def;
    this.valueNum[v] = num;
    this.valueRef[v] = RefKind.None;
  }
  /** value v holds a reference of kind `kind` */
  markRef(v: number, kind: RefKind): void {
    this.valueRef[v] = kind;
  }
  newValue(type: Type, kind: ValueKind, def: number, num: number): number {
    const v = this.valueCount;
    this.defineValue(v, type, kind, def, num);
    return v;
  }

  // ---- blocks ----

  /** make sure blocks 0..n-1 exist; new ones are empty and not in the layout */
  ensureBlocks(n: number): void {
    if (n <= this.blockCount) return;
    if (n > this.blockPrev.length) {
      this.blockPlaced = grow(this.blockPlaced, n);
      this.blockPrev = grow(this.blockPrev, n);
      this.blockNext = grow(this.blockNext, n);
      this.blockFirst = grow(this.blockFirst, n);
      this.blockLast = grow(this.blockLast, n);
      this.blockParamStart = grow(this.blockParamStart, n);
      this.blockParamCount = grow(this.blockParamCount, n);
    }
    for (let b = this.blockCount; b < n; b++) {
      this.blockPlaced[b] = 0;
      this.blockPrev[b] = this.blockNext[b] = this.blockFirst[b] = this.blockLast[b] = NO;
      this.blockParamStart[b] = this.paramPoolLen;
      this.blockParamCount[b] = 0;
    }
    this.blockCount = n;
  }
  /** a new empty block, not yet in the layout */
  newBlock(): number {
    const b = this.blockCount;
    this.ensureBlocks(b + 1);
    return b;
  }
  /** put block b at the end of the layout (or after block `after`) */
  placeBlock(b: number, after = this.lastBlock): void {
    const next = after === NO ? this.firstBlock : (this.blockNext[after] as number);
    this.blockPlaced[b] = 1;
    this.blockPrev[b] = after;
    this.blockNext[b] = next;
    if (after === NO) this.firstBlock = b;
    else this.blockNext[after] = b;
    if (next === NO) this.lastBlock = b;
    else this.blockPrev[next] = b;
  }
  /** take block b out of the layout (its instructions stay with it) */
  unplaceBlock(b: number): void {
    const prev = this.blockPrev[b] as number;
    const next = this.blockNext[b] as number;
    if (prev === NO) this.firstBlock = next;
    else this.blockNext[prev] = next;
    if (next === NO) this.lastBlock = prev;
    else this.blockPrev[next] = prev;
    this.blockPlaced[b] = 0;
    this.blockPrev[b] = this.blockNext[b] = NO;
  }
  /** append an existing value v as the next param of block b */
  appendParamValue(b: number, v: number, type: Type): void {
    const start = this.blockParamStart[b] as number;
    const n = this.blockParamCount[b] as number;
    if (start + n !== this.paramPoolLen) {
      // the slice is not at the end of the pool: move it there
      this.paramPool = grow(this.paramPool, this.paramPoolLen + n + 1);
      this.paramPool.copyWithin(this.paramPoolLen, start, start + n);
      this.blockParamStart[b] = this.paramPoolLen;
      this.paramPoolLen += n;
    }
    this.paramPool = grow(this.paramPool, this.paramPoolLen + 1);
    this.paramPool[this.paramPoolLen++] = v;
    this.blockParamCount[b] = n + 1;
    this.defineValue(v, type, ValueKind.Param, b, n);
  }
  /** a new param of block b */
  addBlockParam(b: number, type: Type): number {
    const v = this.valueCount;
    this.appendParamValue(b, v, type);
    return v;
  }
  blockParam(b: number, i: number): number {
    return this.paramPool[(this.blockParamStart[b] as number) + i] as number;
  }

  // ---- instructions ----

  /** a new instruction with room for nres results and nopd operands (all -1), not inserted */
  newInst(opcode: number, nres: number, nopd: number, imm0 = 0, imm1 = 0): number {
    const i = this.instCount++;
    if (i >= this.instOp.length) {
      this.instOp = grow(this.instOp, i + 1);
      this.instBlock = grow(this.instBlock, i + 1);
      this.instPrev = grow(this.instPrev, i + 1);
      this.instNext = grow(this.instNext, i + 1);
      this.instImm0 = grow(this.instImm0, i + 1);
      this.instImm1 = grow(this.instImm1, i + 1);
      this.instArgStart = grow(this.instArgStart, i + 1);
      this.instResultCount = grow(this.instResultCount, i + 1);
      this.instOperandCount = grow(this.instOperandCount, i + 1);
      this.instSrc = grow(this.instSrc, i + 1);
    }
    this.instOp[i] = opcode;
    this.instSrc[i] = this.srcOffset;
    this.instBlock[i] = this.instPrev[i] = this.instNext[i] = NO;
    this.instImm0[i] = imm0;
    this.instImm1[i] = imm1;
    this.instArgStart[i] = this.allocArgs(nres + nopd);
    this.instResultCount[i] = nres;
    this.instOperandCount[i] = nopd;
    return i;
  }
  private allocArgs(n: number): number {
    const start = this.argPoolLen;
    if (start + n > this.argPool.length) this.argPool = grow(this.argPool, start + n);
    for (let k = start; k < start + n; k++) this.argPool[k] = NO;
    this.argPoolLen = start + n;
    return start;
  }
  result(inst: number, i: number): number {
    return this.argPool[(this.instArgStart[inst] as number) + i] as number;
  }
  operand(inst: number, i: number): number {
    return this.argPool[(this.instArgStart[inst] as number) + (this.instResultCount[inst] as number) + i] as number;
  }
  setOperand(inst: number, i: number, v: number): void {
    this.argPool[(this.instArgStart[inst] as number) + (this.instResultCount[inst] as number) + i] = v;
  }
  /** define value v as result i of inst */
  bindResult(inst: number, i: number, v: number, type: Type): void {
    this.argPool[(this.instArgStart[inst] as number) + i] = v;
    this.defineValue(v, type, ValueKind.Result, inst, i);
  }
  /** a new value as result i of inst */
  makeResult(inst: number, i: number, type: Type): number {
    const v = this.valueCount;
    this.bindResult(inst, i, v, type);
    return v;
  }

  /** append inst at the end of block b */
  appendInst(b: number, inst: number): void {
    this.link(inst, b, this.blockLast[b] as number, NO);
  }
  insertBefore(inst: number, before: number): void {
    this.link(inst, this.instBlock[before] as number, this.instPrev[before] as number, before);
  }
  insertAfter(inst: number, after: number): void {
    this.link(inst, this.instBlock[after] as number, after, this.instNext[after] as number);
  }
  private link(inst: number, b: number, prev: number, next: number): void {
    this.instBlock[inst] = b;
    this.instPrev[inst] = prev;
    this.instNext[inst] = next;
    if (prev === NO) this.blockFirst[b] = inst;
    else this.instNext[prev] = inst;
    if (next === NO) this.blockLast[b] = inst;
    else this.instPrev[next] = inst;
  }
  /** take inst out of its block (its results stay defined by it; see the verifier) */
  removeInst(inst: number): void {
    const b = this.instBlock[inst] as number;
    const prev = this.instPrev[inst] as number;
    const next = this.instNext[inst] as number;
    if (prev === NO) this.blockFirst[b] = next;
    else this.instNext[prev] = next;
    if (next === NO) this.blockLast[b] = prev;
    else this.instPrev[next] = prev;
    this.instBlock[inst] = this.instPrev[inst] = this.instNext[inst] = NO;
  }

  // ---- block calls (successors) ----

  /** n consecutive new block calls (to no block, no args); returns the first */
  newBlockCalls(n: number): number {
    const c = this.callCount;
    this.callCount += n;
    if (this.callCount > this.callBlock.length) {
      this.callBlock = grow(this.callBlock, this.callCount);
      this.callArgStart = grow(this.callArgStart, this.callCount);
      this.callArgCount = grow(this.callArgCount, this.callCount);
    }
    for (let k = c; k < this.callCount; k++) {
      this.callBlock[k] = NO;
      this.callArgStart[k] = this.argPoolLen;
      this.callArgCount[k] = 0;
    }
    return c;
  }
  /** point call c at block b with room for nargs args (all -1) */
  setBlockCall(c: number, b: number, nargs: number): void {
    this.callBlock[c] = b;
    this.callArgStart[c] = this.allocArgs(nargs);
    this.callArgCount[c] = nargs;
  }
  callArg(c: number, i: number): number {
    return this.argPool[(this.callArgStart[c] as number) + i] as number;
  }
  setCallArg(c: number, i: number, v: number): void {
    this.argPool[(this.callArgStart[c] as number) + i] = v;
  }
}
