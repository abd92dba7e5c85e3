/**
 * Translation of one function, split into pieces when it is large. V8 never optimises a
 * function whose bytecode is over its limit (61,440 bytes by default), and a wasm function
 * of a few thousand instructions translates to more than that, so such a function would run
 * in V8's baseline tier for ever (issue 15). The function is first translated whole while
 * the translator records per-instruction figures (codegen.ts Recording); if the source is
 * over a budget (SplitBudgets), split-plan.ts chooses regions, and the function is
 * translated again with each region as a JS function of its own, a piece
 * `p<mid>_<index>_<k>` in the same script, called where the region was:
 *
 *   FI[3] = x4;  e_ = p1_7_0(FI, FO, i2);  x5 = FI[4];      // locals through the frame
 *   switch (e_) { case 3: { i2 = XI[0]; break L5; } case 1: { … return … } }
 *
 * - Locals: frame-plan.ts. A local more than one JS function uses lives in the function's
 *   per-call frame (FI, FO), passed to every piece; the rest are plain variables.
 * - Operands: a region may pop values from below its start (its inputs, passed as
 *   arguments under their slot names) and leave values (its outputs, stored when it falls
 *   through into the script's transfer arrays XI (int32: i32, f32 bits, i64 halves) and XO
 *   (f64, v128, references; a generic array, so f64 bits are kept), read by the caller
 *   right after the call).
 * - A branch from inside a piece to a construct outside it (or a return) stores the branch
 *   values after the locals, sets the exit code (the target frame's position + 1; 0 is
 *   falling through) and leaves the piece's `X:` block; the caller then makes the same
 *   branch with those values, which may leave the caller in turn when it is a piece.
 * - Pieces do not count call depth (the function did on entry); traps in a piece name the
 *   function in backtraces (frames.ts skips its pieces' frames).
 */

import type { FuncType, Instr, ValType } from '../../formats/wasm/types.js';
import { OP } from '../../formats/wasm/opcodes.js';
import { FuncGen, I64, type Emitter, type Frame, type ModuleCtx, type PieceInfo, type Recording, type Region, type Splitter } from './codegen.js';
import { EMITTERS } from './emitters.js';
import { planRegions } from './split-plan.js';
import { estimateBytecode } from './bytecode-estimate.js';
import { inIntFrame, planFrame, type FramePlan, type OwnLocals } from './frame-plan.js';

/** frames of at least this many int32 slots are Int32Arrays, smaller ones plain arrays */
const TYPED_FRAME_INTS = 256;

/** estimated bytecode of a piece's call in its caller, before the frame traffic */
const STUB_ESTIMATE = 120;

/**
 * The budgets, in estimated bytes of V8 bytecode (bytecode-estimate.ts, within about −19 %
 * … +27 % of the real length): a function whose unsplit translation is estimated over
 * `above` is split; split-plan.ts aims each JS function (the function and each piece) at
 * `piece`, and makes no piece smaller than `minChunk`. Splitting inside a hot loop costs
 * calls and transfers on every iteration (3–8× on bench/large's programs), so `above` sits
 * close to V8's 61,440 rather than far below it; pieces get the margin.
 */
export interface SplitBudgets {
  above: number;
  piece: number;
  minChunk: number;
}

export const DEFAULT_BUDGETS: Readonly<SplitBudgets> = { above: 56_000, piece: 36_000, minChunk: 1_500 };

/** the plans tried (split-plan.ts): share of the budget for a chunk of chunks, scale of the budget */
const PLANS: readonly (readonly [number, number])[] = [
  [1 / 3, 1],
  [2 / 3, 1],
  [1, 0.6],
  [1, 1.2],
];
let budgets: Readonly<SplitBudgets> = DEFAULT_BUDGETS;

/**
 * replaces the budgets (tests force splitting with tiny ones); returns the previous ones.
 * Translations are cached per module, so this applies to modules translated afterwards.
 */
export function setSplitBudgets(b: Readonly<SplitBudgets>): Readonly<SplitBudgets> {
  const prev = budgets;
  budgets = b;
  return prev;
}

/** a translated function: its JS functions' source and the wasm offset behind each line */
export interface TranslatedFunction {
  source: string;
  lineOffsets: number[];
  /** JS functions generated (1 when not split) */
  pieces: number;
  /** estimated bytecode bytes of the largest of them (bytecode-estimate.ts) */
  largestPiece: number;
}

