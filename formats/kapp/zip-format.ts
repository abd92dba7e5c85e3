/**
 * Zip format facts shared by the app package reader and writer (PKWARE APPNOTE.TXT 6.3.x):
 * record signatures and fixed sizes (4.3.7 local file header, 4.3.12 central directory file
 * header, 4.3.16 end of central directory record), general purpose flag bits (4.4.4),
 * compression methods (4.4.5), "version made by" hosts (4.4.2) and Unix file types (st_mode).
 * All multi-byte fields are little-endian.
 */

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
export const SIG_ZIP64_LOCATOR = 0x07064b50;

/** fixed part of a local file header, before the name and extra field */
export const LOCAL_SIZE = 30;
/** fixed part of a central directory file header, before the name, extra field and comment */
export const CENTRAL_SIZE = 46;
/** end of central directory record without its comment */
export const EOCD_SIZE = 22;
/** ZIP64 end of central directory locator, which sits right before the EOCD record */
export const ZIP64_LOCATOR_SIZE = 20;
/** the EOCD record may end in a comment of up to 65,535 bytes: search this far from the end */
export const EOCD_SEARCH = EOCD_SIZE + 0xffff;

/** general purpose flag bits */
export const FLAG_ENCRYPTED = 1 << 0;
export const FLAG_DATA_DESCRIPTOR = 1 << 3;
export const FLAG_STRONG_ENCRYPTION = 1 << 6;
export const FLAG_UTF8 = 1 << 11;

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;

/** "version made by" high byte of a Unix host: external attributes >> 16 are then st_mode */
export const HOST_UNIX = 3;

export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;

/** the MS-DOS date 1980-01-01 ((year - 1980) << 9 | month << 5 | day) and time 00:00:00 */
export const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1;
export const DOS_TIME_MIDNIGHT = 0;

/** ZIP64 markers: a field holding its all-ones value means "see the ZIP64 extra field" */
export const U16_MAX = 0xffff;
export const U32_MAX = 0xffffffff;

export const MIB = 1024 * 1024;
