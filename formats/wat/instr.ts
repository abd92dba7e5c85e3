/**
 * Instruction sequences of the text format (spec §6.5): plain and folded forms and
 * structured control with labels (resolved to relative depths, innermost binding wins).
 * Produces flat Instr lists exactly as the binary decoder would (Instr.offset = -1).
 * Immediates are read by instr-imm.ts.
 *
 * Nesting is parsed with an explicit stack of frames, not by recursion, so the depth of
 * `block … end` or folded `(block (block …))` is bounded only by memory (like wat2wasm), not by
 * the JavaScript call stack. Each frame is one open construct; it reads its cursor in one of
 * three modes, and when that reading stops, `close` either finishes the construct or moves
 * it on to its next part (an `if`'s `then`, then its `else`).
 */

import { makeInstr, type Instr } from '../wasm/types.js';
import { OP, OPCODES, opByName, type OpInfo } from '../wasm/opcodes.js';
import { Node, T } from './lexer.js';
import { Cursor } from './cursor.js';
import { parseNat } from './numbers.js';
import { IMM, type ImmContext, type ModuleScope } from './instr-imm.js';

export { V128_SHAPES, putLane, v128Literal, type ModuleScope, type Space } from './instr-imm.js';

/** declarations that are out of place among instructions */
const MISPLACED = new Set(['param', 'result', 'local', 'type', 'export', 'import']);

const SELECT_T = OPCODES[OP.select_t] as OpInfo;

/** How a frame reads the items of its cursor. */
const enum Mode {
  /** instr*: plain and folded instructions, up to the cursor's end or a plain `end` / `else` */
  Seq,
  /** folded instructions only (a folded instruction's operands), up to the cursor's end */
  Operands,
  /** a folded `if`'s condition: folded instructions only, up to its `(then …)` */
  Condition,
}

/**
 * One open construct on the parser's stack: it reads `c` in `mode` until that stops; then
 * `close` finishes it (true: the frame is popped) or moves it to its next part (false).
 */
interface Frame {
  c: Cursor;
  mode: Mode;
  close(p: InstrParser): boolean;
}

/** a whole expression or instruction sequence: the caller handles what stopped it */
class SeqFrame implements Frame {
  mode = Mode.Seq;
  constructor(public c: Cursor) {}
  close(): boolean {
    return true;
  }
}

/** plain `block`/`loop`/`if`: instr* (`else` instr*)? `end`, read from the enclosing cursor */
class PlainBlockFrame implements Frame {
  mode = Mode.Seq;
  private inElse = false;
  constructor(
    public c: Cursor,
    private readonly isIf: boolean,
    private readonly label: Node | null,
  ) {}
  close(p: InstrParser): boolean {
    const c = this.c;
    if (this.isIf && !this.inElse && c.isKeyword('else')) {
      const elseKw = c.next();
      p.endLabel(c, this.label);
      p.emit(makeInstr(OP.else), elseKw);
      this.inElse = true;
      return false;
    }
    if (!c.isKeyword('end')) throw c.error('unexpected token, expected end');
    const endKw = c.next();
    p.endLabel(c, this.label);
    p.popLabel();
    p.emit(makeInstr(OP.end), endKw);
    return true;
  }
}

/** folded `(block …)` / `(loop …)`: its `end` is placed at the list */
class FoldedBlockFrame implements Frame {
  mode = Mode.Seq;
  constructor(
    public c: Cursor,
    private readonly list: Node,
  ) {}
  close(p: InstrParser): boolean {
    this.c.end();
    p.popLabel();
    p.emit(makeInstr(OP.end), this.list);
    return true;
  }
}

