/**
 * `smoke`: the in-process native path on AArch64. koffi's arm64 build loads; AArch64
 * functions assembled with targets/aarch64/asm.ts are written into read-write pages (the
 * loader's own libc and native-memory modules), synchronised for instruction fetch with
 * targets/aarch64/cache-sync.ts's routine, made read-execute and called through koffi: an
 * addition, a loop, a call back into JS through a koffi callback, and code rewritten in place.
 * W^X is checked from /proc/self/maps, which qemu-user emulates: it lists the guest's own
 * mappings with the protections the guest asked for.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapPages, OS_PAGE, pageAlign, protectPages, unmapPages, viewOf } from '../../../loader/native/native-mem.js';
import { libc, PROT_EXEC, PROT_READ, PROT_WRITE } from '../../../loader/sys/libc.js';
import { ret } from '../../../targets/aarch64/alias.js';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { cacheSyncRoutine } from '../../../targets/aarch64/cache-sync.js';
import { addImm, imm16 } from '../../../targets/aarch64/imm.js';
import { pairAddr } from '../../../targets/aarch64/operands.js';
import { SP, X0, X1, X2, X29, X30, XZR } from '../../../targets/aarch64/regs.js';
import { repoRoot } from '../../support/testsuite.js';
import { equal, ok, type Reporter, type Suite } from '../check.js';

type Koffi = ReturnType<typeof libc>['koffi'];

/** x0 + x1 */
function addFn(): Uint8Array {
  const a = new Assembler();
  a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X0, rn: X0, rm: X1 });
  a.emit(ret());
  return a.finish().code;
}

/** 1 + 2 + ... + x0 (0 for 0), by a count-down loop */
function sumFn(): Uint8Array {
  const a = new Assembler();
  const loop = a.newLabel();
  const done = a.newLabel();
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X1, imm: imm16(0), shift: 0 });
  a.emit({ kind: 'cbz', op: 'cbz', w: 64, rt: X0, target: done });
  a.bind(loop);
  a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X1, rn: X1, rm: X0 });
  a.emit({ kind: 'add_imm', op: 'subs', w: 64, rd: X0, rn: X0, imm: addImm(1) });
  a.emit({ kind: 'b_cond', cond: 'ne', target: loop });
  a.bind(done);
  a.emit({ kind: 'logic_reg', op: 'orr', w: 64, rd: X0, rn: XZR, rm: X1 }); // mov x0, x1
  a.emit(ret());
  return a.finish().code;
}

/** cb(x) + 1 for `int64_t f(int64_t (*cb)(int64_t), int64_t x)`, with a frame record around the call */
function callbackFn(): Uint8Array {
  const a = new Assembler();
  a.emit({ kind: 'ldst_pair', op: 'stp', w: 64, rt: X29, rt2: X30, addr: pairAddr('pre', SP, -16, 8) });
  a.emit({ kind: 'add_imm', op: 'add', w: 64, rd: X29, rn: SP, imm: addImm(0) }); // mov x29, sp
  a.emit({ kind: 'logic_reg', op: 'orr', w: 64, rd: X2, rn: XZR, rm: X0 });
  a.emit({ kind: 'logic_reg', op: 'orr', w: 64, rd: X0, rn: XZR, rm: X1 });
  a.emit({ kind: 'br', op: 'blr', rn: X2 });
  a.emit({ kind: 'add_imm', op: 'add', w: 64, rd: X0, rn: X0, imm: addImm(1) });
  a.emit({ kind: 'ldst_pair', op: 'ldp', w: 64, rt: X29, rt2: X30, addr: pairAddr('post', SP, 16, 8) });
  a.emit(ret());
  return a.finish().code;
}

/** x0 = value (16 bits), ret */
function constFn(value: number): Uint8Array {
  const a = new Assembler();
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X0, imm: imm16(value), shift: 0 });
  a.emit(ret());
  return a.finish().code;
}

interface Mapping {
  readonly lo: number;
  readonly hi: number;
  readonly perms: string;
  readonly line: string;
}

