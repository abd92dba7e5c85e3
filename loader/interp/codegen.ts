/**
 * The interpreter's translator: one wasm function body → the source of one JavaScript
 * function (spec §4.4 instruction semantics; validation §3.3 guarantees stack heights and
 * types, so they are tracked statically here).
 *
 * - Each operand-stack slot at static height h is a JS local named by type and height
 *   (i3, l3, f3, d3, v3, r3: i32, i64, f32 bits, f64, v128, ref), so every variable is
 *   monomorphic; wasm locals are x0, x1, … (parameters first).
 * - An i64 is two int32 variables, its low and high halves: slot l3 is the low half and h3
 *   the high half; local x5 is the low half and y5 the high half (see hi()).
 * - Calls pass an i64 argument as two arguments (low, high). A function returning one
 *   i64 returns its low half and leaves the high half in HI[0], which the caller reads right
 *   after the call; two or more results come back in an array where an i64 takes two
 *   entries (low, high). This "split convention" is used for direct calls, and for imports
 *   and call_indirect callees whose type has an i64, through Func.split (split-call.ts).
 * - At the boundaries the raw convention of loader/api.ts holds (an i64 is a BigInt): a
 *   function with i64 in its type gets an adapter `a<mid>_<index>` (adapterSource) as its
 *   Func.fn; i64 globals stay BigInts in their shared Global objects and are converted at
 *   global.get/set; so are SIMD lane operands.
 * - block → `L: { … }`, loop → `L: for (;;) { … break L; }` (br = `continue L`), if/else →
 *   labelled if; only branch targets get a label, and a block or loop that no branch
 *   targets is emitted as its bare contents (branch-targets.ts, limits.ts). Branch values are moved into the target's slots before the jump;
 *   br_table becomes a switch. Code after an unconditional branch is skipped up to the
 *   matching else/end.
 * - Instruction semantics come from emitter tables keyed by opcode id (emitters.ts); this
 *   file only holds the translation state and the control/call/variable instructions.
 */

import type { FuncType, Instr, Module, ValType } from '../../formats/wasm/types.js';
import { OP, OPCODES } from '../../formats/wasm/opcodes.js';
import { branchTargets } from './branch-targets.js';
import type { LabelWork } from './limits.js';
import { estimateBytecode } from './bytecode-estimate.js';

/** a contiguous run of a body's instructions translated as a JS function of its own (split.ts) */
export interface Region {
  /** instruction indices [start, end) */
  readonly start: number;
  readonly end: number;
  /** block/loop/if instructions inside */
  readonly constructs: number;
  /** some loop encloses the region (it may run more than once per call of the function) */
  readonly inLoop: boolean;
  /**
   * the lowest stack height inside (at most the height at its start): the operands between
   * it and the height at the start are the region's inputs, those between it and the height
   * at its end its outputs
   */
  readonly low: number;
}

/** per-instruction figures of an unsplit translation (split.ts plans with them) */
export interface Recording {
  /** stack height before the instruction */
  readonly heights: Int32Array;
  /** lowest stack height while it was translated */
  readonly lows: Int32Array;
  /** estimated bytecode bytes of the JavaScript it became (bytecode-estimate.ts) */
  readonly chars: Int32Array;
  /** 1 when it was translated (reachable) */
  readonly reached: Uint8Array;
}

/** what splits a function into pieces (split.ts) */
export interface Splitter {
  /** when set, the translation records per-instruction figures instead of splitting */
  readonly record: Recording | null;
  /** the outermost region starting at instruction i inside `within` (null: the whole function), if any */
  regionAt(i: number, within: Region | null): Region | undefined;
  /** translates region r as a piece and emits its call into g */
  call(g: FuncGen, r: Region, body: readonly Instr[], emitters: readonly (Emitter | undefined)[]): void;
  /** the statements leaving piece g for frame f outside it (branch values on top of g's stack) */
  exit(g: FuncGen, f: Frame): string;
  /** emits the function's first statements (a split function's frame) */
  enterFunction?(g: FuncGen): void;
}

/** a piece being translated (split.ts) */
export interface PieceInfo {
  readonly name: string;
  readonly region: Region;
  /** the most transfer entries (XI, XO) a branch out of the piece uses */
  exitInts: number;
  exitObjs: number;
  /** exit code → types of the values it carries */
  readonly exits: Map<number, readonly ValType[]>;
}

