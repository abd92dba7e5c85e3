/**
 * The interpreter's translator: one wasm function body → the source of one JavaScript
 * function (spec §4.4 instruction semantics; validation §3.3 guarantees stack heights and
 * types, so they are tracked statically here).
 *
 * - Each operand-stack slot at static height h is a JS local named by type and height
 *   (i3, l3, f3, d3, v3, r3: i32, i64, f32 bits, f64, v128, ref), so every variable is
 *   monomorphic; wasm locals are x0, x1, … (parameters first).
 * - block → `L: { … }`, loop → `L: for (;;) { … break L; }` (br = `continue L`), if/else →
 *   labelled if. Branch values are moved into the target's slots before the jump;
 *   br_table becomes a switch. Code after an unconditional branch is skipped up to the
 *   matching else/end.
 * - Instruction semantics come from emitter tables keyed by opcode id (emitters.ts); this
 *   file only holds the translation state and the control/call/variable instructions.
 */

import type { FuncType, Instr, Module, ValType } from '../../formats/wasm/types.js';
import { OP, OPCODES } from '../../formats/wasm/opcodes.js';

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
}

export type Emitter = (g: FuncGen, ins: Instr) => void;

interface Frame {
  kind: 'block' | 'loop' | 'if' | 'func';
  label: string;
  /** stack height below the block's parameters */
  height: number;
  params: readonly ValType[];
  results: readonly ValType[];
}

const LETTER: Readonly<Record<number, string>> = { 0x7f: 'i', 0x7e: 'l', 0x7d: 'f', 0x7c: 'd', 0x7b: 'v', 0x70: 'r', 0x6f: 'r' };
const ZERO: Readonly<Record<string, string>> = { i: '0', l: '0n', f: '0', d: '0', v: 'null', r: 'null' };

export class FuncGen {
  readonly lines: string[] = [];
  readonly stack: ValType[] = [];
  private readonly frames: Frame[] = [];
  /** true after an unconditional branch until the matching else/end */
  dead = false;
  /** declared slot variables */
  private readonly slots = new Set<string>();
  private labels = 0;
  /** function uses scalar loads/stores (caches `dv`/`ml`) */
  readonly usesMem: boolean;
  usesEa = false;
  usesTmp = false;

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
    return name;
  }
  push(t: ValType): string {
    const name = this.slot(t, this.stack.length);
    this.stack.push(t);
    return name;
  }
  pop(): string {
    const t = this.stack.pop() as ValType;
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
  openBlock(kind: 'block' | 'loop' | 'if', a: number, cond?: string): void {
    const [params, results] = this.blockSig(a);
    const label = `L${this.labels++}`;
    const height = this.stack.length - params.length;
    this.frames.push({ kind, label, height, params, results });
    if (kind === 'block') this.emit(`${label}: {`);
    else if (kind === 'loop') this.emit(`${label}: for (;;) {`);
    else this.emit(`${label}: if (${cond as string}) {`);
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
    if (f.kind === 'loop') this.emit(`break ${f.label}; }`);
    else this.emit('}');
    this.resetStack(f.height, f.results);
    this.dead = false;
  }
  private resetStack(height: number, types: readonly ValType[]): void {
    this.stack.length = height;
    for (const t of types) this.push(t);
  }
  /** statements that move branch values into the target's slots and jump there */
  branch(depth: number): string {
    const f = this.frames[this.frames.length - 1 - depth] as Frame;
    if (f.kind === 'func') return this.returnStmt();
    const types = f.kind === 'loop' ? f.params : f.results;
    const n = types.length;
    const top = this.stack.length;
    let s = '';
    for (let k = 0; k < n; k++) {
      const t = types[k] as ValType;
      const dst = this.slot(t, f.height + k);
      const src = this.slot(t, top - n + k);
      if (dst !== src) s += `${dst} = ${src}; `;
    }
    return s + (f.kind === 'loop' ? `continue ${f.label};` : `break ${f.label};`);
  }
  /** the function's return: results are the top values of the stack */
  returnStmt(): string {
    const rs = this.type.results;
    const top = this.stack.length;
    if (rs.length === 0) return 'D.depth--; return;';
    if (rs.length === 1) return `D.depth--; return ${this.slot(rs[0] as ValType, top - 1)};`;
    this.usesTmp = true;
    let s = `T_ = [${rs.map(() => 'null').join(', ')}]; `;
    rs.forEach((t, k) => {
      s += `T_[${k}] = ${this.slot(t, top - rs.length + k)}; `;
    });
    return `D.depth--; ${s}return T_;`;
  }
  /** assigns a call's result(s) to new slots */
  callResults(call: string, results: readonly ValType[]): void {
    if (results.length === 0) this.emit(`${call};`);
    else if (results.length === 1) this.emit(`${this.push(results[0] as ValType)} = ${call};`);
    else {
      this.usesTmp = true;
      let s = `T_ = ${call};`;
      results.forEach((t, k) => {
        s += ` ${this.push(t)} = T_[${k}];`;
      });
      this.emit(s);
    }
    this.refreshMem();
  }

  /** translates the body; returns the function's JS source */
  generate(body: readonly Instr[], emitters: readonly (Emitter | undefined)[]): string {
    this.frames.push({ kind: 'func', label: '', height: 0, params: [], results: this.type.results });
    let skip = 0;
    for (const ins of body) {
      const op = ins.op;
      if (this.dead) {
        if (op === OP.block || op === OP.loop || op === OP.if) {
          skip++;
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
      const em = emitters[op];
      if (em === undefined) throw new Error(`interp: no emitter for ${OPCODES[op]?.name ?? op}`);
      em(this, ins);
      if (this.frames.length === 0) break;
    }
    if (this.frames.length > 0 && !this.dead) this.emit(this.returnStmt());
    return this.assemble();
  }

  private assemble(): string {
    const np = this.type.params.length;
    const params = Array.from({ length: np }, (_, i) => `x${i}`).join(', ');
    const decls: string[] = [];
    for (let i = np; i < this.localTypes.length; i++) {
      const t = this.localTypes[i] as ValType;
      decls.push(`x${i} = ${t === 0x7b ? 'V0' : (ZERO[LETTER[t] ?? 'r'] as string)}`);
    }
    for (const s of this.slots) decls.push(`${s} = ${ZERO[s[0] as string] as string}`);
    if (this.usesEa) decls.push('ea = 0');
    if (this.usesTmp) decls.push('T_ = null');
    if (this.usesMem) decls.push('dv = M0.dv', 'ml = M0.len');
    const head =
      `function w${this.ctx.mid}_${this.funcIndex}(${params}) {\n` +
      `if (++D.depth > ${this.ctx.maxDepth}) throw trap('call stack exhausted');\n` +
      (decls.length > 0 ? `let ${decls.join(', ')};\n` : '');
    return head + this.lines.join('\n') + '\n}\n';
  }
}

/** expands a function's local declarations into one type per local (parameters first) */
export function localTypesOf(type: FuncType, groups: readonly { count: number; type: ValType }[]): ValType[] {
  const out = [...type.params];
  for (const g of groups) for (let i = 0; i < g.count; i++) out.push(g.type);
  return out;
}
