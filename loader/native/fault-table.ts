/**
 * The fault table the guard-page fault handler reads (targets/<isa>/fault-handler.ts has the
 * layout): one entry per loaded module — its functions' code region [start, start + length),
 * the region offsets of its fault sites, sorted, and its runtime's trap record — in calloc'd
 * native memory. The same entries are the code an interruption makes non-executable
 * (interrupt.ts), read by the interrupting thread.
 *
 * The handler may read the table at any moment, from any thread (a fault on another thread
 * passes through every kiln handler of the process before it reaches V8's), while this thread
 * adds to it. So the table only grows, and every change becomes visible by one atomic 8-byte
 * store after the data it publishes: a new entry is written and then counted; a full directory
 * is copied into one twice as large, which is then stored in the root. Nothing the handler can
 * reach is ever freed (old directories are kept: at most as many bytes as the current one).
 */

import { NativeBlock } from './native-mem.js';
import { FAULT_DIR_HEADER, FAULT_ENTRY } from '../../targets/native-isa.js';

const FIRST_CAPACITY = 16;

export class FaultTable {
  /** 8 bytes: the directory's address (0 while empty); the handler embeds this cell's address */
  readonly root: NativeBlock;
  private dir: NativeBlock | null = null;
  private count = 0;
  private capacity = 0;
  /** every block the handler may reach, kept alive (and never freed) */
  private readonly kept: NativeBlock[] = [];
  private sites = 0;

  constructor() {
    this.root = new NativeBlock(8, 'the fault table root');
  }

  /**
   * registers code at [start, start + length) with fault sites at `offsets` from start, which
   * must be sorted and unique (the handler searches them by halving): the compiler emits them
   * in order (linker/link.ts checks), an artifact's are covered by its header digest
   */
  add(start: number, length: number, offsets: Uint32Array, record: number): void {
    const sites = new NativeBlock(4 * Math.max(offsets.length, 1), 'fault sites');
    new Uint32Array(sites.buffer, 0, offsets.length).set(offsets);
    this.kept.push(sites);
    if (this.count === this.capacity) this.regrow();
    const dir = this.dir as NativeBlock;
    const at = FAULT_DIR_HEADER + FAULT_ENTRY * this.count;
    dir.setWord(at, start);
    dir.setWord(at + 8, length);
    dir.setWord(at + 16, sites.addr);
    dir.setWord(at + 24, offsets.length);
    dir.setWord(at + 32, record);
    this.count++;
    publish(dir, 0, this.count);
    this.sites += offsets.length;
  }

  /** registered modules */
  get entries(): number {
    return this.count;
  }

  /** [start, length] of every registered module's code */
  ranges(): Array<readonly [number, number]> {
    const out: Array<readonly [number, number]> = [];
    const dir = this.dir;
    for (let k = 0; k < this.count && dir !== null; k++) {
      const at = FAULT_DIR_HEADER + FAULT_ENTRY * k;
      out.push([dir.word(at), dir.word(at + 8)]);
    }
    return out;
  }

  /** registered fault sites */
  get siteCount(): number {
    return this.sites;
  }

  private regrow(): void {
    const capacity = Math.max(FIRST_CAPACITY, 2 * this.capacity);
    const next = new NativeBlock(FAULT_DIR_HEADER + FAULT_ENTRY * capacity, 'the fault table');
    if (this.dir !== null) {
      new Uint8Array(next.buffer).set(new Uint8Array(this.dir.buffer, 0, FAULT_DIR_HEADER + FAULT_ENTRY * this.count));
    }
    next.setWord(8, capacity);
    this.kept.push(next);
    this.dir = next;
    this.capacity = capacity;
    publish(this.root, 0, next.addr);
  }
}

/** one atomic (sequentially consistent) 8-byte store of v at byte `off` of block b */
function publish(b: NativeBlock, off: number, v: number): void {
  Atomics.store(new BigUint64Array(b.buffer, off, 1), 0, BigInt(v));
}