/** folded `(if label? bt folded* (then instr*) (else instr*)?)`, one part at a time */
class FoldedIfFrame implements Frame {
  mode = Mode.Condition;
  c: Cursor;
  private part: 'condition' | 'then' | 'else' = 'condition';
  constructor(
    /** the cursor over the `(if …)` list itself */
    private readonly outer: Cursor,
    private readonly kw: Node,
    private readonly blockType: number,
    private readonly label: Node | null,
  ) {
    this.c = outer;
  }
  close(p: InstrParser): boolean {
    const outer = this.outer;
    if (this.part === 'condition') {
      p.emit(makeInstr(OP.if, this.blockType), this.kw);
      p.pushLabel(this.label);
      this.c = outer.enter('then');
      this.mode = Mode.Seq;
      this.part = 'then';
      return false;
    }
    this.c.end();
    if (this.part === 'then' && outer.isList('else')) {
      this.c = outer.enter('else');
      p.emit(makeInstr(OP.else), this.c.list);
      this.part = 'else';
      return false;
    }
    outer.end();
    p.popLabel();
    p.emit(makeInstr(OP.end), outer.list);
    return true;
  }
}

/** folded plain instruction `(op imm* folded*)`: the operands come first, then the op */
class FoldedInstrFrame implements Frame {
  mode = Mode.Operands;
  constructor(
    public c: Cursor,
    private readonly ins: Instr,
    private readonly kw: Node,
  ) {}
  close(p: InstrParser): boolean {
    p.emit(this.ins, this.kw);
    return true;
  }
}

/** Parses instruction sequences of one function body (or one constant expression). */
export class InstrParser implements ImmContext {
  readonly out: Instr[] = [];
  /** line and column of each instruction in `out` (source-positions.ts) */
  readonly lines: number[] = [];
  readonly columns: number[] = [];
  /** label names of the enclosing blocks, innermost last (null = unnamed) */
  private readonly labels: (string | null)[] = [];
  /** for each label name, the indices in `labels` that bind it, innermost last */
  private readonly labelDepths = new Map<string, number[]>();

  constructor(
    readonly mod: ModuleScope,
    /** local names → indices (empty for constant expressions) */
    private readonly locals: ReadonlyMap<string, number>,
  ) {}

  label(c: Cursor): number {
    const n = c.next();
    if (n.t === T.Id) {
      const bound = this.labelDepths.get(n.text);
      const at = bound === undefined ? undefined : bound[bound.length - 1];
      if (at === undefined) throw c.error(`unknown label ${n.text}`, n);
      return this.labels.length - 1 - at;
    }
    if (n.t !== T.Number) throw c.error('unexpected token, expected a label', n);
    return c.literal(n, (t) => parseNat(t, 32));
  }

  local(c: Cursor): number {
    const n = c.next();
    if (n.t === T.Id) {
      const i = this.locals.get(n.text);
      if (i === undefined) throw c.error(`unknown local ${n.text}`, n);
      return i;
    }
    if (n.t !== T.Number) throw c.error('unexpected token, expected a local index', n);
    return c.literal(n, (t) => parseNat(t, 32));
  }

  /** a whole expression: instr* then the final `end` (placed at the expression's list) */
  expr(c: Cursor): void {
    this.instrs(c);
    c.end();
    this.emit(makeInstr(OP.end), c.list);
  }

  /** instr* up to the end of the cursor or a plain `end` / `else` (not consumed) */
  instrs(c: Cursor): void {
    const stack: Frame[] = [new SeqFrame(c)];
    for (;;) {
      const top = stack[stack.length - 1] as Frame;
      const child = this.advance(top);
      if (child !== null) stack.push(child);
      else if (top.close(this)) {
        stack.pop();
        if (stack.length === 0) return;
      }
    }
  }

  // ---- for the frames ----
  /** append an instruction written at `at` */
  emit(ins: Instr, at: Node): void {
    this.out.push(ins);
    this.lines.push(at.line);
    this.columns.push(at.col);
  }

  pushLabel(label: Node | null): void {
    if (label !== null) {
      const bound = this.labelDepths.get(label.text);
      if (bound === undefined) this.labelDepths.set(label.text, [this.labels.length]);
      else bound.push(this.labels.length);
    }
    this.labels.push(label === null ? null : label.text);
  }

