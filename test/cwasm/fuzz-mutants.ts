/**
 * Mutants of `.cwasm` artifacts for the corrupt-artifact fuzz test (corrupt-fuzz.test.ts).
 * Each mutant is a pure function of (seed, index) through test/fuzz/gen/rng.ts, never
 * Math.random, so the one line a failure prints rebuilds it.
 *
 * - `anyByteMutant`: any byte of the file (bit flips, byte overwrites, word changes,
 *   truncation, extension), the checksum left as it was.
 * - `tableMutant`: bytes inside the regions `tableRegions` lists (the metadata and table
 *   sections — `.kiln.stackmaps` too when the artifact has one —, `.kiln.header`'s key
 *   strings, the section header table entries of those sections; never `.text`), then
 *   resealed.
 */

import { readElf } from '../../formats/cwasm/elf-read.js';
import { SECTION_HEADER_SIZE } from '../../formats/cwasm/elf.js';
import { HEADER_KEY_AT, HEADER_OFFSET, SECTION } from '../../formats/cwasm/layout.js';
import { Rng, subSeed } from '../fuzz/gen/rng.js';
import { resealed } from './helpers.js';

export interface Mutant {
  readonly bytes: Uint8Array;
  /** what was done, for failure messages */
  readonly what: string;
}

/** a byte range of the artifact that mutants may change */
export interface Region {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** relative share of the mutants */
  readonly weight: number;
}

/** the sections whose contents and section header entries table mutants change */
const TABLE_SECTIONS: readonly string[] = [SECTION.meta, SECTION.funcs, SECTION.traps, SECTION.faults, SECTION.addrmap, SECTION.stackmaps, SECTION.tramps, SECTION.reloc];
/** table sections of later format work, mutated when the artifact has them */
const OPTIONAL_SECTIONS: readonly string[] = [];
const CONTENT_WEIGHT: Readonly<Record<string, number>> = {
  [SECTION.meta]: 4,
  [SECTION.funcs]: 3,
  [SECTION.traps]: 2,
  [SECTION.faults]: 2,
  [SECTION.addrmap]: 2,
};

/** where table mutants may write, found through readElf */
export function tableRegions(bytes: Uint8Array): Region[] {
  const elf = readElf(bytes);
  const names = [...elf.sections.keys()];
  const shoff = Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(40, true));
  const out: Region[] = [];
  const header = elf.sections.get(SECTION.header);
  if (header === undefined) throw new Error('no .kiln.header');
  out.push({ name: 'key strings', start: HEADER_OFFSET + HEADER_KEY_AT, end: header.offset + header.size, weight: 2 });
  const present = [...TABLE_SECTIONS, ...OPTIONAL_SECTIONS.filter((n) => elf.sections.has(n))];
  for (const name of present) {
    const s = elf.sections.get(name);
    if (s === undefined) throw new Error(`no ${name}`);
    if (s.size > 0) out.push({ name, start: s.offset, end: s.offset + s.size, weight: CONTENT_WEIGHT[name] ?? 1 });
  }
  for (const name of [SECTION.header, ...present]) {
    // readElf keeps the file's section order; index 0 is the null section
    const at = shoff + (names.indexOf(name) + 1) * SECTION_HEADER_SIZE;
    out.push({ name: `${name} section header`, start: at, end: at + SECTION_HEADER_SIZE, weight: 0.75 });
  }
  return out;
}

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];

function interestingWords(size: number): number[] {
  return [0, 1, 2, 4, 8, 12, 16, 32, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, size, size - 1, size + 1];
}

