/**
 * Deeply nested instructions in the text format: the instruction parser keeps its own
 * explicit stack, so nesting depth is bounded by memory, not by the JavaScript call stack.
 * Each module goes the whole way a `.wat` file goes under `kiln validate`: parse (with its
 * name section), validate, encode, decode, and decode+validate in one pass.
 */

import { describe, expect, it } from 'vitest';
import { parseWat } from '../../../formats/wat/module.js';
import { parseWast } from '../../../formats/wat/script.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { OP, opByName } from '../../../formats/wasm/opcodes.js';
import { KilnError } from '../../../formats/errors.js';
import type { Module } from '../../../formats/wasm/types.js';
import { decodeAndValidate, validateModule } from '../../../compiler/validate/index.js';

/** op ids of function `f`'s body */
const ops = (m: Module, f = 0): number[] => (m.codes[f]?.body ?? []).map((i) => i.op);

/** parse, validate, encode, decode and decode+validate; returns the parsed and decoded modules */
function wholePath(text: string): { parsed: Module; decoded: Module; bytes: Uint8Array } {
  const parsed = parseWat(text, 'deep.wat');
  validateModule(parsed);
  const bytes = encodeModule(parsed);
  const decoded = decodeModule(bytes);
  decodeAndValidate(bytes);
  return { parsed, decoded, bytes };
}