function maps(): Mapping[] {
  const out: Mapping[] = [];
  for (const line of readFileSync('/proc/self/maps', 'utf8').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S{4})/.exec(line);
    if (m !== null) out.push({ lo: parseInt(m[1]!, 16), hi: parseInt(m[2]!, 16), perms: m[3]!, line });
  }
  return out;
}

/** the mapping lines that overlap [addr, addr + len) */
const mappingsOf = (addr: number, len: number): Mapping[] => maps().filter((m) => m.lo < addr + len && addr < m.hi);

/** Pages written RW, synchronised, then switched to RX. */
class CodePages {
  readonly addr: number;
  readonly len: number;
  private used = 0;

  constructor(len: number) {
    this.len = pageAlign(len);
    this.addr = mapPages(this.len, PROT_READ | PROT_WRITE, 'smoke test code');
  }

  /** copies `code` in (16-byte aligned) and returns its address */
  put(code: Uint8Array): number {
    const at = this.used;
    new Uint8Array(viewOf(this.addr, this.len)).set(code, at);
    this.used = Math.ceil((at + code.length) / 16) * 16;
    return this.addr + at;
  }

  protect(prot: number): void {
    ok(protectPages(this.addr, this.len, prot), `mprotect(${prot}) of the code pages`);
  }

  free(): void {
    unmapPages(this.addr, this.len);
  }
}

