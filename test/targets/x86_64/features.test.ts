/**
 * x86-64 CPU features: the x86-64-v2 baseline, what instructions need, the assembler's
 * feature gate and the feature option parser.
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { Assembler } from '../../../targets/x86_64/asm.js';
import { BASELINE_FEATURES, BASELINE_NAME, featuresOf, parseCpuFeatures } from '../../../targets/x86_64/features.js';
import { imm8 } from '../../../targets/x86_64/imm.js';
import { RAX, RCX, xmm } from '../../../targets/x86_64/regs.js';
import { ALL_ROWS } from './encoder-table.js';

describe('x86-64 CPU features', () => {
  it('the baseline is x86-64-v2: sse4.1 and popcnt, nothing else', () => {
    expect(BASELINE_NAME).toBe('x86-64-v2');
    expect([...BASELINE_FEATURES].sort()).toEqual(['popcnt', 'sse4.1']);
  });

  it('an instruction reports the feature it needs: lzcnt, bmi1 for tzcnt, popcnt, sse4.1 for round', () => {
    expect(featuresOf({ kind: 'bit', op: 'lzcnt', w: 32, dst: RAX, src: RCX })).toEqual(['lzcnt']);
    expect(featuresOf({ kind: 'bit', op: 'tzcnt', w: 64, dst: RAX, src: RCX })).toEqual(['bmi1']);
    expect(featuresOf({ kind: 'bit', op: 'popcnt', w: 32, dst: RAX, src: RCX })).toEqual(['popcnt']);
    expect(featuresOf({ kind: 'bit', op: 'bsr', w: 32, dst: RAX, src: RCX })).toEqual([]);
    expect(featuresOf({ kind: 'round', op: 'roundsd', dst: xmm(0), src: xmm(1), mode: imm8(3) })).toEqual(['sse4.1']);
    const needing = ALL_ROWS.filter(([i]) => featuresOf(i).length > 0).map(([, , text]) => text.split(' ')[0]);
    expect(needing).toEqual(['popcnt', 'popcnt', 'lzcnt', 'lzcnt', 'tzcnt', 'roundss', 'roundsd', 'roundsd']);
  });

  it('a baseline assembler refuses lzcnt and tzcnt, and emits them once the feature is enabled', () => {
    const lzcnt = { kind: 'bit', op: 'lzcnt', w: 32, dst: RAX, src: RCX } as const;
    const tzcnt = { kind: 'bit', op: 'tzcnt', w: 32, dst: RAX, src: RCX } as const;
    expect(() => new Assembler().emit(lzcnt)).toThrow(new RangeError('bit lzcnt needs CPU feature lzcnt, which is not enabled'));
    expect(() => new Assembler().emit(tzcnt)).toThrow(new RangeError('bit tzcnt needs CPU feature bmi1, which is not enabled'));
    const asm = new Assembler({ features: parseCpuFeatures('+lzcnt') });
    asm.emit(lzcnt);
    asm.emit({ kind: 'bit', op: 'popcnt', w: 32, dst: RAX, src: RCX });
    asm.emit({ kind: 'ret' });
    expect(asm.finish().featuresUsed).toEqual(['lzcnt', 'popcnt']);
  });

  it('parses a feature option: baseline plus or minus named features; unknown names are usage errors', () => {
    expect([...parseCpuFeatures('x86-64-v2')].sort()).toEqual(['popcnt', 'sse4.1']);
    expect([...parseCpuFeatures('+lzcnt,bmi1, -popcnt')].sort()).toEqual(['bmi1', 'lzcnt', 'sse4.1']);
    let err: unknown;
    try {
      parseCpuFeatures('+avx512');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KilnError);
    expect((err as KilnError).format()).toBe("usage: unknown x86-64 CPU feature 'avx512' (known: sse4.1, popcnt, lzcnt, bmi1, bmi2, avx, avx2)");
  });
});