/** per-module translation context, shared by all functions of one module */
export interface ModuleCtx {
  readonly module: Module;
  /** process-wide id used in generated function names (w<mid>_<index>) */
  readonly mid: number;
  /** type of every function in the function index space */
  readonly funcTypes: readonly FuncType[];
  /** type id (loader/instance/func.ts typeIdOf) of every type index */
  readonly typeIds: readonly number[];
  readonly numImportedFuncs: number;
  readonly globalTypes: readonly ValType[];
  /** element type of every table in the table index space */
  readonly tableTypes: readonly ValType[];
  readonly maxDepth: number;
  /** constant pool: generated code names entry k as K<k> */
  readonly consts: unknown[];
  /** SIMD opcode ids referenced as S<id> */
  readonly simdUsed: Set<number>;
  /** the JS parser's label work for the whole module, counted and limited (limits.ts) */
  readonly labelWork: LabelWork;
}

export type Emitter = (g: FuncGen, ins: Instr) => void;

/** one translated function: its source, and the wasm offset behind each of its lines */
export interface GeneratedFunction {
  source: string;
  lineOffsets: number[];
}

export interface Frame {
  kind: 'block' | 'loop' | 'if' | 'func';
  /** in a piece (split.ts): a construct outside it, left through this exit code (0: inside) */
  exit: number;
  /** JS label, '' when no branch targets the construct */
  label: string;
  /** the construct became a JS statement (every if; a block or loop only when labelled) */
  emitted: boolean;
  /** JS statement nesting depth outside the construct */
  jsDepth: number;
  /** stack height below the block's parameters */
  height: number;
  params: readonly ValType[];
  results: readonly ValType[];
}

/** the i64 value type: the one type carried as two variables */
export const I64 = 0x7e;

const LETTER: Readonly<Record<number, string>> = { 0x7f: 'i', 0x7e: 'l', 0x7d: 'f', 0x7c: 'd', 0x7b: 'v', 0x70: 'r', 0x6f: 'r' };
const ZERO: Readonly<Record<string, string>> = { i: '0', l: '0', h: '0', f: '0', d: '0', v: 'null', r: 'null' };

/** number of JS values a value of type t occupies in calls and result arrays */
const width = (t: ValType): number => (t === I64 ? 2 : 1);

export class FuncGen {
  readonly lines: string[] = [];
  /** wasm byte offset of the instruction each line of `lines` was generated for (-1: none) */
  private readonly lineOffsets: number[] = [];
  /** offset of the instruction being translated */
  private wasmOffset = -1;
  readonly stack: ValType[] = [];
  /**
   * arithmetic[h]: the f64 at height h is the result of an arithmetic instruction, whose NaN
   * the spec lets be any arithmetic NaN (§4.3.3 nans), so quieting it is harmless: f64.store
   * then needs no NaN check (ops/memory.ts, numeric/f64-bits.ts)
   */
  private readonly arithmetic: boolean[] = [];
  private readonly frames: Frame[] = [];
  /** true after an unconditional branch until the matching else/end */
  dead = false;
  /** declared slot variables */
  private readonly slots = new Set<string>();
  private labels = 0;
  /** targets[k]: the k-th block/loop/if of the body is a branch target (branch-targets.ts) */
  private targets: Uint8Array = new Uint8Array(0);
  /** number of block/loop/if instructions met so far, reachable or not */
  private seq = 0;
  /** JS statements (labelled blocks, loops, ifs) open at the current point */
  private jsDepth = 0;
  /** function uses scalar loads/stores (caches `dv`/`ml`) */
  readonly usesMem: boolean;
  usesEa = false;
  usesTmp = false;
  /** the function uses the int scratch locals t_, u_, v_ (pair templates) */
  usesScratch = false;
  /** the function calls pieces (split.ts), whose exit code it keeps in e_ */
  usesExit = false;
  /** statements every return of the function runs first (a split function gives its frame back) */
  onReturn = '';
  /** the lowest stack height since it was last reset (split.ts records it per instruction) */
  low = 0;
  /** estimated bytecode bytes emitted so far (bytecode-estimate.ts) */
  chars = 0;
  /** how the function is split, or null (split.ts) */
  splitter: Splitter | null = null;
  /** when this generator translates a piece of a function: its name and parameters (split.ts) */
  piece: PieceInfo | null = null;

