/**
 * The static linker (linker/static-exe.ts): freestanding C programs built with gcc and
 * aarch64-linux-gnu-gcc at test time (test/linker/fixtures) are read (linker/elf-object.ts)
 * and linked into static executables that run — x86-64 directly, AArch64 under qemu-aarch64 —
 * and print and exit exactly as the same objects linked by GNU ld do. The executables have no
 * PT_INTERP or PT_DYNAMIC and no writable executable segment, list their global symbols, and
 * are byte-identical when linked twice. In-memory objects with a `late` section run too.
 * Undefined and duplicate symbols, unknown relocation kinds, overflows, a missing entry and
 * a generator of the wrong size are errors naming where they come from.
 */

import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KilnError } from '../../formats/errors.js';
import { readElfObject } from '../../linker/elf-object.js';
import { RelocOverflow, type RelocTable } from '../../linker/exe-reloc.js';
import type { LinkObject, LinkSection } from '../../linker/link-object.js';
import { RELOCS_AARCH64 } from '../../linker/relocs-aarch64.js';
import { RELOCS_X86_64 } from '../../linker/relocs-x86_64.js';
import { linkExecutable } from '../../linker/static-exe.js';
import { compile, GNU_LD, type Isa, once, runExecutable, scratch, tool } from './fixtures/toolchain.js';

const EXPECTED_STDOUT = [
  "hello from kiln's linker",
  'zero',
  'one',
  'two',
  'three',
  '42',
  '38',
  '80',
  '10',
  '15',
  '9',
  '1200',
  '33',
  '100',
  '200',
  '300',
  '1234',
  '1',
  '1',
  '1151',
  '',
].join('\n');
const EXPECTED_STATUS = 42;

/** the relocation kinds the fixture program's objects contain, by ISA (checked below) */
const KINDS_USED: Readonly<Record<Isa, readonly number[]>> = {
  // R_X86_64_64, PC32, PLT32, 32, 32S
  x86_64: [1, 2, 4, 10, 11],
  // ABS64, PREL32, ADR_PREL_PG_HI21, ADD_ABS_LO12_NC, LDST8/16/32/64/128, TSTBR14, CONDBR19,
  // JUMP26, CALL26, ADR_GOT_PAGE and LD64_GOT_LO12_NC (the weak reference)
  aarch64: [257, 261, 275, 277, 278, 284, 285, 286, 299, 279, 280, 282, 283, 311, 312],
};

const work = scratch();
afterAll(() => work.done());

function writeExe(bytes: Uint8Array, name: string): string {
  const path = join(work.dir, name);
  writeFileSync(path, bytes);
  chmodSync(path, 0o755);
  return path;
}

const PROGRAM = ['main', 'lib', 'switch'];
const programObjects = (isa: Isa): LinkObject[] => PROGRAM.map((n) => readElfObject(compile(isa, `${n}.c`), `${n}.o`));

