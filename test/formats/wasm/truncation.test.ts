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
import { encodeModule } from '../../../formats/wasm/encode.js';
import { scanSections, type SectionInfo } from '../../../formats/wasm/section-scan.js';
import { parseWat } from '../../../formats/wat/module.js';
import { HEADER, module, name, section, uleb, vec } from './bytes.js';

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

describe('every section kind, cut or overrun as the last section', () => {
  // one module with every section kind, and a name section (custom) at the end
  const full = encodeModule(
    parseWat(`(module $mod
      (type (func (param i32) (result i32)))
      (import "env" "f" (func $imp (type 0)))
      (import "env" "m" (memory 1))
      (table 2 funcref)
      (global $g (mut i32) (i32.const 5))
      (export "run" (func $run))
      (start $s)
      (elem (i32.const 0) $run $s)
      (elem func $s)
      (func $run (param $x i32) (result i32) (local $y i64)
        (block $b (result i32) (br_table $b $b (i32.const 1) (local.get $x)))
        (select (result i32) (i32.const 1) (i32.const 2) (local.get $x))
        i32.add)
      (func $s (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop 1))
      (data (i32.const 8) "hello")
      (data "passive"))`),
  );
  const sections = scanSections(full);
  /** [section, offset of its contents] */
  const withContents = sections.map((s): [SectionInfo, number] => {
    let p = s.offset + 1;
    while (((full[p] as number) & 0x80) !== 0) p++;
    return [s, p + 1];
  });
  /** a u32 LEB128 always 5 bytes wide, so a size can overrun the end by up to 5 */
  const pad5 = (v: number): number[] => [0, 7, 14, 21].map((s) => 0x80 | ((v >>> s) & 0x7f)).concat([(v >>> 28) & 0x0f]);
  /** the module up to section s, then s with `content` and the declared size `size` */
  const lastSection = (s: SectionInfo, size: number[], content: Uint8Array): Uint8Array =>
    new Uint8Array([...full.subarray(0, s.offset), s.id, ...size, ...content]);

  it('covers all twelve section kinds and a custom section', () => {
    expect(sections.map((s) => s.name)).toEqual([
      'type', 'import', 'function', 'table', 'global', 'export', 'start', 'element', 'datacount', 'code', 'data', 'name',
    ]);
    expect(sections.filter((s) => s.id === 0).length).toBe(1);
  });

  it('a declared size 1 to 5 bytes past the end (within its 5-byte field) is malformed at the end', () => {
    for (const [s, at] of withContents) {
      const content = full.subarray(at, at + s.size);
      for (let over = 1; over <= 5; over++) {
        const input = lastSection(s, pad5(s.size + over), content);
        const reason = s.id === 0 ? END : 'section size mismatch';
        expect([s.name, over, ...failure(() => decodeModule(input))]).toEqual([s.name, over, 'malformed', reason, input.length]);
      }
      const input = lastSection(s, pad5(s.size + 6), content);
      expect([s.name, ...failure(() => decodeModule(input))]).toEqual([s.name, 'malformed', 'length out of bounds', s.offset + 1]);
    }
  });

  it('contents cut anywhere (size adjusted) are malformed, except a custom payload, which is kept as cut', () => {
    for (const [s, at] of withContents) {
      const nameEnd = s.id === 0 ? at + 1 + (full[at] as number) : at;
      for (let cut = 0; cut < s.size; cut++) {
        const content = full.subarray(at, at + cut);
        const input = lastSection(s, uleb(cut), content);
        if (at + cut >= nameEnd && s.id === 0) {
          expect(decodeModule(input).customs.at(-1)?.bytes).toEqual(full.subarray(nameEnd, at + cut));
          continue;
        }
        const [kind, reason, offset] = failure(() => decodeModule(input));
        expect([s.name, cut, kind]).toEqual([s.name, cut, 'malformed']);
        if (reason === END) expect([s.name, cut, offset]).toEqual([s.name, cut, input.length]);
        else expect([s.name, cut, reason]).toEqual([s.name, cut, 'length out of bounds']);
      }
    }
  });
});
