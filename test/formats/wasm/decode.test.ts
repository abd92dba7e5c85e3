import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import { emptyModule } from '../../../formats/wasm/types.js';
import { OPCODES, OP, opByName } from '../../../formats/wasm/opcodes.js';
import { KilnError } from '../../../formats/errors.js';
import { HEADER, code, func, funcs, module, name, oneType, section, uleb, vec } from './bytes.js';

/** reason and offset of the malformed error decoding `bytes` raises */
function malformedAt(bytes: Uint8Array | number[]): [string, number | undefined] {
  try {
    decodeModule(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  } catch (e) {
    if (e instanceof KilnError && e.kind === 'malformed') return [e.reason, e.loc.offset];
    throw e;
  }
  throw new Error('module decoded but should be malformed');
}

const op = (n: string): number => {
  const info = opByName(n);
  if (info === undefined) throw new Error(n);
  return info.id;
};

/** a module with one `[] -> []` function whose body bytes are `body` (ending in 0x0b) */
const withBody = (body: number[], ...extra: number[][]): Uint8Array =>
  module(oneType, funcs(1), ...extra, code(func([], body)));
/** offset of the first body byte in `withBody` modules without extra sections */
const BODY_AT = HEADER.length + oneType.length + funcs(1).length + 3 /* code id,size,count */ + 2; /* size, locals */

describe('module header (spec §5.5.16)', () => {
  it('decodes the empty module', () => {
    expect(decodeModule(module())).toEqual(emptyModule());
  });
  it('reports a short or wrong magic and version', () => {
    expect(malformedAt([])).toEqual(['unexpected end', 0]);
    expect(malformedAt([0x00, 0x61, 0x73])).toEqual(['unexpected end', 3]);
    expect(malformedAt([0x61, 0x73, 0x6d, 0x00])).toEqual(['magic header not detected', 0]);
    expect(malformedAt([0x00, 0x41, 0x53, 0x4d, 1, 0, 0, 0])).toEqual(['magic header not detected', 0]);
    expect(malformedAt([0x00, 0x61, 0x73, 0x6d, 1, 0, 0])).toEqual(['unexpected end', 7]);
    expect(malformedAt([0x00, 0x61, 0x73, 0x6d, 0x0d, 0, 0, 0])).toEqual(['unknown binary version', 4]);
    expect(malformedAt([0x00, 0x61, 0x73, 0x6d, 0, 0, 0, 1])).toEqual(['unknown binary version', 4]);
  });
});

describe('section framing', () => {
  it('rejects unknown section ids at the id byte', () => {
    expect(malformedAt(module([0x0e, 0x01, 0x00]))).toEqual(['malformed section id', 8]);
    expect(malformedAt(module([0x80, 0x01, 0x00]))).toEqual(['malformed section id', 8]);
  });
  it('rejects duplicated and out-of-order sections', () => {
    const start = section(8, [0x00]);
    expect(malformedAt(module(oneType, funcs(1), start, start, code(func([], [0x0b]))))).toEqual([
      'unexpected content after last section',
      8 + oneType.length + funcs(1).length + start.length,
    ]);
    expect(malformedAt(module(funcs(0), oneType))).toEqual(['unexpected content after last section', 11]);
    // data count (12) goes between element (9) and code (10)
    expect(malformedAt(module(code(), section(12, [0x00])))).toEqual(['unexpected content after last section', 11]);
    expect(decodeModule(module(section(12, [0x00]), code())).dataCount).toBe(0);
  });
  it('checks section sizes against their contents', () => {
    // one type declared, two given
    expect(malformedAt(module(section(1, [0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00])))).toEqual([
      'section size mismatch',
      14,
    ]);
    // declared size runs past the input
    expect(malformedAt(module([0x01, 0x07, 0x02, 0x60, 0x00, 0x00]))).toEqual(['length out of bounds', 9]);
    // two types declared, one given, section ends the input
    expect(malformedAt(module(section(1, [0x02, 0x60, 0x00, 0x00])))).toEqual([
      'unexpected end of section or function',
      14,
    ]);
  });
  it('requires matching function and code counts', () => {
    expect(malformedAt(module(oneType, funcs(2), code(func([], [0x0b]))))[0]).toBe(
      'function and code section have inconsistent lengths',
    );
    expect(malformedAt(module(oneType, funcs(1)))).toEqual([
      'function and code section have inconsistent lengths',
      8 + oneType.length + funcs(1).length,
    ]);
    expect(malformedAt(module(code(func([], [0x0b])))))
      .toEqual(['function and code section have inconsistent lengths', 8]);
  });
  it('requires the data count to match the data section', () => {
    const passive = [0x01, 0x00];
    expect(malformedAt(module(section(12, [0x03]), section(11, vec([passive, passive]))))[0]).toBe(
      'data count and data section have inconsistent lengths',
    );
    expect(malformedAt(module(section(12, [0x01])))[0]).toBe('data count and data section have inconsistent lengths');
  });
});

describe('type, import, function, table, memory, global, export, start sections', () => {
  it('decodes function types', () => {
    const m = decodeModule(module(section(1, vec([[0x60, 0x02, 0x7f, 0x7e, 0x01, 0x7b], [0x60, 0x00, 0x00]]))));
    expect(m.types).toEqual([
      { params: [0x7f, 0x7e], results: [0x7b] },
      { params: [], results: [] },
    ]);
    expect(malformedAt(module(section(1, vec([[0x61, 0x00, 0x00]]))))).toEqual(['malformed function type', 11]);
    expect(malformedAt(module(section(1, vec([[0x60, 0x01, 0x7a, 0x00]]))))).toEqual(['malformed value type', 13]);
  });
  it('decodes the four import kinds', () => {
    const imports = vec([
      [...name('m'), ...name('f'), 0x00, 0x00],
      [...name('m'), ...name('t'), 0x01, 0x6f, 0x01, 0x02, 0x03],
      [...name('m'), ...name('mem'), 0x02, 0x00, 0x01],
      [...name('m'), ...name('g'), 0x03, 0x7d, 0x01],
    ]);
    const m = decodeModule(module(oneType, section(2, imports)));
    expect(m.imports).toEqual([
      { module: 'm', name: 'f', desc: { kind: 'func', type: 0 } },
      { module: 'm', name: 't', desc: { kind: 'table', table: { elem: 0x6f, limits: { min: 2, max: 3 } } } },
      { module: 'm', name: 'mem', desc: { kind: 'memory', mem: { limits: { min: 1 } } } },
      { module: 'm', name: 'g', desc: { kind: 'global', global: { type: 0x7d, mutable: true } } },
    ]);
  });
  it('rejects bad import kinds, mutability, limits flags and reference types', () => {
    const imp = (...desc: number[]): Uint8Array => module(section(2, vec([[...name('a'), ...name('b'), ...desc]])));
    const DESC = 8 + 3 + 4; // offset of the kind byte
    expect(malformedAt(imp(0x04))).toEqual(['malformed import kind', DESC]);
    expect(malformedAt(imp(0x80, 0x00))).toEqual(['malformed import kind', DESC]);
    expect(malformedAt(imp(0x03, 0x7f, 0x02))).toEqual(['malformed mutability', DESC + 2]);
    expect(malformedAt(imp(0x02, 0x02, 0x00))).toEqual(['integer too large', DESC + 1]);
    expect(malformedAt(imp(0x02, 0x81, 0x00, 0x00))).toEqual(['integer representation too long', DESC + 2]);
    expect(malformedAt(imp(0x01, 0x7f, 0x00, 0x00))).toEqual(['malformed reference type', DESC + 1]);
    expect(malformedAt(imp(0x01, 0xf0, 0x7f, 0x00, 0x00))).toEqual(['integer representation too long', DESC + 2]);
    expect(malformedAt(module(section(2, vec([[...name('a'), 0x02, 0xc0, 0x80, 0x00]]))))).toEqual([
      'malformed UTF-8 encoding',
      14,
    ]);
  });
  it('decodes tables, memories, globals, exports and start', () => {
    const m = decodeModule(
      module(
        oneType,
        funcs(1),
        section(4, vec([[0x70, 0x00, 0x0a]])),
        section(5, vec([[0x01, 0x01, 0x80, 0x80, 0x04]])),
        section(6, vec([[0x7e, 0x00, 0x42, 0x7f, 0x0b]])),
        section(7, vec([[...name('f'), 0x00, 0x00], [...name('g'), 0x03, 0x00], [...name('t'), 0x01, 0x00], [...name('m'), 0x02, 0x00]])),
        section(8, [0x00]),
        code(func([], [0x0b])),
      ),
    );
    expect(m.tables).toEqual([{ elem: 0x70, limits: { min: 10 } }]);
    expect(m.mems).toEqual([{ limits: { min: 1, max: 65536 } }]);
    expect(m.globals).toEqual([
      {
        type: { type: 0x7e, mutable: false },
        init: [
          { op: OP.i64_const, offset: 37, a: 0, b: 0, c: 0, x: -1n },
          { op: OP.end, offset: 39, a: 0, b: 0, c: 0, x: null },
        ],
      },
    ]);
    expect(m.exports).toEqual([
      { name: 'f', kind: 'func', index: 0 },
      { name: 'g', kind: 'global', index: 0 },
      { name: 't', kind: 'table', index: 0 },
      { name: 'm', kind: 'memory', index: 0 },
    ]);
    expect(m.start).toBe(0);
    expect(malformedAt(module(section(7, vec([[...name('f'), 0x04, 0x00]])))))
      .toEqual(['malformed export kind', 13]);
  });
});

describe('element section: all 8 encodings (spec §5.5.12)', () => {
  const refFunc = (x: number, offset: number) => [
    { op: OP.ref_func, offset, a: x, b: 0, c: 0, x: null },
    { op: OP.end, offset, a: 0, b: 0, c: 0, x: null },
  ];
  const decodeElem = (seg: number[]) =>
    decodeModule(module(oneType, funcs(1), section(9, vec([seg])), code(func([], [0x0b])))).elems[0];
  const SEG = 8 + oneType.length + funcs(1).length + 3; // offset of the segment's flags byte
  const i32c = (v: number, at: number) => [
    { op: OP.i32_const, offset: at, a: v, b: 0, c: 0, x: null },
    { op: OP.end, offset: at + 2, a: 0, b: 0, c: 0, x: null },
  ];
  it('0: active table 0, function indices', () => {
    expect(decodeElem([0x00, 0x41, 0x05, 0x0b, 0x01, 0x00])).toEqual({
      type: 0x70,
      mode: { kind: 'active', table: 0, offset: i32c(5, SEG + 1) },
      init: [refFunc(0, SEG + 5)],
      encoding: 0,
    });
  });
  it('1: passive, element kind, function indices', () => {
    expect(decodeElem([0x01, 0x00, 0x02, 0x00, 0x00])).toEqual({
      type: 0x70,
      mode: { kind: 'passive' },
      init: [refFunc(0, SEG + 3), refFunc(0, SEG + 4)],
      encoding: 1,
    });
  });
  it('2: active with table index, element kind, function indices', () => {
    expect(decodeElem([0x02, 0x01, 0x41, 0x00, 0x0b, 0x00, 0x01, 0x00])).toEqual({
      type: 0x70,
      mode: { kind: 'active', table: 1, offset: i32c(0, SEG + 2) },
      init: [refFunc(0, SEG + 7)],
      encoding: 2,
    });
  });
  it('3: declarative, element kind, function indices', () => {
    expect(decodeElem([0x03, 0x00, 0x01, 0x00])).toEqual({
      type: 0x70,
      mode: { kind: 'declarative' },
      init: [refFunc(0, SEG + 3)],
      encoding: 3,
    });
  });
  it('4: active table 0, expressions', () => {
    expect(decodeElem([0x04, 0x41, 0x00, 0x0b, 0x01, 0xd0, 0x70, 0x0b])).toEqual({
      type: 0x70,
      mode: { kind: 'active', table: 0, offset: i32c(0, SEG + 1) },
      init: [
        [
          { op: OP.ref_null, offset: SEG + 5, a: 0x70, b: 0, c: 0, x: null },
          { op: OP.end, offset: SEG + 7, a: 0, b: 0, c: 0, x: null },
        ],
      ],
      encoding: 4,
    });
  });
  it('5: passive, reference type, expressions', () => {
    const e = decodeElem([0x05, 0x6f, 0x01, 0xd0, 0x6f, 0x0b]);
    expect(e?.type).toBe(0x6f);
    expect(e?.mode).toEqual({ kind: 'passive' });
    expect(e?.encoding).toBe(5);
    expect(e?.init[0]?.map((i) => i.op)).toEqual([OP.ref_null, OP.end]);
  });
  it('6: active with table index, reference type, expressions', () => {
    const e = decodeElem([0x06, 0x02, 0x41, 0x00, 0x0b, 0x70, 0x01, 0xd2, 0x00, 0x0b]);
    expect(e?.mode).toEqual({ kind: 'active', table: 2, offset: i32c(0, SEG + 2) });
    expect(e?.init[0]?.[0]).toEqual({ op: OP.ref_func, offset: SEG + 7, a: 0, b: 0, c: 0, x: null });
    expect(e?.encoding).toBe(6);
  });
  it('7: declarative, reference type, expressions', () => {
    const e = decodeElem([0x07, 0x70, 0x01, 0x23, 0x00, 0x0b]);
    expect(e?.mode).toEqual({ kind: 'declarative' });
    expect(e?.init[0]?.map((i) => i.op)).toEqual([OP.global_get, OP.end]);
    expect(e?.encoding).toBe(7);
  });
  it('rejects bad segment flags, element kinds and reference types', () => {
    const bad = (seg: number[]) => malformedAt(module(oneType, funcs(1), section(9, vec([seg])), code(func([], [0x0b]))));
    expect(bad([0x08])).toEqual(['malformed elements segment kind', SEG]);
    expect(bad([0x01, 0x01, 0x00])).toEqual(['malformed element kind', SEG + 1]);
    expect(bad([0x05, 0x7f, 0x00])).toEqual(['malformed reference type', SEG + 1]);
    expect(bad([0x05, 0x70, 0x01, 0xf3, 0x00, 0x0b])).toEqual(['illegal opcode', SEG + 3]);
  });
});

describe('data section: all 3 encodings and data count', () => {
  const mem = section(5, vec([[0x00, 0x01]]));
  it('decodes active memory 0, passive and explicit-memory segments', () => {
    const m = decodeModule(
      module(mem, section(12, [0x03]), section(11, vec([[0x00, 0x41, 0x08, 0x0b, 0x02, 0xaa, 0xbb], [0x01, 0x01, 0xcc], [0x02, 0x00, 0x41, 0x00, 0x0b, 0x00]]))),
    );
    const at = 8 + mem.length + 3 + 3; // first segment's flags byte
    expect(m.dataCount).toBe(3);
    expect(m.datas).toEqual([
      {
        bytes: new Uint8Array([0xaa, 0xbb]),
        mode: {
          kind: 'active',
          mem: 0,
          offset: [
            { op: OP.i32_const, offset: at + 1, a: 8, b: 0, c: 0, x: null },
            { op: OP.end, offset: at + 3, a: 0, b: 0, c: 0, x: null },
          ],
        },
        encoding: 0,
      },
      { bytes: new Uint8Array([0xcc]), mode: { kind: 'passive' }, encoding: 1 },
      {
        bytes: new Uint8Array([]),
        mode: {
          kind: 'active',
          mem: 0,
          offset: [
            { op: OP.i32_const, offset: at + 12, a: 0, b: 0, c: 0, x: null },
            { op: OP.end, offset: at + 14, a: 0, b: 0, c: 0, x: null },
          ],
        },
        encoding: 2,
      },
    ]);
  });
  it('rejects bad data flags and short payloads', () => {
    expect(malformedAt(module(mem, section(11, vec([[0x03]])))))
      .toEqual(['malformed data segment kind', 8 + mem.length + 3]);
    expect(malformedAt(module(mem, [0x0b, 0x04, 0x01, 0x01, 0x02, 0xaa]))[0]).toBe(
      'unexpected end of section or function',
    );
  });
});

describe('code section and instructions (spec §5.4, §5.5.13)', () => {
  it('keeps locals, body offset and size', () => {
    const m = decodeModule(module(oneType, funcs(1), code(func([[2, 0x7f], [1, 0x7c]], [0x01, 0x0b]))));
    const c = m.codes[0];
    expect(c?.locals).toEqual([
      { count: 2, type: 0x7f },
      { count: 1, type: 0x7c },
    ]);
    expect(c?.offset).toBe(8 + oneType.length + funcs(1).length + 3);
    expect(c?.size).toBe(7);
    expect(c?.body).toEqual([
      { op: OP.nop, offset: (c?.offset ?? 0) + 6, a: 0, b: 0, c: 0, x: null },
      { op: OP.end, offset: (c?.offset ?? 0) + 7, a: 0, b: 0, c: 0, x: null },
    ]);
  });
  it('decodes every immediate kind into a/b/c/x as opcodes.ts documents', () => {
    const body = [
      0x02, 0x40, // block (empty)
      0x03, 0x7f, // loop (result i32)
      0x04, 0x05, // if (type 5)
      0x0c, 0x02, // br 2
      0x0e, 0x02, 0x00, 0x01, 0x02, // br_table [0 1] 2
      0x10, 0x03, // call 3
      0x11, 0x01, 0x02, // call_indirect type 1 table 2
      0x20, 0x04, // local.get 4
      0x23, 0x05, // global.get 5
      0x25, 0x06, // table.get 6
      0x28, 0x02, 0x80, 0x01, // i32.load align 2 offset 128
      0x3f, 0x00, // memory.size
      0x41, 0x7f, // i32.const -1
      0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, // i64.const min
      0x43, 0x00, 0x00, 0x80, 0xbf, // f32.const -1
      0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, // f64.const 1
      0x1c, 0x01, 0x7e, // select (result i64)
      0xd0, 0x6f, // ref.null extern
      0xfc, 0x08, 0x07, 0x00, // memory.init 7
      0xfc, 0x09, 0x01, // data.drop 1
      0xfc, 0x0a, 0x00, 0x00, // memory.copy
      0xfc, 0x0b, 0x00, // memory.fill
      0xfc, 0x0c, 0x03, 0x04, // table.init elem 3 table 4
      0xfc, 0x0d, 0x02, // elem.drop 2
      0xfc, 0x0e, 0x01, 0x02, // table.copy 1 2
      0xfd, 0x0c, ...Array.from({ length: 16 }, (_, i) => i), // v128.const
      0xfd, 0x0d, ...Array.from({ length: 16 }, (_, i) => 31 - i), // i8x16.shuffle
      0xfd, 0x15, 0x0f, // i8x16.extract_lane_s 15
      0xfd, 0x54, 0x00, 0x10, 0x03, // v128.load8_lane align 0 offset 16 lane 3
      0xfd, 0x80, 0x01, // i16x8.abs (sub-opcode 128, a two-byte LEB)
      0x0b, 0x0b, 0x0b, 0x0b,
    ];
    const m = decodeModule(module(oneType, funcs(1), section(12, [0x00]), code(func([], body))));
    const got = (m.codes[0]?.body ?? []).map((i) => [OPCODES[i.op]?.name, i.a, i.b, i.c, i.x]);
    const seq = (from: number): number[] => Array.from({ length: 16 }, (_, i) => from + i);
    expect(got).toEqual([
      ['block', -64, 0, 0, null],
      ['loop', -1, 0, 0, null],
      ['if', 5, 0, 0, null],
      ['br', 2, 0, 0, null],
      ['br_table', 2, 0, 0, [0, 1]],
      ['call', 3, 0, 0, null],
      ['call_indirect', 1, 2, 0, null],
      ['local.get', 4, 0, 0, null],
      ['global.get', 5, 0, 0, null],
      ['table.get', 6, 0, 0, null],
      ['i32.load', 2, 128, 0, null],
      ['memory.size', 0, 0, 0, null],
      ['i32.const', -1, 0, 0, null],
      ['i64.const', 0, 0, 0, -0x8000000000000000n],
      ['f32.const', 0xbf800000, 0, 0, null],
      ['f64.const', 0, 0, 0, 0x3ff0000000000000n],
      ['select', 0, 0, 0, [0x7e]],
      ['ref.null', 0x6f, 0, 0, null],
      ['memory.init', 7, 0, 0, null],
      ['data.drop', 1, 0, 0, null],
      ['memory.copy', 0, 0, 0, null],
      ['memory.fill', 0, 0, 0, null],
      ['table.init', 3, 4, 0, null],
      ['elem.drop', 2, 0, 0, null],
      ['table.copy', 1, 2, 0, null],
      ['v128.const', 0, 0, 0, new Uint8Array(seq(0))],
      ['i8x16.shuffle', 0, 0, 0, new Uint8Array(seq(16).reverse())],
      ['i8x16.extract_lane_s', 15, 0, 0, null],
      ['v128.load8_lane', 0, 16, 3, null],
      ['i16x8.abs', 0, 0, 0, null],
      ['end', 0, 0, 0, null],
      ['end', 0, 0, 0, null],
      ['end', 0, 0, 0, null],
      ['end', 0, 0, 0, null],
    ]);
    expect(m.codes[0]?.body[29]?.op).toBe(op('i16x8.abs'));
  });
  it('records the offset of each opcode in the module', () => {
    const m = decodeModule(withBody([0x41, 0x80, 0x01, 0x1a, 0xfd, 0x80, 0x01, 0x0b]));
    expect(m.codes[0]?.body.map((i) => i.offset)).toEqual([BODY_AT, BODY_AT + 3, BODY_AT + 4, BODY_AT + 7]);
  });
  it('reports illegal opcodes, including prefixed ones, at the opcode', () => {
    expect(malformedAt(withBody([0x06, 0x0b]))).toEqual(['illegal opcode', BODY_AT]);
    expect(malformedAt(withBody([0x01, 0xfc, 0x12, 0x0b]))).toEqual(['illegal opcode', BODY_AT + 1]);
    expect(malformedAt(withBody([0xfd, 0x9a, 0x01, 0x0b]))).toEqual(['illegal opcode', BODY_AT]);
    expect(malformedAt(withBody([0xfd, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0b]))).toEqual(['illegal opcode', BODY_AT]);
  });
  it('requires zero reserved bytes on memory instructions', () => {
    const mem = section(5, vec([[0x00, 0x00]]));
    const z = (body: number[]) => malformedAt(module(oneType, funcs(1), mem, section(12, [0x00]), code(func([], body))));
    const at = 8 + oneType.length + funcs(1).length + mem.length + 3 + 3 + 2;
    expect(z([0x3f, 0x01, 0x1a, 0x0b])).toEqual(['zero byte expected', at + 1]);
    expect(z([0x41, 0x00, 0x40, 0x80, 0x00, 0x1a, 0x0b])).toEqual(['zero byte expected', at + 3]);
    expect(z([0xfc, 0x08, 0x00, 0x01, 0x0b])).toEqual(['zero byte expected', at + 3]);
    expect(z([0xfc, 0x0a, 0x00, 0x01, 0x0b])).toEqual(['zero byte expected', at + 3]);
    expect(z([0xfc, 0x0b, 0x01, 0x0b])).toEqual(['zero byte expected', at + 2]);
  });
  it('requires a data count section for memory.init and data.drop', () => {
    expect(malformedAt(withBody([0xfc, 0x09, 0x00, 0x0b]))).toEqual(['data count section required', BODY_AT]);
    expect(malformedAt(withBody([0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b]))).toEqual([
      'data count section required',
      BODY_AT + 6,
    ]);
  });
  it('limits the total number of locals to 2^32-1', () => {
    const locals = [0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x02, 0x7e];
    const body = [...locals, 0x0b];
    expect(malformedAt(module(oneType, funcs(1), code([...uleb(body.length), ...body])))[0]).toBe('too many locals');
    const big = [0x01, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7f, 0x0b];
    expect(malformedAt(module(oneType, funcs(1), code([...uleb(big.length), ...big])))[0]).toBe('integer too large');
  });
  it('needs `end` where a block or body closes and `else` only inside `if`', () => {
    // body without end followed by the next body's size byte 0x05 (read as else)
    const two = module(oneType, funcs(2), code([0x04, 0x00, 0x41, 0x01, 0x1a], [0x05, 0x00, 0x41, 0x01, 0x1a, 0x0b]));
    expect(malformedAt(two)).toEqual(['END opcode expected', 8 + oneType.length + funcs(2).length + 3 + 5]);
    expect(malformedAt(withBody([0x02, 0x40, 0x05, 0x0b, 0x0b]))).toEqual(['END opcode expected', BODY_AT + 2]);
    expect(malformedAt(withBody([0x41, 0x00, 0x04, 0x40, 0x05, 0x05, 0x0b, 0x0b]))).toEqual([
      'END opcode expected',
      BODY_AT + 5,
    ]);
    expect(malformedAt(module(oneType, funcs(1), code([0x04, 0x00, 0x41, 0x01, 0x1a])))[0]).toBe(
      'unexpected end of section or function',
    );
  });
  it('checks each body against its declared size', () => {
    // end found only after the body: the following data section id 0x0b is read as `end`
    const bytes = module(oneType, funcs(1), [0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x1a], [0x0b, 0x03, 0x01, 0x01, 0x00]);
    expect(malformedAt(bytes)[0]).toBe('section size mismatch');
    expect(malformedAt(withBody([0x0b, 0x01]))[0]).toBe('section size mismatch');
  });
  it('rejects negative non-value-type block types and bad select types', () => {
    expect(malformedAt(withBody([0x02, 0x7a, 0x0b, 0x0b]))).toEqual(['malformed value type', BODY_AT + 1]);
    expect(malformedAt(withBody([0x1c, 0x01, 0x6e, 0x0b]))).toEqual(['malformed value type', BODY_AT + 2]);
    expect(malformedAt(withBody([0xd0, 0x7f, 0x0b]))).toEqual(['malformed reference type', BODY_AT + 1]);
  });
});

describe('custom sections', () => {
  it('keeps every custom section raw with its placement', () => {
    const custom = (n: string, payload: number[]) => section(0, [...name(n), ...payload]);
    const m = decodeModule(module(custom('a', [1, 2]), oneType, custom('b', []), funcs(1), code(func([], [0x0b])), custom('c', [3])));
    expect(m.customs).toEqual([
      { name: 'a', bytes: new Uint8Array([1, 2]), after: 0 },
      { name: 'b', bytes: new Uint8Array([]), after: 1 },
      { name: 'c', bytes: new Uint8Array([3]), after: 10 },
    ]);
  });
  it('rejects names that overrun the section or are not UTF-8', () => {
    expect(malformedAt(module([0x00, 0x00, 0x00, 0x05, 0x01, 0x00, 0x07, 0x00, 0x00]))).toEqual(['unexpected end', 10]);
    expect(malformedAt(module([0x00, 0x00]))[0]).toBe('unexpected end of section or function');
    expect(malformedAt(module(section(0, [0x01, 0xff])))).toEqual(['malformed UTF-8 encoding', 11]);
  });
});

describe('lazily decoded function bodies', () => {
  it('do not change when the caller reuses its input buffer', () => {
    const input = encodeModule(parseWat('(module (func (result i32) (i32.const 7)))'));
    const m = decodeModule(input);
    input.fill(0);
    const body = m.codes[0]?.body ?? [];
    expect(body.map((i) => i.a)).toEqual([7, 0]);
  });
});