/** int32-valued types go to XI (an i64 as two entries), the others to XO */
const isInt = (t: ValType): boolean => t === 0x7f || t === 0x7d || t === I64;

/** statements storing `names` (of `types`) into the transfer arrays from positions ni/no */
function stores(names: readonly string[], types: readonly ValType[], hi: (n: string) => string, ni: number, no: number): string {
  let s = '';
  names.forEach((n, k) => {
    const t = types[k] as ValType;
    if (t === I64) s += `XI[${ni++}] = ${n}; XI[${ni++}] = ${hi(n)}; `;
    else if (isInt(t)) s += `XI[${ni++}] = ${n}; `;
    else s += `XO[${no++}] = ${n}; `;
  });
  return s;
}

/** statements loading `names` (of `types`) from the transfer arrays from positions ni/no */
function loads(names: readonly string[], types: readonly ValType[], hi: (n: string) => string, ni: number, no: number): string {
  let s = '';
  names.forEach((n, k) => {
    const t = types[k] as ValType;
    if (t === I64) s += `${n} = XI[${ni++}]; ${hi(n)} = XI[${ni++}]; `;
    else if (isInt(t)) s += `${n} = XI[${ni++}]; `;
    else s += `${n} = XO[${no++}]; `;
  });
  return s;
}

const intCount = (types: readonly ValType[]): number => types.reduce((n, t) => n + (t === I64 ? 2 : isInt(t) ? 1 : 0), 0);
const objCount = (types: readonly ValType[]): number => types.reduce((n, t) => n + (isInt(t) ? 0 : 1), 0);

class FunctionSplitter implements Splitter {
  readonly record = null;
  /** regions by first instruction, outermost first */
  private readonly byStart = new Map<number, Region[]>();
  /** the pieces' source, and the wasm offset behind each of its lines */
  readonly source: string[] = [];
  readonly offsets: number[] = [];
  pieces = 0;
  largest = 0;
  /** transfer-array sizes the pieces need (branch values, outputs) */
  maxInts = 1;
  maxObjs = 1;
  private frame: FramePlan | null = null;
  /** the function takes its frame from the pool FP */
  usesPool = false;

  constructor(
    private readonly make: () => FuncGen,
    private readonly prefix: string,
    private readonly localTypes: readonly ValType[],
    private readonly numParams: number,
    private readonly body: readonly Instr[],
  ) {}

  /** the plan: the regions to translate as pieces */
  setRegions(regions: readonly Region[]): void {
    for (const r of regions) {
      const list = this.byStart.get(r.start);
      if (list === undefined) this.byStart.set(r.start, [r]);
      else list.push(r);
    }
    for (const list of this.byStart.values()) list.sort((a, b) => b.end - a.end);
    this.frame = planFrame(this.body, regions, this.localTypes, this.numParams);
  }

  regionAt(i: number, within: Region | null): Region | undefined {
    const list = this.byStart.get(i);
    if (list === undefined) return undefined;
    if (within === null) return list[0];
    return list.find((r) => r !== within && r.end <= within.end);
  }

  /** `x<l> = FI[k]` (both halves of an i64) or the store the other way */
  private frameMove(l: number, load: boolean): string {
    const f = this.frame as FramePlan;
    const k = f.slot[l] as number;
    const t = this.localTypes[l] as ValType;
    const pairs: [string, string][] = inIntFrame(t) ? [[`x${l}`, `FI[${k}]`]] : [[`x${l}`, `FO[${k}]`]];
    if (t === I64) pairs.push([`y${l}`, `FI[${k + 1}]`]);
    return pairs.map(([v, m]) => (load ? `${v} = ${m}; ` : `${m} = ${v}; `)).join('');
  }

  private inFrame(l: number): boolean {
    return ((this.frame as FramePlan).slot[l] as number) >= 0;
  }

