/**
 * Text identifiers become a `name` section (module, function and local names, `$` dropped),
 * written last by the encoder, and survive decode → encode byte for byte.
 */

import { describe, expect, it } from 'vitest';
import { parseWat } from '../../../formats/wat/index.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { decodeModule } from '../../../formats/wasm/decode.js';

const text = `(module $m
  (import "env" "log" (func $log (param i32)))
  (func $add (param $a i32) (param i32) (result i32) (local $tmp i64)
    (i32.add (local.get $a) (local.get 1)))
  (func (result i32) (i32.const 0)))`;

describe('name section from text', () => {
  it('collects module, function and local names by index', () => {
    const m = parseWat(text);
    expect(m.names).toEqual({
      module: 'm',
      funcs: new Map([
        [0, 'log'],
        [1, 'add'],
      ]),
      locals: new Map([[1, new Map([[0, 'a'], [2, 'tmp']])]]),
    });
  });

  it('leaves names null for a module without identifiers', () => {
    expect(parseWat('(module (func))').names).toBeNull();
  });

  it('encodes them as the last section, and decoding gives them back', () => {
    const bytes = encodeModule(parseWat(text));
    const back = decodeModule(bytes);
    expect(back.customs.map((c) => c.name)).toEqual(['name']);
    expect(back.names).toEqual(parseWat(text).names);
    expect(encodeModule(back)).toEqual(bytes);
  });

  it('does not write a second name section when the module carries a raw one', () => {
    const bytes = encodeModule(parseWat(text));
    const again = encodeModule(decodeModule(bytes));
    expect(decodeModule(again).customs.filter((c) => c.name === 'name')).toHaveLength(1);
  });
});