function linkError(run: () => unknown): KilnError {
  try {
    run();
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('expected a KilnError');
}

describe.each(['x86_64', 'aarch64'] as const)('%s', (isa) => {
  const program = once(() => {
    const objects = programObjects(isa);
    const exe = linkExecutable(objects, { isa, entry: '_start' });
    return { objects, exe, path: writeExe(exe, `program-${isa}`) };
  });

  it('uses every relocation kind the test counts on', () => {
    const { objects } = program();
    const used = new Set(objects.flatMap((o) => o.sections.flatMap((s) => s.relocs.map((r) => r.type))));
    expect([...used].sort((a, b) => a - b)).toEqual([...KINDS_USED[isa]].sort((a, b) => a - b));
  });

  it('links a program of three objects that prints and exits as expected', () => {
    const { path } = program();
    const r = runExecutable(isa, path);
    expect(r.stdout).toBe(EXPECTED_STDOUT);
    expect(r.status).toBe(EXPECTED_STATUS);
  });

  it('behaves like the same objects linked by GNU ld', () => {
    const { path } = program();
    const objs = PROGRAM.map((n) => {
      const p = join(work.dir, `${n}-${isa}.o`);
      writeFileSync(p, compile(isa, `${n}.c`));
      return p;
    });
    const out = join(work.dir, `gnu-${isa}`);
    const ld = tool(GNU_LD[isa], ['-static', '-e', '_start', ...objs, '-o', out]);
    expect(ld.stderr).toBe('');
    const theirs = runExecutable(isa, out);
    const ours = runExecutable(isa, path);
    expect(ours).toEqual(theirs);
  });

  it('runs at another base address', () => {
    const moved = linkExecutable(programObjects(isa), { isa, entry: '_start', base: 0x10000000 });
    const r = runExecutable(isa, writeExe(moved, `moved-${isa}`));
    expect(r.stdout).toBe(EXPECTED_STDOUT);
    expect(r.status).toBe(EXPECTED_STATUS);
  });

  it('has loadable segments: congruent offsets, 64 KiB apart, inside the file, never writable and executable', () => {
    const { exe } = program();
    expectLoadable(exe);
    const stack = programHeaders(exe).find((h) => h.type === 0x6474e551);
    expect(stack?.flags).toBe(6);
  });

  it('has no interpreter, no dynamic section, no writable executable segment, a non-executable stack', () => {
    const { path } = program();
    const out = tool('readelf', ['-hlW', path]).stdout;
    expect(out).toMatch(/Type:\s+EXEC/);
    expect(out).not.toMatch(/INTERP|DYNAMIC/);
    const segments = out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[0] === 'LOAD' || f[0] === 'GNU_STACK')
      .map((f) => [f[0], f.slice(6, -1).join('')]);
    expect(segments).toEqual([
      ['LOAD', 'RE'],
      ['LOAD', 'R'],
      ['LOAD', 'RW'],
      ['GNU_STACK', 'RW'],
    ]);
    const entry = /Entry point address:\s+(0x[0-9a-f]+)/.exec(out)?.[1];
    const start = tool('nm', [path]).stdout.match(/^([0-9a-f]+) T _start$/m)?.[1];
    expect(entry).toBe(`0x${(start ?? '').replace(/^0+/, '')}`);
  });

  it('lists the global symbols in .symtab, each in the section of its kind', () => {
    const { path } = program();
    const nm = tool('nm', [path]).stdout;
    for (const [type, name] of [['T', 'kmain'], ['T', 'apply'], ['D', 'counter'], ['B', 'scratch'], ['R', 'words']]) {
      expect(nm).toMatch(new RegExp(`^[0-9a-f]{16} ${type} ${name}$`, 'm'));
    }
    expect(nm).not.toMatch(/optional_hook|put_number/);
    const disassembly = tool(isa === 'x86_64' ? 'objdump' : 'aarch64-linux-gnu-objdump', ['-d', path]);
    expect(disassembly.stdout).toMatch(/^[0-9a-f]{16} <kmain>:$/m);
    expect(disassembly.stderr).toBe('');
    const all = tool('readelf', ['-aW', path]);
    expect(all.status).toBe(0);
    expect(all.stderr).toBe(''); // readelf's warnings about anything inconsistent
  });

  it('is byte-identical when linked twice', () => {
    const { exe } = program();
    const again = linkExecutable(programObjects(isa), { isa, entry: '_start' });
    expect(Buffer.from(again).equals(Buffer.from(exe))).toBe(true);
  });
});

/** an in-memory object whose text is generated after layout: write(1, msg, len); exit_group(7) */
function lateObject(isa: Isa, message: string): LinkObject {
  const msg = new TextEncoder().encode(message);
  const size = isa === 'x86_64' ? 39 : 44;
  const text: LinkSection = {
    name: '.text.gen',
    kind: 'text',
    align: 16,
    bytes: new Uint8Array(0),
    size,
    relocs: [],
    late: (addressOf) => (isa === 'x86_64' ? x86Program(addressOf('msg'), msg.length) : a64Program(addressOf('msg'), msg.length)),
  };
  const data: LinkSection = { name: '.rodata.msg', kind: 'rodata', align: 1, bytes: msg, size: msg.length, relocs: [] };
  return {
    name: 'image',
    isa,
    sections: [text, data],
    symbols: [
      { name: '_start', section: 0, value: 0, size, binding: 'global' },
      { name: 'msg', section: 1, value: 0, size: msg.length, binding: 'local' },
    ],
  };
}

