/**
 * The header digest: SHA-256 over the module metadata (`.kiln.meta`) and every table — the
 * function table (where each function's code is in `.text`, and its runs in the other
 * tables), the trap sites, the fault sites, the address map and the stack maps with the saved
 * registers, the trampolines — each as its u32 byte length and then its bytes, in that order. The writer stores
 * it in `.kiln.header`; the loader recomputes it from the sections it read.
 *
 * The checksum finds damage; the digest finds sections that no longer belong together when the
 * checksum was recomputed. The metadata fixes the VM-context layout, the signatures and the
 * segment indices the code was compiled against, and the tables are statements about the
 * machine code that no structural check can verify without decoding it — a fault site moved
 * to another instruction would leave a real out-of-bounds access unclaimed by the fault
 * handler, a moved offset would enter a function in the middle, a stack map naming the wrong
 * slot would let a collection free a live externref handle. So rewritten metadata or tables
 * are `corrupt`, and the loader reads table entries only when it needs them (a trap, a
 * backtrace, a collection), not one by one at load.
 */

import { createHash } from 'node:crypto';

export const DIGEST_SIZE = 32;

/** the sections the header digest covers, as they are in the file */
export interface DigestedSections {
  readonly meta: Uint8Array;
  readonly funcs: Uint8Array;
  readonly traps: Uint8Array;
  readonly faults: Uint8Array;
  readonly addrmap: Uint8Array;
  readonly stackmaps: Uint8Array;
  readonly tramps: Uint8Array;
}

export function headerDigest(t: DigestedSections): Uint8Array {
  const h = createHash('sha256');
  const len = new Uint8Array(4);
  const dv = new DataView(len.buffer);
  for (const part of [t.meta, t.funcs, t.traps, t.faults, t.addrmap, t.stackmaps, t.tramps]) {
    dv.setUint32(0, part.length, true);
    h.update(len);
    h.update(part);
  }
  return new Uint8Array(h.digest());
}