/** count of each op id in a body, as [op, count] pairs sorted by op */
function histogram(list: number[]): [number, number][] {
  const counts = new Map<number, number>();
  for (const op of list) counts.set(op, (counts.get(op) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

function errorOf(f: () => unknown): KilnError {
  try {
    f();
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('expected a KilnError');
}

describe('4,000 nested plain `block … end`', () => {
  const text = `(module (func $f ${'block '.repeat(4000)}${'end '.repeat(4000)}))`;

  it('parses to 4,000 blocks, 4,000 ends and the final end, and survives the whole path', () => {
    const { parsed, decoded, bytes } = wholePath(text);
    const body = ops(parsed);
    expect(body.length).toBe(8001);
    expect(body.slice(0, 4000).every((op) => op === OP.block)).toBe(true);
    expect(body.slice(4000).every((op) => op === OP.end)).toBe(true);
    expect(ops(decoded)).toEqual(body);
    expect(parsed.names?.funcs).toEqual(new Map([[0, 'f']]));
    expect(decoded.names?.funcs).toEqual(new Map([[0, 'f']]));
    // one body of 4,000 × (block 0x40) + 4,001 × end
    expect(decoded.codes[0]?.size).toBe(1 + 8000 + 4001);
    expect(bytes.length).toBeGreaterThan(12001);
  });

  it('resolves a label 4,000 blocks out from the innermost block', () => {
    const labelled = `(module (func block $out ${'block '.repeat(3999)}br $out ${'end '.repeat(3999)}end $out))`;
    const { parsed } = wholePath(labelled);
    const br = parsed.codes[0]?.body[4000];
    expect([br?.op, br?.a]).toEqual([OP.br, 3999]);
  });
});

describe('100,000 nested folded `(block`', () => {
  const text = `(module (func ${'(block '.repeat(100000)}${')'.repeat(100000)}))`;

  it('parses to 100,000 blocks and 100,001 ends, and survives the whole path', () => {
    const { parsed, decoded } = wholePath(text);
    const body = ops(parsed);
    expect(body.length).toBe(200001);
    expect(histogram(body)).toEqual([
      [OP.block, 100000],
      [OP.end, 100001],
    ]);
    expect(body[99999]).toBe(OP.block);
    expect(body[100000]).toBe(OP.end);
    expect(ops(decoded)).toEqual(body);
  });

  it('also nests 100,000 deep in a WAST script module', () => {
    const script = parseWast(`${text}\n(assert_return (invoke "x"))`, 'deep.wast');
    expect(script.commands.map((c) => c.kind)).toEqual(['module', 'assert_return']);
    const cmd = script.commands[0];
    if (cmd?.kind !== 'module' || cmd.source.kind !== 'text') throw new Error('expected a text module');
    expect(cmd.source.module.codes[0]?.body.length).toBe(200001);
  });
});

describe('other deep forms', () => {
  it('100,000 nested folded operands: (i32.eqz (i32.eqz … (i32.const 0)))', () => {
    const n = 100000;
    const text = `(module (func (result i32) ${'(i32.eqz '.repeat(n)}(i32.const 0)${')'.repeat(n)}))`;
    const eqz = opByName('i32.eqz')?.id ?? -1;
    const { parsed, decoded } = wholePath(text);
    const body = ops(parsed);
    expect(body.length).toBe(n + 2);
    expect(body[0]).toBe(OP.i32_const);
    expect(histogram(body)).toEqual(histogram([OP.i32_const, ...new Array<number>(n).fill(eqz), OP.end]));
    expect(ops(decoded)).toEqual(body);
  });

  it('50,000 nested folded `(if (i32.const 1) (then …) (else))`', () => {
    const n = 50000;
    const text = `(module (func ${'(if (i32.const 1) (then '.repeat(n)}nop${') (else))'.repeat(n)}))`;
    const { parsed, decoded } = wholePath(text);
    const body = ops(parsed);
    // per level: i32.const, if, else, end; plus nop and the final end
    expect(body.length).toBe(4 * n + 2);
    expect(body.slice(0, 4)).toEqual([OP.i32_const, OP.if, OP.i32_const, OP.if]);
    expect(body.slice(2 * n - 2, 2 * n + 4)).toEqual([OP.i32_const, OP.if, OP.nop, OP.else, OP.end, OP.else]);
    expect(ops(decoded)).toEqual(body);
  });

  it('50,000 nested plain `if … else … end` and `loop … end`', () => {
    const n = 50000;
    const text = `(module (func ${'i32.const 1 if loop '.repeat(n)}${'end else end '.repeat(n)}))`;
    const { parsed } = wholePath(text);
    const body = ops(parsed);
    expect(body.length).toBe(6 * n + 1);
    expect(body.slice(0, 3)).toEqual([OP.i32_const, OP.if, OP.loop]);
    expect(body.slice(3 * n - 1, 3 * n + 5)).toEqual([OP.loop, OP.end, OP.else, OP.end, OP.end, OP.else]);
  });
});

describe('errors deep inside still carry line:column', () => {
  it('an unknown operator at depth 100,000 (folded)', () => {
    const text = `(module (func\n${'(block '.repeat(100000)}\n  (i32.frob)${')'.repeat(100000)}))`;
    const e = errorOf(() => parseWat(text, 'deep.wat'));
    expect(e.format()).toBe('deep.wat:3:4: malformed: unknown operator i32.frob');
  });

  it('a missing `end` after 4,000 plain blocks', () => {
    const text = `(module (func ${'block '.repeat(4000)}${'end '.repeat(3999)}\n))`;
    const e = errorOf(() => parseWat(text, 'deep.wat'));
    // reported at the function's list, where the reading stopped
    expect(e.format()).toBe('deep.wat:1:9: malformed: unexpected token, expected end');
  });

  it('a mismatching label on the innermost of 4,000 plain blocks', () => {
    const text = `(module (func ${'block '.repeat(3999)}block $a\nend $b ${'end '.repeat(3999)}))`;
    const e = errorOf(() => parseWat(text, 'deep.wat'));
    expect(e.format()).toBe('deep.wat:2:5: malformed: mismatching label');
  });

  it('a type error at depth 4,000 is invalid at the instruction', () => {
    const text = `(module (func ${'block '.repeat(4000)}\n  i32.add ${'end '.repeat(4000)}))`;
    const parsed = parseWat(text, 'deep.wat');
    const e = errorOf(() => validateModule(parsed));
    expect(e.kind).toBe('invalid');
    expect([e.loc.line, e.loc.column]).toEqual([2, 3]);
  });
});