function x86Program(msg: number, len: number): Uint8Array {
  const b: number[] = [0x48, 0xbe]; // movabs rsi, imm64
  for (let i = 0; i < 8; i++) b.push(Number((BigInt(msg) >> BigInt(8 * i)) & 0xffn));
  const imm32 = (op: number[], v: number): number[] => [...op, v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
  b.push(...imm32([0xbf], 1), ...imm32([0xba], len), ...imm32([0xb8], 1), 0x0f, 0x05); // edi = 1, edx = len, eax = write
  b.push(...imm32([0xb8], 231), ...imm32([0xbf], 7), 0x0f, 0x05); // exit_group(7)
  return new Uint8Array(b);
}

function a64Program(msg: number, len: number): Uint8Array {
  const movz = (rd: number, imm: number): number => 0xd2800000 | (imm << 5) | rd;
  const movk = (rd: number, imm: number, hw: number): number => (0xf2800000 | (hw << 21) | (imm << 5) | rd) >>> 0;
  const half = (i: number): number => Number((BigInt(msg) >> BigInt(16 * i)) & 0xffffn);
  const svc = 0xd4000001;
  const words = [movz(1, half(0)), movk(1, half(1), 1), movk(1, half(2), 2), movk(1, half(3), 3), movz(0, 1), movz(2, len), movz(8, 64), svc, movz(0, 7), movz(8, 94), svc];
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w >>> 0, true));
  return out;
}

/** the program headers of an executable */
function programHeaders(exe: Uint8Array): Array<{ type: number; flags: number; offset: number; vaddr: number; filesz: number; memsz: number; align: number }> {
  const v = new DataView(exe.buffer, exe.byteOffset, exe.byteLength);
  const at = Number(v.getBigUint64(32, true));
  const n = v.getUint16(56, true);
  const u64 = (o: number): number => Number(v.getBigUint64(o, true));
  return Array.from({ length: n }, (_, i) => {
    const h = at + i * 56;
    return { type: v.getUint32(h, true), flags: v.getUint32(h + 4, true), offset: u64(h + 8), vaddr: u64(h + 16), filesz: u64(h + 32), memsz: u64(h + 40), align: u64(h + 48) };
  });
}

/** what the kernel needs of the PT_LOADs and what kiln promises: congruent, inside the file, apart by 64 KiB pages, never W+X */
function expectLoadable(exe: Uint8Array): void {
  const loads = programHeaders(exe).filter((h) => h.type === 1);
  const page = 0x10000;
  for (const h of loads) {
    expect(h.align).toBe(page);
    expect(h.offset % page).toBe(h.vaddr % page);
    expect(h.offset + h.filesz).toBeLessThanOrEqual(exe.length);
    expect(h.filesz).toBeLessThanOrEqual(h.memsz);
    expect(h.flags & 3).not.toBe(3); // W and X
  }
  for (let i = 1; i < loads.length; i++) {
    const prev = loads[i - 1] as (typeof loads)[number];
    expect(Math.floor((loads[i] as (typeof loads)[number]).vaddr / page)).toBeGreaterThan(Math.floor((prev.vaddr + prev.memsz - 1) / page));
  }
}

