/**
 * The interpreter's implementation limits (loader/interp/limits.ts): locals per function,
 * and the JS parser's label work for nested branch targets; plus proof that nesting without
 * branches costs nothing (the generated source does not grow with it).
 */

import { describe, expect, it } from 'vitest';
import { BLOCK_EMPTY, OP } from '../../../formats/wasm/opcodes.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { emptyModule, makeInstr, type Code, type Instr, type Module } from '../../../formats/wasm/types.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { compileModule } from '../../../loader/interp/compile.js';
import { LABEL_WORK_BASE, LABEL_WORK_PER_BYTE, MAX_FUNCTION_LOCALS, labelWorkLimit } from '../../../loader/interp/limits.js';
import { KilnError } from '../../../formats/errors.js';
import { call, thrown } from './helpers.js';

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** a binary module: one function `_start` of type [] → [] declaring `count` i32 locals */
function localsModule(count: number): Uint8Array {
  const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
  const body = [1, ...uleb(count), 0x7f, 0x20, 0x00, 0x1a, 0x0b]; // local.get 0, drop, end
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 0, 0]),
    ...section(3, [1, 0]),
    ...section(7, [1, 6, ...Buffer.from('_start'), 0x00, 0]),
    ...section(10, [1, body.length, ...body]),
  ]);
}

/** a module with one exported function `run`, () → i32, with this body */
function oneFunction(body: Instr[], locals: Code['locals'] = []): Module {
  const m = emptyModule();
  m.types.push({ params: [], results: [0x7f] });
  m.funcs.push(0);
  m.codes.push({ locals, body, offset: -1, size: 0 });
  m.exports.push({ name: 'run', kind: 'func', index: 0 });
  validateModule(m);
  return m;
}

const repeat = (n: number, f: (i: number) => Instr): Instr[] => Array.from({ length: n }, (_, i) => f(i));

/** `depth` nested empty blocks, then i32.const 7 */
function nestedBlocks(depth: number): Instr[] {
  return [
    ...repeat(depth, () => makeInstr(OP.block, BLOCK_EMPTY)),
    ...repeat(depth, () => makeInstr(OP.end)),
    makeInstr(OP.i32_const, 7),
    makeInstr(OP.end),
  ];
}

/** `depth` nested blocks, every one the target of a br_table at the innermost point */
function nestedTargets(depth: number): Instr[] {
  return [
    ...repeat(depth, () => makeInstr(OP.block, BLOCK_EMPTY)),
    makeInstr(OP.i32_const, 0),
    makeInstr(OP.br_table, 0, 0, Array.from({ length: depth }, (_, i) => i)),
    ...repeat(depth, () => makeInstr(OP.end)),
    makeInstr(OP.i32_const, 7),
    makeInstr(OP.end),
  ];
}

function instantiateError(m: Module): KilnError {
  const e = thrown(() => instantiateModule(interpEngine, m, {}));
  expect(e).toBeInstanceOf(KilnError);
  return e as KilnError;
}

