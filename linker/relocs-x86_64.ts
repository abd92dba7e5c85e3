/**
 * x86-64 relocation kinds of the static linker (System V AMD64 psABI, section 4.4
 * "Relocation", table "Relocation Types"): S symbol, A addend, P place. In a static
 * executable a PLT entry is never needed, so PLT32 is PC32.
 */

import { checkRange, type RelocKind, type RelocSite, type RelocTable, write32, write64 } from './exe-reloc.js';

const TWO31 = 2 ** 31;
const TWO32 = 2 ** 32;

function pcRelative32(site: RelocSite): void {
  const v = site.S + site.A - site.P;
  checkRange(v, -TWO31, TWO31);
  write32(site, v);
}

const kinds: Array<[number, RelocKind]> = [
  // word64: S + A
  [1, { name: 'R_X86_64_64', size: 8, apply: (s) => write64(s, s.S + s.A) }],
  // word32: S + A - P, sign-extended by the instruction
  [2, { name: 'R_X86_64_PC32', size: 4, apply: pcRelative32 }],
  // word32: L + A - P, with L = S when linking statically
  [4, { name: 'R_X86_64_PLT32', size: 4, apply: pcRelative32 }],
  // word32: S + A, zero-extended
  [
    10,
    {
      name: 'R_X86_64_32',
      size: 4,
      apply: (s) => {
        checkRange(s.S + s.A, 0, TWO32);
        write32(s, s.S + s.A);
      },
    },
  ],
  // word32: S + A, sign-extended
  [
    11,
    {
      name: 'R_X86_64_32S',
      size: 4,
      apply: (s) => {
        checkRange(s.S + s.A, -TWO31, TWO31);
        write32(s, s.S + s.A);
      },
    },
  ],
];

export const RELOCS_X86_64: RelocTable = { kinds: new Map(kinds), abs64: 1 };
