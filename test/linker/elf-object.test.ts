/**
 * Reading ELF64 relocatable objects (linker/elf-object.ts): objects gcc and
 * aarch64-linux-gnu-gcc build at test time from test/linker/fixtures become LinkObjects whose
 * sections, kinds, bytes, symbols and relocations match what `readelf` reports; local and
 * section symbols get names unique to their object; unused sections (notes, unwind tables,
 * non-alloc sections) are dropped; what the linker cannot do (common symbols, TLS,
 * constructors) is `unsupported`; damaged files are `malformed` at the offending offset.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KilnError } from '../../formats/errors.js';
import { readElfObject } from '../../linker/elf-object.js';
import type { LinkObject, LinkSection } from '../../linker/link-object.js';
import { linkExecutable } from '../../linker/static-exe.js';
import { compile, type Isa, once, scratch, tool } from './fixtures/toolchain.js';

const work = scratch();
afterAll(() => work.done());

function readError(bytes: Uint8Array, name = 'bad.o'): KilnError {
  try {
    readElfObject(bytes, name);
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('expected a KilnError');
}

function section(o: LinkObject, name: string): LinkSection {
  const s = o.sections.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no section ${name} in ${o.name}: ${o.sections.map((x) => x.name).join(' ')}`);
  return s;
}

/** readelf's relocations: section name → [offset, type, symbol as readelf names it, addend] */
function readelfRelocs(path: string): Map<string, Array<[number, number, string, number]>> {
  const out = new Map<string, Array<[number, number, string, number]>>();
  let current: Array<[number, number, string, number]> = [];
  for (const line of tool('readelf', ['-rW', path]).stdout.split('\n')) {
    const head = /^Relocation section '\.rela(\S+)'/.exec(line);
    if (head !== null) {
      current = [];
      out.set(head[1] as string, current);
      continue;
    }
    const m = /^([0-9a-f]{16})\s+([0-9a-f]{16})\s+\S+\s+[0-9a-f]{16}\s+(\S+) ([+-]) ([0-9a-f]+)$/.exec(line);
    if (m === null) continue;
    const addend = parseInt(m[5] as string, 16) * (m[4] === '-' ? -1 : 1);
    current.push([parseInt(m[1] as string, 16), Number(BigInt('0x' + m[2]) & 0xffffffffn), m[3] as string, addend]);
  }
  return out;
}

