/**
 * Independent ELF readers agree with kiln about its `.cwasm` artifacts (issue 10, docs/cwasm.md
 * "Container"): binutils' `readelf`, `objdump` and `nm`, and the npm package `elfy`, read an
 * artifact of PROGRAM (helpers.ts) and one of examples/hello.wasm. They must see the sections
 * kiln's own reader sees (formats/cwasm/elf-read.ts readElf: names, order, types, offsets,
 * sizes, addresses), one local function symbol per defined function (its wasm name, address
 * = `.text` address + the function's offset, size from `.kiln.funcs`), every function
 * disassembled under its name with direct calls shown by the callee's name, the compatibility
 * key in `readelf -p .kiln.header`, and no warnings from `readelf -a`.
 *
 * elfy reads ELF64 `sh_addralign` and `sh_entsize` from the wrong offsets, so neither field
 * is compared with it; elfy has no symbol reader, so its symbols are decoded here from the
 * `.symtab` and `.strtab` bytes elfy hands out.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateModule } from '../../compiler/validate/index.js';
import { readElf } from '../../formats/cwasm/elf-read.js';
import { SHF_ALLOC, SHF_EXECINSTR, SHT_PROGBITS, SHT_STRTAB, SHT_SYMTAB } from '../../formats/cwasm/elf.js';
import { keyLines } from '../../formats/cwasm/key.js';
import { SECTION } from '../../formats/cwasm/layout.js';
import { openCwasm, readContents, readHeader } from '../../formats/cwasm/read.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { functionNames } from '../../formats/wasm/func-names.js';
import type { Module } from '../../formats/wasm/types.js';
import { compileArtifact } from '../../linker/cwasm.js';
import { fromWat, PROGRAM } from './helpers.js';

// ---- the tools ----

const INSTALL = 'apt-get install binutils';

/** stdout and stderr of a binutils tool; fails (never skips) when binutils is missing */
function tool(name: 'readelf' | 'objdump' | 'nm', args: readonly string[]): { out: string; err: string } {
  const r = spawnSync(name, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (r.error !== undefined) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${name} is missing: ${INSTALL}` : `${name}: ${r.error.message}`);
  }
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return { out: r.stdout, err: r.stderr };
}

interface ElfySection {
  readonly name: string;
  readonly type: string | number;
  readonly flags: Readonly<Record<string, boolean>>;
  readonly addr: number;
  readonly off: number;
  readonly size: number;
  readonly data: Buffer;
}
interface ElfyFile {
  readonly class: string;
  readonly endian: string;
  readonly type: string;
  readonly machine: string;
  readonly phnum: number;
  readonly shstrndx: number;
  readonly body: { readonly sections: readonly ElfySection[] };
}
const elfy = createRequire(import.meta.url)('elfy') as { parse(buf: Buffer): ElfyFile };

// ---- the artifacts and kiln's view of them ----

interface Expected {
  readonly sections: ReadonlyArray<{ index: number; name: string; type: number; flags: number; addr: number; offset: number; size: number; align: number }>;
  /** one per defined function, in function (and address) order */
  readonly symbols: ReadonlyArray<{ name: string; addr: number; size: number }>;
  readonly textIndex: number;
  /** `.text`'s address and bytes */
  readonly textAddr: number;
  readonly text: Uint8Array;
  readonly key: readonly string[];
}

interface Artifact {
  readonly name: string;
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly kiln: Expected;
}

function kilnView(bytes: Uint8Array, module: Module): Expected {
  const elf = readElf(bytes);
  const sections = [...elf.sections.values()].map((s, i) => ({ index: i + 1, name: s.name, type: s.type, flags: s.flags, addr: s.addr, offset: s.offset, size: s.size, align: s.align }));
  const env = openCwasm(bytes);
  const header = readHeader(env);
  const code = readContents(env, header);
  const text = elf.sections.get(SECTION.text);
  if (text === undefined) throw new Error('no .text');
  const names = functionNames(module);
  const symbols = [
    ...code.funcs.all().map((f) => ({ name: (names[f.index] as string).replace(/\0/g, '?'), addr: text.addr + f.offset, size: f.size })),
    ...code.trampolines.map((t) => ({ name: `kiln.${t.kind}-trampoline[type ${t.type}]`, addr: text.addr + t.offset, size: t.size })),
  ];
  return {
    sections,
    symbols,
    textIndex: sections.findIndex((s) => s.name === SECTION.text) + 1,
    textAddr: text.addr,
    text: bytes.subarray(text.offset, text.offset + text.size),
    key: keyLines(header.key),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'kiln-elf-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function artifact(name: string, module: Module, wasm: Uint8Array): Artifact {
  const bytes = compileArtifact(module, wasm);
  const file = join(dir, `${name}.cwasm`);
  writeFileSync(file, bytes);
  return { name, file, bytes, kiln: kilnView(bytes, module) };
}

const program = fromWat(PROGRAM);
const helloWasm = new Uint8Array(readFileSync(new URL('../../examples/hello.wasm', import.meta.url)));
const helloModule = decodeModule(helloWasm);
validateModule(helloModule);
const artifacts = [artifact('program', program.module, program.wasm), artifact('hello', helloModule, helloWasm)];

const hex = (s: string): number => Number.parseInt(s, 16);
const TYPE_NAMES: Readonly<Record<number, string>> = { [SHT_PROGBITS]: 'PROGBITS', [SHT_SYMTAB]: 'SYMTAB', [SHT_STRTAB]: 'STRTAB' };
const flagLetters = (flags: number): string => `${flags & SHF_ALLOC ? 'A' : ''}${flags & SHF_EXECINSTR ? 'X' : ''}`;

// ---- parsers of the tools' output ----

/** `readelf -S -W`: [index, name, type, address, offset, size, flags, align] */
function readelfSections(out: string): Array<{ index: number; name: string; type: string; addr: number; offset: number; size: number; flags: string; align: number }> {
  const rows = [];
  const re = /^\s*\[\s*(\d+)\]\s+(\S+)\s+([A-Z_]+)\s+([0-9a-f]{16})\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]{2})\s+([A-Za-z]*)\s+(\d+)\s+(\d+)\s+(\d+)$/;
  for (const line of out.split('\n')) {
    const m = re.exec(line);
    if (m === null || m[1] === '0') continue;
    const g = m.slice(1) as string[];
    rows.push({ index: Number(g[0]), name: g[1] as string, type: g[2] as string, addr: hex(g[3] as string), offset: hex(g[4] as string), size: hex(g[5] as string), flags: g[7] as string, align: Number(g[10]) });
  }
  return rows;
}

/** `readelf -s -W`: the symbols of .symtab after the null one */
function readelfSymbols(out: string): Array<{ name: string; addr: number; size: number; type: string; bind: string; ndx: string }> {
  const rows = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+): ([0-9a-f]{16})\s+(\d+) (\S+)\s+(\S+)\s+(\S+)\s+(\S+) (.*)$/.exec(line);
    if (m === null || m[1] === '0') continue;
    rows.push({ addr: hex(m[2] as string), size: Number(m[3]), type: m[4] as string, bind: m[5] as string, ndx: m[7] as string, name: m[8] as string });
  }
  return rows;
}

/** `nm -S -n`: value, size, letter, name */
function nmSymbols(out: string): Array<{ name: string; addr: number; size: number; letter: string }> {
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = /^([0-9a-f]{16}) ([0-9a-f]{16}) (\S) (.*)$/.exec(l);
      if (m === null) throw new Error(`nm: unexpected line ${l}`);
      return { addr: hex(m[1] as string), size: hex(m[2] as string), letter: m[3] as string, name: m[4] as string };
    });
}

/** `objdump -h`: name, size, file offset, alignment */
function objdumpSections(out: string): Array<{ name: string; size: number; vma: number; offset: number; align: number }> {
  const rows = [];
  for (const line of out.split('\n')) {
    const m = /^\s*\d+ (\S+)\s+([0-9a-f]{8,})\s+([0-9a-f]{16})\s+[0-9a-f]{16}\s+([0-9a-f]{8,})\s+2\*\*(\d+)$/.exec(line);
    if (m !== null) rows.push({ name: m[1] as string, size: hex(m[2] as string), vma: hex(m[3] as string), offset: hex(m[4] as string), align: 2 ** Number(m[5]) });
  }
  return rows;
}

interface Disassembled {
  readonly name: string;
  readonly addr: number;
  /** [address, instruction text] */
  readonly lines: Array<[number, string]>;
  /** every byte objdump shows in the block (instructions and the padding after them) */
  readonly bytes: number[];
}

/** `objdump -d`: each symbol's block of instructions */
function objdumpFunctions(out: string): Disassembled[] {
  const funcs: Disassembled[] = [];
  for (const line of out.split('\n')) {
    const head = /^([0-9a-f]{16}) <(.*)>:$/.exec(line);
    if (head !== null) {
      funcs.push({ addr: hex(head[1] as string), name: head[2] as string, lines: [], bytes: [] });
      continue;
    }
    // an instruction, or the continuation of a long one's bytes (no text)
    const ins = /^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*(?:\t(.*))?$/.exec(line);
    const f = funcs[funcs.length - 1];
    if (ins === null || f === undefined) continue;
    for (const b of (ins[2] as string).split(' ')) f.bytes.push(hex(b));
    if (ins[3] !== undefined) f.lines.push([hex(ins[1] as string), ins[3]]);
  }
  return funcs;
}

// ---- the checks ----

describe('independent ELF readers agree with kiln', () => {
  for (const a of artifacts) {
    describe(a.name, () => {
      it('readelf -S: the same sections, in the same order, with the same types, flags, offsets, sizes, addresses and alignments', () => {
        const { out } = tool('readelf', ['-S', '-W', a.file]);
        expect(out).toMatch(/^\s*\[\s*0\]\s+NULL\s+0{16} 0{6} 0{6} 00\s+0\s+0\s+0$/m);
        expect(readelfSections(out)).toEqual(
          a.kiln.sections.map((s) => ({ index: s.index, name: s.name, type: TYPE_NAMES[s.type], addr: s.addr, offset: s.offset, size: s.size, flags: flagLetters(s.flags), align: s.align })),
        );
      });

      it('readelf -s: one local function symbol per defined function and per trampoline, at .text + its offset, sized from .kiln.funcs and .kiln.tramps', () => {
        const rows = readelfSymbols(tool('readelf', ['-s', '-W', a.file]).out);
        expect(rows).toEqual(a.kiln.symbols.map((s) => ({ ...s, type: 'FUNC', bind: 'LOCAL', ndx: String(a.kiln.textIndex) })));
      });

      it('nm: the same function symbols', () => {
        const { out, err } = tool('nm', ['-S', '-n', a.file]);
        expect(err).toBe('');
        expect(nmSymbols(out)).toEqual(a.kiln.symbols.map((s) => ({ ...s, letter: 't' })));
      });

      it('objdump -h: the same sections (offsets, sizes, addresses, alignments)', () => {
        const { out, err } = tool('objdump', ['-h', a.file]);
        expect(err).toBe('');
        expect(out).toMatch(/file format elf64-x86-64/);
        // objdump lists the sections that are not symbol or string tables
        const shown = a.kiln.sections.filter((s) => s.type === SHT_PROGBITS);
        expect(objdumpSections(out)).toEqual(shown.map((s) => ({ name: s.name, size: s.size, vma: s.addr, offset: s.offset, align: s.align })));
      });

      it('objdump -d: every function and trampoline disassembled under its name, direct calls to the start of their callee by name', () => {
        // -z: show runs of zero bytes too, so that every byte of .text is listed
        const { out, err } = tool('objdump', ['-d', '-z', a.file]);
        expect(err).toBe('');
        const funcs = objdumpFunctions(out);
        expect(funcs.map((f) => ({ name: f.name, addr: f.addr }))).toEqual(a.kiln.symbols.map((s) => ({ name: s.name, addr: s.addr })));
        const byAddr = new Map(a.kiln.symbols.map((s) => [s.addr, s.name]));
        let direct = 0;
        funcs.forEach((f, k) => {
          const sym = a.kiln.symbols[k] as { addr: number; size: number };
          // objdump read exactly kiln's bytes, from this function's start to the next one's
          const end = k + 1 < funcs.length ? (funcs[k + 1] as Disassembled).addr : a.kiln.textAddr + a.kiln.text.length;
          expect(Buffer.from(f.bytes).equals(Buffer.from(a.kiln.text.subarray(sym.addr - a.kiln.textAddr, end - a.kiln.textAddr))), f.name).toBe(true);
          // it decodes the function's entry as kiln's prologue (every kiln frame keeps rbp: docs/native-abi.md)
          expect(f.lines.slice(0, 2), f.name).toEqual([
            [sym.addr, 'push   %rbp'],
            [sym.addr + 1, 'mov    %rsp,%rbp'],
          ]);
          // br_table jump tables are data after the code (objdump shows them as (bad)): PROGRAM has none
          if (a.name === 'program') expect(f.lines.filter(([, text]) => text.includes('(bad)')), f.name).toEqual([]);
          for (const [, text] of f.lines) {
            const call = /^call\s+([0-9a-f]+) <(.*)>$/.exec(text);
            if (call === null) continue;
            // a jump table's data after the code may happen to decode as a call: every real
            // call of kiln code targets .text, such bytes almost never do
            const target = hex(call[1] as string);
            if (target < a.kiln.textAddr || target >= a.kiln.textAddr + a.kiln.text.length) continue;
            direct++;
            expect(`${call[2]} @${call[1]}`).toBe(`${byAddr.get(hex(call[1] as string))} @${call[1]}`);
          }
        });
        expect(direct).toBeGreaterThan(0);
        if (a.name === 'program') {
          const block = (name: string): string => (funcs.find((f) => f.name === name)?.lines ?? []).map(([, t]) => t).join('\n');
          const fib = a.kiln.symbols.find((s) => s.name === 'fib')?.addr.toString(16);
          const deep = a.kiln.symbols.find((s) => s.name === 'deep')?.addr.toString(16);
          expect(block('fib')).toMatch(new RegExp(`^call\\s+${fib} <fib>$`, 'm'));
          expect(block('div')).toMatch(new RegExp(`^call\\s+${deep} <deep>$`, 'm'));
        }
      });

      it('readelf -p .kiln.header shows the compatibility key strings', () => {
        const lines = tool('readelf', ['-p', SECTION.header, a.file]).out.split('\n');
        // the binary prefix (checksum, digest) may run into the first string
        for (const k of a.kiln.key) expect(lines.some((l) => l.endsWith(`  ${k}`) || l.endsWith(k)), k).toBe(true);
        for (const k of a.kiln.key.slice(1)) expect(lines.some((l) => /^\s*\[\s*[0-9a-f]+\]  /.test(l) && l.replace(/^\s*\[\s*[0-9a-f]+\]  /, '') === k), k).toBe(true);
      });

      it('readelf -a prints no warnings', () => {
        const { out, err } = tool('readelf', ['-a', '-W', a.file]);
        expect(err).toBe('');
        expect(out).not.toMatch(/warning/i);
      });

      it('elfy: the same header, sections and function symbols', () => {
        const e = elfy.parse(Buffer.from(a.bytes));
        expect({ class: e.class, endian: e.endian, type: e.type, machine: e.machine, phnum: e.phnum }).toEqual({ class: '64', endian: 'lsb', type: 'dyn', machine: 'amd64', phnum: 0 });
        const sections = e.body.sections;
        expect(sections[0]?.type).toBe('null');
        expect(e.shstrndx).toBe(sections.length - 1);
        expect(
          sections.slice(1).map((s) => ({ name: s.name, type: s.type, alloc: s.flags['alloc'] === true, exec: s.flags['execinstr'] === true, addr: s.addr, offset: s.off, size: s.size })),
        ).toEqual(
          a.kiln.sections.map((s) => ({
            name: s.name,
            type: (TYPE_NAMES[s.type] as string).toLowerCase(),
            alloc: (s.flags & SHF_ALLOC) !== 0,
            exec: (s.flags & SHF_EXECINSTR) !== 0,
            addr: s.addr,
            offset: s.offset,
            size: s.size,
          })),
        );
        const symtab = sections.find((s) => s.name === '.symtab')?.data as Buffer;
        const strtab = sections.find((s) => s.name === '.strtab')?.data as Buffer;
        const symbols = [];
        for (let at = 24; at + 24 <= symtab.length; at += 24) {
          const nameAt = symtab.readUInt32LE(at);
          symbols.push({
            name: strtab.subarray(nameAt, strtab.indexOf(0, nameAt)).toString('utf8'),
            info: symtab[at + 4],
            shndx: symtab.readUInt16LE(at + 6),
            addr: Number(symtab.readBigUInt64LE(at + 8)),
            size: Number(symtab.readBigUInt64LE(at + 16)),
          });
        }
        // st_info: STB_LOCAL << 4 | STT_FUNC
        expect(symbols).toEqual(a.kiln.symbols.map((s) => ({ ...s, info: 2, shndx: a.kiln.textIndex })));
      });
    });
  }
});