  /** the function's first statements: its frame, with the parameters the pieces use */
  enterFunction(g: FuncGen): void {
    const f = this.frame as FramePlan;
    const objs = f.objZeros.length > 1;
    // a small frame is a plain array of small integers (an Int32Array gets an off-heap
    // buffer, costly to allocate on every call of a function that does little);
    // a large one an Int32Array, taken from the script's pool of frames (FP) and given back
    // on return: each new one would get an off-heap buffer; a trap just loses it
    const n = Math.max(f.ints, 1);
    const typed = n >= TYPED_FRAME_INTS;
    const fi = typed ? `FP.length > 0 ? FP.pop().fill(0) : new Int32Array(${n})` : `new Array(${n}).fill(0)`;
    if (typed) {
      this.usesPool = true;
      g.onReturn = 'FP.push(FI); ';
    }
    let s = `const FI = ${fi}, FO = ${objs ? `[${f.objZeros.join(', ')}]` : 'null'}; `;
    for (let l = 0; l < this.numParams; l++) if (this.inFrame(l)) s += this.frameMove(l, false);
    g.emit(s);
  }

  call(g: FuncGen, r: Region, body: readonly Instr[], emitters: readonly (Emitter | undefined)[]): void {
    const f = this.frame as FramePlan;
    const name = `${this.prefix}${this.pieces++}`;
    const caller = g.piece?.region ?? null;
    const callerOwn = f.own.get(caller) as OwnLocals;
    const own = f.own.get(r) as OwnLocals;
    const info: PieceInfo = { name, region: r, exitInts: 0, exitObjs: 0, exits: new Map() };
    // the operands the region takes: the parent's stack from r.low up
    const inTypes = g.stack.slice(r.low);
    const inputs = g.popN(inTypes.length);
    const pg = this.make();
    pg.splitter = this;
    pg.piece = info;
    pg.enterPiece(g.openFrames(), [...g.stack, ...inTypes], g.branchTargets(), g.constructsSeen());
    pg.translate(body, emitters, r.start, r.end);
    const fallsThrough = !pg.dead;
    // the operands it leaves, stored after the branch values when it falls through
    const outBaseI = info.exitInts;
    const outBaseO = info.exitObjs;
    const outTypes = fallsThrough ? pg.stack.slice(r.low) : [];
    if (outTypes.length > 0) {
      const outNames = outTypes.map((t, k) => pg.slot(t, r.low + k));
      pg.emit(stores(outNames, outTypes, (n) => pg.hi(n), outBaseI, outBaseO));
    }
    this.maxInts = Math.max(this.maxInts, outBaseI + intCount(outTypes));
    this.maxObjs = Math.max(this.maxObjs, outBaseO + objCount(outTypes));

    const args = ['FI', 'FO', ...inputs.flatMap((n, k) => (inTypes[k] === I64 ? [n, pg.hi(n)] : [n]))];
    const inputSet = new Set(args);
    const plain = own.used.filter((l) => !this.inFrame(l));
    const framed = own.used.filter((l) => this.inFrame(l));
    const decls = [...framed.flatMap((l) => this.frameMove(l, true).split('; ').filter((x) => x !== '')), ...pg.declarations(plain, inputSet), 'c_ = 0'];
    const back = framed.filter((l) => own.written.has(l)).map((l) => this.frameMove(l, false)).join('');
    const src = `function ${name}(${args.join(', ')}) {\nlet ${decls.join(', ')};\nX: {\n${pg.lines.join('\n')}\n}\n${back}\nreturn c_;\n}\n`;
    this.source.push(src);
    this.offsets.push(-1, -1, -1, ...pg.emittedOffsets(), -1, -1, -1, -1);
    this.largest = Math.max(this.largest, estimateBytecode(src));

    // what the caller wrote goes to the frame first; what the piece wrote comes back after
    const before = callerOwn.used.filter((l) => this.inFrame(l) && callerOwn.written.has(l));
    const inside = f.writtenIn.get(r) as ReadonlySet<number>;
    const after = callerOwn.used.filter((l) => this.inFrame(l) && inside.has(l));
    g.usesExit = true;
    g.emit(`${before.map((l) => this.frameMove(l, false)).join('')}e_ = ${name}(${args.join(', ')}); ${after.map((l) => this.frameMove(l, true)).join('')}`);
    g.refreshMem();
    if (info.exits.size > 0) {
      let sw = 'switch (e_) {';
      for (const [code, types] of info.exits) {
        const names = types.map((t) => g.push(t));
        const get = loads(names, types, (n) => g.hi(n), 0, 0);
        const jump = g.branch(g.openFrames().length - code);
        g.popN(types.length);
        sw += `\ncase ${code}: { ${get}${jump} }`;
      }
      g.emit(sw + '\n}');
    }
    if (!fallsThrough) {
      g.dead = true;
      return;
    }
    const outNames = outTypes.map((t) => g.push(t));
    if (outNames.length > 0) g.emit(loads(outNames, outTypes, (n) => g.hi(n), outBaseI, outBaseO));
  }

