/**
 * The `.cwasm` format's fixed parts (docs/cwasm.md is the full description): the format
 * version, section names, the fixed prefix of `.kiln.header` (where the checksum sits) and the
 * entry sizes of the tables.
 */

/**
 * bumped whenever a reader of the previous version would misread an artifact (2: a CRC-32
 * checksum instead of SHA-256, fault sites in two text-wide columns, an address-map pair per
 * call only, every table under the header digest)
 */
export const FORMAT_VERSION = 2;

/** first bytes of `.kiln.header` */
export const HEADER_MAGIC = new TextEncoder().encode('KILNCWSM');

/** `.kiln.header` always starts right after the ELF header */
export const HEADER_OFFSET = 64;
/** offsets inside `.kiln.header` */
export const HEADER_VERSION_AT = 8;
export const HEADER_SIZE_AT = 12;
export const CHECKSUM_AT = 16;
export const CHECKSUM_SIZE = 4;
/** 4 reserved bytes (zero) after the checksum, then the 32-byte header digest */
export const DIGEST_AT = 24;
/** the key strings start here */
export const HEADER_KEY_AT = 56;

export const SECTION = {
  text: '.text',
  header: '.kiln.header',
  meta: '.kiln.meta',
  funcs: '.kiln.funcs',
  traps: '.kiln.traps',
  faults: '.kiln.faults',
  addrmap: '.kiln.addrmap',
  stackmaps: '.kiln.stackmaps',
  tramps: '.kiln.tramps',
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
/** `.kiln.addrmap` entries: return offset (u32), wasm offset (i32) */
export const PAIR_ENTRY = 8;
/** bytes per fault site: a u32 text offset in the first column, an i32 wasm offset in the second */
export const FAULT_SITE = 8;
/** `.kiln.tramps` entry: kind (u32: 0 entry, 1 exit), type index (u32), text offset (u32), size (u32) */
export const TRAMP_ENTRY = 16;
/** `.kiln.reloc` entry: offset (u32), kind (u32), symbol (u32), addend (i32) */
export const RELOC_ENTRY = 16;
