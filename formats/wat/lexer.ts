/**
 * Lexer and S-expression reader for the WebAssembly text format (spec §6.2 lexical format,
 * §6.3 values: strings and identifiers). Produces a tree of `Node`s: lists and atoms, each
 * carrying its 1-based line:column. Comments (`;;` line, nested `(; ;)` block) and white
 * space are dropped.
 *
 * Token classes follow the spec: a maximal run of idchars and strings is one token; a run
 * that is exactly one string is a string, `$`+idchars an identifier, a lower-case letter
 * start a keyword, a digit or sign start a number (validated when used), anything else
 * (including idchars glued to strings, `"a"x`) is reserved and rejected by the parser.
 */

import { KilnError } from '../errors.js';

export const enum T {
  List = 0,
  Keyword = 1,
  Id = 2,
  String = 3,
  Number = 4,
  Reserved = 5,
}

/** One tree node. Monomorphic: every field present on every node. */
export class Node {
  constructor(
    public readonly t: T,
    /** keyword/id/number/reserved text (ids keep their `$`); '' for lists and strings */
    public readonly text: string,
    /** string contents as bytes (String), else null */
    public readonly bytes: Uint8Array | null,
    /** children (List), else null */
    public readonly items: Node[] | null,
    public readonly line: number,
    public readonly col: number,
    /** source offsets [start, end) of the node in the text */
    public readonly start: number,
    public end: number,
  ) {}
}

/** idchar (spec §6.3.5), plus the reserved-only characters `, [ ] { }` */
const IDCHAR = new Uint8Array(128);
for (const c of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&'*+-./:<=>?@\\^_`|~,[]{}") {
  IDCHAR[c.charCodeAt(0)] = 1;
}

const utf8 = new TextEncoder();

