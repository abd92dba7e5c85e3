/**
 * The fault handler of guard-page bounds (design.md, "Linear memory and bounds"): x86-64
 * machine code installed with `sigaction(SIGSEGV / SIGBUS, SA_SIGINFO | SA_ONSTACK)` as
 * `void handler(int sig, siginfo_t *info, ucontext_t *uc)` (System V C ABI). It runs inside a
 * signal, so it calls nothing, allocates nothing and touches only the engine's tables and the
 * interrupted context.
 *
 * It claims a fault only when the kernel raised it (si_code > 0) and the faulting pc is a
 * fault site of loaded code, looked up in the engine's fault table (loader/native/fault-table.ts):
 *
 *     [root]        → directory, or 0
 *     directory     = count, capacity, then `count` entries of 5 words:
 *                     start, length, sites (address of sorted u32 offsets from start), site
 *                     count, the trap record of the entry's runtime ([record+8] = its block)
 *
 * An instruction fetch that faults inside an entry (si_addr == pc) is an **interruption**: to
 * interrupt a thread, its code is made non-executable (loader/native/interrupt.ts), so the next
 * instruction it fetches there faults. The handler resumes at the interrupt landing below with
 * the faulting pc pushed as the return address and rdi = the entry's trap record: the trap
 * routine ends the innermost entry with "interrupted", whatever the pc was (it unwinds to the
 * entry frame; nothing returns to the interrupted code).
 *
 * The directory is scanned linearly (one entry per loaded module); the sites of the matching
 * entry are binary-searched. A claimed fault resumes, once the handler returns, at the landing
 * stub below with a return address pushed on the interrupted stack: the faulting pc. The
 * landing stub is a trap stub (docs/native-abi.md, "Traps") that jumps instead of calling, so
 * the trap routine records the faulting pc as the trap pc and rbp as the trap fp, and ends the
 * innermost entry with "out of bounds memory access". Every kiln frame keeps rbp and the
 * vmctx at [rbp-8], and an access is never in a prologue, so rbp is the faulting function's.
 *
 * Any other fault goes to the handler that was installed before (its `struct sigaction`, as
 * `sigaction` returned it, in a cell the engine owns): a SA_SIGINFO handler is jumped to with
 * the same three arguments, and so is a plain one (it reads only the first: the signal); for
 * SIG_DFL or SIG_IGN the handler restores the default disposition (rt_sigaction, a raw system
 * call: no libc in a signal) and returns, so the access faults again and the default action
 * (core dump) ends the process as if kiln's handler had never been there.
 *
 * Layouts (Linux x86-64, glibc): ucontext_t.uc_mcontext.gregs starts at byte 40, REG_RSP = 15,
 * REG_RIP = 16; siginfo_t.si_code at byte 8; glibc's struct sigaction: handler at 0, sa_flags
 * (int) at 136; the kernel's struct sigaction (rt_sigaction): handler, flags, restorer, mask.
 */

import { TrapCode } from '../../compiler/ir/traps.js';
import { FAULT_DIR_HEADER, FAULT_ENTRY, type FaultHandlerCells } from '../native-isa.js';
import { RT, VMCTX_SLOT } from './abi.js';
import { Assembler } from './asm.js';
import { imm32, imm64, uimm8 } from './imm.js';
import type { Inst } from './inst.js';
import { mem, memIndex, ripLabel } from './operands.js';
import { R10, R11, R8, R9, RAX, RBP, RCX, RDI, RDX, RSI, type Gpr } from './regs.js';

/** byte offsets in ucontext_t (Linux x86-64): uc_mcontext.gregs[REG_RSP], gregs[REG_RIP] */
export const UC_RSP = 40 + 8 * 15;
export const UC_RIP = 40 + 8 * 16;
/** siginfo_t.si_code, si_addr */
const SI_CODE = 8;
const SI_ADDR = 16;
/** ucontext_t gregs[REG_RDI] */
export const UC_RDI = 40 + 8 * 8;
/** glibc struct sigaction: sa_flags, and the whole size */
export const SA_FLAGS_AT = 136;
export const SIGACTION_SIZE = 152;
/** the kernel's struct sigaction (rt_sigaction): handler, flags, restorer, 8-byte mask */
export const KERNEL_SIGACTION_SIZE = 32;
export const SA_SIGINFO = 4;
export const SA_ONSTACK = 0x08000000;
/** Linux x86-64 system call numbers */
const SYS_RT_SIGACTION = 13;



