/**
 * Function bodies of decoded modules stay as bytes until something asks for them.
 *
 * Building one Instr object per instruction is what made decoding slow: a 1.2 MB module holds
 * ~500k instructions, and the garbage collector spent most of the decode promoting them. So
 * the decoder only *scans* each body (full well-formedness checks, no allocation) and records
 * where its bytes are; `code.body` is decoded on first access. Hot consumers (the validator)
 * read instructions through an InstrCursor instead, which decodes into one reused Instr.
 *
 * The byte range lives in the closure of the `body` accessor, not in the Code value, so a
 * decoded Code stays a plain value: it compares equal to the same Code built from text.
 * Assigning `code.body`, or materialising it (after which it may be edited in place),
 * replaces the accessor with a data property and so forgets the bytes. (A WeakMap from Code
 * to bytes was the first design; its ephemeron table made garbage collection dominate.)
 */

import type { Code, Instr, LocalGroup } from './types.js';
import { Reader } from './reader.js';
import { decodeExpr, readInstr } from './expr-decode.js';

interface BodySource {
  bytes: Uint8Array;
  /** first instruction byte */
  start: number;
  /** one past the final `end` */
  end: number;
  hasDataCount: boolean;
}

function setBody(code: Code, body: Instr[]): void {
  Object.defineProperty(code, 'body', { value: body, writable: true, enumerable: true, configurable: true });
}

/** set while sourceOf() reads `body`: the accessor then reports its source instead */
let peeking = false;
let peeked: BodySource | null = null;
const NO_BODY: Instr[] = [];

/** the bytes behind a still-lazy body, or null when the body is an array */
function sourceOf(code: Code): BodySource | null {
  peeking = true;
  peeked = null;
  try {
    void code.body;
  } finally {
    peeking = false;
  }
  const source = peeked;
  peeked = null;
  return source;
}

/** A Code whose body is decoded from bytes[start, end) on first access (already scanned). */
export function lazyCode(locals: LocalGroup[], offset: number, size: number, source: BodySource): Code {
  // an object literal accessor is an own enumerable property (so deep equality sees the
  // body) and is far cheaper to create than Object.defineProperty
  const code: Code = {
    locals,
    get body(): Instr[] {
      if (peeking) {
        peeked = source;
        return NO_BODY;
      }
      const body: Instr[] = [];
      decodeExpr(new Reader(source.bytes, source.start), body, source.hasDataCount);
      setBody(code, body);
      return body;
    },
    set body(body: Instr[]) {
      setBody(code, body);
    },
    offset,
    size,
  };
  return code;
}

/**
 * Iterates the instructions of a Code without materialising its body: `while (c.next())
 * use(c.ins)`. `c.ins` is reused for every instruction of a byte-backed body — copy what you
 * keep. Bodies built in memory (text, or materialised) are walked as arrays.
 */
export class InstrCursor {
  ins: Instr = { op: 0, offset: 0, a: 0, b: 0, c: 0, x: null };
  private readonly scratch: Instr = this.ins;
  /**
   * @param values false when constant values are not needed (validation): i64/f64/v128
   *   constants of byte-backed bodies then have `x === null`
   */
  constructor(private readonly values = true) {}
  private reader: Reader | null = null;
  private array: readonly Instr[] | null = null;
  private index = 0;
  private end = 0;

  reset(code: Code): void {
    const src = sourceOf(code);
    if (src === null) {
      this.array = code.body;
      this.index = 0;
      return;
    }
    this.array = null;
    if (this.reader === null || this.reader.bytes !== src.bytes) this.reader = new Reader(src.bytes);
    this.reader.pos = src.start;
    this.end = src.end;
    this.ins = this.scratch;
  }

  /** advance to the next instruction; false after the last one */
  next(): boolean {
    const array = this.array;
    if (array !== null) {
      const ins = array[this.index];
      if (ins === undefined) return false;
      this.index++;
      this.ins = ins;
      return true;
    }
    const r = this.reader as Reader;
    if (r.pos >= this.end) return false;
    readInstr(r, this.ins, this.values);
    return true;
  }
}
