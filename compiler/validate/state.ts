/**
 * The state of the function-body validator: the operand stack and the control stack of the
 * spec's validation algorithm (spec appendix §A.3 "Validation Algorithm"), with the
 * polymorphic stack after unreachable code modelled by an UNKNOWN type code.
 *
 * Both stacks are typed arrays that grow by doubling and are reused across functions, so
 * validating an instruction allocates nothing. Value types are stored as their binary codes
 * (0x7f i32 ... 0x6f externref); 0 is the "unknown" type of the polymorphic stack.
 */

import { KilnError, type Location } from '../../formats/errors.js';
import { sourcePositionOf } from '../../formats/wasm/source-positions.js';
import { OPCODES } from '../../formats/wasm/opcodes.js';
import { valTypeName, type Code, type Instr, type Module, type ValType } from '../../formats/wasm/types.js';
import type { ModuleInfo } from './module-info.js';

/** the bottom type of the polymorphic stack (spec appendix: Unknown) */
export const UNKNOWN = 0;

/** control frame kinds (the `opcode` of a ctrl_frame) */
export const enum FrameKind {
  Block = 0,
  Loop = 1,
  If = 2,
  Else = 3,
  Func = 4,
}

const NO_TYPES: readonly ValType[] = [];

export class BodyState {
  readonly m: Module;
  readonly info: ModuleInfo;
  /** C.refs: 1 for every function index that may be used by ref.func */
  readonly refs: Uint8Array;

  /** absolute index of the function being validated (for messages) */
  funcIdx = 0;
  /** instruction being validated (for messages) */
  ins: Instr | null = null;
  /** body being validated, when it is a Code (for the source positions of text modules) */
  code: Code | null = null;

  // ---- operand stack ----
  vals = new Uint8Array(64);
  height = 0;

  // ---- control stack (parallel arrays, `depth` frames) ----
  /** height and unreachable flag of the innermost frame, cached for the pops */
  base = 0;
  polymorphic = false;
  depth = 0;
  ctrlKind = new Uint8Array(16);
  ctrlHeight = new Int32Array(16);
  ctrlUnreachable = new Uint8Array(16);
  ctrlParams: (readonly ValType[])[] = new Array<readonly ValType[]>(16).fill(NO_TYPES);
  ctrlResults: (readonly ValType[])[] = new Array<readonly ValType[]>(16).fill(NO_TYPES);

  // ---- locals ----
  /** types of the first `localsExpanded` locals */
  localTypes = new Uint8Array(64);
  localsExpanded = 0;
  /** total number of locals including parameters */
  localCount = 0;
  /** locals beyond the expanded prefix: end index (exclusive) and type of each group */
  groupEnds: number[] = [];
  groupTypes: ValType[] = [];

  /** results of the function being validated (what `return` pops) */
  returnTypes: readonly ValType[] = NO_TYPES;

  /** scratch for br_table's pop-then-push of label types */
  scratch = new Uint8Array(16);

  constructor(m: Module, info: ModuleInfo, refs: Uint8Array) {
    this.m = m;
    this.info = info;
    this.refs = refs;
  }

  // ---- errors ----

  /** Throw `func N: <msg> in <instr>[: detail]` located at the current instruction's offset. */
  fail(msg: string, detail = ''): never {
    const ins = this.ins;
    const where = ins === null ? '' : ` in ${OPCODES[ins.op]?.name ?? '?'}`;
    const reason = `func ${this.funcIdx}: ${msg}${where}${detail === '' ? '' : ': ' + detail}`;
    throw new KilnError('invalid', reason, this.location(ins));
  }

  /** byte offset of a binary instruction, line:column of one from text, else nothing */
  private location(ins: Instr | null): Location {
    if (ins === null) return {};
    if (ins.offset >= 0) return { offset: ins.offset };
    const pos = this.code === null ? null : sourcePositionOf(this.code, ins);
    return pos === null ? {} : { line: pos.line, column: pos.column };
  }

  /** "type mismatch": expected type `expected` (UNKNOWN: any), found `actual` (-1: nothing) */
  mismatch(expected: number, actual: number): never {
    const e = expected === UNKNOWN ? 'a value' : valTypeName(expected);
    const a = actual < 0 ? 'nothing' : valTypeName(actual);
    this.fail('type mismatch', `expected ${e}, got ${a}`);
  }

  // ---- operand stack ----

  push(t: number): void {
    if (this.height === this.vals.length) this.growVals();
    this.vals[this.height++] = t;
  }

  pushVals(ts: readonly ValType[]): void {
    for (let i = 0; i < ts.length; i++) this.push(ts[i] as number);
  }

  /** pop any value; returns its type (UNKNOWN on a polymorphic stack) */
  pop(): number {
    const h = this.height;
    if (h === this.base) {
      if (this.polymorphic) return UNKNOWN;
      this.mismatch(UNKNOWN, -1);
    }
    this.height = h - 1;
    return this.vals[h - 1] as number;
  }

