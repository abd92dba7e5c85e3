/**
 * Validation errors about module-level entries (imports, functions, tables, memories,
 * globals, exports, start, element and data segments) are located like function-body errors:
 * at the byte offset where the entry's encoding begins in binary input, at the line:column of
 * the field that defined it in text input.
 */

import { describe, expect, it } from 'vitest';
import type { KilnError } from '../../../formats/errors.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { scanSections } from '../../../formats/wasm/section-scan.js';
import { parseWat } from '../../../formats/wat/index.js';
import { decodeAndValidate, validateModule } from '../../../compiler/validate/index.js';

function failure(f: () => unknown): KilnError {
  try {
    f();
  } catch (e) {
    return e as KilnError;
  }
  throw new Error('expected a validation error');
}

/** byte offset of entry `k` of section `id`, given the byte sizes of the entries before it */
function entryOffset(bytes: Uint8Array, id: number, before: number[] = []): number {
  const s = scanSections(bytes).find((x) => x.id === id);
  if (s === undefined) throw new Error(`no section ${id}`);
  const sizeLen = s.size < 128 ? 1 : 2;
  const countLen = id === 8 ? 0 : 1; // the start section holds one index, no count
  return s.offset + 1 + sizeLen + countLen + before.reduce((a, b) => a + b, 0);
}

// [what, text (the failing field on line 2, column 3), reason, section id, sizes of the entries before it]
const CASES: [string, string, string, number, number[]][] = [
  ['import', '(module\n  (import "m" "t" (table 10 5 funcref)))', 'import 0 "m" "t": size minimum must not be greater than maximum', 2, []],
  ['table', '(module\n  (table 2 1 funcref))', 'table 0: size minimum must not be greater than maximum', 4, []],
  ['memory', '(module\n  (memory 70000))', 'memory 0: memory size must be at most 65536 pages (4GiB)', 5, []],
  ['second memory', '(module (memory 1)\n  (memory 1))', 'multiple memories (2)', 5, [2]],
  // in binary, at the global.get itself: after the first global (7f 01 41 00 0b) and this one's type (7f 00)
  ['global', '(module (global $g (mut i32) (i32.const 0))\n  (global i32 (global.get $g)))', 'global 1: unknown global 0', 6, [5, 2]],
  ['export', '(module (func $f)\n  (export "x" (func 7)))', 'export "x": unknown function 7', 7, []],
  ['duplicate export', '(module (func $f) (export "x" (func $f))\n  (export "x" (func $f)))', 'export "x": duplicate export name', 7, [4]],
  ['start', '(module (func $f (param i32))\n  (start $f))', 'start function 0 must have type [] -> []', 8, []],
  ['elem', '(module (table 1 externref) (func $f)\n  (elem (i32.const 0) func $f))', 'elem 0: type mismatch: segment type does not match table 0', 9, []],
  ['data', '(module\n  (data (memory 0) (i32.const 0) "x"))', 'data 0: unknown memory 0', 11, []],
];

describe('module-level validation errors are located', () => {
  for (const [what, text, reason, section, before] of CASES) {
    it(`${what}: line:column of its field in text`, () => {
      const e = failure(() => validateModule(parseWat(text)));
      expect({ kind: e.kind, reason: e.reason, loc: e.loc }).toEqual({ kind: 'invalid', reason, loc: { line: 2, column: 3 } });
    });
    it(`${what}: byte offset of its entry in binary`, () => {
      const bytes = encodeModule(parseWat(text));
      const e = failure(() => decodeAndValidate(bytes));
      expect({ kind: e.kind, reason: e.reason, loc: e.loc }).toEqual({
        kind: 'invalid',
        reason,
        loc: { offset: entryOffset(bytes, section, before) },
      });
    });
  }
  it('a constant expression instruction keeps its own, more precise, offset in binary', () => {
    const bytes = encodeModule(parseWat('(module (global i32 (i64.const 0)))'));
    // global section: id, size, count, then the entry: type i32, mut 0, i64.const at +2
    expect(failure(() => decodeAndValidate(bytes)).loc).toEqual({ offset: entryOffset(bytes, 6) + 2 });
  });
  it('a module built in memory, with no positions, fails without a location', () => {
    const m = parseWat('(module (memory 1))');
    const copy = { ...m, mems: [{ limits: { min: 70000 } }] };
    expect(failure(() => validateModule(copy)).loc).toEqual({});
  });
  it('positions do not change what a module is: text and binary decode to equal modules', () => {
    const text = '(module (memory 1) (export "m" (memory 0)) (func))';
    const fromText = parseWat(text);
    const fromBinary = decodeAndValidate(encodeModule(fromText));
    expect(fromBinary.mems).toEqual(fromText.mems);
    expect(fromBinary.exports).toEqual(fromText.exports);
  });
});
