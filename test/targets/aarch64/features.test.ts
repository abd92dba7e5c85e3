/**
 * AArch64 CPU features: the armv8.0-a baseline, and the assembler's feature gate, which proves
 * that every instruction kiln encodes is baseline.
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { BASELINE_FEATURES, BASELINE_NAME, CPU_FEATURES, featuresOf, parseCpuFeatures } from '../../../targets/aarch64/features.js';
import type { Inst } from '../../../targets/aarch64/inst.js';
import { vreg } from '../../../targets/aarch64/regs.js';
import { ALL_ROWS } from './encoder-table.js';
import { generateAll } from './generate.js';

describe('AArch64 CPU features', () => {
  it('the baseline is armv8.0-a with no optional feature', () => {
    expect(BASELINE_NAME).toBe('armv8.0-a');
    expect([...BASELINE_FEATURES]).toEqual([]);
    expect(CPU_FEATURES).toEqual([]);
    expect([...parseCpuFeatures('armv8.0-a')]).toEqual([]);
    expect(() => parseCpuFeatures('+lse')).toThrow(KilnError);
  });

  it('every instruction of the generated set and the encoder table needs nothing beyond the baseline', () => {
    // an assembler with an empty feature set accepts all of it and reports no feature used
    const asm = new Assembler({ features: new Set() });
    const needing: string[] = [];
    const emit = asm.emit.bind(asm);
    asm.emit = (inst: Inst): void => {
      if (featuresOf(inst).length > 0) needing.push(inst.kind);
      emit(inst);
    };
    generateAll(asm);
    for (const [inst] of ALL_ROWS) asm.emit('target' in inst && typeof inst.target === 'number' ? ({ ...inst, target: asm.newLabel() } as Inst) : inst);
    expect(needing).toEqual([]);
  });

  it('finish() reports the features used: none', () => {
    const asm = new Assembler();
    asm.emit({ kind: 'cnt', rd: vreg(0), rn: vreg(1) });
    asm.emit({ kind: 'nop' });
    expect(asm.finish().featuresUsed).toEqual([]);
  });
});
