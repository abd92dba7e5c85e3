/**
 * toml-lines: on which line each key of a TOML document is.
 *
 * smol-toml gives values but no positions, and every manifest error must name the line of the
 * offending key. `locateKeys` is a second, position-only reading of the same text: one pass that
 * maps each key path — `name`, `limits.open-files`, `permissions.dirs[1].mode`, `args[2]` — to the
 * 1-based line where that key, array element or table header appears. It understands comments, the
 * four string forms (basic, literal, and their multi-line variants), quoted and dotted keys,
 * `[table]` and `[[array.of.tables]]` headers, and inline tables and arrays spanning lines
 * (TOML 1.0 §Keys, §String, §Table, §Inline Table, §Array of Tables; TOML 1.1's multi-line inline
 * tables and trailing commas, which smol-toml accepts). It reads no values.
 *
 * The text is expected to be one smol-toml has already accepted. On anything else the scanner
 * never fails or loops; it may simply miss keys, and callers then report no line.
 *
 * Key paths are written as in error messages: keys joined by '.', bare when TOML allows a bare key
 * and JSON-quoted otherwise (`permissions.env."A.B"`), array indices 0-based in brackets.
 */

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
const BARE_KEY_CHAR = /[A-Za-z0-9_-]/;

/** One key as a key path shows it. */
function showKey(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

/** The path of `key` inside the table at `parent` ('' is the document itself). */
export function childPath(parent: string, key: string): string {
  return parent === '' ? showKey(key) : `${parent}.${showKey(key)}`;
}

/** The path of element `index` of the array at `parent`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Line lookup by key path. */
export interface KeyLines {
  /** 1-based line of the key path, or undefined when the text does not show it */
  lineOf(path: string): number | undefined;
}

/** Scan a TOML document (already accepted by a TOML parser) for the line of every key path. */
export function locateKeys(text: string): KeyLines {
  const scanner = new Scanner(text);
  scanner.document();
  const found = scanner.found;
  return { lineOf: (path) => found.get(path)?.line };
}

/** Escapes in basic-string keys: one letter → the character it stands for. */
const ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\x1b',
  '"': '"',
  '\\': '\\',
};
/** Escapes followed by hex digits: letter → how many digits. */
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Characters that end an unquoted value (number, boolean, date-time). */
const SCALAR_END = new Set([',', ']', '}', '#', '\n', '\r']);
const SPACE = new Set([' ', '\t']);
const BLANK = new Set([' ', '\t', '\n', '\r']);

interface Found {
  readonly line: number;
  /** named by the text itself (a header or the last key of a key/value), not implied by a dotted prefix */
  readonly explicit: boolean;
}

