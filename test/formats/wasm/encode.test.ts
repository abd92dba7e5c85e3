import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule, elemEncoding, dataEncoding } from '../../../formats/wasm/encode.js';
import { encodeExpr } from '../../../formats/wasm/expr-encode.js';
import { decodeExpr } from '../../../formats/wasm/expr-decode.js';
import { Reader } from '../../../formats/wasm/reader.js';
import { Writer } from '../../../formats/wasm/writer.js';
import { emptyModule, makeInstr, type Elem, type Instr, type Module } from '../../../formats/wasm/types.js';
import { OP, OPCODES, opByName, type ImmKind } from '../../../formats/wasm/opcodes.js';
import { code, func, funcs, module, name, oneType, section, vec } from './bytes.js';

const I = (n: string, a = 0, b = 0, x: Instr['x'] = null, c = 0): Instr => {
  const info = opByName(n);
  if (info === undefined) throw new Error(n);
  return makeInstr(info.id, a, b, x, -1, c);
};
const end = (): Instr => makeInstr(OP.end);
const refFunc = (x: number): Instr[] => [makeInstr(OP.ref_func, x), end()];
const i32 = (v: number): Instr[] => [I('i32.const', v), end()];

/** decode → encode gives the same bytes */
function exact(bytes: Uint8Array): void {
  expect([...encodeModule(decodeModule(bytes))]).toEqual([...bytes]);
}

/** deep structure without binary offsets/sizes (which differ between text-built and decoded modules) */
function shape(m: Module): unknown {
  return JSON.parse(
    JSON.stringify(m, (k, v: unknown) => {
      if (k === 'offset' && typeof v === 'number') return undefined;
      if (k === 'size' && typeof v === 'number') return undefined;
      if (typeof v === 'bigint') return `${v}n`;
      if (v instanceof Uint8Array) return [...v];
      if (v instanceof Map) return [...v];
      return v;
    }),
  );
}

const withElem = (seg: number[]): Uint8Array => module(oneType, funcs(1), section(9, vec([seg])), code(func([], [0x0b])));

describe('element segments keep their encoding (spec §5.5.12)', () => {
  const segs: Record<number, number[]> = {
    0: [0x00, 0x41, 0x05, 0x0b, 0x02, 0x00, 0x00],
    1: [0x01, 0x00, 0x01, 0x00],
    2: [0x02, 0x00, 0x41, 0x00, 0x0b, 0x00, 0x01, 0x00],
    3: [0x03, 0x00, 0x01, 0x00],
    4: [0x04, 0x41, 0x00, 0x0b, 0x02, 0xd2, 0x00, 0x0b, 0xd0, 0x70, 0x0b],
    5: [0x05, 0x70, 0x01, 0xd2, 0x00, 0x0b],
    6: [0x06, 0x00, 0x41, 0x00, 0x0b, 0x70, 0x01, 0xd2, 0x00, 0x0b],
    7: [0x07, 0x70, 0x01, 0xd2, 0x00, 0x0b],
  };
  for (const [enc, seg] of Object.entries(segs)) {
    it(`round-trips encoding ${enc} byte for byte`, () => {
      const bytes = withElem(seg);
      expect(decodeModule(bytes).elems[0]?.encoding).toBe(Number(enc));
      exact(bytes);
    });
  }
});

describe('choosing element and data encodings when none is recorded', () => {
  const elem = (e: Omit<Elem, 'encoding'>): Elem => e;
  it('uses function-index forms when every entry is ref.func and the type is funcref', () => {
    expect(elemEncoding(elem({ type: 0x70, init: [refFunc(1)], mode: { kind: 'active', table: 0, offset: i32(0) } }))).toBe(0);
    expect(elemEncoding(elem({ type: 0x70, init: [refFunc(1)], mode: { kind: 'passive' } }))).toBe(1);
    expect(elemEncoding(elem({ type: 0x70, init: [refFunc(1)], mode: { kind: 'active', table: 3, offset: i32(0) } }))).toBe(2);
    expect(elemEncoding(elem({ type: 0x70, init: [refFunc(1)], mode: { kind: 'declarative' } }))).toBe(3);
  });
  it('uses expression forms otherwise', () => {
    const nullF = [makeInstr(OP.ref_null, 0x70), end()];
    const nullE = [makeInstr(OP.ref_null, 0x6f), end()];
    expect(elemEncoding(elem({ type: 0x70, init: [nullF], mode: { kind: 'active', table: 0, offset: i32(0) } }))).toBe(4);
    expect(elemEncoding(elem({ type: 0x6f, init: [nullE], mode: { kind: 'passive' } }))).toBe(5);
    expect(elemEncoding(elem({ type: 0x6f, init: [nullE], mode: { kind: 'active', table: 0, offset: i32(0) } }))).toBe(6);
    expect(elemEncoding(elem({ type: 0x6f, init: [], mode: { kind: 'declarative' } }))).toBe(7);
  });
  it('honours a recorded encoding that fits and replaces one that does not', () => {
    const e: Elem = { type: 0x70, init: [refFunc(0)], mode: { kind: 'active', table: 0, offset: i32(0) }, encoding: 6 };
    expect(elemEncoding(e)).toBe(6);
    expect(elemEncoding({ ...e, encoding: 1 })).toBe(0);
    expect(elemEncoding({ ...e, type: 0x6f, encoding: 0 })).toBe(6);
    expect(elemEncoding({ ...e, init: [[makeInstr(OP.ref_null, 0x70), end()]], encoding: 2 })).toBe(4);
  });
  it('picks data encodings by mode and memory', () => {
    const bytes = new Uint8Array([1]);
    expect(dataEncoding({ bytes, mode: { kind: 'active', mem: 0, offset: i32(0) } })).toBe(0);
    expect(dataEncoding({ bytes, mode: { kind: 'passive' } })).toBe(1);
    expect(dataEncoding({ bytes, mode: { kind: 'active', mem: 1, offset: i32(0) } })).toBe(2);
    expect(dataEncoding({ bytes, mode: { kind: 'active', mem: 0, offset: i32(0) }, encoding: 2 })).toBe(2);
    expect(dataEncoding({ bytes, mode: { kind: 'active', mem: 1, offset: i32(0) }, encoding: 0 })).toBe(2);
  });
});