export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly src: string,
    private readonly file: string | undefined,
  ) {}

  error(msg: string, line: number, col: number): KilnError {
    return new KilnError('malformed', msg, { file: this.file, line, column: col });
  }
  private here(msg: string, pos = this.pos): KilnError {
    return this.error(msg, this.line, pos - this.lineStart + 1);
  }

  /** Read every top-level node of the text. */
  readAll(): Node[] {
    const out: Node[] = [];
    const stack: Node[][] = [];
    const open: Node[] = [];
    let cur = out;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) break;
      const c = this.src.charCodeAt(this.pos);
      if (c === 0x28 /* ( */) {
        const items: Node[] = [];
        const n = new Node(T.List, '', null, items, this.line, this.pos - this.lineStart + 1, this.pos, -1);
        this.pos++;
        cur.push(n);
        stack.push(cur);
        open.push(n);
        cur = items;
      } else if (c === 0x29 /* ) */) {
        const n = open.pop();
        if (n === undefined) throw this.here('unexpected token )');
        this.pos++;
        n.end = this.pos;
        cur = stack.pop() as Node[];
      } else {
        cur.push(this.atom());
      }
    }
    const unclosed = open[open.length - 1];
    if (unclosed !== undefined) throw this.error('unexpected end of input, unclosed (', unclosed.line, unclosed.col);
    return out;
  }

  private skipSpace(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d) this.pos++;
      else if (c === 0x0a) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 0x3b /* ; */ && s.charCodeAt(this.pos + 1) === 0x3b) {
        // a line comment ends at any newline form: LF, CR or CR LF (spec §6.2.4)
        while (this.pos < s.length) {
          const d = s.charCodeAt(this.pos);
          if (d === 0x0a || d === 0x0d) break;
          this.pos++;
        }
      } else if (c === 0x28 && s.charCodeAt(this.pos + 1) === 0x3b) {
        this.blockComment();
      } else break;
    }
  }

  private blockComment(): void {
    const s = this.src;
    const startLine = this.line;
    const startCol = this.pos - this.lineStart + 1;
    let depth = 0;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x28 && s.charCodeAt(this.pos + 1) === 0x3b) {
        depth++;
        this.pos += 2;
      } else if (c === 0x3b && s.charCodeAt(this.pos + 1) === 0x29) {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else {
        if (c === 0x0a) {
          this.line++;
          this.lineStart = this.pos + 1;
        }
        this.pos++;
      }
    }
    throw this.error('unclosed block comment', startLine, startCol);
  }

  /** A maximal run of idchars and strings. */
  private atom(): Node {
    const s = this.src;
    const start = this.pos;
    const line = this.line;
    const col = start - this.lineStart + 1;
    let strings = 0;
    let plain = 0;
    let bytes: Uint8Array | null = null;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x22 /* " */) {
        bytes = this.string();
        strings++;
      } else if (c < 128 && IDCHAR[c] === 1) {
        if (c === 0x3b && s.charCodeAt(this.pos + 1) === 0x3b) break;
        this.pos++;
        plain++;
      } else if (c === 0x3b /* lone ; */ && s.charCodeAt(this.pos + 1) !== 0x3b) {
        this.pos++;
        plain++;
      } else break;
    }
    if (this.pos === start) {
      throw this.here(`illegal character ${JSON.stringify(s[start])}`);
    }
    const text = s.slice(start, this.pos);
    if (strings === 1 && plain === 0) return new Node(T.String, '', bytes, null, line, col, start, this.pos);
    if (strings > 0) return new Node(T.Reserved, text, null, null, line, col, start, this.pos);
    const c0 = text.charCodeAt(0);
    let t: T;
    if (c0 === 0x24 /* $ */) t = text.length > 1 ? T.Id : T.Reserved;
    else if (c0 >= 0x61 && c0 <= 0x7a) t = T.Keyword;
    else if ((c0 >= 0x30 && c0 <= 0x39) || c0 === 0x2b || c0 === 0x2d) t = T.Number;
    else t = T.Reserved;
    if (/[,[\]{};]/.test(text)) t = T.Reserved;
    return new Node(t, text, null, null, line, col, start, this.pos);
  }

  /** A string literal (spec §6.3.3) starting at `"`; returns its bytes. */
  private string(): Uint8Array {
    const s = this.src;
    const out: number[] = [];
    this.pos++;
    for (;;) {
      if (this.pos >= s.length) throw this.here('unclosed string');
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return Uint8Array.from(out);
      }
      if (c === 0x0a || c < 0x20 || c === 0x7f) throw this.here('illegal character in string');
      if (c === 0x5c /* \ */) {
        this.escape(out);
        continue;
      }
      if (c < 0x80) {
        out.push(c);
        this.pos++;
        continue;
      }
      // non-ASCII source character: encode as UTF-8 (a lone surrogate is malformed)
      const cp = s.codePointAt(this.pos) as number;
      if (cp >= 0xd800 && cp <= 0xdfff) throw this.here('malformed UTF-8 encoding');
      const ch = String.fromCodePoint(cp);
      for (const b of utf8.encode(ch)) out.push(b);
      this.pos += ch.length;
    }
  }

  private escape(out: number[]): void {
    const s = this.src;
    const at = this.pos;
    const e = s[this.pos + 1];
    this.pos += 2;
    switch (e) {
      case 'n':
        out.push(0x0a);
        return;
      case 't':
        out.push(0x09);
        return;
      case 'r':
        out.push(0x0d);
        return;
      case '\\':
      case "'":
      case '"':
        out.push((e as string).charCodeAt(0));
        return;
      case 'u': {
        const m = /^\{([0-9a-fA-F](?:_?[0-9a-fA-F])*)\}/.exec(s.slice(this.pos, this.pos + 40));
        if (m === null) throw this.here('malformed unicode escape', at);
        const cp = parseInt((m[1] as string).replace(/_/g, ''), 16);
        if (!(cp < 0xd800 || (cp >= 0xe000 && cp < 0x110000))) throw this.here('malformed unicode escape', at);
        this.pos += m[0].length;
        for (const b of utf8.encode(String.fromCodePoint(cp))) out.push(b);
        return;
      }
      default: {
        const h = s.slice(this.pos - 1, this.pos + 1);
        if (/^[0-9a-fA-F]{2}$/.test(h)) {
          out.push(parseInt(h, 16));
          this.pos++;
          return;
        }
        throw this.here('illegal escape', at);
      }
    }
  }
}

/** Parse a whole text into top-level nodes. */
export function readNodes(text: string, file?: string): Node[] {
  return new Lexer(text, file).readAll();
}

/** Decode a string node's bytes as a name (spec §6.3.4): must be valid UTF-8. */
export function utf8Name(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
