/** The engine registry (cli/engines.ts) that `kiln run --engine` selects from. */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../formats/errors.js';
import { ENGINE_CHOICES, ENGINE_NAMES } from '../../cli/engine-names.js';
import { ENGINES, allEngines, chooseEngine, selectEngine } from '../../cli/engines.js';
import { parseWat } from '../../formats/wat/index.js';
import { interpEngine } from '../../loader/interp/index.js';
import { nativeEngine } from '../../loader/native/index.js';

describe('engine registry', () => {
  it('has one engine per accepted name, each named as registered', () => {
    expect(Object.keys(ENGINES).sort()).toEqual([...ENGINE_NAMES].sort());
    for (const e of allEngines()) expect(selectEngine(e.name)).toBe(e);
    expect(selectEngine('interp')).toBe(interpEngine);
  });

  it('rejects an unknown name as a usage error listing the engines', () => {
    let err: unknown;
    try {
      selectEngine('jit');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KilnError);
    expect((err as KilnError).kind).toBe('usage');
    expect((err as KilnError).message).toContain(`available: ${ENGINE_CHOICES.join(', ')}`);
  });

  it('auto picks native where the code generator takes the module\'s SIMD, the interpreter otherwise, with the reason', () => {
    const plain = parseWat('(module (func (export "f") (result i32) i32.const 1))');
    const simd = parseWat('(module (func (export "f") (result i32) v128.const i64x2 0 0 i32x4.extract_lane 0))');
    expect(chooseEngine('auto', plain, 'x64').engine).toBe(nativeEngine);
    expect(chooseEngine('auto', simd, 'x64')).toEqual({ engine: nativeEngine, reason: 'auto: native (x86-64)' });
    expect(chooseEngine('auto', plain, 'arm64')).toEqual({ engine: nativeEngine, reason: 'auto: native (AArch64)' });
    // constants and lanes compile for AArch64 too (targets/aarch64/rules/simd-lanes.ts)
    expect(chooseEngine('auto', simd, 'arm64')).toEqual({ engine: nativeEngine, reason: 'auto: native (AArch64)' });
    expect(chooseEngine('auto', plain, 'riscv64')).toEqual({ engine: interpEngine, reason: 'auto: interp (no native code generator for riscv64 yet)' });
    // what a code generator cannot compile (a SIMD instruction without a lowering) is decided by
    // targets/v128-gate.ts, tested with stub targets in test/targets/v128-gate.test.ts
    expect(chooseEngine('interp', plain, 'x64').engine).toBe(interpEngine);
    expect(() => selectEngine('auto')).toThrow(/chooses an engine per module/);
  });
});
