/**
 * AArch64 relocation kinds of the static linker ("ELF for the Arm 64-bit Architecture
 * (AArch64)", aaelf64, section 5.7 "Relocation": static data relocations, "PC-relative
 * addresses", "Control-flow", "Group relocations" for the :lo12: forms). S symbol, A addend,
 * P place, Page(x) = x with the low 12 bits cleared, X the computed value.
 * Overflow checks are the ones the document gives; `_NC` kinds have none, but the scaled
 * load/store forms check that the low bits they drop are zero (a misaligned access would
 * otherwise address the wrong byte silently). The GOT pair ADR_GOT_PAGE/LD64_GOT_LO12_NC,
 * which gcc emits for weak references even without -fpic, is resolved through a GOT entry
 * the linker creates (static-exe.ts); they then compute as ADR_PREL_PG_HI21/LDST64.
 * An undefined weak symbol is 0 for absolute kinds and the place for PC-relative ones, and a
 * branch to one goes to the next instruction (Arm 64-bit ABI, "Weak references").
 */

import { checkAligned, checkRange, mod, page, patchInsn, type RelocKind, type RelocSite, type RelocTable, write32, write64 } from './exe-reloc.js';

/** ADRP: X = Page(S + A) - Page(P), imm21 = X >> 12 in immlo (bits 29-30) and immhi (bits 5-23) */
function adrPage(site: RelocSite): void {
  const imm = (page(site.S + site.A) - page(site.P)) / 4096;
  checkRange(imm, -(2 ** 20), 2 ** 20);
  patchInsn(site, imm & 3, 0x3, 29);
  patchInsn(site, (imm >> 2) & 0x7ffff, 0x7ffff, 5);
}

/** the 12-bit immediate (bits 10-21) of ADD or of a load/store scaled by `scale` bytes: (S + A)[11:log2 scale] */
function lo12(scale: number): (site: RelocSite) => void {
  return (site) => {
    const low = mod(site.S + site.A, 4096);
    if (scale > 1) checkAligned(low, scale, `the low 12 bits of the address of a ${scale}-byte access`);
    patchInsn(site, low / scale, 0xfff, 10);
  };
}

/** a branch: X = S + A - P, a multiple of 4 with |X| < 2^bits, imm = X >> 2 into `width` bits at `shift` */
function branch(bits: number, width: number, shift: number): (site: RelocSite) => void {
  return (site) => {
    const x = site.S + site.A - site.P;
    checkAligned(x, 4, 'branch displacement');
    checkRange(x, -(2 ** bits), 2 ** bits);
    const mask = 2 ** width - 1;
    patchInsn(site, (x / 4) & mask, mask, shift);
  };
}

const kinds: Array<[number, RelocKind]> = [
  [257, { name: 'R_AARCH64_ABS64', size: 8, apply: (s) => write64(s, s.S + s.A) }],
  [
    261,
    {
      name: 'R_AARCH64_PREL32',
      size: 4,
      weakUndefined: 'place',
      apply: (s) => {
        checkRange(s.S + s.A - s.P, -(2 ** 31), 2 ** 32);
        write32(s, s.S + s.A - s.P);
      },
    },
  ],
  [275, { name: 'R_AARCH64_ADR_PREL_PG_HI21', size: 4, weakUndefined: 'place', apply: adrPage }],
  [277, { name: 'R_AARCH64_ADD_ABS_LO12_NC', size: 4, apply: lo12(1) }],
  [278, { name: 'R_AARCH64_LDST8_ABS_LO12_NC', size: 4, apply: lo12(1) }],
  [284, { name: 'R_AARCH64_LDST16_ABS_LO12_NC', size: 4, apply: lo12(2) }],
  [285, { name: 'R_AARCH64_LDST32_ABS_LO12_NC', size: 4, apply: lo12(4) }],
  [286, { name: 'R_AARCH64_LDST64_ABS_LO12_NC', size: 4, apply: lo12(8) }],
  [299, { name: 'R_AARCH64_LDST128_ABS_LO12_NC', size: 4, apply: lo12(16) }],
  // TBZ/TBNZ: imm14 at bits 5-18, CBZ/CBNZ/B.cond: imm19 at bits 5-23, B/BL: imm26 at bits 0-25
  [279, { name: 'R_AARCH64_TSTBR14', size: 4, weakUndefined: 'next', apply: branch(15, 14, 5) }],
  [280, { name: 'R_AARCH64_CONDBR19', size: 4, weakUndefined: 'next', apply: branch(20, 19, 5) }],
  [282, { name: 'R_AARCH64_JUMP26', size: 4, weakUndefined: 'next', apply: branch(27, 26, 0) }],
  [283, { name: 'R_AARCH64_CALL26', size: 4, weakUndefined: 'next', apply: branch(27, 26, 0) }],
  [311, { name: 'R_AARCH64_ADR_GOT_PAGE', size: 4, got: true, apply: adrPage }],
  [312, { name: 'R_AARCH64_LD64_GOT_LO12_NC', size: 4, got: true, apply: lo12(8) }],
];

export const RELOCS_AARCH64: RelocTable = { kinds: new Map(kinds), abs64: 257 };