describe.each(['x86_64', 'aarch64'] as const)('in-memory objects, %s', (isa) => {
  it('lays out sections larger than a page and a data segment of bss only, without padding the file', () => {
    const big = new Uint8Array(100_000).fill(0x2e);
    big.set(new TextEncoder().encode('tail!\n'), big.length - 6);
    const image = lateObject(isa, 'unused');
    image.sections[1] = { name: '.rodata.big', kind: 'rodata', align: 4096, bytes: big, size: big.length, relocs: [] };
    image.sections.push({ name: '.bss.heap', kind: 'bss', align: 64, bytes: new Uint8Array(0), size: 1 << 20, relocs: [] });
    image.symbols[1] = { name: 'msg', section: 1, value: big.length - 6, size: 6, binding: 'local' };
    (image.sections[0] as LinkSection).late = (addressOf) => (isa === 'x86_64' ? x86Program(addressOf('msg'), 6) : a64Program(addressOf('msg'), 6));
    const exe = linkExecutable([image], { isa, entry: '_start' });
    expectLoadable(exe);
    const loads = programHeaders(exe).filter((h) => h.type === 1);
    expect(loads.map((h) => h.flags)).toEqual([5, 4, 6]);
    expect(loads[2]).toMatchObject({ filesz: 0, memsz: expect.any(Number) });
    expect((loads[2] as { memsz: number }).memsz).toBeGreaterThanOrEqual(1 << 20);
    expect(exe.length).toBeLessThan(big.length + 4096 + 2048);
    const r = runExecutable(isa, writeExe(exe, `big-${isa}`));
    expect(r.stdout).toBe('tail!\n');
    expect(r.status).toBe(7);
  });

  it('calls a late generator with the final addresses and runs the result', () => {
    const exe = linkExecutable([lateObject(isa, 'generated late\n')], { isa, entry: '_start' });
    const r = runExecutable(isa, writeExe(exe, `late-${isa}`));
    expect(r.stdout).toBe('generated late\n');
    expect(r.status).toBe(7);
    const segments = tool('readelf', ['-lW', writeExe(exe, `late-${isa}`)]).stdout.match(/^\s+LOAD.*$/gm) ?? [];
    expect(segments.length).toBe(2); // text and rodata: no data segment when there is no data
  });
});

/** a small x86-64 object: one text section whose relocations the tests choose */
function object(name: string, relocs: LinkSection['relocs'], symbols: LinkObject['symbols'], isa: Isa = 'x86_64'): LinkObject {
  const text: LinkSection = { name: '.text', kind: 'text', align: 16, bytes: new Uint8Array(16), size: 16, relocs };
  return { name, isa, sections: [text], symbols };
}
const start = { name: '_start', section: 0, value: 0, size: 16, binding: 'global' } as const;