  exit(g: FuncGen, f: Frame): string {
    const info = g.piece as PieceInfo;
    const types = f.kind === 'func' ? g.type.results : f.kind === 'loop' ? f.params : f.results;
    const top = g.stack.length;
    const names = types.map((t, k) => g.slot(t, top - types.length + k));
    info.exits.set(f.exit, types);
    info.exitInts = Math.max(info.exitInts, intCount(types));
    info.exitObjs = Math.max(info.exitObjs, objCount(types));
    this.maxInts = Math.max(this.maxInts, info.exitInts);
    this.maxObjs = Math.max(this.maxObjs, info.exitObjs);
    return `${stores(names, types, (n) => g.hi(n), 0, 0)}c_ = ${f.exit}; break X;`;
  }
}

/**
 * Functions whose constructs nest deeper than this are not split: each piece copies the
 * frames around it, which is quadratic in the nesting, and such bodies are refused by V8's
 * parser anyway (compile.ts turns that into an `uninstantiable` error); splitting is for
 * long bodies, not deep ones.
 */
const MAX_SPLIT_NESTING = 5_000;

/** the deepest nesting of block, loop and if in a body */
function maxNesting(body: readonly Instr[]): number {
  let depth = 0;
  let max = 0;
  for (const ins of body) {
    if (ins.op === OP.block || ins.op === OP.loop || ins.op === OP.if) max = Math.max(max, ++depth);
    else if (ins.op === OP.end) depth--;
  }
  return max;
}

/** a splitter that only records the figures split-plan.ts needs */
function recorder(n: number): Splitter & { record: Recording } {
  const fail = (): never => {
    throw new Error('interp: recording translation has no regions');
  };
  return {
    record: { heights: new Int32Array(n), lows: new Int32Array(n), chars: new Int32Array(n), reached: new Uint8Array(n) },
    regionAt: () => undefined,
    call: fail,
    exit: fail,
  };
}

/** translates function `index`: whole, or split into pieces when its translation is large */
export function translateFunction(
  ctx: ModuleCtx,
  index: number,
  type: FuncType,
  localTypes: readonly ValType[],
  usesMem: boolean,
  body: readonly Instr[],
): TranslatedFunction {
  const make = (): FuncGen => new FuncGen(ctx, index, type, localTypes, usesMem);
  const g0 = make();
  const rec = recorder(body.length);
  g0.splitter = rec;
  const whole = g0.generate(body, EMITTERS);
  const size = estimateBytecode(whole.source);
  const unsplit = { source: whole.source, lineOffsets: whole.lineOffsets, pieces: 1, largestPiece: size };
  if (size <= budgets.above || maxNesting(body) > MAX_SPLIT_NESTING) return unsplit;
  // plans tried in turn until every JS function is within the limit (the stub estimate
  // cannot see everything a piece's caller pays); otherwise the one with the smallest largest
  let best: TranslatedFunction | null = null;
  for (const [share, scale] of PLANS) {
    const sp = new FunctionSplitter(make, `p${ctx.mid}_${index}_`, localTypes, type.params.length, body);
    // a call costs its caller little: the frame carries the locals (frame-plan.ts)
    const regions = planRegions(body, rec.record, budgets.piece * scale, budgets.minChunk, share, () => STUB_ESTIMATE);
    if (regions.length === 0) return unsplit;
    sp.setRegions(regions);
    const g = make();
    g.splitter = sp;
    const fn = g.generate(body, EMITTERS);
    const head = `const XI = new Int32Array(${sp.maxInts}), XO = new Array(${sp.maxObjs}).fill(null)${sp.usesPool ? ', FP = []' : ''};\n`;
    const split: TranslatedFunction = {
      source: head + fn.source + sp.source.join(''),
      lineOffsets: [-1, ...fn.lineOffsets, ...sp.offsets],
      pieces: 1 + sp.pieces,
      largestPiece: Math.max(estimateBytecode(fn.source), sp.largest),
    };
    if (best === null || split.largestPiece < best.largestPiece) best = split;
    if (split.largestPiece <= budgets.above) break;
  }
  return best as TranslatedFunction;
}