  /** pop a value of type `t` (or UNKNOWN) */
  popExpect(t: number): number {
    const h = this.height;
    if (h === this.base) {
      if (this.polymorphic) return UNKNOWN;
      this.mismatch(t, -1);
    }
    const a = this.vals[h - 1] as number;
    if (a !== t && a !== UNKNOWN) this.mismatch(t, a);
    this.height = h - 1;
    return a;
  }

  /** pop `ts` (the last one first) */
  popVals(ts: readonly ValType[]): void {
    for (let i = ts.length - 1; i >= 0; i--) this.popExpect(ts[i] as number);
  }

  private growVals(): void {
    const v = new Uint8Array(this.vals.length * 2);
    v.set(this.vals);
    this.vals = v;
  }

  // ---- control stack ----

  pushCtrl(kind: FrameKind, params: readonly ValType[], results: readonly ValType[]): void {
    const d = this.depth;
    if (d === this.ctrlKind.length) this.growCtrl();
    this.ctrlKind[d] = kind;
    this.ctrlHeight[d] = this.height;
    this.ctrlUnreachable[d] = 0;
    this.ctrlParams[d] = params;
    this.ctrlResults[d] = results;
    this.depth = d + 1;
    this.base = this.height;
    this.polymorphic = false;
    this.pushVals(params);
  }

  /** pop the innermost frame after checking its results; returns the frame's index */
  popCtrl(): number {
    const d = this.depth - 1;
    this.popVals(this.ctrlResults[d] as readonly ValType[]);
    if (this.height !== this.ctrlHeight[d]) this.fail('type mismatch', 'values remain on the stack at the end of the block');
    this.depth = d;
    if (d > 0) {
      this.base = this.ctrlHeight[d - 1] as number;
      this.polymorphic = this.ctrlUnreachable[d - 1] === 1;
    }
    return d;
  }

  /** the types a branch to frame `frame` (an index into the control stack) carries */
  labelTypes(frame: number): readonly ValType[] {
    return (this.ctrlKind[frame] === FrameKind.Loop ? this.ctrlParams[frame] : this.ctrlResults[frame]) as readonly ValType[];
  }

  /** control stack index of relative label `l`, failing with "unknown label" */
  label(l: number): number {
    if (l < 0 || l >= this.depth) this.fail(`unknown label ${l}`);
    return this.depth - 1 - l;
  }

  /** the rest of the current block is unreachable: the stack becomes polymorphic */
  setUnreachable(): void {
    const d = this.depth - 1;
    this.height = this.ctrlHeight[d] as number;
    this.ctrlUnreachable[d] = 1;
    this.polymorphic = true;
  }

  private growCtrl(): void {
    const n = this.ctrlKind.length * 2;
    const k = new Uint8Array(n);
    k.set(this.ctrlKind);
    this.ctrlKind = k;
    const h = new Int32Array(n);
    h.set(this.ctrlHeight);
    this.ctrlHeight = h;
    const u = new Uint8Array(n);
    u.set(this.ctrlUnreachable);
    this.ctrlUnreachable = u;
    for (let i = this.ctrlParams.length; i < n; i++) {
      this.ctrlParams.push(NO_TYPES);
      this.ctrlResults.push(NO_TYPES);
    }
  }

  // ---- locals ----

  /** Set up the locals of a function: its parameters, then the declared local groups. */
  setLocals(params: readonly ValType[], groups: readonly { count: number; type: ValType }[]): void {
    const np = params.length;
    const ng = groups.length;
    let total = np;
    for (let i = 0; i < ng; i++) total += groups[i]!.count;
    this.localCount = total;
    const expand = total < 65536 ? total : 65536;
    if (this.localTypes.length < expand) this.localTypes = new Uint8Array(Math.max(expand, this.localTypes.length * 2));
    const lt = this.localTypes;
    for (let i = 0; i < np && i < expand; i++) lt[i] = params[i]!;
    if (this.groupEnds.length !== 0) {
      this.groupEnds.length = 0;
      this.groupTypes.length = 0;
    }
    let end = np;
    for (let k = 0; k < ng; k++) {
      const g = groups[k]!;
      const start = end;
      end += g.count;
      if (start < expand) lt.fill(g.type, start, end < expand ? end : expand);
      if (end > expand) {
        this.groupEnds.push(end);
        this.groupTypes.push(g.type);
      }
    }
    this.localsExpanded = expand;
  }

  /** type of local `idx`, failing with "unknown local" */
  localType(idx: number): number {
    if (idx >= 0 && idx < this.localsExpanded) return this.localTypes[idx] as number;
    if (idx < 0 || idx >= this.localCount) this.fail(`unknown local ${idx}`);
    // beyond the expanded prefix (functions with more than 65536 locals): binary search
    const ends = this.groupEnds;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] as number) > idx) hi = mid;
      else lo = mid + 1;
    }
    return this.groupTypes[lo] as number;
  }
}
