/**
 * The `.cwasm` format's fixed parts (docs/cwasm.md is the full description): the format
 * version, section names, the fixed prefix of `.kiln.header` (where the checksum sits) and the
 * entry sizes of the tables.
 */

/** bumped whenever a reader of the previous version would misread an artifact */
export const FORMAT_VERSION = 1;

/** first bytes of `.kiln.header` */
export const HEADER_MAGIC = new TextEncoder().encode('KILNCWSM');

/** `.kiln.header` always starts right after the ELF header */
export const HEADER_OFFSET = 64;
/** offsets inside `.kiln.header` */
export const HEADER_VERSION_AT = 8;
export const HEADER_SIZE_AT = 12;
export const CHECKSUM_AT = 16;
export const CHECKSUM_SIZE = 32;
export const DIGEST_AT = 48;
/** the key strings start here */
export const HEADER_KEY_AT = 80;

export const SECTION = {
  text: '.text',
  header: '.kiln.header',
  meta: '.kiln.meta',
  funcs: '.kiln.funcs',
  traps: '.kiln.traps',
  faults: '.kiln.faults',
  addrmap: '.kiln.addrmap',
  stackmaps: '.kiln.stackmaps',
  reloc: '.kiln.reloc',
  wasm: '.kiln.wasm',
} as const;

/**
 * `.kiln.funcs` entry: text offset, size, then first index and count in traps, faults,
 * addrmap, and the first word and word count of the function's stack maps and of its saved
 * registers in `.kiln.stackmaps`
 */
export const FUNC_ENTRY = 48;
/** `.kiln.stackmaps` words (i32) */
export const WORD = 4;
/** `.kiln.traps` entry: code offset (u32), trap code (u32), wasm offset (i32) */
export const TRAP_ENTRY = 12;
/** `.kiln.faults` and `.kiln.addrmap` entries: code offset (u32), wasm offset (i32) */
export const PAIR_ENTRY = 8;
/** `.kiln.reloc` entry: offset (u32), kind (u32), symbol (u32), addend (i32) */
export const RELOC_ENTRY = 16;
