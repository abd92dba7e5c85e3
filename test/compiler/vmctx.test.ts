/**
 * The VM context layout (compiler/vmctx.ts): fixed header, then tables, imported functions,
 * globals (imported as pointers, defined inline) and type ids, at exact offsets.
 */

import { describe, expect, it } from 'vitest';
import { FUNCREF_CODE, FUNCREF_SIZE, FUNCREF_TYPE_ID, FUNCREF_VMCTX, vmctxLayout } from '../../compiler/vmctx.js';
import { parseWat } from '../../formats/wat/index.js';

describe('vmctxLayout', () => {
  it('has only the header, rounded to 16 bytes, for an empty module', () => {
    expect(vmctxLayout(parseWat('(module)'))).toEqual({
      stackLimit: 0,
      runtime: 8,
      memBase: 16,
      memSize: 24,
      tables: [],
      imports: [],
      globals: [],
      typeIds: 32,
      size: 32,
    });
  });

  it('places tables, imported functions, globals and type ids in that order, imports first in each index space', () => {
    const m = parseWat(`(module
      (type (func)) (type (func (param i32)))
      (import "e" "t" (table 1 funcref))
      (import "e" "f" (func (type 0)))
      (import "e" "g" (global i32))
      (import "e" "h" (func (type 1)))
      (table 2 externref)
      (memory 1)
      (global f64 (f64.const 0))
      (global (mut i64) (i64.const 0)))`);
    expect(vmctxLayout(m)).toEqual({
      stackLimit: 0,
      runtime: 8,
      memBase: 16,
      memSize: 24,
      tables: [
        { base: 32, size: 40 },
        { base: 48, size: 56 },
      ],
      imports: [
        { code: 64, vmctx: 72 },
        { code: 80, vmctx: 88 },
      ],
      globals: [
        { offset: 96, imported: true },
        { offset: 104, imported: false },
        { offset: 112, imported: false },
      ],
      typeIds: 120,
      size: 128,
    });
  });

  it('gives a v128 global 16 aligned bytes', () => {
    const m = parseWat('(module (global i32 (i32.const 0)) (global v128 (v128.const i64x2 0 0)) (global i32 (i32.const 0)))');
    expect(vmctxLayout(m).globals).toEqual([
      { offset: 32, imported: false },
      { offset: 48, imported: false },
      { offset: 64, imported: false },
    ]);
  });

  it('fixes the function reference record', () => {
    expect([FUNCREF_CODE, FUNCREF_VMCTX, FUNCREF_TYPE_ID, FUNCREF_SIZE]).toEqual([0, 8, 16, 24]);
  });
});