/** the handler for one signal (its own `previous` cell) followed by its landing stub */
export function faultHandler(cells: FaultHandlerCells): Uint8Array {
  const a = new Assembler();
  const i = (inst: Inst): void => a.emit(inst);
  const movabs = (dst: Gpr, v: number): void => i({ kind: 'movabs', dst, imm: imm64(BigInt(v)) });
  const chain = a.newLabel();
  const scan = a.newLabel();
  const found = a.newLabel();
  const search = a.newLabel();
  const lower = a.newLabel();
  const claim = a.newLabel();
  const reset = a.newLabel();
  const landing = a.newLabel();
  const interrupted = a.newLabel();
  const interruptLanding = a.newLabel();
  const jcc = (cc: 'le' | 'e' | 'ne' | 'b' | 'ae' | 'be', target: typeof chain): void => i({ kind: 'jcc', cc, target, short: false });
  const jmp = (target: typeof chain): void => i({ kind: 'jmp', target, short: false });

  // rdi, rsi, rdx stay untouched until the handler returns or chains
  i({ kind: 'alu_imm', op: 'cmp', w: 32, dst: mem(RSI, SI_CODE), imm: imm32(0) });
  jcc('le', chain); // sent by a process (kill, sigqueue, tgkill), not raised by an access
  i({ kind: 'mov', w: 64, dst: RAX, src: mem(RDX, UC_RIP) }); // the faulting pc
  movabs(R8, cells.root);
  i({ kind: 'mov', w: 64, dst: R8, src: mem(R8) });
  i({ kind: 'alu', op: 'test', w: 64, dst: R8, src: R8 });
  jcc('e', chain);
  i({ kind: 'mov', w: 64, dst: RCX, src: mem(R8) }); // entry count
  i({ kind: 'lea', w: 64, dst: R9, src: mem(R8, FAULT_DIR_HEADER) });
  a.bind(scan);
  i({ kind: 'alu', op: 'test', w: 64, dst: RCX, src: RCX });
  jcc('e', chain);
  i({ kind: 'mov', w: 64, dst: R10, src: RAX });
  i({ kind: 'alu', op: 'sub', w: 64, dst: R10, src: mem(R9) }); // pc - start
  i({ kind: 'alu', op: 'cmp', w: 64, dst: R10, src: mem(R9, 8) });
  jcc('b', found); // unsigned: start <= pc < start + length
  i({ kind: 'alu_imm', op: 'add', w: 64, dst: R9, imm: imm32(FAULT_ENTRY) });
  i({ kind: 'alu_imm', op: 'sub', w: 64, dst: RCX, imm: imm32(1) });
  jmp(scan);

  // an instruction fetch that faulted: the code was made non-executable to interrupt it
  a.bind(found);
  i({ kind: 'alu', op: 'cmp', w: 64, dst: RAX, src: mem(RSI, SI_ADDR) });
  jcc('e', interrupted);
  // binary search of r10d among the entry's sorted u32 offsets: rcx = lo, r8 = hi, r9 = mid
  i({ kind: 'mov', w: 64, dst: R11, src: mem(R9, 16) });
  i({ kind: 'mov', w: 64, dst: R8, src: mem(R9, 24) });
  i({ kind: 'alu', op: 'xor', w: 32, dst: RCX, src: RCX });
  a.bind(search);
  i({ kind: 'alu', op: 'cmp', w: 64, dst: RCX, src: R8 });
  jcc('ae', chain);
  i({ kind: 'lea', w: 64, dst: R9, src: memIndex(RCX, R8, 1) });
  i({ kind: 'shift', op: 'shr', w: 64, dst: R9, count: uimm8(1) });
  i({ kind: 'alu', op: 'cmp', w: 32, dst: R10, src: memIndex(R11, R9, 4) });
  jcc('e', claim);
  jcc('b', lower);
  i({ kind: 'lea', w: 64, dst: RCX, src: mem(R9, 1) });
  jmp(search);
  a.bind(lower);
  i({ kind: 'mov', w: 64, dst: R8, src: R9 });
  jmp(search);

  // push the faulting pc on the interrupted stack (below rsp: the kernel's signal frame, if it
  // is on this stack, lies below the 128-byte red zone) and resume at the landing stub
  a.bind(claim);
  i({ kind: 'mov', w: 64, dst: R8, src: mem(RDX, UC_RSP) });
  i({ kind: 'alu_imm', op: 'sub', w: 64, dst: R8, imm: imm32(8) });
  i({ kind: 'store', w: 64, dst: mem(R8), src: RAX });
  i({ kind: 'store', w: 64, dst: mem(RDX, UC_RSP), src: R8 });
  i({ kind: 'lea', w: 64, dst: R8, src: ripLabel(landing) });
  i({ kind: 'store', w: 64, dst: mem(RDX, UC_RIP), src: R8 });
  movabs(R8, cells.claimed);
  i({ kind: 'alu_imm', op: 'add', w: 64, dst: mem(R8), imm: imm32(1) });
  i({ kind: 'ret' });

  // an interruption: push the pc, rdi = the runtime's trap record, resume at the interrupt landing
  a.bind(interrupted);
  i({ kind: 'mov', w: 64, dst: R8, src: mem(RDX, UC_RSP) });
  i({ kind: 'alu_imm', op: 'sub', w: 64, dst: R8, imm: imm32(8) });
  i({ kind: 'store', w: 64, dst: mem(R8), src: RAX });
  i({ kind: 'store', w: 64, dst: mem(RDX, UC_RSP), src: R8 });
  i({ kind: 'mov', w: 64, dst: R8, src: mem(R9, 32) });
  i({ kind: 'store', w: 64, dst: mem(RDX, UC_RDI), src: R8 });
  i({ kind: 'lea', w: 64, dst: R8, src: ripLabel(interruptLanding) });
  i({ kind: 'store', w: 64, dst: mem(RDX, UC_RIP), src: R8 });
  i({ kind: 'ret' });

  // not ours: the previous handler
  a.bind(chain);
  movabs(R8, cells.chained);
  i({ kind: 'alu_imm', op: 'add', w: 64, dst: mem(R8), imm: imm32(1) });
  movabs(R8, cells.previous);
  i({ kind: 'mov', w: 64, dst: RAX, src: mem(R8) });
  i({ kind: 'alu_imm', op: 'cmp', w: 64, dst: RAX, imm: imm32(1) });
  jcc('be', reset); // SIG_DFL (0) or SIG_IGN (1)
  // sa_sigaction(sig, info, uc), or sa_handler(sig), which ignores the other two registers
  i({ kind: 'jmp_ind', target: RAX });
  a.bind(reset);
  // rt_sigaction(sig, &{SIG_DFL}, NULL, 8); then return and fault again
  movabs(RSI, cells.defaultAction);
  i({ kind: 'alu', op: 'xor', w: 32, dst: RDX, src: RDX });
  i({ kind: 'mov_imm', w: 32, dst: R10, imm: imm32(8) });
  i({ kind: 'mov_imm', w: 32, dst: RAX, imm: imm32(SYS_RT_SIGACTION) });
  syscall(a);
  i({ kind: 'ret' });

  // the landing stub: a trap stub whose return address the handler pushed
  a.align(16, 'int3');
  a.bind(landing);
  i({ kind: 'mov', w: 64, dst: RDI, src: mem(RBP, VMCTX_SLOT) });
  i({ kind: 'mov_imm', w: 32, dst: RSI, imm: imm32(TrapCode.HeapOutOfBounds + 1) });
  i({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 8) });
  i({ kind: 'jmp_ind', target: mem(RAX, RT.trapRoutine) });

  // the interrupt landing: a trap stub for "interrupted" whose vmctx-shaped record (rdi) and
  // return address (the interrupted pc) the handler set
  a.align(16, 'int3');
  a.bind(interruptLanding);
  i({ kind: 'mov_imm', w: 32, dst: RSI, imm: imm32(TrapCode.Interrupted + 1) });
  i({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 8) });
  i({ kind: 'jmp_ind', target: mem(RAX, RT.trapRoutine) });
  return a.finish().code;
}

/** SYSCALL (Intel SDM vol. 2B, "SYSCALL—Fast System Call": 0F 05); the only use of it in kiln */
function syscall(a: Assembler): void {
  a.buf.u8(0x0f);
  a.buf.u8(0x05);
}