  constructor(
    readonly ctx: ModuleCtx,
    readonly funcIndex: number,
    readonly type: FuncType,
    readonly localTypes: readonly ValType[],
    usesMem: boolean,
  ) {
    this.usesMem = usesMem;
  }

  // ---- stack ----
  slot(t: ValType, h: number): string {
    const name = (LETTER[t] ?? 'r') + h;
    this.slots.add(name);
    if (t === I64) this.slots.add(`h${h}`);
    return name;
  }
  /** the high-half variable of an i64 slot (l3 → h3) or local (x5 → y5) */
  hi(name: string): string {
    const c = name[0];
    if (c === 'l') return `h${name.slice(1)}`;
    if (c === 'x') return `y${name.slice(1)}`;
    throw new Error(`interp: ${name} is not an i64 variable`);
  }
  /** statement(s) copying a value of type t (both halves of an i64) */
  move(t: ValType, dst: string, src: string): string {
    if (dst === src) return '';
    return t === I64 ? `${dst} = ${src}; ${this.hi(dst)} = ${this.hi(src)}; ` : `${dst} = ${src}; `;
  }
  /** call arguments in the generated functions' convention (an i64 as low, high) */
  splitArgs(names: readonly string[], types: readonly ValType[]): string {
    return names.map((n, i) => (types[i] === I64 ? `${n}, ${this.hi(n)}` : n)).join(', ');
  }
  /** a value in the raw convention of loader/api.ts (an i64 as a BigInt) */
  rawValue(name: string, t: ValType): string {
    return t === I64 ? `i64_join(${name}, ${this.hi(name)})` : name;
  }
  /** statement pushing a raw-convention value (expression) of type t */
  pushRaw(t: ValType, expr: string): string {
    const d = this.push(t);
    return t === I64 ? `${d} = i64_lo(${expr}); ${this.hi(d)} = HI[0];` : `${d} = ${expr};`;
  }
  push(t: ValType): string {
    const name = this.slot(t, this.stack.length);
    this.arithmetic[this.stack.length] = false;
    this.stack.push(t);
    return name;
  }
  /** marks the top of the stack as an arithmetic result (see `arithmetic`) */
  markArithmetic(): void {
    this.arithmetic[this.stack.length - 1] = true;
  }
  /** whether the top of the stack is an arithmetic result (see `arithmetic`) */
  topIsArithmetic(): boolean {
    return this.arithmetic[this.stack.length - 1] === true;
  }
  pop(): string {
    const t = this.stack.pop() as ValType;
    if (this.stack.length < this.low) this.low = this.stack.length;
    return this.slot(t, this.stack.length);
  }
  /** the single result type of a fixed-signature instruction */
  resultTypeOf(ins: Instr): ValType {
    return (OPCODES[ins.op]?.results ?? [])[0] as ValType;
  }
  topType(): ValType {
    return this.stack[this.stack.length - 1] as ValType;
  }
  /** pops n operands, returns their slot names bottom first */
  popN(n: number): string[] {
    const out = new Array<string>(n);
    for (let i = n - 1; i >= 0; i--) out[i] = this.pop();
    return out;
  }
  emit(line: string): void {
    this.lines.push(line);
    if (this.splitter !== null && this.splitter.record !== null) this.chars += estimateBytecode(line);
    // one entry per source line, for mapping trap locations back to wasm offsets
    for (let i = line.indexOf('\n'); i >= 0; i = line.indexOf('\n', i + 1)) this.lineOffsets.push(this.wasmOffset);
    this.lineOffsets.push(this.wasmOffset);
  }
  /** adds a value to the constant pool and returns its name */
  constant(v: unknown): string {
    this.ctx.consts.push(v);
    return `K${this.ctx.consts.length - 1}`;
  }
  /** re-reads the cached memory view after anything that may have grown memory */
  refreshMem(): void {
    if (this.usesMem) this.emit('dv = M0.dv; ml = M0.len;');
  }
  /** emits the bounds check for an access of `size` bytes; the address is then in `ea` */
  memCheck(addr: string, offset: number, size: number): void {
    this.usesEa = true;
    this.emit(`if ((ea = (${addr} >>> 0) + ${offset}) > ml - ${size}) throw trap('out of bounds memory access');`);
  }

