/**
 * x86-64 register names at every width and the System V ABI register sets.
 */

import { describe, expect, it } from 'vitest';
import { gpr, gprName, GPRS, RBP, RBX, RDI, RSP, SYSV, xmm, xmmName, XMMS } from '../../../targets/x86_64/regs.js';

describe('x86-64 registers', () => {
  it('name every GPR at every width as objdump does', () => {
    expect(GPRS.map((r) => gprName(r, 64)).join(' ')).toBe('rax rcx rdx rbx rsp rbp rsi rdi r8 r9 r10 r11 r12 r13 r14 r15');
    expect(GPRS.map((r) => gprName(r, 32)).join(' ')).toBe('eax ecx edx ebx esp ebp esi edi r8d r9d r10d r11d r12d r13d r14d r15d');
    expect(GPRS.map((r) => gprName(r, 16)).join(' ')).toBe('ax cx dx bx sp bp si di r8w r9w r10w r11w r12w r13w r14w r15w');
    expect(GPRS.map((r) => gprName(r, 8)).join(' ')).toBe('al cl dl bl spl bpl sil dil r8b r9b r10b r11b r12b r13b r14b r15b');
    expect(XMMS.map(xmmName)[15]).toBe('xmm15');
  });
  it('check register numbers', () => {
    expect(gpr(7)).toBe(RDI);
    expect(() => gpr(16)).toThrow(new RangeError('no general register 16'));
    expect(() => xmm(-1)).toThrow(new RangeError('no register xmm-1'));
  });
  it('record the System V AMD64 calling convention', () => {
    expect(SYSV.intArgs.map((r) => gprName(r, 64))).toEqual(['rdi', 'rsi', 'rdx', 'rcx', 'r8', 'r9']);
    expect(SYSV.floatArgs.map(xmmName)).toEqual(['xmm0', 'xmm1', 'xmm2', 'xmm3', 'xmm4', 'xmm5', 'xmm6', 'xmm7']);
    expect(SYSV.intResults.map((r) => gprName(r, 64))).toEqual(['rax', 'rdx']);
    expect(SYSV.calleeSavedGprs.map((r) => gprName(r, 64))).toEqual(['rbx', 'rbp', 'r12', 'r13', 'r14', 'r15']);
    expect(SYSV.callerSavedGprs.map((r) => gprName(r, 64))).toEqual(['rax', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11']);
    // every GPR but rsp is exactly one of caller- or callee-saved
    const all = [...SYSV.calleeSavedGprs, ...SYSV.callerSavedGprs].sort((a, b) => a - b);
    expect(all).toEqual(GPRS.filter((r) => r !== RSP));
    expect(SYSV.calleeSavedXmms).toEqual([]);
    expect([SYSV.stackAlignment, SYSV.redZoneBytes]).toEqual([16, 128]);
    expect([SYSV.stackPointer, SYSV.framePointer]).toEqual([RSP, RBP]);
    expect(SYSV.calleeSavedGprs[0]).toBe(RBX);
  });
});
