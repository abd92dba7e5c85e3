/**
 * AArch64 registers: names per view, the SP / zero-register distinction (types, constants and
 * the encoder's run-time check), and the AAPCS64 facts.
 */

import { describe, expect, it } from 'vitest';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { addImm } from '../../../targets/aarch64/imm.js';
import { memOffset } from '../../../targets/aarch64/operands.js';
import {
  AAPCS64, gpr, gprName, GPRS, SP, vName, vreg, VREGS, X0, X1, X16, X17, X18, X19, X28, X29, X30, X8, XZR, type GprSp, type GprZr,
} from '../../../targets/aarch64/regs.js';

describe('AArch64 registers', () => {
  it('names every general register in both views, sp and the zero register as objdump does', () => {
    expect(GPRS.map((r) => gprName(r, 64))).toEqual(Array.from({ length: 31 }, (_, i) => `x${i}`));
    expect(GPRS.map((r) => gprName(r, 32))).toEqual(Array.from({ length: 31 }, (_, i) => `w${i}`));
    expect([gprName(SP, 64), gprName(SP, 32), gprName(XZR, 64), gprName(XZR, 32)]).toEqual(['sp', 'wsp', 'xzr', 'wzr']);
    expect(VREGS.length).toBe(32);
    expect([vName(vreg(0), 8), vName(vreg(1), 16), vName(vreg(2), 32), vName(vreg(31), 64), vName(vreg(7), 128)]).toEqual(['b0', 'h1', 's2', 'd31', 'q7']);
  });

  it('register numbers are checked: x0-x30 and v0-v31 (31 is sp or xzr, not a gpr)', () => {
    expect(gpr(30)).toBe(X30);
    expect(() => gpr(31)).toThrow(new RangeError('no general register x31'));
    expect(() => gpr(-1)).toThrow(RangeError);
    expect(vreg(31)).toBe(31);
    expect(() => vreg(32)).toThrow(new RangeError('no SIMD&FP register v32'));
  });

  it('sp and xzr are different values that both encode as 31, and each is refused where the other belongs', () => {
    expect(SP).not.toBe(XZR);
    expect(SP & 31).toBe(31);
    expect(XZR & 31).toBe(31);
    const asm = new Assembler();
    // add x0, sp, #1 and add x0, xzr... : the immediate form names sp, the register form the zero register
    asm.emit({ kind: 'add_imm', op: 'add', w: 64, rd: X0, rn: SP, imm: addImm(1) });
    asm.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X0, rn: XZR, rm: X1 });
    expect(() => asm.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X0, rn: SP as unknown as GprZr, rm: X1 })).toThrow(
      new RangeError('sp is not allowed in a zero-register operand'),
    );
    expect(() => asm.emit({ kind: 'add_imm', op: 'add', w: 64, rd: X0, rn: XZR as unknown as GprSp, imm: addImm(1) })).toThrow(
      new RangeError('xzr is not allowed in a stack-pointer operand'),
    );
    expect(() => asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X0, addr: memOffset(XZR as unknown as GprSp) })).toThrow(
      new RangeError('xzr is not allowed in a stack-pointer operand'),
    );
    expect(() => asm.emit({ kind: 'ldst', op: 'str', w: 64, rt: SP as unknown as GprZr, addr: memOffset(SP) })).toThrow(
      new RangeError('sp is not allowed in a zero-register operand'),
    );
  });

  it('AAPCS64: arguments and results, callee-saved registers, scratch and platform registers, the stack', () => {
    expect(AAPCS64.intArgs).toEqual(GPRS.slice(0, 8));
    expect(AAPCS64.floatArgs).toEqual(VREGS.slice(0, 8));
    expect(AAPCS64.intResults).toEqual(AAPCS64.intArgs);
    expect(AAPCS64.indirectResult).toBe(X8);
    expect(AAPCS64.calleeSavedGprs).toEqual(GPRS.slice(19, 29));
    expect(AAPCS64.calleeSavedGprs[0]).toBe(X19);
    expect(AAPCS64.calleeSavedGprs.at(-1)).toBe(X28);
    expect(AAPCS64.calleeSavedFprs).toEqual(VREGS.slice(8, 16));
    expect(AAPCS64.calleeSavedFprBits).toBe(64);
    expect([...AAPCS64.callerSavedFprs, ...AAPCS64.calleeSavedFprs].sort((a, b) => a - b)).toEqual([...VREGS]);
    expect(AAPCS64.intraProcedureScratch).toEqual([X16, X17]);
    expect(AAPCS64.platformRegister).toBe(X18);
    // x18 is in neither set: kiln never allocates it
    expect([...AAPCS64.callerSavedGprs, ...AAPCS64.calleeSavedGprs]).not.toContain(X18);
    expect(AAPCS64.callerSavedGprs).toEqual(GPRS.slice(0, 18));
    expect(AAPCS64.framePointer).toBe(X29);
    expect(AAPCS64.linkRegister).toBe(X30);
    expect(AAPCS64.stackPointer).toBe(SP);
    expect(AAPCS64.stackAlignment).toBe(16);
    expect(AAPCS64.frameRecordBytes).toBe(16);
  });
});