  popLabel(): void {
    const name = this.labels.pop();
    if (name !== null && name !== undefined) this.labelDepths.get(name)?.pop();
  }

  /** optional label repeated after `end` / `else`; must match the block's */
  endLabel(c: Cursor, label: Node | null): void {
    const n = c.optId();
    if (n !== null && (label === null || label.text !== n.text)) throw c.error('mismatching label', n);
  }

  // ---- reading ----
  /**
   * Read the items of `f.c` in `f.mode`, emitting flat instructions, until one opens a
   * nested construct (its frame is returned) or the reading stops (null).
   */
  private advance(f: Frame): Frame | null {
    const c = f.c;
    for (;;) {
      const n = c.peek();
      let child: Frame | null;
      if (f.mode === Mode.Seq) {
        if (n === undefined) return null;
        if (n.t === T.List) {
          c.i++;
          child = this.folded(n, c);
        } else if (n.t === T.Keyword) {
          if (n.text === 'end' || n.text === 'else') return null;
          c.i++;
          child = this.plain(n, c);
        } else {
          throw c.error(n.t === T.Reserved || n.t === T.Number ? 'unknown operator' : 'unexpected token', n);
        }
      } else {
        if (n === undefined || (f.mode === Mode.Condition && c.isList('then'))) return null;
        c.i++;
        if (n.t !== T.List) {
          throw c.error(f.mode === Mode.Condition || n.t === T.Keyword ? 'unexpected token' : 'unknown operator', n);
        }
        child = this.folded(n, c);
      }
      if (child !== null) return child;
    }
  }

  private opOf(kw: Node, c: Cursor): OpInfo {
    const op = opByName(kw.text);
    if (op === undefined) throw c.error(`unknown operator ${kw.text}`, kw);
    return op;
  }

  /** non-block instruction with its immediates read from c */
  private simple(kw: Node, c: Cursor): Instr {
    let op = this.opOf(kw, c);
    if (op.id === OP.select && c.isList('result')) op = SELECT_T;
    return IMM[op.imm](this, c, op);
  }

  /** a plain instruction: a block opens a frame on the same cursor */
  private plain(kw: Node, c: Cursor): Frame | null {
    const t = kw.text;
    if (t === 'block' || t === 'loop' || t === 'if') {
      const op = this.opOf(kw, c);
      const label = c.optId();
      this.emit(makeInstr(op.id, this.mod.blockType(c)), kw);
      this.pushLabel(label);
      return new PlainBlockFrame(c, t === 'if', label);
    }
    if (t === 'then') throw c.error('unexpected token', kw);
    this.emit(this.simple(kw, c), kw);
    return null;
  }

  /** a folded instruction `list` (read from `outer`): its frame, or null when it is complete */
  private folded(list: Node, outer: Cursor): Frame | null {
    const c = Cursor.of(list, outer.file, 0);
    const kw = c.peek();
    if (kw === undefined || kw.t !== T.Keyword) throw c.error(kw === undefined ? 'unexpected token ()' : 'unknown operator');
    if (MISPLACED.has(kw.text)) throw c.error(`unexpected token (${kw.text} ...)`, kw);
    c.i++;
    const t = kw.text;
    if (t === 'block' || t === 'loop') {
      const op = this.opOf(kw, c);
      const label = c.optId();
      this.emit(makeInstr(op.id, this.mod.blockType(c)), kw);
      this.pushLabel(label);
      return new FoldedBlockFrame(c, list);
    }
    if (t === 'if') {
      const label = c.optId();
      return new FoldedIfFrame(c, kw, this.mod.blockType(c), label);
    }
    const ins = this.simple(kw, c);
    if (c.atEnd()) {
      this.emit(ins, kw);
      return null;
    }
    return new FoldedInstrFrame(c, ins, kw);
  }
}
