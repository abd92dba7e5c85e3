/**
 * A cursor over the children of one S-expression list, with the small reading helpers the
 * module, instruction and script parsers share (spec §6.2–6.4: tokens, values, types).
 * Every error is a KilnError('malformed') located at the offending token.
 */

import { KilnError } from '../errors.js';
import { ValType } from '../wasm/types.js';
import { Node, T, utf8Name } from './lexer.js';
import { LiteralError } from './numbers.js';

export class Cursor {
  i = 0;
  constructor(
    readonly items: Node[],
    /** the list these items belong to (for errors at its end) */
    readonly list: Node,
    readonly file: string | undefined,
  ) {}

  static of(list: Node, file: string | undefined, skip = 1): Cursor {
    const c = new Cursor(list.items ?? [], list, file);
    c.i = skip;
    return c;
  }

  atEnd(): boolean {
    return this.i >= this.items.length;
  }
  peek(): Node | undefined {
    return this.items[this.i];
  }
  peekAt(k: number): Node | undefined {
    return this.items[this.i + k];
  }
  next(): Node {
    const n = this.items[this.i];
    if (n === undefined) throw this.errorAtEnd('unexpected end of list');
    this.i++;
    return n;
  }

  /** error at a node */
  error(msg: string, n: Node | undefined = this.peek()): KilnError {
    if (n === undefined) return this.errorAtEnd(msg);
    return new KilnError('malformed', msg, { file: this.file, line: n.line, column: n.col });
  }
  errorAtEnd(msg: string): KilnError {
    return new KilnError('malformed', msg, { file: this.file, line: this.list.line, column: this.list.col });
  }
  /** run a literal parser, turning LiteralError into a located error */
  literal<R>(n: Node, f: (text: string) => R): R {
    if (n.t !== T.Number && n.t !== T.Keyword) throw this.error('unexpected token, expected a number', n);
    try {
      return f(n.text);
    } catch (e) {
      if (e instanceof LiteralError) throw this.error(e.message, n);
      throw e;
    }
  }

  /** the next node is a list whose head keyword is `kw` */
  isList(kw: string): boolean {
    return headOf(this.items[this.i]) === kw;
  }
  /** the next node is a keyword atom `kw` */
  isKeyword(kw: string): boolean {
    const n = this.items[this.i];
    return n !== undefined && n.t === T.Keyword && n.text === kw;
  }
  /** consume an optional identifier */
  optId(): Node | null {
    const n = this.items[this.i];
    if (n !== undefined && n.t === T.Id) {
      this.i++;
      return n;
    }
    return null;
  }
  expectKeyword(kw: string): Node {
    const n = this.peek();
    if (n === undefined || n.t !== T.Keyword || n.text !== kw) throw this.error(`unexpected token, expected ${kw}`);
    this.i++;
    return n;
  }
  /** a string literal's bytes */
  string(): Uint8Array {
    const n = this.peek();
    if (n === undefined || n.t !== T.String) throw this.error('unexpected token, expected a string');
    this.i++;
    return n.bytes as Uint8Array;
  }
  /** a string literal that must be valid UTF-8 (spec §6.3.4 names) */
  name(): string {
    const n = this.peek();
    const bytes = this.string();
    const s = utf8Name(bytes);
    if (s === null) throw this.error('malformed UTF-8 encoding', n);
    return s;
  }
  /** no more items allowed */
  end(): void {
    if (!this.atEnd()) throw this.error('unexpected token');
  }
  /** the cursor over the children of the next node, which must be a list headed by kw */
  enter(kw: string): Cursor {
    const n = this.next();
    if (headOf(n) !== kw) throw this.error(`unexpected token, expected (${kw} ...)`, n);
    return Cursor.of(n, this.file);
  }
}

/** head keyword of a list node, or null */
export function headOf(n: Node | undefined): string | null {
  if (n === undefined || n.t !== T.List) return null;
  const h = (n.items as Node[])[0];
  return h !== undefined && h.t === T.Keyword ? h.text : null;
}

const VALTYPES: Readonly<Record<string, ValType>> = {
  i32: ValType.I32,
  i64: ValType.I64,
  f32: ValType.F32,
  f64: ValType.F64,
  v128: ValType.V128,
  funcref: ValType.FuncRef,
  externref: ValType.ExternRef,
};

/** value type keyword → code, or undefined */
export function valTypeOf(n: Node | undefined): ValType | undefined {
  return n !== undefined && n.t === T.Keyword ? VALTYPES[n.text] : undefined;
}

export function readValType(c: Cursor): ValType {
  const t = valTypeOf(c.peek());
  if (t === undefined) throw c.error('unexpected token, expected a value type');
  c.i++;
  return t;
}

export function readRefType(c: Cursor): ValType.FuncRef | ValType.ExternRef {
  const n = c.peek();
  if (n !== undefined && n.t === T.Keyword && (n.text === 'funcref' || n.text === 'externref')) {
    c.i++;
    return n.text === 'funcref' ? ValType.FuncRef : ValType.ExternRef;
  }
  throw c.error('unexpected token, expected a reference type');
}

/** `func` | `extern` heap type of ref.null */
export function readHeapType(c: Cursor): ValType.FuncRef | ValType.ExternRef {
  const n = c.peek();
  if (n !== undefined && n.t === T.Keyword && (n.text === 'func' || n.text === 'extern')) {
    c.i++;
    return n.text === 'func' ? ValType.FuncRef : ValType.ExternRef;
  }
  throw c.error('unexpected token, expected func or extern');
}