class Scanner {
  readonly found = new Map<string, Found>();
  private pos = 0;
  /** offsets of every '\n', for offset → line */
  private readonly newlines: number[] = [];
  /** elements so far of each array of tables, by its path */
  private readonly tableArrays = new Map<string, number>();

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.newlines.push(i);
  }

  /** The whole document: key/values and table headers. */
  document(): void {
    let table = '';
    while (this.skipBlank()) {
      if (this.peek() === '[') table = this.header();
      else this.keyValue(table);
    }
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  /** Note where `path` is; an explicit mention replaces an implied one, otherwise the first stays. */
  private record(path: string, offset: number, explicit: boolean): void {
    const old = this.found.get(path);
    if (old === undefined || (explicit && !old.explicit)) {
      this.found.set(path, { line: this.lineAt(offset), explicit });
    }
  }

  private skipSpaces(): void {
    while (SPACE.has(this.peek())) this.pos++;
  }

  /** Skip whitespace, newlines and comments; false at the end of the text. */
  private skipBlank(): boolean {
    for (;;) {
      while (BLANK.has(this.peek())) this.pos++;
      if (this.peek() !== '#') return this.pos < this.text.length;
      const eol = this.text.indexOf('\n', this.pos);
      this.pos = eol < 0 ? this.text.length : eol;
    }
  }

  /** `[a.b]` or `[[a.b]]`; returns the path of the table that the following keys belong to. */
  private header(): string {
    const start = this.pos;
    const isArray = this.text.startsWith('[[', start);
    this.pos += isArray ? 2 : 1;
    this.skipSpaces();
    const keys = this.dottedKey();
    this.skipSpaces();
    this.pos += isArray ? 2 : 1;
    let path = '';
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      path = childPath(path, key);
      this.record(path, start, last);
      if (last && isArray) path = this.nextElement(path, start);
      else path = this.lastElement(path);
    });
    return path;
  }

  /** A new element of the array of tables at `path`. */
  private nextElement(path: string, offset: number): string {
    const count = this.tableArrays.get(path) ?? 0;
    this.tableArrays.set(path, count + 1);
    const element = indexPath(path, count);
    this.record(element, offset, true);
    return element;
  }

  /** A header key naming an array of tables means its latest element (TOML §Array of Tables). */
  private lastElement(path: string): string {
    const count = this.tableArrays.get(path);
    return count === undefined ? path : indexPath(path, count - 1);
  }

  /** `a."b".c = value` inside the table at `table`. */
  private keyValue(table: string): void {
    const start = this.pos;
    const keys = this.dottedKey();
    let path = table;
    keys.forEach((key, i) => {
      path = childPath(path, key);
      this.record(path, start, i === keys.length - 1);
    });
    this.skipSpaces();
    if (this.peek() === '=') this.pos++;
    this.skipSpaces();
    this.value(path);
  }

  private dottedKey(): string[] {
    const keys = [this.simpleKey()];
    for (;;) {
      this.skipSpaces();
      if (this.peek() !== '.') return keys;
      this.pos++;
      this.skipSpaces();
      keys.push(this.simpleKey());
    }
  }

  private simpleKey(): string {
    const quote = this.peek();
    if (quote === '"' || quote === "'") return this.quotedKey(quote);
    const start = this.pos;
    while (BARE_KEY_CHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A key in "basic" (escapes decoded) or 'literal' quotes. */
  private quotedKey(quote: string): string {
    this.pos++;
    let key = '';
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === quote || c === '\n') {
        if (c === quote) this.pos++;
        break;
      }
      if (c === '\\' && quote === '"') {
        key += this.escape();
      } else {
        key += c;
        this.pos++;
      }
    }
    return key;
  }

  /** One escape sequence at a backslash, decoded. */
  private escape(): string {
    const letter = this.text.charAt(this.pos + 1);
    const digits = HEX_ESCAPES[letter];
    if (digits === undefined) {
      this.pos += 2;
      return ESCAPES[letter] ?? letter;
    }
    const code = Number.parseInt(this.text.slice(this.pos + 2, this.pos + 2 + digits), 16);
    this.pos += 2 + digits;
    return Number.isInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }

  /** Any value; arrays and inline tables record their elements and keys under `path`. */
  private value(path: string): void {
    const c = this.peek();
    if (c === '[') this.array(path);
    else if (c === '{') this.inlineTable(path);
    else if (c === '"' || c === "'") this.skipString(c);
    else this.skipScalar();
  }

  private array(path: string): void {
    this.pos++;
    for (let i = 0; this.skipBlank() && this.peek() !== ']'; i++) {
      const element = indexPath(path, i);
      this.record(element, this.pos, true);
      this.value(element);
      this.skipBlank();
      if (this.peek() === ',') this.pos++;
    }
    this.pos++;
  }

  private inlineTable(path: string): void {
    this.pos++;
    while (this.skipBlank() && this.peek() !== '}') {
      this.keyValue(path);
      this.skipBlank();
      if (this.peek() === ',') this.pos++;
    }
    this.pos++;
  }

  /** A string in any of the four forms; only basic strings have escapes. */
  private skipString(quote: string): void {
    const triple = quote.repeat(3);
    const multiLine = this.text.startsWith(triple, this.pos);
    this.pos += multiLine ? 3 : 1;
    const close = multiLine ? triple : quote;
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === '\\' && quote === '"') {
        this.pos += 2;
      } else if (this.text.startsWith(close, this.pos)) {
        this.pos += close.length;
        // up to two more quotes right before a multi-line closing delimiter belong to the string
        for (let extra = 0; multiLine && extra < 2 && this.peek() === quote; extra++) this.pos++;
        return;
      } else if (c === '\n' && !multiLine) {
        return;
      } else {
        this.pos++;
      }
    }
  }

  /** A number, boolean or date-time: up to the next delimiter (at least one character). */
  private skipScalar(): void {
    do this.pos++;
    while (this.pos < this.text.length && !SCALAR_END.has(this.peek()));
  }
}