describe('locals per function', () => {
  it('the 45-byte module declaring 2^32−1 locals is valid but uninstantiable, naming the function and the limit', () => {
    const bytes = localsModule(0xffffffff);
    expect(bytes.length).toBe(45);
    const m = decodeModule(bytes);
    validateModule(m);
    const e = instantiateError(m);
    expect(e.kind).toBe('uninstantiable');
    expect(e.reason).toBe(
      "function _start (func[0]) has 4294967295 locals (parameters included), more than the interpreter's limit of 50000",
    );
    expect(e.loc.offset).toBe(0x21);
  });

  it.each([100_000_000, 10_000_000, 50_001])('%i locals are refused', (count) => {
    const m = decodeModule(localsModule(count));
    validateModule(m);
    const e = instantiateError(m);
    expect(e.kind).toBe('uninstantiable');
    expect(e.reason).toBe(
      `function _start (func[0]) has ${count} locals (parameters included), more than the interpreter's limit of 50000`,
    );
  });

  it('is checked before the body is even read (nothing proportional to the count is done)', () => {
    let bodyReads = 0;
    const m = emptyModule();
    m.types.push({ params: [], results: [] });
    m.funcs.push(0);
    const code = { locals: [{ count: 0xffffffff, type: 0x7f }], offset: -1, size: 0 } as unknown as Code;
    Object.defineProperty(code, 'body', {
      get: () => {
        bodyReads++;
        return [makeInstr(OP.end)];
      },
    });
    m.codes.push(code);
    expect(instantiateError(m).kind).toBe('uninstantiable');
    expect(bodyReads).toBe(0);
  });

  it('counts parameters: 50,000 locals in all run (i32 and i64), 50,001 do not', () => {
    expect(MAX_FUNCTION_LOCALS).toBe(50_000);
    const body = (last: number): Instr[] => [
      makeInstr(OP.i32_const, 5),
      makeInstr(OP.local_set, last),
      makeInstr(OP.local_get, last),
      makeInstr(OP.end),
    ];
    const m = emptyModule();
    m.types.push({ params: [0x7f], results: [0x7f] }, { params: [0x7e], results: [0x7f] });
    m.funcs.push(0, 0, 1);
    // 1 parameter + 49,999 i32 locals; 1 parameter + 50,000 locals; an i64 parameter + 49,998 i64 + 1 i32
    m.codes.push({ locals: [{ count: 49_999, type: 0x7f }], body: body(49_999), offset: -1, size: 0 });
    m.codes.push({ locals: [{ count: 49_999, type: 0x7e }, { count: 1, type: 0x7f }], body: body(50_000), offset: -1, size: 0 });
    m.codes.push({ locals: [{ count: 49_998, type: 0x7e }, { count: 1, type: 0x7f }], body: body(49_999), offset: -1, size: 0 });
    m.exports.push({ name: 'ok', kind: 'func', index: 0 }, { name: 'wide', kind: 'func', index: 2 });
    validateModule(m);
    const e = instantiateError(m);
    expect(e.reason).toBe("function func[1] has 50001 locals (parameters included), more than the interpreter's limit of 50000");
    m.funcs.splice(1, 1);
    m.codes.splice(1, 1);
    m.exports[1] = { name: 'wide', kind: 'func', index: 1 };
    validateModule(m);
    const inst = instantiateModule(interpEngine, m, {});
    expect(call(inst, 'ok', 1)).toBe(5);
    expect(call(inst, 'wide', 1n)).toBe(5);
  });
});

describe('block nesting', () => {
  it('100,000 nested empty blocks run, and their generated source is the same as with none', () => {
    const deep = oneFunction(nestedBlocks(100_000));
    const flat = oneFunction(nestedBlocks(0));
    const a = compileModule(deep, 100);
    const b = compileModule(flat, 100);
    const strip = (s: string, mid: number): string => s.replaceAll(`w${mid}_`, 'w_');
    expect(strip(a.source, a.mid)).toBe(strip(b.source, b.mid));
    expect(a.labelWork).toBe(0);
    expect(call(instantiateModule(interpEngine, deep, {}), 'run')).toBe(7);
  });

  it('counts the parser work of nested branch targets exactly: n² for n blocks all targeted from the innermost', () => {
    for (const n of [1, 10, 100, 1000]) {
      const c = compileModule(oneFunction(nestedTargets(n)), 100);
      // declarations: 0 + 1 + … + (n−1); the br_table's n labels at distances n, n−1, …, 1
      expect(c.labelWork).toBe(n * n);
    }
    expect(call(instantiateModule(interpEngine, oneFunction(nestedTargets(1000)), {}), 'run')).toBe(7);
  });

  it('100,000 nested branch targets are refused once the label work passes the limit', () => {
    const m = oneFunction(nestedTargets(100_000));
    const e = instantiateError(m);
    expect(e.kind).toBe('uninstantiable');
    expect(e.reason).toBe(
      `function run (func[0]): branch targets nest too deeply for the interpreter (translating this module would take more than its limit of ${LABEL_WORK_BASE} label-lookup steps)`,
    );
  });

  it('the limit is 50 million steps plus 64 per byte of function bodies', () => {
    const m = decodeModule(localsModule(1));
    expect(m.codes[0]?.size).toBe(7);
    expect(LABEL_WORK_BASE).toBe(50_000_000);
    expect(LABEL_WORK_PER_BYTE).toBe(64);
    expect(labelWorkLimit(m)).toBe(50_000_000 + 7 * 64);
  });
});
