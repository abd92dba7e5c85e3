/**
 * Guard-page bounds on this thread (docs/native.md, "Guard pages"): kiln's fault handler
 * (the host ISA's, targets/native-isas.ts) installed for SIGSEGV and SIGBUS with
 * `sigaction(SA_SIGINFO | SA_ONSTACK)`, chained to whatever was installed before, and an
 * alternate signal stack for the thread when it has none.
 *
 * One handler per thread that runs native code (each NativeRuntime has its own fault table
 * and code): installing swaps the process-wide disposition atomically (sigaction returns the
 * one it replaced, which becomes this handler's "previous"), so handlers of several threads
 * form a chain that ends at Node's (V8's wasm trap handler) and each claims only faults in its
 * own code. The "previous" cell is filled by a query first and then by the swap itself, so a
 * fault on another thread during the swap still finds a valid handler there.
 *
 * Guard mode also needs the 8 GiB reservation per memory: `probeReservation` tries one.
 */

import { errnoCode, lastErrno, libc, PROT_NONE, PROT_READ, PROT_WRITE, SIGBUS, SIGSEGV, SS_DISABLE } from '../sys/libc.js';
import { hostNativeIsa } from '../../targets/native-isas.js';
import { CodeRegionBuilder, type CodeRegion } from './code-region.js';
import { FaultTable } from './fault-table.js';
import { MEMORY_RESERVE } from './memory.js';
import { NativeBlock, OS_PAGE, mapPages, protectPages, tryMapPages, unmapPages } from './native-mem.js';

/** the alternate signal stack kiln gives a thread that has none (xsave state of large vector units fits) */
export const ALT_STACK_SIZE = 64 * 1024;
/** stack_t: ss_sp, ss_flags (int, padded), ss_size */
const STACK_T = 24;

export const GUARD_SIGNALS: readonly number[] = [SIGSEGV, SIGBUS];

/** a working fault handler on this thread */
export class GuardHandler {
  readonly table: FaultTable;
  /** [0] faults claimed, [8] faults passed on to the previous handler */
  private readonly counters: NativeBlock;
  /** the code (kept: the kernel jumps into it for the life of the process) */
  readonly region: CodeRegion;
  /** true when kiln installed this thread's alternate signal stack */
  readonly ownAltStack: boolean;

  private constructor(region: CodeRegion, counters: NativeBlock, table: FaultTable, ownAltStack: boolean) {
    this.region = region;
    this.counters = counters;
    this.table = table;
    this.ownAltStack = ownAltStack;
  }

  /** faults this thread's handler has turned into traps */
  get claimed(): number {
    return this.counters.word(0);
  }

  /** faults this thread's handler passed on (they may have happened on any thread) */
  get chained(): number {
    return this.counters.word(8);
  }

  /** installs the handler for SIGSEGV and SIGBUS; a reason string when it cannot */
  static install(): GuardHandler | string {
    const c = libc();
    const isa = hostNativeIsa();
    const sa = isa.sigaction;
    const table = new FaultTable();
    const counters = new NativeBlock(16, 'the fault counters');
    const defaultAction = new NativeBlock(sa.kernelSize, 'SIG_DFL');
    const previous = GUARD_SIGNALS.map(() => new NativeBlock(sa.size, 'a previous signal action'));
    for (const [k, sig] of GUARD_SIGNALS.entries()) {
      if (c.sigaction(sig, 0, (previous[k] as NativeBlock).addr) !== 0) return `sigaction(${sig}) query failed: ${errnoCode(lastErrno())}`;
    }
    const altStack = ensureAltStack();
    if (typeof altStack === 'string') return altStack;
    const b = new CodeRegionBuilder();
    const at = previous.map((p) => b.add(isa.faultHandler({ root: table.root.addr, previous: p.addr, claimed: counters.addr, chained: counters.addr + 8, defaultAction: defaultAction.addr })));
    const region = b.seal('the fault handler');
    const act = new NativeBlock(sa.size, 'a signal action');
    for (const [k, sig] of GUARD_SIGNALS.entries()) {
      act.setWord(0, region.base + (at[k] as number));
      act.dv.setInt32(sa.flagsAt, sa.saSiginfo | sa.saOnstack, true);
      if (c.sigaction(sig, act.addr, (previous[k] as NativeBlock).addr) !== 0) return `sigaction(${sig}) failed: ${errnoCode(lastErrno())}`;
    }
    return new GuardHandler(region, counters, table, altStack);
  }
}

/** gives this thread an alternate signal stack unless it has one; true when kiln made it */
function ensureAltStack(): boolean | string {
  const c = libc();
  const ss = new NativeBlock(STACK_T, 'a stack_t');
  if (c.sigaltstack(0, ss.addr) !== 0) return `sigaltstack query failed: ${errnoCode(lastErrno())}`;
  if ((ss.dv.getInt32(8, true) & SS_DISABLE) === 0) return false;
  // a PROT_NONE page below the stack catches an overflowing handler
  const base = mapPages(ALT_STACK_SIZE + OS_PAGE, PROT_NONE, 'the alternate signal stack');
  if (!protectPages(base + OS_PAGE, ALT_STACK_SIZE, PROT_READ | PROT_WRITE)) return 'cannot map the alternate signal stack';
  ss.setWord(0, base + OS_PAGE);
  ss.dv.setInt32(8, 0, true);
  ss.setWord(16, ALT_STACK_SIZE);
  if (c.sigaltstack(ss.addr, 0) !== 0) return `sigaltstack failed: ${errnoCode(lastErrno())}`;
  return true;
}

/** null when one memory's 8 GiB reservation can be made now, else why not */
export function probeReservation(): string | null {
  const addr = tryMapPages(MEMORY_RESERVE, PROT_NONE);
  if (addr === null) return `cannot reserve ${MEMORY_RESERVE / 2 ** 30} GiB of address space for a memory: ${errnoCode(lastErrno())}`;
  unmapPages(addr, MEMORY_RESERVE);
  return null;
}