  // ---- control ----
  private blockSig(a: number): [readonly ValType[], readonly ValType[]] {
    if (a === -64) return [[], []];
    if (a < 0) return [[], [(0x80 + a) as ValType]];
    const t = this.ctx.module.types[a] as FuncType;
    return [t.params, t.results];
  }
  /**
   * A block or loop that no branch targets is emitted as its bare contents; otherwise a
   * labelled statement, whose declaration costs V8's parser one step per enclosing statement.
   */
  openBlock(kind: 'block' | 'loop' | 'if', a: number, cond?: string): void {
    const [params, results] = this.blockSig(a);
    const targeted = this.targets[this.seq++] === 1;
    const label = targeted ? `L${this.labels++}` : '';
    const emitted = targeted || kind === 'if';
    const height = this.stack.length - params.length;
    this.frames.push({ kind, exit: 0, label, emitted, jsDepth: this.jsDepth, height, params, results });
    if (targeted) this.ctx.labelWork.add(this.jsDepth, this.funcIndex);
    const prefix = targeted ? `${label}: ` : '';
    if (kind === 'if') this.emit(`${prefix}if (${cond as string}) {`);
    else if (!emitted) return;
    else if (kind === 'block') this.emit(`${prefix}{`);
    else this.emit(`${prefix}for (;;) {`);
    this.jsDepth++;
  }
  elseBlock(): void {
    const f = this.frames[this.frames.length - 1] as Frame;
    this.emit('} else {');
    this.resetStack(f.height, f.params);
    this.dead = false;
  }
  endBlock(): void {
    const f = this.frames.pop() as Frame;
    if (f.kind === 'func') {
      if (!this.dead) this.emit(this.returnStmt());
      this.dead = true;
      return;
    }
    if (f.emitted) {
      this.emit(f.kind === 'loop' ? `break ${f.label}; }` : '}');
      this.jsDepth--;
    }
    this.resetStack(f.height, f.results);
    this.dead = false;
  }
  private resetStack(height: number, types: readonly ValType[]): void {
    if (height < this.low) this.low = height;
    this.stack.length = height;
    for (const t of types) this.push(t);
  }
  /** statements that move branch values into the target's slots and jump there */
  branch(depth: number): string {
    const f = this.frames[this.frames.length - 1 - depth] as Frame;
    if (f.exit > 0) return (this.splitter as Splitter).exit(this, f);
    if (f.kind === 'func') return this.returnStmt();
    if (f.label === '') throw new Error('interp: branch to a construct without a label');
    // V8 resolves the label by walking out through the statements in between
    this.ctx.labelWork.add(this.jsDepth - f.jsDepth, this.funcIndex);
    const types = f.kind === 'loop' ? f.params : f.results;
    const n = types.length;
    const top = this.stack.length;
    // the branch reads its values where they are (split.ts: they are inputs of a region)
    if (top - n < this.low) this.low = top - n;
    let s = '';
    for (let k = 0; k < n; k++) {
      const t = types[k] as ValType;
      s += this.move(t, this.slot(t, f.height + k), this.slot(t, top - n + k));
    }
    return s + (f.kind === 'loop' ? `continue ${f.label};` : `break ${f.label};`);
  }
  /** the function's return: results are the top values of the stack */
  returnStmt(): string {
    if (this.piece !== null) return (this.splitter as Splitter).exit(this, this.frames[0] as Frame);
    const rs = this.type.results;
    const top = this.stack.length;
    if (top - rs.length < this.low) this.low = top - rs.length;
    const leave = `${this.onReturn}D.depth--;`;
    if (rs.length === 0) return `${leave} return;`;
    if (rs.length === 1) {
      const r = this.slot(rs[0] as ValType, top - 1);
      if (rs[0] === I64) return `${leave} HI[0] = ${this.hi(r)}; return ${r};`;
      return `${leave} return ${r};`;
    }
    this.usesTmp = true;
    let s = `T_ = [${rs.flatMap((t) => (t === I64 ? ['null', 'null'] : ['null'])).join(', ')}]; `;
    let j = 0;
    rs.forEach((t, k) => {
      const v = this.slot(t, top - rs.length + k);
      s += `T_[${j++}] = ${v}; `;
      if (t === I64) s += `T_[${j++}] = ${this.hi(v)}; `;
    });
    return `${leave} ${s}return T_;`;
  }
  /** assigns the result(s) of a call in the split convention (see the file comment) to new slots */
  callResults(call: string, results: readonly ValType[]): void {
    if (results.length === 0) this.emit(`${call};`);
    else if (results.length === 1) {
      const t = results[0] as ValType;
      const d = this.push(t);
      this.emit(t === I64 ? `${d} = ${call}; ${this.hi(d)} = HI[0];` : `${d} = ${call};`);
    } else {
      this.usesTmp = true;
      let s = `T_ = ${call};`;
      let j = 0;
      for (const t of results) {
        const d = this.push(t);
        s += ` ${d} = T_[${j++}];`;
        if (t === I64) s += ` ${this.hi(d)} = T_[${j++}];`;
      }
      this.emit(s);
    }
    this.refreshMem();
  }

