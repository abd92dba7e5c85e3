/**
 * Lazily decoded function bodies and the InstrCursor: a byte-backed body yields exactly the
 * instructions the materialised body holds; materialising or assigning a body switches the
 * cursor to the array; `values: false` skips constant values only.
 */

import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { InstrCursor } from '../../../formats/wasm/code-body.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Code, Instr } from '../../../formats/wasm/types.js';

const text = `(module (memory 1) (table 2 funcref)
  (func (param i32) (result i64)
    (block $b (br_table $b $b (local.get 0)))
    (drop (v128.const i32x4 1 2 3 4))
    (drop (f64.const -1.5))
    (i64.store offset=8 (i32.const 0) (i64.const -42))
    (call_indirect (param i32) (result i64) (local.get 0) (i32.const 1))))`;

const copy = (i: Instr): Instr => ({ ...i, x: i.x instanceof Uint8Array ? i.x.slice() : Array.isArray(i.x) ? [...i.x] : i.x });

function walk(code: Code, values = true): Instr[] {
  const cur = new InstrCursor(values);
  cur.reset(code);
  const out: Instr[] = [];
  while (cur.next()) out.push(copy(cur.ins));
  return out;
}

const decoded = (): Code => decodeModule(encodeModule(parseWat(text))).codes[0] as Code;

describe('lazy function bodies', () => {
  it('the cursor over bytes yields the same instructions as the materialised body', () => {
    const fromBytes = walk(decoded());
    const body = decoded().body;
    expect(fromBytes).toEqual(body);
    expect(fromBytes.length).toBeGreaterThan(10);
  });

  it('without values, only i64/f64/v128 constant values are left out', () => {
    const full = walk(decoded());
    const lean = walk(decoded(), false);
    expect(lean.map((i) => [i.op, i.offset, i.a, i.b])).toEqual(full.map((i) => [i.op, i.offset, i.a, i.b]));
    const withX = full.filter((i) => i.x !== null).length;
    expect(lean.filter((i) => i.x !== null).length).toBe(1); // the br_table labels stay
    expect(withX).toBe(4);
  });

  it('materialising gives a plain array that can be edited, and the cursor follows it', () => {
    const code = decoded();
    const body = code.body;
    expect(code.body).toBe(body);
    body.splice(0, body.length - 1); // keep only the final `end`
    expect(walk(code)).toHaveLength(1);
  });

  it('assigning a body replaces the bytes', () => {
    const code = decoded();
    const end = code.body[code.body.length - 1] as Instr;
    const fresh = decoded();
    fresh.body = [end];
    expect(walk(fresh)).toEqual([end]);
  });

  it('a decoded Code compares equal to the same Code built from text, apart from positions', () => {
    const fromText = parseWat(text).codes[0] as Code;
    const d = decoded();
    const strip = (c: Code): unknown => ({ locals: c.locals, body: c.body.map((i) => ({ ...i, offset: 0 })) });
    expect(strip(d)).toEqual(strip(fromText));
  });
});
