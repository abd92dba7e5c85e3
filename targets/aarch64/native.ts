/**
 * The AArch64 `NativeIsa` (targets/native-isa.ts): what the native engine needs from AArch64
 * beyond compiling — trampolines.ts's trampolines, trap routine and runtime wrappers,
 * cache-sync.ts's instruction-cache synchronisation, and here the guard-page fault handler
 * with the Linux AArch64 / glibc signal layouts.
 *
 * Layouts (Linux AArch64, glibc), printed by a C program compiled with `aarch64-linux-gnu-gcc`
 * (Debian, glibc 2.36 headers) and run under `qemu-aarch64 -L /usr/aarch64-linux-gnu`
 * (offsetof/sizeof of each field):
 *
 * - siginfo_t (128 bytes): si_signo 0, si_code 8, si_addr 16;
 * - ucontext_t (4560 bytes): uc_flags 0, uc_link 8, uc_stack 16 (stack_t, 24 bytes),
 *   uc_sigmask 40 (glibc's sigset_t, 128 bytes), uc_mcontext 176 (aligned to 16);
 *   mcontext_t (the kernel's struct sigcontext): fault_address +0, regs[31] +8, sp +256,
 *   pc +264, pstate +272, __reserved +288 — so regs[0] at 184, regs[30] (x30) at 424, sp at
 *   432, pc at 440 of the ucontext;
 * - glibc's struct sigaction (152 bytes): handler 0, sa_mask 8 (128 bytes), sa_flags (int)
 *   136, sa_restorer 144;
 * - the kernel's struct sigaction (asm-generic, arm64 defines SA_RESTORER): handler 0,
 *   sa_flags 8, sa_restorer 16, sa_mask 24 (8 bytes): 32 bytes;
 * - SA_SIGINFO 0x4, SA_ONSTACK 0x08000000, SYS_rt_sigaction 134 (the generic table);
 *   SIGSEGV 11, SIGBUS 7.
 */

import { TrapCode } from '../../compiler/ir/traps.js';
import { FAULT_DIR_HEADER, FAULT_ENTRY, type FaultHandlerCells, type NativeIsa } from '../native-isa.js';
import { RT, VMCTX_SLOT } from './abi.js';
import { cmp, cmpImm, lsrImm } from './alias.js';
import { Assembler } from './asm.js';
import { cacheSyncRoutine } from './cache-sync.js';
import { addImm, imm16 } from './imm.js';
import { memIndex, type Cond, type Label } from './operands.js';
import { X0, X1, X10, X11, X12, X13, X16, X2, X29, X3, X4, X5, X6, X7, X8, X9, type Gpr } from './regs.js';
import { Emitter, entryTrampoline, EXIT_SAVED, exitTrampoline, HOST_EXCEPTION_CODE, runtimeWrapper, trapRoutine } from './trampolines.js';

/** siginfo_t.si_code, si_addr */
const SI_CODE = 8;
const SI_ADDR = 16;
/** ucontext_t.uc_mcontext: regs[n] at UC_REGS + 8n, then sp and pc */
export const UC_MCONTEXT = 176;
export const UC_REGS = UC_MCONTEXT + 8;
export const UC_X30 = UC_REGS + 8 * 30;
export const UC_SP = UC_REGS + 8 * 31;
export const UC_PC = UC_SP + 8;
/** glibc struct sigaction: sa_flags, and the whole size */
export const SA_FLAGS_AT = 136;
export const SIGACTION_SIZE = 152;
/** the kernel's struct sigaction (rt_sigaction): handler, flags, restorer, 8-byte mask */
export const KERNEL_SIGACTION_SIZE = 32;
export const SA_SIGINFO = 4;
export const SA_ONSTACK = 0x08000000;
/** Linux AArch64 system call number (the asm-generic table) */
const SYS_RT_SIGACTION = 134;

/** fault-table entry words (targets/native-isa.ts): start, length, sites, site count, trap record */
const E_START = 0;
const E_LENGTH = 8;
const E_SITES = 16;
const E_COUNT = 24;
const E_RECORD = 32;