  /**
   * Translates the body; returns the function's JS source and, for each of its lines, the
   * wasm byte offset of the instruction it came from (-1 for the function's own lines).
   */
  generate(body: readonly Instr[], emitters: readonly (Emitter | undefined)[]): GeneratedFunction {
    this.frames.push({ kind: 'func', exit: 0, label: '', emitted: false, jsDepth: 0, height: 0, params: [], results: this.type.results });
    this.targets = branchTargets(body);
    this.splitter?.enterFunction?.(this);
    this.translate(body, emitters, 0, body.length);
    if (this.frames.length > 0 && !this.dead) this.emit(this.returnStmt());
    const { source, headLines } = this.assemble();
    // head lines, body lines, then the closing brace
    const lineOffsets = [...new Array<number>(headLines).fill(-1), ...this.lineOffsets, -1];
    return { source, lineOffsets };
  }

  /**
   * Translates body[from, to); a region of the split plan starting at a reachable
   * instruction becomes a call of its piece (split.ts). Unreachable code is skipped up to
   * the end or else of its construct.
   */
  translate(body: readonly Instr[], emitters: readonly (Emitter | undefined)[], from: number, to: number): void {
    const sp = this.splitter;
    const rec = sp?.record ?? null;
    let skip = 0;
    for (let i = from; i < to; i++) {
      const ins = body[i] as Instr;
      const op = ins.op;
      if (this.dead) {
        if (op === OP.block || op === OP.loop || op === OP.if) {
          skip++;
          this.seq++;
          continue;
        }
        if (op === OP.end) {
          if (skip > 0) {
            skip--;
            continue;
          }
        } else if (op === OP.else) {
          if (skip > 0) continue;
        } else continue;
      }
      if (sp !== null) {
        const region = sp.regionAt(i, this.piece?.region ?? null);
        if (region !== undefined) {
          this.wasmOffset = ins.offset;
          sp.call(this, region, body, emitters);
          this.seq += region.constructs;
          i = region.end - 1;
          continue;
        }
      }
      const em = emitters[op];
      if (em === undefined) throw new Error(`interp: no emitter for ${OPCODES[op]?.name ?? op}`);
      this.wasmOffset = ins.offset;
      if (rec !== null) {
        rec.heights[i] = this.stack.length;
        rec.reached[i] = 1;
        this.low = this.stack.length;
        const c0 = this.chars;
        em(this, ins);
        rec.chars[i] = this.chars - c0;
        rec.lows[i] = Math.min(this.low, this.stack.length);
      } else em(this, ins);
      if (this.frames.length === 0) break;
    }
    this.wasmOffset = -1;
  }

  /** frames open at this point, outermost (the function) first */
  openFrames(): readonly Frame[] {
    return this.frames;
  }

  /** starts translating a piece: the frames outside it, its stack, and its position in the body */
  enterPiece(outer: readonly Frame[], stack: readonly ValType[], targets: Uint8Array, seq: number): void {
    outer.forEach((f, j) => this.frames.push({ ...f, exit: j + 1, label: '', emitted: false, jsDepth: 0 }));
    // the operands below the piece's are never named in it; its inputs are its parameters
    this.stack.push(...stack);
    this.targets = targets;
    this.seq = seq;
    this.jsDepth = 1;
  }

