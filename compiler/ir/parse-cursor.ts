/**
 * The IR parser's token cursor: expects and reads tokens of each shape (punctuation, `vN`,
 * `blockN`, `sigN`, `fnN`, integers in a range), records where each value and block is first
 * used, and throws KilnError('malformed') at the offending token's line:column.
 */

import type { KilnError } from '../../formats/errors.js';
import { irError, type Token } from './lexer.js';

/** largest value / block number the parser accepts (keeps a typo from allocating gigabytes) */
export const MAX_ID = (1 << 24) - 1;

const describe = (t: Token): string => (t.kind === 'eof' ? 'end of text' : t.kind === 'nl' ? 'end of line' : `'${t.text}'`);

export class Cursor {
  pos = 0;
  /** first use of each value / block, for "not defined" errors after the whole text is read */
  readonly valueUses = new Map<number, Token>();
  readonly blockUses = new Map<number, Token>();

  constructor(
    readonly toks: readonly Token[],
    readonly file?: string,
  ) {}

  peek(k = 0): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)] as Token;
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  error(reason: string, t: Token = this.peek()): KilnError {
    return irError(reason, t.line, t.column, this.file);
  }
  /** "expected WHAT, got 'x'" at the next token */
  expected(what: string, t: Token = this.peek()): KilnError {
    return this.error(`expected ${what}, got ${describe(t)}`, t);
  }

  isPunct(p: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === p;
  }
  punct(p: string): Token {
    if (!this.isPunct(p)) throw this.expected(`'${p}'`);
    return this.next();
  }
  /** consume p if it is next */
  eat(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }
  ident(what: string): Token {
    if (this.peek().kind !== 'ident') throw this.expected(what);
    return this.next();
  }
  keyword(word: string): Token {
    const t = this.peek();
    if (t.kind !== 'ident' || t.text !== word) throw this.expected(`'${word}'`);
    return this.next();
  }
  atLineEnd(): boolean {
    const k = this.peek().kind;
    return k === 'nl' || k === 'eof';
  }
  endLine(): void {
    if (this.peek().kind === 'eof') return;
    if (this.peek().kind !== 'nl') throw this.expected('end of line');
    this.pos++;
  }
  skipBlankLines(): void {
    while (this.peek().kind === 'nl') this.pos++;
  }

  /** is the next token `PREFIXn`? */
  isId(prefix: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && idNumber(prefix, t.text) >= 0;
  }
  /** read `PREFIXn` and return n */
  id(prefix: string, what: string, max = MAX_ID): number {
    const t = this.peek();
    const n = t.kind === 'ident' ? idNumber(prefix, t.text) : -1;
    if (n < 0) throw this.expected(what);
    if (n > max) throw this.error(`${t.text} is too large (the largest is ${prefix}${max})`, t);
    this.pos++;
    return n;
  }
  /** a value used as an operand */
  useValue(): number {
    const t = this.peek();
    const v = this.id('v', 'a value');
    if (!this.valueUses.has(v)) this.valueUses.set(v, t);
    return v;
  }
  /** zero or more comma-separated values, up to `end` (a punctuation) or the line end */
  valueList(end?: string): number[] {
    const out: number[] = [];
    if (end !== undefined ? this.isPunct(end) : this.atLineEnd()) return out;
    do out.push(this.useValue());
    while (this.eat(','));
    return out;
  }
  /** an integer token in [min, max] */
  integer(what: string, min: bigint, max: bigint): bigint {
    const t = this.peek();
    if (t.kind !== 'num') throw this.expected(what);
    const neg = t.text.startsWith('-');
    const mag = BigInt(neg ? t.text.slice(1) : t.text);
    const x = neg ? -mag : mag;
    if (x < min || x > max) throw this.error(`${t.text} is out of range for ${what}`, t);
    this.pos++;
    return x;
  }
}

/** n if `text` is PREFIX followed by a canonical decimal number, else -1 */
export function idNumber(prefix: string, text: string): number {
  if (!text.startsWith(prefix)) return -1;
  const digits = text.slice(prefix.length);
  if (!/^(0|[1-9][0-9]{0,9})$/.test(digits)) return -1;
  return Number(digits);
}
