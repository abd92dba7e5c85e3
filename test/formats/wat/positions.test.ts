/**
 * Instructions parsed from text remember their line:column (formats/wasm/source-positions.ts)
 * and the validator reports them; positions are not part of the module's value.
 */

import { describe, expect, it } from 'vitest';
import { parseWat } from '../../../formats/wat/index.js';
import { sourcePositionOf } from '../../../formats/wasm/source-positions.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { KilnError } from '../../../formats/errors.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import type { Code } from '../../../formats/wasm/types.js';

const text = `(module
  (func (result i32)
    i32.const 1
    (block (result i32)
      (i32.add (i32.const 2) (i32.const 3)))
    i32.add))`;

describe('source positions of text instructions', () => {
  it('records the keyword position of flat and folded instructions', () => {
    const code = parseWat(text).codes[0] as Code;
    const at = (i: number): string => {
      const p = sourcePositionOf(code, code.body[i]!);
      return p === null ? 'none' : `${p.line}:${p.column}`;
    };
    // i32.const 1 | block | i32.const 2 | i32.const 3 | i32.add | end(block) | i32.add | end(func)
    expect(code.body.map((_, i) => at(i))).toEqual(['3:5', '4:6', '5:17', '5:31', '5:8', '4:5', '6:5', '2:3']);
  });

  it('lets the validator report line:column for text modules', () => {
    const m = parseWat('(module\n  (func (result i32)\n    (i64.const 1)\n    (drop (f32.add (i32.const 0) (f32.const 1)))))');
    let error: unknown = null;
    try {
      validateModule(m);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KilnError);
    expect((error as KilnError).loc).toEqual({ line: 4, column: 12 });
    expect((error as KilnError).reason).toBe('func 0: type mismatch in f32.add: expected f32, got i32');
  });

  it('are not part of the value: a decoded module has none and still compares equal', () => {
    const fromText = parseWat(text);
    const decoded = decodeModule(encodeModule(fromText));
    const code = decoded.codes[0] as Code;
    expect(sourcePositionOf(code, code.body[0]!)).toBeNull();
    expect(Object.keys(fromText.codes[0]!)).toEqual(['locals', 'body', 'offset', 'size']);
  });
});