describe('data segments keep their encoding', () => {
  it('round-trips encodings 0, 1 and 2 with a data count section', () => {
    const bytes = module(
      section(5, vec([[0x00, 0x01]])),
      section(12, [0x03]),
      section(11, vec([[0x00, 0x41, 0x08, 0x0b, 0x02, 0xaa, 0xbb], [0x01, 0x01, 0xcc], [0x02, 0x00, 0x41, 0x00, 0x0b, 0x00]])),
    );
    expect(decodeModule(bytes).datas.map((d) => d.encoding)).toEqual([0, 1, 2]);
    exact(bytes);
  });
});

describe('custom section placement', () => {
  const custom = (n: string): number[] => section(0, [...name(n), 0x01, 0x02]);
  it('puts each custom section back after the same section', () => {
    exact(module(custom('first'), oneType, custom('after-type'), funcs(1), code(func([], [0x0b])), custom('last')));
  });
  it('writes an empty section to anchor a custom section placed after it', () => {
    const bytes = module(section(1, [0x00]), custom('x'), section(4, [0x00]), custom('y'));
    exact(bytes);
    // a trailing empty section nothing refers to is dropped
    expect([...encodeModule(decodeModule(module(...[bytes.subarray(8)].map((b) => [...b]), section(7, [0x00]))))]).toEqual([
      ...bytes,
    ]);
  });
  it('omits empty sections nothing refers to', () => {
    const m = emptyModule();
    expect([...encodeModule(m)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(encodeModule({ ...m, types: [{ params: [], results: [] }] }).length).toBe(8 + 6);
  });
});

/** a module built like the text format would build it: offsets -1, no encodings */
function builtModule(): Module {
  const m = emptyModule();
  m.types.push({ params: [0x7f, 0x7e], results: [0x7d] }, { params: [], results: [] });
  m.imports.push(
    { module: 'env', name: 'f', desc: { kind: 'func', type: 1 } },
    { module: 'env', name: 'g', desc: { kind: 'global', global: { type: 0x7f, mutable: false } } },
    { module: 'env', name: 'm', desc: { kind: 'memory', mem: { limits: { min: 1, max: 2 } } } },
    { module: 'env', name: 't', desc: { kind: 'table', table: { elem: 0x70, limits: { min: 1 } } } },
  );
  m.funcs.push(0, 1);
  m.tables.push({ elem: 0x6f, limits: { min: 0, max: 10 } });
  m.globals.push({ type: { type: 0x7e, mutable: true }, init: [I('i64.const', 0, 0, -5000000000n), end()] });
  m.exports.push({ name: 'run', kind: 'func', index: 1 }, { name: 'ünïcode', kind: 'table', index: 1 });
  m.start = 2;
  m.elems.push(
    { type: 0x70, init: [refFunc(1), refFunc(2)], mode: { kind: 'active', table: 0, offset: i32(1) } },
    { type: 0x6f, init: [[makeInstr(OP.ref_null, 0x6f), end()]], mode: { kind: 'passive' } },
  );
  m.dataCount = 2;
  const v16 = new Uint8Array(Array.from({ length: 16 }, (_, i) => i * 3));
  m.codes.push(
    {
      locals: [{ count: 3, type: 0x7b }],
      body: [
        I('block', -64),
        I('loop', 1),
        I('local.get', 0),
        I('br_table', 1, 0, [0, 1, 0]),
        end(),
        end(),
        I('i32.const', -2147483648),
        I('drop'),
        I('f32.const', 0xffc00001),
        I('drop'),
        I('f64.const', 0, 0, 0xfff0000000000000n),
        I('drop'),
        I('v128.const', 0, 0, v16),
        I('i8x16.shuffle', 0, 0, new Uint8Array(16).fill(31)),
        I('v128.store16_lane', 1, 0xffffffff, null, 7),
        I('memory.size'),
        I('i64.load32_u', 2, 4),
        makeInstr(OP.select_t, 0, 0, [0x7e]),
        I('call_indirect', 1, 1),
        I('table.copy', 1, 0),
        I('memory.init', 1),
        I('data.drop', 0),
        I('i64.trunc_sat_f64_u'),
        I('f64x2.convert_low_i32x4_u'),
        end(),
      ],
      offset: -1,
      size: 0,
    },
    { locals: [], body: [I('call', 0), end()], offset: -1, size: 0 },
  );
  m.datas.push(
    { bytes: new Uint8Array([1, 2, 3]), mode: { kind: 'active', mem: 0, offset: i32(16) } },
    { bytes: new Uint8Array([]), mode: { kind: 'passive' } },
  );
  m.customs.push({ name: 'meta', bytes: new Uint8Array([9, 9]), after: 6 });
  return m;
}

/** a sample of each immediate kind, as opcodes.ts says it is stored */
const SAMPLE_IMMEDIATES: Record<ImmKind, { a?: number; b?: number; c?: number; x?: Instr['x'] }> = {
  none: {},
  blocktype: { a: 2 },
  label: { a: 1 },
  br_table: { a: 3, x: [1, 2] },
  func: { a: 200 },
  call_indirect: { a: 1, b: 2 },
  local: { a: 3 },
  global: { a: 4 },
  table: { a: 5 },
  memarg: { a: 2, b: 0x10000 },
  memarg_lane: { a: 1, b: 8, c: 3 },
  memory: {},
  i32: { a: -77 },
  i64: { x: -(2n ** 40n) },
  f32: { a: 0x80000001 },
  f64: { x: 0x8000000000000001n },
  v128: { x: new Uint8Array(16).fill(0xfe) },
  shuffle: { x: new Uint8Array(16).fill(5) },
  lane: { a: 9 },
  select_t: { x: [0x6f] },
  reftype: { a: 0x6f },
  data: { a: 6 },
  memory_init: { a: 7 },
  elem: { a: 8 },
  table_init: { a: 9, b: 10 },
  table_copy: { a: 11, b: 12 },
  memory_copy: {},
  memory_fill: {},
};

describe('encode → decode round trip', () => {
  it('reproduces a hand-built module apart from offsets and recorded encodings', () => {
    const m = builtModule();
    const d = decodeModule(encodeModule(m));
    const expected = shape(m) as { elems: Array<Record<string, unknown>>; datas: Array<Record<string, unknown>> };
    expected.elems[0]!['encoding'] = 0;
    expected.elems[1]!['encoding'] = 5;
    expected.datas[0]!['encoding'] = 0;
    expected.datas[1]!['encoding'] = 1;
    expect(shape(d)).toEqual(expected);
  });
  it('is exact both ways once a module has been through the encoder', () => {
    const bytes = encodeModule(builtModule());
    const m = decodeModule(bytes);
    const again = encodeModule(m);
    expect([...again]).toEqual([...bytes]);
    expect(decodeModule(again)).toEqual(m);
  });
  it('records code offsets and sizes that point at each body', () => {
    const bytes = encodeModule(builtModule());
    const m = decodeModule(bytes);
    for (const c of m.codes) {
      const r = new Reader(bytes, c.offset);
      expect(r.u32()).toBe(c.size);
      expect(bytes[r.pos + c.size - 1]).toBe(0x0b);
      expect(c.body[c.body.length - 1]?.offset).toBe(r.pos + c.size - 1);
    }
  });
  it('encodes every opcode in the table and decodes it back', () => {
    const body: Instr[] = [];
    for (const info of OPCODES) {
      if (info.id === OP.end || info.id === OP.else) continue;
      const imm = SAMPLE_IMMEDIATES[info.imm];
      body.push(makeInstr(info.id, imm.a ?? 0, imm.b ?? 0, imm.x ?? null, -1, imm.c ?? 0));
      if (info.id === OP.block || info.id === OP.loop || info.id === OP.if) body.push(end());
    }
    body.push(end());
    const w = new Writer(16);
    encodeExpr(body, w);
    const out: Instr[] = [];
    const r = new Reader(w.finish());
    decodeExpr(r, out, true);
    expect(r.atEnd()).toBe(true);
    expect(out.map((i) => ({ ...i, offset: -1 }))).toEqual(body);
  });
});
