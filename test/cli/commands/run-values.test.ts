/**
 * `--invoke` values: arguments use the text format's number syntax (one parser, shared with
 * the WAT parser), and float results print as the text format writes them, NaN payload and
 * sign included.
 */

import { describe, expect, it } from 'vitest';
import { formatResults, parseInvokeArgs } from '../../../cli/commands/run-values.js';
import { ValType } from '../../../formats/wasm/types.js';
import { kiln, tempFile } from '../run-kiln.js';

const f32 = (text: string): number => parseInvokeArgs([ValType.F32], [text])[0] as number;
const f64 = (text: string): number => parseInvokeArgs([ValType.F64], [text])[0] as number;
const f64Bits = (text: string): bigint => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f64(text));
  return view.getBigUint64(0);
};

describe('--invoke arguments', () => {
  it('f32 accepts hex floats, NaN payloads and signed NaNs (raw bit patterns out)', () => {
    expect(f32('0x1p-149')).toBe(1);
    expect(f32('nan:0x200000')).toBe(0x7fa00000);
    expect(f32('-nan')).toBe(0xffc00000 | 0);
    expect(f32('nan')).toBe(0x7fc00000);
    expect(f32('-inf')).toBe(0xff800000 | 0);
    expect(f32('1.5')).toBe(0x3fc00000);
    expect(f32('1_000')).toBe(0x447a0000);
  });
  it('f64 accepts the same syntax and keeps NaN payloads', () => {
    expect(f64('0x1p-1074')).toBe(5e-324);
    expect(f64Bits('nan:0x4000000000001')).toBe(0x7ff4000000000001n);
    expect(f64Bits('-nan')).toBe(0xfff8000000000000n);
    expect(f64('-0x1.8p1')).toBe(-3);
    expect(Object.is(f64('-0'), -0)).toBe(true);
  });
  it('integers take decimal or hex, in the signed or unsigned range', () => {
    expect(parseInvokeArgs([ValType.I32, ValType.I64], ['0xffffffff', '-9223372036854775808'])).toEqual([-1, -9223372036854775808n]);
  });
  it('rejects what the text format rejects, with the reason', () => {
    expect(() => parseInvokeArgs([ValType.F32], ['1e39'])).toThrow('argument 1 "1e39" is not a valid f32: constant out of range');
    expect(() => parseInvokeArgs([ValType.F32], ['nan:0x0'])).toThrow('argument 1 "nan:0x0" is not a valid f32: constant out of range');
    expect(() => parseInvokeArgs([ValType.F64], ['one'])).toThrow('argument 1 "one" is not a valid f64: not a number');
    expect(() => parseInvokeArgs([ValType.I32], ['4294967296'])).toThrow('argument 1 "4294967296" is not a valid i32: constant out of range');
    expect(() => parseInvokeArgs([ValType.I32], ['1.5'])).toThrow('argument 1 "1.5" is not a valid i32: not an integer');
  });
});

describe('--invoke results', () => {
  it('prints NaNs as the text format does: sign, and the payload unless canonical', () => {
    expect(formatResults([ValType.F32, ValType.F32, ValType.F32], [0x7fa00000, 0xffc00000 | 0, 0x7fc00000])).toBe(
      'nan:0x200000\n-nan\nnan',
    );
    // raw values as engines pass them: in a generic array, where signalling NaNs stay signalling
    const results = parseInvokeArgs([ValType.F64, ValType.F64], ['nan:0x4000000000001', '-nan:0x1']);
    expect(formatResults([ValType.F64, ValType.F64], results)).toBe('nan:0x4000000000001\n-nan:0x1');
  });
  it('prints other floats as shortest round-trip decimals', () => {
    expect(formatResults([ValType.F32, ValType.F64, ValType.F64, ValType.F64], [1, 0.1, -0, -Infinity])).toBe(
      '1.401298464324817e-45\n0.1\n-0\n-inf',
    );
  });
});

describe('kiln run --invoke with floats', () => {
  const file = tempFile(
    'floats.wat',
    `(module
      (func (export "f32") (param f32) (result f32) (local.get 0))
      (func (export "f64") (param f64) (result f64) (local.get 0)))`,
  );
  it('passes the text syntax through and prints NaN payloads', () => {
    expect(kiln(['run', '--invoke', 'f32', file, 'nan:0x200000']).stdout).toBe('nan:0x200000\n');
    expect(kiln(['run', '--invoke', 'f32', file, '0x1p-149']).stdout).toBe('1.401298464324817e-45\n');
    expect(kiln(['run', '--invoke', 'f64', file, '-nan'])).toEqual({ code: 0, stdout: '-nan\n', stderr: '' });
  });
});
