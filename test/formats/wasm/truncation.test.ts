/**
 * Truncated binary input: every length or size that the decoder takes a byte range from must
 * have all of its bytes present. `Reader.len()` bounds a length by the bytes left counted from
 * the length's own first byte (the reference interpreter's `len32`), so a range can run past
 * the end of the input by up to the width of its length field; these tests pin each place
 * where that used to be accepted or misreported, with exact truncated inputs.
 */

import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { readInstr } from '../../../formats/wasm/expr-decode.js';
import { Reader } from '../../../formats/wasm/reader.js';
import { OP } from '../../../formats/wasm/opcodes.js';
import type { Instr } from '../../../formats/wasm/types.js';
import { KilnError } from '../../../formats/errors.js';
import { decodeAndValidate, validateModule } from '../../../compiler/validate/index.js';
import { HEADER, module, name, section, vec } from './bytes.js';

const END = 'unexpected end of section or function';

/** [kind, reason, offset] of the KilnError `f` throws */
function failure(f: () => unknown): [string, string, number | undefined] {
  try {
    f();
  } catch (e) {
    if (e instanceof KilnError) return [e.kind, e.reason, e.loc.offset];
    throw e;
  }
  throw new Error('expected a KilnError');
}

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

describe('custom section whose declared size runs past the end of the input', () => {
  // id 0, size 5, then only 4 bytes: name "a" and payload [1, 2]
  const overByOne = module([0x00, 0x05, 0x01, 0x61, 0x01, 0x02]);

  it('is "unexpected end" at the end of the input when it runs over by its one-byte size field', () => {
    expect(overByOne.length).toBe(14);
    expect(failure(() => decodeModule(overByOne))).toEqual(['malformed', END, 14]);
  });

  it('is rejected by decode+validate (single pass) and by decode-then-validate', () => {
    expect(failure(() => decodeAndValidate(overByOne))).toEqual(['malformed', END, 14]);
    expect(failure(() => validateModule(decodeModule(overByOne)))).toEqual(['malformed', END, 14]);
  });

  it('is "unexpected end" when it runs over by the two bytes of a two-byte size field', () => {
    // size 200 = 0xc8 0x01; 198 bytes follow: name "c" then 196 payload bytes
    const content = [...name('c'), ...new Array<number>(196).fill(7)];
    expect(content.length).toBe(198);
    const input = module([0x00, 0xc8, 0x01, ...content]);
    expect(failure(() => decodeModule(input))).toEqual(['malformed', END, input.length]);
  });

  it('is still "length out of bounds" at the size field when it runs over by more than that', () => {
    const content = [...name('c'), ...new Array<number>(195).fill(7)];
    const input = module([0x00, 0xc8, 0x01, ...content]);
    expect(failure(() => decodeModule(input))).toEqual(['malformed', 'length out of bounds', HEADER.length + 1]);
  });

  it('decodes when the declared size is exactly what is there', () => {
    const m = decodeModule(module([0x00, 0x04, 0x01, 0x61, 0x01, 0x02]));
    expect(m.customs).toEqual([{ name: 'a', bytes: bytes(1, 2), after: 0 }]);
  });
});

describe('names whose length runs past the end of the input', () => {
  it('Reader.name() reports "unexpected end", not a UTF-8 error, for a cut ASCII name', () => {
    expect(failure(() => new Reader(bytes(0x02, 0x61)).name())).toEqual(['malformed', END, 2]);
  });

  it('Reader.name() does not read a cut multi-byte sequence as a replacement character', () => {
    expect(failure(() => new Reader(bytes(0x02, 0xc3)).name())).toEqual(['malformed', END, 2]);
  });

  it('a custom section name cut by the end of the input is "unexpected end"', () => {
    // section size 3 fits (counted from its own byte); the name claims 3 bytes, 2 are there
    const input = module([0x00, 0x03, 0x03, 0x61, 0x62]);
    expect(failure(() => decodeModule(input))).toEqual(['malformed', END, 13]);
  });

  it('an import module name cut by the end of the input is "unexpected end"', () => {
    // import section: 1 import, module name of 2 bytes with only "a" present
    const input = module([0x02, 0x03, 0x01, 0x02, 0x61]);
    expect(failure(() => decodeModule(input))).toEqual(['malformed', END, 13]);
  });
});

describe('name section subsections', () => {
  const nameSection = (...subs: number[][]): number[] => section(0, [...name('name'), ...subs.flat()]);
  /** a subsection's size and contents (its id written by the caller) */
  const sub = (contents: number[]): number[] => [contents.length, ...contents];

  it('a well-formed name section with an unknown subsection keeps its function names', () => {
    const m = decodeModule(module(nameSection([0x01, ...sub(vec([[0x00, ...name('f')]]))], [0x07, 0x02, 0x01, 0x02])));
    expect(m.names?.funcs.get(0)).toBe('f');
  });

  it('an unknown subsection whose size runs past the payload leaves names null', () => {
    // subsection 7 declares 3 bytes, 2 are there (the size fits only counted from itself)
    const input = module(nameSection([0x01, ...sub(vec([[0x00, ...name('f')]]))], [0x07, 0x03, 0x01, 0x02]));
    const m = decodeModule(input);
    expect(m.names).toBeNull();
    expect(m.customs.map((c) => c.name)).toEqual(['name']);
  });
});

describe('instruction reader bounded by the reader end', () => {
  it('does not take the empty block type from a byte past the end', () => {
    // `block` then 0x40, but the reader ends before the 0x40
    const r = new Reader(bytes(0x02, 0x40), 0, 1);
    const ins: Instr = { op: 0, offset: 0, a: 0, b: 0, c: 0, x: null };
    expect(failure(() => readInstr(r, ins))).toEqual(['malformed', END, 1]);
  });

  it('reads the empty block type when it is inside the reader', () => {
    const r = new Reader(bytes(0x02, 0x40), 0, 2);
    const ins: Instr = { op: 0, offset: 0, a: 0, b: 0, c: 0, x: null };
    readInstr(r, ins);
    expect([ins.op, ins.a, r.pos]).toEqual([OP.block, -64, 2]);
  });
});
