import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { parseFunc } from '../../../compiler/ir/parser.js';

/** the parser's error for text: [line, column, reason] */
function failure(text: string, file?: string): [number | undefined, number | undefined, string] {
  try {
    parseFunc(text, file === undefined ? {} : { file });
  } catch (e) {
    expect(e).toBeInstanceOf(KilnError);
    const k = e as KilnError;
    expect(k.kind).toBe('malformed');
    return [k.loc.line, k.loc.column, k.reason];
  }
  throw new Error('parsed');
}
/** a function around one block body */
const body = (lines: string): string => `function %f(i32, i64) -> i32 {\nblock0(v0: i32, v1: i64):\n${lines}}\n`;

describe('parser errors name the line and column of the offending token', () => {
  it('an unknown instruction', () => {
    expect(failure(body('    v2 = iadd.i33 v0, v0\n    return v2\n'))).toEqual([3, 10, "unknown instruction 'iadd.i33'"]);
  });
  it('an unknown type', () => {
    expect(failure('function %f(i31) {\n}\n')).toEqual([1, 13, "unknown type 'i31'"]);
  });
  it('a missing token', () => {
    expect(failure(body('    v2 = iadd.i32 v0 v0\n'))).toEqual([3, 22, "expected end of line, got 'v0'"]);
  });
  it('a value defined twice, at the second definition', () => {
    expect(failure(body('    v2 = iconst.i32 1\n    v0 = iconst.i32 2\n'))).toEqual([4, 5, 'v0 is defined twice']);
  });
  it('a value used but never defined, at its first use', () => {
    expect(failure(body('    v2 = iadd.i32 v0, v7\n    return v7\n'))).toEqual([3, 23, 'v7 is not defined']);
  });
  it('a block used but never defined', () => {
    expect(failure(body('    brif v0, block1, block9\nblock1:\n    return v0\n'))).toEqual([3, 22, 'block9 is not defined']);
  });
  it('a block defined twice', () => {
    expect(failure(body('    return v0\nblock0:\n    return v0\n'))).toEqual([4, 1, 'block0 is defined twice']);
  });
  it('signatures out of order', () => {
    expect(failure('function %f() {\n    sig1 = ()\n}\n')).toEqual([2, 5, 'expected sig0 (signatures are numbered in order)']);
  });
  it('an undeclared signature', () => {
    expect(failure(body('    call fn0 sig0(v0)\n'))).toEqual([3, 14, 'sig0 is not declared']);
  });
  it('a result count that differs from the table', () => {
    expect(failure(body('    v2, v3 = iconst.i32 1\n'))).toEqual([3, 14, 'iconst.i32 defines 1 result, not 2']);
    expect(failure(body('    iadd.i32 v0, v0\n'))).toEqual([3, 5, 'iadd.i32 defines 1 result, not 0']);
  });
  it('an unexpected character', () => {
    expect(failure(body('    v2 = iconst.i32 #1\n'))).toEqual([3, 21, 'unexpected character "#"']);
  });
  it('a malformed number', () => {
    expect(failure(body('    v2 = iconst.i32 12ab\n'))).toEqual([3, 21, 'malformed number']);
  });
  it('an integer out of range', () => {
    expect(failure(body('    v2 = iconst.i32 4294967296\n'))).toEqual([3, 21, '4294967296 is out of range for an i32']);
    expect(failure(body('    v2 = vmctx_load.i32 vmctx+4294967296\n'))).toEqual([3, 31, '4294967296 is out of range for an offset']);
  });
  it('a float constant that is not a bit pattern', () => {
    expect(failure(body('    v2 = fconst.f32 1\n'))).toEqual([3, 21, 'float constants are bit patterns in hex (0x...)']);
  });
  it('unknown condition, trap and runtime names', () => {
    expect(failure(body('    v2 = icmp.i32 lt v0, v0\n'))).toEqual([3, 19, "unknown integer condition 'lt'"]);
    expect(failure(body('    trap oops\n'))).toEqual([3, 10, "unknown trap code 'oops'"]);
    expect(failure(body('    call_runtime grow(v0)\n'))).toEqual([3, 18, "unknown runtime function 'grow'"]);
  });
  it('a number too large for a value', () => {
    expect(failure(body('    v16777216 = iconst.i32 1\n'))).toEqual([3, 5, 'v16777216 is too large (the largest is v16777215)']);
  });
  it('the end of the text before the closing brace', () => {
    expect(failure('function %f() {\nblock0:\n    return\n')).toEqual([4, 1, "expected '}', got end of text"]);
  });
  it('text after the function', () => {
    expect(failure('function %f() {\nblock0:\n    return\n}\nx\n')).toEqual([5, 1, "expected end of text, got 'x'"]);
  });
  it('a bad br_table', () => {
    expect(failure(body('    br_table v0, [block1], block1\nblock1:\n    return v0\n'))).toEqual([3, 28, "expected 'default', got 'block1'"]);
  });
  it('carries the file name and formats as one line', () => {
    let err: KilnError | undefined;
    try {
      parseFunc('function %f() {\nblock0:\n    nop\n}\n', { file: 'x.ir' });
    } catch (e) {
      err = e as KilnError;
    }
    expect(err?.format()).toBe("x.ir:3:5: malformed: unknown instruction 'nop'");
  });
});