  /** the branch-target table of the body being translated */
  branchTargets(): Uint8Array {
    return this.targets;
  }

  /** number of block/loop/if instructions met so far */
  constructsSeen(): number {
    return this.seq;
  }

  /** the `let` declarations of the generated function's variables (`locals`: the wasm locals it declares) */
  declarations(locals: Iterable<number>, params: ReadonlySet<string> = new Set()): string[] {
    const decls: string[] = [];
    for (const i of locals) {
      const t = this.localTypes[i] as ValType;
      decls.push(`x${i} = ${t === 0x7b ? 'V0' : (ZERO[LETTER[t] ?? 'r'] as string)}`);
      if (t === I64) decls.push(`y${i} = 0`);
    }
    for (const s of this.slots) if (!params.has(s)) decls.push(`${s} = ${ZERO[s[0] as string] as string}`);
    if (this.usesScratch) decls.push('t_ = 0, u_ = 0, v_ = 0');
    if (this.usesEa) decls.push('ea = 0');
    if (this.usesTmp) decls.push('T_ = null');
    if (this.usesExit) decls.push('e_ = 0');
    if (this.usesMem) decls.push('dv = M0.dv', 'ml = M0.len');
    return decls;
  }

  /** the wasm offset of each line emitted so far */
  emittedOffsets(): readonly number[] {
    return this.lineOffsets;
  }

  private assemble(): { source: string; headLines: number } {
    const np = this.type.params.length;
    const params = this.type.params.map((t, i) => (t === I64 ? `x${i}, y${i}` : `x${i}`)).join(', ');
    let locals = Array.from({ length: this.localTypes.length - np }, (_, k) => np + k);
    if (this.splitter !== null && this.splitter.record === null) {
      // split: locals used only inside pieces are the pieces' own
      const named = new Set<number>();
      for (const line of this.lines) for (const m of line.matchAll(/\bx(\d+)\b/g)) named.add(Number(m[1]));
      locals = locals.filter((l) => named.has(l));
    }
    const decls = this.declarations(locals);
    const head =
      `function w${this.ctx.mid}_${this.funcIndex}(${params}) {\n` +
      `if (++D.depth > ${this.ctx.maxDepth}) throw trap('call stack exhausted');\n` +
      (decls.length > 0 ? `let ${decls.join(', ')};\n` : '');
    return { source: head + this.lines.join('\n') + '\n}\n', headLines: decls.length > 0 ? 3 : 2 };
  }
}

/**
 * The raw-convention entry (Func.fn) of generated function w<mid>_<index> when its type has
 * an i64 (null otherwise: the function is its own entry): BigInt arguments are split into
 * halves, i64 results joined back into BigInts.
 */
export function adapterSource(mid: number, index: number, type: FuncType): string | null {
  const { params, results } = type;
  if (!params.includes(I64) && !results.includes(I64)) return null;
  const ps = params.map((_, i) => `p${i}`);
  const args = params.map((t, i) => (t === I64 ? `i64_lo(p${i}), i64_hi(p${i})` : `p${i}`)).join(', ');
  const call = `w${mid}_${index}(${args})`;
  let body: string;
  if (results.length === 0) body = `${call};`;
  // arguments are evaluated left to right: HI[0] is read after the call has set it
  else if (results.length === 1) body = results[0] === I64 ? `return i64_join(${call}, HI[0]);` : `return ${call};`;
  else if (!results.includes(I64)) body = `return ${call};`;
  else {
    // a generic array first, so that f64 NaN payloads survive (see compile.ts)
    body = `const r = ${call}; const o = [${results.map(() => 'null').join(', ')}];`;
    let j = 0;
    results.forEach((t, k) => {
      body += t === I64 ? ` o[${k}] = i64_join(r[${j}], r[${j + 1}]);` : ` o[${k}] = r[${j}];`;
      j += width(t);
    });
    body += ' return o;';
  }
  return `function a${mid}_${index}(${ps.join(', ')}) { ${body} }\n`;
}

/** expands a function's local declarations into one type per local (parameters first) */
export function localTypesOf(type: FuncType, groups: readonly { count: number; type: ValType }[]): ValType[] {
  const out = [...type.params];
  for (const g of groups) for (let i = 0; i < g.count; i++) out.push(g.type);
  return out;
}