/** one in-place change inside [start, end) of `b`, described */
function mutateIn(rng: Rng, b: Uint8Array, start: number, end: number): string {
  const len = end - start;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const op = rng.int(len >= 4 ? 7 : 4);
  const at = start + rng.int(len);
  switch (op) {
    case 0: {
      const bit = rng.int(8);
      b[at] = (b[at] as number) ^ (1 << bit);
      return `flip bit ${bit} at 0x${at.toString(16)}`;
    }
    case 1: {
      const n = rng.range(2, 4);
      const where: string[] = [];
      for (let i = 0; i < n; i++) {
        const p = start + rng.int(len);
        const bit = rng.int(8);
        b[p] = (b[p] as number) ^ (1 << bit);
        where.push(`0x${p.toString(16)}.${bit}`);
      }
      return `flip bits ${where.join(' ')}`;
    }
    case 2: {
      const v = rng.int(256);
      b[at] = v;
      return `byte 0x${at.toString(16)} = 0x${v.toString(16)}`;
    }
    case 3: {
      const v = rng.pick(INTERESTING_BYTES);
      b[at] = v;
      return `byte 0x${at.toString(16)} = 0x${v.toString(16)}`;
    }
    case 4: {
      // a u32 field: word-aligned relative to the region (every field of the tables and of a section header entry is)
      const w = start + 4 * rng.int(len >> 2);
      const delta = rng.chance(0.5) ? rng.pick([-1, 1]) * rng.range(1, 16) : rng.pick([-1, 1]) * rng.pick([8, 12, 16, 32, 64, 256]);
      const v = (dv.getUint32(w, true) + delta) >>> 0;
      dv.setUint32(w, v, true);
      return `u32 at 0x${w.toString(16)} ${delta > 0 ? '+' : ''}${delta}`;
    }
    case 5: {
      const w = start + 4 * rng.int(len >> 2);
      const v = rng.pick(interestingWords(len)) >>> 0;
      dv.setUint32(w, v, true);
      return `u32 at 0x${w.toString(16)} = 0x${v.toString(16)}`;
    }
    default: {
      const n = Math.min(rng.range(2, 8), end - at);
      for (let i = 0; i < n; i++) b[at + i] = rng.int(256);
      return `${n} random bytes at 0x${at.toString(16)}`;
    }
  }
}

const differs = (a: Uint8Array, b: Uint8Array): boolean => a.length !== b.length || a.some((x, i) => x !== b[i]);

/** mutant `index` of run `seed`: any byte, checksum stale */
export function anyByteMutant(base: Uint8Array, seed: number, index: number): Mutant {
  const rng = new Rng(subSeed(seed, index));
  for (;;) {
    const op = rng.int(10);
    if (op === 0) {
      const n = rng.chance(0.2) ? rng.int(256) : rng.int(base.length);
      return { bytes: base.slice(0, n), what: `truncated to ${n} bytes` };
    }
    if (op === 1) {
      const n = rng.range(1, 64);
      const out = new Uint8Array(base.length + n);
      out.set(base);
      const zeros = rng.chance(0.5);
      for (let i = base.length; i < out.length; i++) out[i] = zeros ? 0 : rng.int(256);
      return { bytes: out, what: `extended by ${n} ${zeros ? 'zero' : 'random'} bytes` };
    }
    const out = base.slice();
    const what = mutateIn(rng, out, 0, out.length);
    if (differs(out, base)) return { bytes: out, what };
  }
}

/** mutant `index` of run `seed`: inside one region, 1 to 3 changes, resealed */
export function tableMutant(base: Uint8Array, regions: readonly Region[], seed: number, index: number): Mutant & { readonly region: string } {
  const rng = new Rng(subSeed(seed, index));
  const weights = regions.map((r) => r.weight);
  for (;;) {
    const r = regions[rng.weighted(weights)] as Region;
    const out = base.slice();
    const n = rng.chance(0.75) ? 1 : rng.range(2, 3);
    const what: string[] = [];
    for (let i = 0; i < n; i++) what.push(mutateIn(rng, out, r.start, r.end));
    if (differs(out, base)) return { bytes: resealed(out), what: `${r.name}: ${what.join('; ')}`, region: r.name };
  }
}