/**
 * The fault handler of guard-page bounds for one signal, followed by its two landing stubs:
 * AArch64 code installed with `sigaction(SIGSEGV / SIGBUS, SA_SIGINFO | SA_ONSTACK)` as
 * `void handler(int sig, siginfo_t *info, ucontext_t *uc)` (AAPCS64: x0, x1, x2, return to x30).
 * It runs inside a signal: it calls nothing and touches only the engine's tables and the
 * interrupted context, in x3–x13 (x0–x2 and x30 stay as the kernel set them until it returns
 * or chains).
 *
 * It claims a fault only when the kernel raised it (si_code > 0) and the faulting pc is a
 * fault site of loaded code (the fault table: a linear scan of the directory's entries, then a
 * binary search of the entry's sorted u32 offsets). Then it sets the interrupted x30 to the
 * faulting pc and the pc to the landing stub, a trap stub that branches (`br`) to the trap
 * routine: the trap routine records x30 as the trap pc and x29 (the faulting function's frame:
 * every kiln frame keeps x29 and [x29-8] = vmctx after its prologue, and an access is never in
 * a prologue) as the trap fp, and ends the innermost entry with "out of bounds memory access".
 * Overwriting x30 loses nothing: the function never continues, and its caller's return
 * address is in its frame record.
 *
 * An instruction fetch that faults inside an entry (si_addr == pc) is an **interruption**
 * (loader/native/interrupt.ts makes the code non-executable): x30 = the pc, x0 = the entry's
 * trap record (vmctx-shaped: [record+8] = its runtime block), resume at the interrupt landing,
 * which ends the innermost entry with "interrupted" whatever the pc was.
 *
 * Any other fault goes to the handler installed before (`cells.previous`, its glibc struct
 * sigaction): a handler address is branched to with the same x0, x1, x2 and x30 (a plain
 * handler reads only the signal); for SIG_DFL (0) or SIG_IGN (1) the handler restores the
 * default disposition with a raw rt_sigaction and returns, so the access faults again and the
 * default action ends the process as if kiln's handler had never been there.
 */