describe.each(['x86_64', 'aarch64'] as const)('%s objects from gcc', (isa: Isa) => {
  const objects = once(() => {
    const mainBytes = compile(isa, 'main.c');
    const mainPath = join(work.dir, `main-${isa}.o`);
    writeFileSync(mainPath, mainBytes);
    return { mainBytes, mainPath, main: readElfObject(mainBytes, 'main.o'), lib: readElfObject(compile(isa, 'lib.c'), 'lib.o') };
  });

  it('reads the ISA and the allocated sections, each of its kind', () => {
    const { main, lib } = objects();
    expect(main.isa).toBe(isa);
    expect(section(main, '.text.kmain').kind).toBe('text');
    expect(section(main, '.rodata.greeting').kind).toBe('rodata');
    expect(section(main, '.rodata.greeting').bytes).toEqual(new TextEncoder().encode("hello from kiln's linker\n\0"));
    const strings = main.sections.filter((s) => s.name.startsWith('.rodata.') && s.name.includes('.str1.'));
    expect(strings.length).toBeGreaterThan(0);
    expect(strings.every((s) => s.kind === 'rodata')).toBe(true);
    expect(section(lib, '.data.counter')).toMatchObject({ kind: 'data', size: 4, bytes: new Uint8Array([7, 0, 0, 0]) });
    expect(section(lib, '.bss.scratch')).toMatchObject({ kind: 'bss', size: 64, bytes: new Uint8Array(0) });
    expect(section(main, '.bss.line')).toMatchObject({ kind: 'bss', size: 64, bytes: new Uint8Array(0) });
  });

  it('drops the sections that are not loaded', () => {
    const { main, lib } = objects();
    const names = [...main.sections, ...lib.sections].map((s) => s.name);
    for (const dropped of ['.note.GNU-stack', '.comment', '.symtab', '.strtab', '.shstrtab']) expect(names).not.toContain(dropped);
    expect(names.filter((n) => n.startsWith('.rela'))).toEqual([]);
  });

  it('gives each section the bytes of the file and its alignment', () => {
    const { mainBytes, main, mainPath } = objects();
    const line = tool('readelf', ['-SW', mainPath]).stdout.split('\n').find((l) => / \.text\.kmain /.test(l)) ?? '';
    const f = line.replace(/^.*\]\s+/, '').split(/\s+/); // name type addr off size es flags lk inf al
    const offset = parseInt(f[3] as string, 16);
    const size = parseInt(f[4] as string, 16);
    expect(section(main, '.text.kmain').bytes).toEqual(mainBytes.subarray(offset, offset + size));
    expect(section(main, '.text.kmain').align).toBe(Number(f[f.length - 1]));
  });

  it('has the relocations readelf shows, naming section and local symbols uniquely', () => {
    const { main, mainPath } = objects();
    const theirs = readelfRelocs(mainPath);
    const ours = new Map(main.sections.filter((s) => s.relocs.length > 0).map((s) => [s.name, s.relocs]));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, relocs] of ours) {
      const plain = relocs.map((r): [number, number, string, number] => [r.offset, r.type, r.symbol.replace(/^main\.o:/, '').replace(/#\d+$/, ''), r.addend]);
      expect(plain, name).toEqual(theirs.get(name));
    }
    const symbols = new Set(main.sections.flatMap((s) => s.relocs.map((r) => r.symbol)));
    expect(symbols).toContain('main.o:.rodata.greeting');
    expect(symbols).toContain('kmain');
  });

  it('reads global, weak undefined, local and section symbols', () => {
    const { main, lib } = objects();
    const byName = (o: LinkObject, n: string) => o.symbols.find((s) => s.name === n);
    const kmain = byName(main, 'kmain');
    expect(kmain).toMatchObject({ binding: 'global', value: 0 });
    expect(main.sections[kmain?.section as number]?.name).toBe('.text.kmain');
    expect(byName(main, 'optional_hook')).toEqual({ name: 'optional_hook', section: null, value: 0, size: 0, binding: 'weak' });
    expect(byName(main, 'text_length')).toEqual({ name: 'text_length', section: null, value: 0, size: 0, binding: 'global' });
    const greeting = byName(main, 'main.o:.rodata.greeting');
    expect(greeting).toMatchObject({ binding: 'local', value: 0 });
    expect(main.sections[greeting?.section as number]?.name).toBe('.rodata.greeting');
    const probe = lib.symbols.find((s) => /^lib\.o:probe_two#\d+$/.test(s.name));
    expect(probe).toMatchObject({ binding: 'local', value: isa === 'x86_64' ? 6 : 8 });
    expect(lib.sections[probe?.section as number]?.name).toBe('.text.probe_targets');
    expect(lib.symbols.some((s) => s.name.includes('lib.c'))).toBe(false); // the file symbol
  });
});

describe('what the reader drops or refuses', () => {
  const dup = [
    '__asm__(".section .text.dup,\\"ax\\",@progbits\\n .Lone: .byte 0\\n"',
    '        ".section .text.dup,\\"axG\\",@progbits,grp,comdat\\n .Ltwo: .byte 0\\n"',
    '        ".section .data.refs,\\"aw\\",@progbits\\n .quad .Lone\\n .quad .Ltwo\\n");',
  ].join('\n');

  it.each(['x86_64', 'aarch64'] as const)('names two sections of one name apart (%s)', (isa) => {
    const o = readElfObject(compile(isa, dup), 'dup.o');
    const dups = o.sections.flatMap((s, i) => (s.name === '.text.dup' ? [i] : []));
    expect(dups.length).toBe(2);
    const names = o.symbols.filter((s) => s.section !== null && dups.includes(s.section) && s.name.includes('.text.dup')).map((s) => s.name);
    expect(names).toEqual(['dup.o:.text.dup', `dup.o:.text.dup#${names[1]?.split('#')[1]}`]);
    expect(names[1]).toMatch(/^dup\.o:\.text\.dup#\d+$/);
    // the relocations refer to the two sections through their section symbols
    const refs = section(o, '.data.refs').relocs.map((r) => r.symbol);
    expect(refs).toEqual(names);
  });

  it('drops unwind tables and property notes', () => {
    const o = readElfObject(compile('x86_64', 'int f(int x) { return x + 1; }', ['-funwind-tables', '-fasynchronous-unwind-tables', '-fcf-protection']), 'u.o');
    expect(o.sections.map((s) => s.name)).toEqual(['.text', '.data', '.bss', '.text.f']);
    const a = readElfObject(compile('aarch64', 'int f(int x) { return x + 1; }', ['-funwind-tables']), 'u.o');
    expect(a.sections.map((s) => s.name)).not.toContain('.eh_frame');
  });

  it('refuses common, thread-local and absolute symbols and constructors as unsupported', () => {
    const common = readError(compile('x86_64', 'int tentative; int get(void) { return tentative; }', ['-fcommon']), 'common.o');
    expect(common.kind).toBe('unsupported');
    expect(common.reason).toBe('symbol tentative is a common symbol (a tentative definition): compile with -fno-common');
    expect(common.loc.file).toBe('common.o');
    const tls = readError(compile('aarch64', '__thread int t; int get(void) { return t; }'));
    expect(tls.kind).toBe('unsupported');
    expect(tls.reason).toMatch(/^section \.tbss\.t: thread-local storage/);
    const abs = readError(compile('aarch64', '__asm__(".globl fixed\\n .set fixed, 0x1234\\n");'));
    expect(abs).toMatchObject({ kind: 'unsupported', reason: 'symbol fixed is absolute (SHN_ABS): not supported' });
    const ctor = readError(compile('x86_64', 'int ready; __attribute__((constructor)) void init(void) { ready = 1; }'));
    expect(ctor.reason).toMatch(/^section \.init_array: constructor and destructor arrays/);
  });
});

describe('malformed objects', () => {
  const lib = once(() => compile('x86_64', 'lib.c'));
  const patched = (edit: (b: Uint8Array, v: DataView) => void): Uint8Array => {
    const b = lib().slice();
    edit(b, new DataView(b.buffer));
    return b;
  };

  it('refuses a file that is not ELF, not 64-bit little-endian, not relocatable or for another machine', () => {
    expect(readError(new TextEncoder().encode('hello, world'), 'x.o')).toMatchObject({ kind: 'malformed', reason: 'not an ELF file (no ELF magic)', loc: { file: 'x.o', offset: 0 } });
    expect(readError(patched((b) => (b[4] = 1))).reason).toBe('not a little-endian 64-bit ELF file of version 1');
    expect(readError(patched((_, v) => v.setUint16(18, 40, true)))).toMatchObject({ reason: 'ELF machine 40 is neither x86-64 (62) nor AArch64 (183)', loc: { offset: 18 } });
    const exe = linkExecutable([readElfObject(compile('x86_64', 'void _start(void) { for (;;) {} }'), 'start.o')], { isa: 'x86_64', entry: '_start' });
    expect(readError(exe, 'a.out')).toMatchObject({ kind: 'malformed', reason: 'ELF type 2 is not a relocatable object (1)', loc: { file: 'a.out', offset: 16 } });
  });

  it('refuses a truncated file and a section outside the file', () => {
    const good = lib();
    expect(readError(good.subarray(0, good.length - 100))).toMatchObject({ reason: 'the section header table lies outside the file', loc: { offset: 40 } });
    expect(readError(good.subarray(0, 40))).toMatchObject({ kind: 'malformed', reason: 'not an ELF file (no ELF magic)', loc: { offset: 0 } });
    const shoff = Number(new DataView(good.buffer, good.byteOffset).getBigUint64(40, true));
    const e = readError(patched((_, v) => v.setBigUint64(shoff + 64 + 24, 1n << 40n, true)));
    expect(e).toMatchObject({ kind: 'malformed', reason: 'section 1 lies outside the file', loc: { offset: shoff + 64 + 24 } });
  });

  it('refuses a relocation whose symbol index is out of range', () => {
    const good = lib();
    const path = join(work.dir, 'lib.o');
    writeFileSync(path, good);
    const at = parseInt(/Relocation section '\.rela\.text\.apply' at offset (0x[0-9a-f]+)/.exec(tool('readelf', ['-rW', path]).stdout)?.[1] ?? 'NaN', 16);
    const e = readError(patched((_, v) => v.setUint32(at + 12, 0xffff, true)));
    expect(e).toMatchObject({ kind: 'malformed', loc: { offset: at + 8 } });
    expect(e.reason).toMatch(/^relocation of \.text\.apply at 0x[0-9a-f]+: symbol index 65535 out of range$/);
  });
});