describe('hand-built objects', () => {
  it('names an undefined symbol and the first object, section and offset referring to it', () => {
    const a = object('a.o', [{ offset: 4, type: 2, symbol: 'missing', addend: -4 }], [start, { name: 'missing', section: null, value: 0, size: 0, binding: 'global' }]);
    const b = object('b.o', [{ offset: 0, type: 2, symbol: 'missing', addend: -4 }], []);
    const e = linkError(() => linkExecutable([a, b], { isa: 'x86_64', entry: '_start' }));
    expect(e.kind).toBe('unlinkable');
    expect(e.reason).toBe('undefined symbol missing, referenced from a.o section .text at offset 0x4');
  });

  it('resolves an undefined weak symbol to 0', () => {
    const a = object('a.o', [{ offset: 8, type: 1, symbol: 'maybe', addend: 0 }], [start, { name: 'maybe', section: null, value: 0, size: 0, binding: 'weak' }]);
    a.sections[0]?.bytes.fill(0xcc);
    const exe = linkExecutable([a], { isa: 'x86_64', entry: '_start' });
    const at = exe.indexOf(0xcc);
    expect([...exe.subarray(at, at + 16)]).toEqual([...new Array(8).fill(0xcc), 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('sends an AArch64 branch to an undefined weak symbol to the next instruction', () => {
    const bl = [0x00, 0x00, 0x00, 0x94];
    const a = object('a.o', [{ offset: 4, type: 283, symbol: 'maybe', addend: 0 }], [start, { name: 'maybe', section: null, value: 0, size: 0, binding: 'weak' }], 'aarch64');
    (a.sections[0] as LinkSection).bytes.set([0x1f, 0x20, 0x03, 0xd5, ...bl], 0); // nop; bl maybe
    const exe = linkExecutable([a], { isa: 'aarch64', entry: '_start' });
    const at = exe.indexOf(0xd5) + 1;
    expect([...exe.subarray(at, at + 4)]).toEqual([0x01, 0x00, 0x00, 0x94]); // bl .+4
  });

  it('names both objects defining a symbol twice', () => {
    const a = object('a.o', [], [start]);
    const b = object('b.o', [], [{ name: '_start', section: 0, value: 4, size: 0, binding: 'global' }]);
    const e = linkError(() => linkExecutable([a, b], { isa: 'x86_64', entry: '_start' }));
    expect(e.reason).toBe('duplicate symbol _start: defined in a.o and in b.o');
  });

  it('lets a global definition win over a weak one, and keeps local symbols to their object', () => {
    const a = object('a.o', [], [{ ...start, binding: 'weak' }, { name: 'helper', section: 0, value: 8, size: 0, binding: 'local' }]);
    const b = object('b.o', [{ offset: 0, type: 1, symbol: 'helper', addend: 0 }], [{ ...start, value: 4 }]);
    const e = linkError(() => linkExecutable([a, b], { isa: 'x86_64', entry: '_start' }));
    expect(e.reason).toBe('undefined symbol helper, referenced from b.o section .text at offset 0x0');
    const exe = linkExecutable([a, object('b.o', [], [{ ...start, value: 4 }])], { isa: 'x86_64', entry: '_start' });
    const header = new DataView(exe.buffer, exe.byteOffset);
    const textStart = 64 + header.getUint16(56, true) * 56; // a.o's text right after the headers (16-aligned), b.o's 16 bytes later
    expect(Number(header.getBigUint64(24, true))).toBe(0x400000 + Math.ceil(textStart / 16) * 16 + 16 + 4);
  });

  it('names the object, section, offset and number of an unknown relocation kind', () => {
    const a = object('a.o', [{ offset: 12, type: 9999, symbol: '_start', addend: 0 }], [start]);
    const e = linkError(() => linkExecutable([a], { isa: 'x86_64', entry: '_start' }));
    expect(e.kind).toBe('unsupported');
    expect(e.reason).toBe('section .text of a.o: relocation type 9999 at offset 0xc (against _start) is not supported for x86_64');
    const b = object('b.o', [{ offset: 0, type: 2, symbol: '_start', addend: 0 }], [start], 'aarch64');
    expect(linkError(() => linkExecutable([b], { isa: 'aarch64', entry: '_start' })).reason).toContain('relocation type 2 at offset 0x0');
  });

  it('reports a value that does not fit its field', () => {
    const a = object('a.o', [{ offset: 0, type: 10, symbol: '_start', addend: 0 }], [start]);
    const e = linkError(() => linkExecutable([a], { isa: 'x86_64', entry: '_start', base: 2 ** 32 }));
    expect(e.reason).toBe('R_X86_64_32 against _start in a.o section .text at offset 0x0 does not fit: value 0x1000000b0 is outside [0x0, 0x100000000)');
    const b = object('b.o', [{ offset: 0, type: 283, symbol: 'far', addend: 0 }], [{ ...start }, { name: 'far', section: 0, value: 2, size: 0, binding: 'global' }], 'aarch64');
    expect(linkError(() => linkExecutable([b], { isa: 'aarch64', entry: '_start' })).reason).toContain('R_AARCH64_CALL26 against far');
  });

  it("applies a late section's relocations to the bytes its generator returned", () => {
    const a = object('a.o', [{ offset: 8, type: 1, symbol: '_start', addend: 3 }], [start]);
    const text = a.sections[0] as LinkSection;
    text.bytes = new Uint8Array(0);
    text.late = (addressOf) => new Uint8Array([...new Array(8).fill(0x90), ...new Array(8).fill(0xff)]).map((b, i) => (i === 0 ? addressOf('_start') & 0xff : b));
    const exe = linkExecutable([a], { isa: 'x86_64', entry: '_start' });
    const v = new DataView(exe.buffer, exe.byteOffset);
    const entry = Number(v.getBigUint64(24, true));
    const at = entry - 0x400000;
    expect(exe[at]).toBe(entry & 0xff);
    expect(Number(v.getBigUint64(at + 8, true))).toBe(entry + 3);
  });

  it('refuses a missing entry symbol, an object of the other ISA, and a generator of the wrong size', () => {
    expect(linkError(() => linkExecutable([object('a.o', [], [start])], { isa: 'x86_64', entry: 'main' })).reason).toBe('entry symbol main is not defined');
    expect(linkError(() => linkExecutable([object('a.o', [], [start], 'aarch64')], { isa: 'x86_64', entry: '_start' })).reason).toBe('object a.o is for aarch64, not x86_64');
    const late = object('a.o', [], [start]);
    (late.sections[0] as LinkSection).late = () => new Uint8Array(3);
    expect(linkError(() => linkExecutable([late], { isa: 'x86_64', entry: '_start' })).reason).toBe('the generator of a.o section .text returned 3 bytes, not 16');
  });
});

/** one relocation applied to one instruction at address `at`, its field `field` bytes in */
interface RelocCase {
  readonly type: number;
  readonly code: readonly number[];
  readonly field: number;
  readonly S: number;
  readonly A: number;
  readonly at: number;
  /** the disassembly expected, in objdump's syntax; or the overflow message */
  readonly expected: string;
}

const le32 = (w: number): number[] => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24];
const a64 = (type: number, insn: number, S: number, expected: string, at = 0x400000, A = 0): RelocCase => ({ type, code: le32(insn), field: 0, S, A, at, expected });
const P0 = 0x400000;

const CASES: Readonly<Record<Isa, readonly RelocCase[]>> = {
  aarch64: [
    a64(283, 0x94000000, 0x3ff000, 'bl 0x3ff000'),
    a64(282, 0x14000000, P0 + 2 ** 27 - 4, 'b 0x83ffffc'),
    a64(280, 0x54000001, P0 - 2 ** 20, 'b.ne 0x300000 // b.any'),
    a64(279, 0x37080000, P0 + 2 ** 15 - 4, 'tbnz w0, #1, 0x407ffc'),
    a64(275, 0x90000000, 0x12345678, 'adrp x0, 0x12345000', P0, 0x10),
    a64(275, 0x90000000, 0x1000, 'adrp x0, 0x1000', 0x7ffff000),
    a64(277, 0x91000000, 0x12345678, 'add x0, x0, #0x678'),
    a64(278, 0x39400000, 0x12345fff, 'ldrb w0, [x0, #4095]'),
    a64(284, 0x79400000, 0x12345ffe, 'ldrh w0, [x0, #4094]'),
    a64(285, 0xb9400000, 0x12345ffc, 'ldr w0, [x0, #4092]'),
    a64(286, 0xf9400000, 0x12345ff8, 'ldr x0, [x0, #4088]'),
    a64(299, 0x3dc00000, 0x12345ff0, 'ldr q0, [x0, #4080]'),
    a64(283, 0x94000000, P0 + 2 ** 27, 'value 0x8000000 is outside [-0x8000000, 0x8000000)'),
    a64(282, 0x14000000, P0 + 2, 'branch displacement 0x2 is not a multiple of 4'),
    a64(280, 0x54000001, P0 + 2 ** 20, 'value 0x100000 is outside [-0x100000, 0x100000)'),
    a64(279, 0x37080000, P0 - 2 ** 15 - 4, 'value -0x8004 is outside [-0x8000, 0x8000)'),
    a64(275, 0x90000000, P0 + 2 ** 32, 'value 0x100000 is outside [-0x100000, 0x100000)'),
    a64(286, 0xf9400000, 0x1004, 'the low 12 bits of the address of a 8-byte access 0x4 is not a multiple of 8'),
    a64(261, 0, P0 - 2 ** 31, 'word 0x80000000'),
    a64(261, 0, P0 + 2 ** 32 - 1, 'word 0xffffffff'),
    a64(261, 0, P0 + 2 ** 32, 'value 0x100000000 is outside [-0x80000000, 0x100000000)'),
    a64(261, 0, P0 - 2 ** 31 - 1, 'value -0x80000001 is outside [-0x80000000, 0x100000000)'),
  ],
  x86_64: [
    { type: 2, code: [0xe8, 0, 0, 0, 0], field: 1, S: 0x401000, A: -4, at: P0, expected: 'call 0x401000' },
    { type: 4, code: [0xe8, 0, 0, 0, 0], field: 1, S: 0x3f0000, A: -4, at: P0, expected: 'call 0x3f0000' },
    { type: 10, code: [0xb8, 0, 0, 0, 0], field: 1, S: 0xfffffff0, A: 0xf, at: P0, expected: 'mov $0xffffffff,%eax' },
    { type: 11, code: [0x48, 0xc7, 0xc0, 0, 0, 0, 0], field: 3, S: 0, A: -8, at: P0, expected: 'mov $0xfffffffffffffff8,%rax' },
    { type: 1, code: [0x48, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0], field: 2, S: 0x12345678, A: 0x9abc0000, at: P0, expected: 'movabs $0xacf05678,%rax' },
    { type: 2, code: [0xe8, 0, 0, 0, 0], field: 1, S: P0 + 1 + 2 ** 31 + 4, A: -4, at: P0, expected: 'value 0x80000000 is outside [-0x80000000, 0x80000000)' },
    { type: 10, code: [0xb8, 0, 0, 0, 0], field: 1, S: 0, A: -1, at: P0, expected: 'value -0x1 is outside [0x0, 0x100000000)' },
    { type: 11, code: [0x48, 0xc7, 0xc0, 0, 0, 0, 0], field: 3, S: 2 ** 31, A: 0, at: P0, expected: 'value 0x80000000 is outside [-0x80000000, 0x80000000)' },
  ],
};

const TABLE: Readonly<Record<Isa, RelocTable>> = { x86_64: RELOCS_X86_64, aarch64: RELOCS_AARCH64 };
const OBJDUMP: Readonly<Record<Isa, [string, string]>> = { x86_64: ['objdump', 'i386:x86-64'], aarch64: ['aarch64-linux-gnu-objdump', 'aarch64'] };

/** the instruction after relocation as objdump prints it, or the overflow message */
function relocated(isa: Isa, c: RelocCase, i: number): string {
  const bytes = new Uint8Array(c.code);
  const kind = TABLE[isa].kinds.get(c.type);
  if (kind === undefined) throw new Error(`no kind ${c.type}`);
  try {
    kind.apply({ view: new DataView(bytes.buffer), at: c.field, S: c.S, A: c.A, P: c.at + c.field });
  } catch (e) {
    if (e instanceof RelocOverflow) return e.message;
    throw e;
  }
  if (c.type === 261) return `word 0x${new DataView(bytes.buffer).getUint32(0, true).toString(16)}`;
  const path = join(work.dir, `reloc-${isa}-${i}.bin`);
  writeFileSync(path, bytes);
  const [cmd, machine] = OBJDUMP[isa];
  const out = tool(cmd, ['-D', '-b', 'binary', '-m', machine, `--adjust-vma=0x${c.at.toString(16)}`, path]).stdout;
  const line = out.split('\n').find((l) => l.trimStart().startsWith(`${c.at.toString(16)}:`)) ?? '';
  return line.split('\t').slice(2).join(' ').replace(/\s+/g, ' ').trim();
}

describe.each(['x86_64', 'aarch64'] as const)('relocation kinds, %s', (isa) => {
  it.each(CASES[isa].map((c, i) => [TABLE[isa].kinds.get(c.type)?.name ?? String(c.type), c.expected, c, i] as const))('%s: %s', (_name, expected, c, i) => {
    expect(relocated(isa, c, i)).toBe(expected);
  });
});
