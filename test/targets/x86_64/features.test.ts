/**
 * x86-64 CPU features: the x86-64-v2 baseline, what instructions need, the assembler's
 * feature gate and the feature option parser.
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { Assembler } from '../../../targets/x86_64/asm.js';
import { featuresFromCpuinfoFlags } from '../../../targets/x86_64/cpuinfo.js';
import { BASELINE_FEATURES, BASELINE_NAME, featuresOf, parseCpuFeatures, type CpuFeature } from '../../../targets/x86_64/features.js';
import { imm8, uimm8 } from '../../../targets/x86_64/imm.js';
import { mem } from '../../../targets/x86_64/operands.js';
import { RAX, RCX, xmm } from '../../../targets/x86_64/regs.js';
import { SCALAR_ROWS } from './encoder-table.js';
import { SIMD_ROWS } from './encoder-table-simd.js';

describe('x86-64 CPU features', () => {
  it('the baseline is x86-64-v2: ssse3, sse4.1, sse4.2 and popcnt, nothing else', () => {
    expect(BASELINE_NAME).toBe('x86-64-v2');
    expect([...BASELINE_FEATURES].sort()).toEqual(['popcnt', 'sse4.1', 'sse4.2', 'ssse3']);
  });

  it('an instruction reports the feature it needs: lzcnt, bmi1 for tzcnt, popcnt, sse4.1 for round', () => {
    expect(featuresOf({ kind: 'bit', op: 'lzcnt', w: 32, dst: RAX, src: RCX })).toEqual(['lzcnt']);
    expect(featuresOf({ kind: 'bit', op: 'tzcnt', w: 64, dst: RAX, src: RCX })).toEqual(['bmi1']);
    expect(featuresOf({ kind: 'bit', op: 'popcnt', w: 32, dst: RAX, src: RCX })).toEqual(['popcnt']);
    expect(featuresOf({ kind: 'bit', op: 'bsr', w: 32, dst: RAX, src: RCX })).toEqual([]);
    expect(featuresOf({ kind: 'round', op: 'roundsd', dst: xmm(0), src: xmm(1), mode: imm8(3) })).toEqual(['sse4.1']);
    const needing = SCALAR_ROWS.filter(([i]) => featuresOf(i).length > 0).map(([, , text]) => text.split(' ')[0]);
    expect(needing).toEqual(['popcnt', 'popcnt', 'lzcnt', 'lzcnt', 'tzcnt', 'roundss', 'roundsd', 'roundsd']);
  });

  it('packed SSE forms report the CPUID feature of their SDM page: SSSE3, SSE4.1, SSE4.2 (pcmpgtq), none for SSE/SSE2', () => {
    const by = new Map<string, Set<string>>();
    for (const [inst, , text] of SIMD_ROWS) {
      const f = featuresOf(inst);
      expect(f.length).toBeLessThanOrEqual(1);
      const key = f[0] ?? 'none';
      if (!by.has(key)) by.set(key, new Set());
      by.get(key)!.add(text.split(' ')[0]!);
    }
    const sorted = (k: string): string[] => [...(by.get(k) ?? [])].sort();
    expect([...by.keys()].sort()).toEqual(['none', 'sse4.1', 'sse4.2', 'ssse3']);
    expect(sorted('ssse3')).toEqual(['pabsb', 'pabsd', 'pabsw', 'palignr', 'pmaddubsw', 'pmulhrsw', 'pshufb']);
    expect(sorted('sse4.2')).toEqual(['pcmpgtq']);
    expect(sorted('sse4.1')).toEqual([
      'blendpd', 'blendps', 'blendvpd', 'blendvps', 'extractps', 'insertps', 'packusdw', 'pblendvb', 'pblendw', 'pcmpeqq',
      'pextrb', 'pextrd', 'pextrq', 'pextrw', 'pinsrb', 'pinsrd', 'pinsrq', 'pmaxsb', 'pmaxsd', 'pmaxud', 'pmaxuw',
      'pminsb', 'pminsd', 'pminud', 'pminuw', 'pmovsxbw', 'pmovsxdq', 'pmovsxwd', 'pmovzxbw', 'pmovzxdq', 'pmovzxwd',
      'pmuldq', 'pmulld', 'ptest', 'roundpd', 'roundps',
    ]);
    // SSE2 rows: a sample of each kind
    for (const m of ['paddb', 'pmuludq', 'pcmpgtd', 'pshufd', 'cmpltps', 'psrldq', 'pinsrw', 'pextrw', 'pmovmskb', 'movq', 'movdqu', 'cvttpd2dq', 'movhlps']) {
      expect([m, by.get('none')?.has(m)]).toEqual([m, true]);
    }
  });

  it('pextrw to a register is SSE2 (66 0F C5), to memory SSE4.1 (66 0F 3A 15)', () => {
    expect(featuresOf({ kind: 'pextr', op: 'pextrw', dst: RAX, src: xmm(1), lane: uimm8(3) })).toEqual([]);
    expect(featuresOf({ kind: 'pextr', op: 'pextrw', dst: mem(RAX), src: xmm(1), lane: uimm8(3) })).toEqual(['sse4.1']);
  });

  it('the baseline assembler takes pshufb and pcmpgtq and reports them; a set without sse4.2 refuses pcmpgtq', () => {
    const pcmpgtq = { kind: 'sse', op: 'pcmpgtq', dst: xmm(0), src: xmm(1) } as const;
    const asm = new Assembler();
    asm.emit({ kind: 'sse', op: 'pshufb', dst: xmm(0), src: xmm(1) });
    asm.emit(pcmpgtq);
    asm.emit({ kind: 'sse', op: 'paddd', dst: xmm(0), src: xmm(1) });
    expect(asm.finish().featuresUsed).toEqual(['sse4.2', 'ssse3']);
    const noSse42 = new Set<CpuFeature>(['ssse3', 'sse4.1', 'popcnt']);
    expect(() => new Assembler({ features: noSse42 }).emit(pcmpgtq)).toThrow(new RangeError('sse pcmpgtq needs CPU feature sse4.2, which is not enabled'));
  });

  it('reads ssse3 and sse4_2 from /proc/cpuinfo flags', () => {
    expect(featuresFromCpuinfoFlags(['fpu', 'sse2', 'ssse3', 'sse4_1', 'sse4_2', 'popcnt'])).toEqual(['ssse3', 'sse4.1', 'sse4.2', 'popcnt']);
    expect(featuresFromCpuinfoFlags(['sse2', 'ssse3'])).toEqual(['ssse3']);
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
    expect([...parseCpuFeatures('x86-64-v2')].sort()).toEqual(['popcnt', 'sse4.1', 'sse4.2', 'ssse3']);
    expect([...parseCpuFeatures('+lzcnt,bmi1, -popcnt')].sort()).toEqual(['bmi1', 'lzcnt', 'sse4.1', 'sse4.2', 'ssse3']);
    let err: unknown;
    try {
      parseCpuFeatures('+avx512');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KilnError);
    expect((err as KilnError).format()).toBe("usage: unknown x86-64 CPU feature 'avx512' (known: ssse3, sse4.1, sse4.2, popcnt, lzcnt, bmi1, bmi2, avx, avx2)");
  });
});