export const suite: Suite = {
  description: 'koffi arm64 loads; assembled AArch64 code runs from W^X pages after cache synchronisation',
  async run(t: Reporter): Promise<void> {
    // V8's JIT code space is mapped rwx by Node 20 itself (on x86-64 too), before kiln maps anything
    const rwxAtStart = maps().filter((m) => m.perms === 'rwxp');
    t.note(`rwx mappings at start (V8's code space): ${rwxAtStart.map((m) => m.line.split(' ')[0]).join(', ') || 'none'}`);
    let k: Koffi | null = null;
    let sync: ((start: number, length: number) => void) | null = null;
    let syncPage: CodePages | null = null;

    await t.test('runs on an arm64 Node', () => {
      equal(process.arch, 'arm64', 'process.arch');
    });

    await t.test('koffi loads its arm64 build, the version package.json pins', () => {
      k = libc().koffi;
      const pinned = (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['koffi'];
      equal(k.version, pinned, 'koffi.version');
    });
    if (k === null) return;
    const koffi: Koffi = k;

    await t.test('the cache synchronisation routine runs from its own read-execute page', () => {
      const code = cacheSyncRoutine();
      syncPage = new CodePages(code.length);
      const at = syncPage.put(code);
      // a fresh mapping made executable for the first time: Linux synchronises it itself
      syncPage.protect(PROT_READ | PROT_EXEC);
      const fn = koffi.decode(at, koffi.proto('void kiln_smoke_sync(uintptr_t start, uintptr_t length)') as never) as (s: number, l: number) => void;
      sync = (s, l) => fn(s, l);
      // on its own page (every line), on nothing, on an unaligned odd range
      sync(syncPage.addr, OS_PAGE);
      sync(syncPage.addr, 0);
      sync(syncPage.addr + 3, 61);
      t.note(`routine: ${code.length} bytes`);
    });
    if (sync === null) return;
    const syncFn: (start: number, length: number) => void = sync;

    const pages = new CodePages(2 * OS_PAGE);
    const add = pages.put(addFn());
    const sum = pages.put(sumFn());
    const viaCb = pages.put(callbackFn());
    // the last function straddles the page boundary: synchronisation covers both pages
    const boundary = pages.addr + OS_PAGE - 4;
    new Uint8Array(viewOf(pages.addr, pages.len)).set(addFn(), boundary - pages.addr);

    await t.test('code written RW, synchronised, switched to RX; the mapping is r-x, never rwx', () => {
      equal(mappingsOf(pages.addr, pages.len).map((m) => m.perms), ['rw-p'], 'perms while writing');
      syncFn(pages.addr, pages.len);
      pages.protect(PROT_READ | PROT_EXEC);
      equal(mappingsOf(pages.addr, pages.len).map((m) => m.perms), ['r-xp'], 'perms after mprotect');
    });

    await t.test('add(i64, i64)', () => {
      const f = koffi.decode(add, koffi.proto('int64_t kiln_smoke_add(int64_t a, int64_t b)') as never) as (a: number, b: number) => number;
      equal(f(2, 40), 42, 'add(2, 40)');
      equal(f(-7, 3), -4, 'add(-7, 3)');
      equal(f(2 ** 40, 2 ** 41), 3 * 2 ** 40, 'add(2^40, 2^41)');
      const g = koffi.decode(boundary, koffi.proto('int64_t kiln_smoke_add2(int64_t a, int64_t b)') as never) as (a: number, b: number) => number;
      equal(g(5, 6), 11, 'add across the page boundary');
    });

    await t.test('a loop summing 1..n', () => {
      const f = koffi.decode(sum, koffi.proto('int64_t kiln_smoke_sum(int64_t n)') as never) as (n: number) => number;
      for (const n of [0, 1, 2, 10, 1000, 100000]) equal(f(n), (n * (n + 1)) / 2, `sum(${n})`);
    });

    await t.test('a call into JS through a koffi callback passed as a pointer', () => {
      const cbProto = koffi.proto('int64_t kiln_smoke_cb(int64_t x)');
      const seen: number[] = [];
      const perms: string[] = [];
      const cb = koffi.register((x: number) => {
        seen.push(x);
        // kiln code is on the stack here: its page is still r-x
        perms.push(...mappingsOf(viaCb, 4).map((m) => m.perms));
        return x * 3;
      }, koffi.pointer(cbProto as never));
      try {
        const f = koffi.decode(viaCb, koffi.proto('int64_t kiln_smoke_call(uintptr_t cb, int64_t x)') as never) as (cb: number, x: number) => number;
        equal(f(Number(cb), 14), 43, 'f(cb, 14) = cb(14) + 1');
        equal(f(Number(cb), -5), -14, 'f(cb, -5)');
        equal(seen, [14, -5], 'arguments the callback saw');
        equal(perms, ['r-xp', 'r-xp'], 'perms of the caller\'s page seen from the callback');
      } finally {
        koffi.unregister(cb);
      }
    });

    await t.test('code rewritten in place (RW, write, sync, RX) runs the new instructions', () => {
      const page = new CodePages(OS_PAGE);
      try {
        const proto = koffi.proto('int64_t kiln_smoke_const()');
        const at = page.put(constFn(111));
        syncFn(page.addr, 8);
        page.protect(PROT_READ | PROT_EXEC);
        const f = koffi.decode(at, proto as never) as () => number;
        equal(f(), 111, 'first version');
        for (const v of [222, 333]) {
          page.protect(PROT_READ | PROT_WRITE);
          new Uint8Array(viewOf(page.addr, 8)).set(constFn(v));
          syncFn(page.addr, 8);
          page.protect(PROT_READ | PROT_EXEC);
          equal(f(), v, 'rewritten version');
        }
      } finally {
        page.free();
      }
    });

    await t.test('W^X: no kiln page is ever writable and executable (rwx mappings are V8\'s own)', () => {
      const all = maps();
      const rwx = all.filter((m) => m.perms.includes('w') && m.perms.includes('x'));
      t.note(`/proc/self/maps (emulated by qemu-user): ${all.length} mappings, ${all.filter((m) => m.perms.includes('x')).length} executable, ${rwx.length} rwx`);
      const ours = [pages, ...(syncPage === null ? [] : [syncPage])];
      const overlapping = rwx.filter((m) => ours.some((p) => m.lo < p.addr + p.len && p.addr < m.hi));
      equal(overlapping.map((m) => m.line), [], 'rwx mappings over kiln pages');
      equal(ours.flatMap((p) => mappingsOf(p.addr, p.len)).map((m) => m.perms), ['r-xp', 'r-xp'], 'perms of the code pages and the routine page');
    });

    pages.free();
  },
};