export function faultHandler(cells: FaultHandlerCells, a = new Assembler()): Uint8Array {
  const m = new Emitter(a);
  const label = (): Label => a.newLabel();
  const bcond = (cond: Cond, target: Label): void => m.i({ kind: 'b_cond', cond, target });
  const b = (target: Label): void => m.i({ kind: 'b', target });
  const cbz = (rt: Gpr, target: Label): void => m.i({ kind: 'cbz', op: 'cbz', w: 64, rt, target });
  const add1 = (rd: Gpr, rn: Gpr): void => m.i({ kind: 'add_imm', op: 'add', w: 64, rd, rn, imm: addImm(1) });
  const adr = (rd: Gpr, target: Label): void => m.i({ kind: 'adr', rd, target });
  const count = (cell: number): void => {
    m.movAddr(X4, cell);
    m.ldr(X5, X4, 0);
    add1(X5, X5);
    m.str(X5, X4, 0);
  };
  const chain = label();
  const scan = label();
  const found = label();
  const search = label();
  const lower = label();
  const claim = label();
  const reset = label();
  const landing = label();
  const interrupted = label();
  const interruptLanding = label();

  m.ldr(X3, X1, SI_CODE, 32);
  m.i(cmpImm(32, X3, addImm(0)));
  bcond('le', chain); // sent by a process (kill, sigqueue, tgkill), not raised by an access
  m.ldr(X3, X2, UC_PC); // x3 = the faulting pc
  m.movAddr(X4, cells.root);
  m.ldr(X4, X4, 0);
  cbz(X4, chain);
  m.ldr(X5, X4, 0); // x5 = entries left
  m.i({ kind: 'add_imm', op: 'add', w: 64, rd: X6, rn: X4, imm: addImm(FAULT_DIR_HEADER) }); // x6 = the entry
  a.bind(scan);
  cbz(X5, chain);
  m.ldr(X7, X6, E_START);
  m.i({ kind: 'add_reg', op: 'sub', w: 64, rd: X7, rn: X3, rm: X7 }); // x7 = pc - start
  m.ldr(X8, X6, E_LENGTH);
  m.i(cmp(64, X7, X8));
  bcond('cc', found); // unsigned: start <= pc < start + length
  m.i({ kind: 'add_imm', op: 'add', w: 64, rd: X6, rn: X6, imm: addImm(FAULT_ENTRY) });
  m.i({ kind: 'add_imm', op: 'sub', w: 64, rd: X5, rn: X5, imm: addImm(1) });
  b(scan);

  // an instruction fetch that faulted: the code was made non-executable to interrupt it
  a.bind(found);
  m.ldr(X8, X1, SI_ADDR);
  m.i(cmp(64, X3, X8));
  bcond('eq', interrupted);
  // binary search of w7 among the entry's sorted u32 offsets: x11 = lo, x10 = hi, x12 = mid
  m.ldr(X9, X6, E_SITES);
  m.ldr(X10, X6, E_COUNT);
  m.movImm(X11, 0);
  a.bind(search);
  m.i(cmp(64, X11, X10));
  bcond('cs', chain);
  m.i({ kind: 'add_reg', op: 'add', w: 64, rd: X12, rn: X11, rm: X10 });
  m.i(lsrImm(64, X12, X12, 1));
  m.i({ kind: 'ldst', op: 'ldr', w: 32, rt: X13, addr: memIndex(X9, X12, 'lsl', true) });
  m.i(cmp(32, X7, X13));
  bcond('eq', claim);
  bcond('cc', lower);
  add1(X11, X12);
  b(search);
  a.bind(lower);
  m.mov(X10, X12);
  b(search);

  // x30 = the faulting pc (the trap pc), resume at the landing stub
  a.bind(claim);
  m.str(X3, X2, UC_X30);
  adr(X4, landing);
  m.str(X4, X2, UC_PC);
  count(cells.claimed);
  m.ret();

  // an interruption: x30 = the pc, x0 = the runtime's trap record, resume at the interrupt landing
  a.bind(interrupted);
  m.str(X3, X2, UC_X30);
  m.ldr(X4, X6, E_RECORD);
  m.str(X4, X2, UC_REGS + 8 * 0);
  adr(X4, interruptLanding);
  m.str(X4, X2, UC_PC);
  m.ret();

  // not ours: the previous handler
  a.bind(chain);
  count(cells.chained);
  m.movAddr(X4, cells.previous);
  m.ldr(X5, X4, 0);
  m.i(cmpImm(64, X5, addImm(1)));
  bcond('ls', reset); // SIG_DFL (0) or SIG_IGN (1)
  // sa_sigaction(sig, info, uc), or sa_handler(sig), which ignores the other two registers
  m.br(X5);
  a.bind(reset);
  // rt_sigaction(sig, &{SIG_DFL}, NULL, 8); then return and fault again
  m.movAddr(X1, cells.defaultAction);
  m.movImm(X2, 0);
  m.movImm(X3, 8);
  m.movImm(X8, SYS_RT_SIGACTION);
  m.i({ kind: 'svc', imm: imm16(0) });
  m.ret();

  // the landing stub: a trap stub whose x30 (the faulting pc) the handler set
  a.align(16, 'udf');
  a.bind(landing);
  m.ldr(X0, X29, VMCTX_SLOT);
  m.movImm(X1, TrapCode.HeapOutOfBounds + 1, 32);
  trapJump(m);

  // the interrupt landing: a trap stub for "interrupted" whose vmctx-shaped record (x0) and
  // x30 (the interrupted pc) the handler set
  a.align(16, 'udf');
  a.bind(interruptLanding);
  m.movImm(X1, TrapCode.Interrupted + 1, 32);
  trapJump(m);
  return a.finish().code;
}

/** with x0 a vmctx-shaped record and w1 the code: branch to the trap routine, keeping x30 */
function trapJump(m: Emitter): void {
  m.ldr(X16, X0, 8);
  m.ldr(X16, X16, RT.trapRoutine);
  m.br(X16);
}

export const aarch64Native: NativeIsa = {
  isa: 'aarch64',
  hostExceptionCode: HOST_EXCEPTION_CODE,
  exitSaved: EXIT_SAVED,
  sigaction: { size: SIGACTION_SIZE, flagsAt: SA_FLAGS_AT, kernelSize: KERNEL_SIGACTION_SIZE, saSiginfo: SA_SIGINFO, saOnstack: SA_ONSTACK },
  trampoline: (kind, type) => (kind === 'entry' ? entryTrampoline : exitTrampoline)(type.params, type.results),
  trapRoutine: () => trapRoutine(),
  runtimeWrapper: (runtimeBlock, callback) => runtimeWrapper(runtimeBlock, callback),
  faultHandler: (cells) => faultHandler(cells),
  cacheSync: () => cacheSyncRoutine(),
};
