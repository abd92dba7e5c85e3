import { describe, expect, it } from 'vitest';
import { parseWast } from '../../../formats/wat/script.js';
import { KilnError } from '../../../formats/errors.js';
import type { Command } from '../../../formats/wat/script-types.js';

const one = (text: string): Command => {
  const s = parseWast(text, 't.wast');
  expect(s.commands).toHaveLength(1);
  return s.commands[0] as Command;
};

describe('parseWast', () => {
  it('reads modules in text, binary and quote form with names and lines', () => {
    const s = parseWast('(module $a (func))\n\n(module $b binary "\\00asm" "\\01\\00\\00\\00")\n(module quote "(func)" " (memory 1)")', 't.wast');
    expect(s.file).toBe('t.wast');
    const [a, b, q] = s.commands;
    expect(a?.kind === 'module' && [a.name, a.line, a.source.kind]).toEqual(['$a', 1, 'text']);
    expect(b?.kind === 'module' && b.source.kind === 'binary' && [b.name, b.line, Array.from(b.source.bytes)]).toEqual([
      '$b', 3, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ]);
    expect(q?.kind === 'module' && q.source.kind === 'quote' && [q.line, q.source.text]).toEqual([4, '(func) (memory 1)']);
  });
  it('reads register, invoke and get actions with constant arguments', () => {
    expect(one('(register "M" $a)')).toEqual({ kind: 'register', as: 'M', module: '$a', line: 1 });
    expect(one('(invoke $m "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const 1) (f64.const -0) (ref.null func) (ref.extern 7))')).toEqual({
      kind: 'action',
      line: 1,
      action: {
        kind: 'invoke',
        module: '$m',
        name: 'f',
        args: [
          { type: 'i32', value: -1 },
          { type: 'i64', value: -1n },
          { type: 'f32', bits: 0x3f800000 },
          { type: 'f64', bits: 0x8000000000000000n },
          { type: 'funcref', isNull: true },
          { type: 'externref', isNull: false, host: 7 },
        ],
      },
    });
    expect(one('(get "g")')).toEqual({ kind: 'action', line: 1, action: { kind: 'get', module: null, name: 'g' } });
  });
  it('reads result patterns: nan kinds, per-lane v128, any non-null references', () => {
    const c = one(`(assert_return (invoke "f")
      (f32.const nan:canonical) (f64.const nan:arithmetic) (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -1)
      (v128.const f32x4 nan:canonical 1.0 -0 nan:arithmetic) (ref.func) (ref.extern) (ref.null extern))`);
    expect(c.kind === 'assert_return' && c.expected).toEqual([
      { kind: 'nan', type: 'f32', nan: 'canonical' },
      { kind: 'nan', type: 'f64', nan: 'arithmetic' },
      { kind: 'value', value: { type: 'v128', bytes: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 255]) } },
      {
        kind: 'v128',
        shape: 'f32x4',
        lanes: [
          { kind: 'nan', nan: 'canonical' },
          { kind: 'float', bits: 0x3f800000n },
          { kind: 'float', bits: 0x80000000n },
          { kind: 'nan', nan: 'arithmetic' },
        ],
      },
      { kind: 'ref_any', type: 'funcref' },
      { kind: 'ref_any', type: 'externref' },
      { kind: 'value', value: { type: 'externref', isNull: true } },
    ]);
  });
  it('maps assert_trap on a module to assert_uninstantiable and keeps messages', () => {
    const s = parseWast(
      `(assert_trap (invoke "f") "unreachable")
       (assert_trap (module (func)) "out of bounds")
       (assert_exhaustion (invoke "r") "call stack exhausted")
       (assert_malformed (module quote "(func") "unexpected end")
       (assert_invalid (module (func (result i32))) "type mismatch")
       (assert_unlinkable (module (import "a" "b" (func))) "unknown import")`,
      't.wast',
    );
    expect(s.commands.map((c) => [c.kind, c.line, 'message' in c ? c.message : ''])).toEqual([
      ['assert_trap', 1, 'unreachable'],
      ['assert_uninstantiable', 2, 'out of bounds'],
      ['assert_exhaustion', 3, 'call stack exhausted'],
      ['assert_malformed', 4, 'unexpected end'],
      ['assert_invalid', 5, 'type mismatch'],
      ['assert_unlinkable', 6, 'unknown import'],
    ]);
  });
  it('gathers bare top-level module fields into one module', () => {
    const c = one('(func) (memory 0) (func (export "f"))');
    expect(c.kind === 'module' && c.source.kind === 'text' && c.source.module.funcs.length).toBe(2);
  });
  it('rejects unknown commands with a location', () => {
    try {
      parseWast('\n  (assert_bogus)', 'x.wast');
      expect.unreachable();
    } catch (e) {
      expect(e instanceof KilnError && e.format()).toBe('x.wast:2:3: malformed: unexpected token, expected a script command');
    }
  });
});
