/**
 * The AArch64 instruction-cache synchronisation routine (design.md, "W^X and ARM64 caches"):
 * after code is written through the data side and before it runs, each line of the range is
 * cleaned from the data cache to the point of unification and then invalidated in the
 * instruction cache (Arm ARM DDI 0487, B2.4.4 "Instruction cache maintenance": the sequence
 * for self-modifying code).
 *
 * `void sync(ptr start, size_t length)` under AAPCS64 (x0 = start, x1 = length), position
 * independent, leaf, using only the caller-saved x0-x6:
 *
 *     cbz   x1, done            ; nothing to do
 *     mrs   x3, ctr_el0         ; cache type register
 *     mov   x5, #4              ; line size in bytes = 4 << log2(words)
 *     add   x1, x0, x1          ; end of the range
 *     ubfx  x4, x3, #16, #4     ; DminLine (bits 19:16)
 *     lsl   x4, x5, x4
 *     sub   x6, x4, #1
 *     bic   x2, x0, x6          ; start rounded down to a data line
 *   d: dc    cvau, x2
 *     add   x2, x2, x4
 *     cmp   x2, x1
 *     b.cc  d
 *     dsb   ish                 ; cleans complete before the invalidations
 *     and   x4, x3, #0xf        ; IminLine (bits 3:0)
 *     lsl   x4, x5, x4
 *     sub   x6, x4, #1
 *     bic   x2, x0, x6          ; start rounded down to an instruction line
 *   i: ic    ivau, x2
 *     add   x2, x2, x4
 *     cmp   x2, x1
 *     b.cc  i
 *     dsb   ish                 ; invalidations complete
 *     isb                       ; this core refetches
 *  done: ret
 *
 * CTR_EL0 is readable at EL0 on Linux (SCTLR_EL1.UCT is set, or the kernel emulates the read).
 * The lines are the smallest of any cache in the system, so stepping by them reaches every
 * line of every cache. Other cores synchronise themselves: `ic ivau` is broadcast to the inner
 * shareable domain, and a thread that migrates passes through the kernel's context switch,
 * which is a context synchronisation event.
 */

import { ret } from './alias.js';
import { Assembler } from './asm.js';
import { addImm, imm16, logicalImm64, shiftAmount } from './imm.js';
import type { Label } from './operands.js';
import { X0, X1, X2, X3, X4, X5, X6, XZR } from './regs.js';

let cached: Uint8Array | null = null;

/** The routine's machine code (the same bytes every call; callers copy it where they run it). */
export function cacheSyncRoutine(): Uint8Array {
  if (cached === null) cached = assemble();
  return cached.slice();
}

function assemble(): Uint8Array {
  const a = new Assembler();
  const done = a.newLabel();
  const dLoop = a.newLabel();
  const iLoop = a.newLabel();
  a.emit({ kind: 'cbz', op: 'cbz', w: 64, rt: X1, target: done });
  a.emit({ kind: 'mrs', rt: X3, reg: 'ctr_el0' });
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X5, imm: imm16(4), shift: 0 });
  a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X1, rn: X0, rm: X1 });
  // data side: ubfx x4, x3, #16, #4 is ubfm x4, x3, #16, #19
  a.emit({ kind: 'bitfield', op: 'ubfm', w: 64, rd: X4, rn: X3, immr: shiftAmount(16, 64), imms: shiftAmount(19, 64) });
  lineLoop(a, dLoop, 'dc_cvau');
  // instruction side: and x4, x3, #0xf
  a.emit({ kind: 'logic_imm', op: 'and', w: 64, rd: X4, rn: X3, imm: logicalImm64(0xfn) });
  lineLoop(a, iLoop, 'ic_ivau');
  a.emit({ kind: 'isb' });
  a.bind(done);
  a.emit(ret());
  return a.finish().code;
}

/** x4 = 4 << x4 (the line size), x2 = x0 rounded down to it, then the maintenance loop to x1 and dsb ish */
function lineLoop(a: Assembler, loop: Label, op: 'dc_cvau' | 'ic_ivau'): void {
  a.emit({ kind: 'dp2', op: 'lslv', w: 64, rd: X4, rn: X5, rm: X4 });
  a.emit({ kind: 'add_imm', op: 'sub', w: 64, rd: X6, rn: X4, imm: addImm(1) });
  a.emit({ kind: 'logic_reg', op: 'bic', w: 64, rd: X2, rn: X0, rm: X6 });
  a.bind(loop);
  a.emit({ kind: 'cache', op, rt: X2 });
  a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X2, rn: X2, rm: X4 });
  a.emit({ kind: 'add_reg', op: 'subs', w: 64, rd: XZR, rn: X2, rm: X1 });
  a.emit({ kind: 'b_cond', cond: 'cc', target: loop });
  a.emit({ kind: 'barrier', op: 'dsb', option: 'ish' });
}
