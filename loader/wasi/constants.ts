/**
 * Numbers of WASI preview1 (`wasi_snapshot_preview1`), taken from the witx spec
 * (phases/snapshot/witx/typenames.witx): errno values, rights bits, filetypes, flags and the
 * byte layouts of the structs the host reads from and writes into guest memory.
 */

/** errno, in witx order: the index is the value. */
export const ERRNO_NAMES = [
  'success', '2big', 'acces', 'addrinuse', 'addrnotavail', 'afnosupport', 'again', 'already',
  'badf', 'badmsg', 'busy', 'canceled', 'child', 'connaborted', 'connrefused', 'connreset',
  'deadlk', 'destaddrreq', 'dom', 'dquot', 'exist', 'fault', 'fbig', 'hostunreach', 'idrm',
  'ilseq', 'inprogress', 'intr', 'inval', 'io', 'isconn', 'isdir', 'loop', 'mfile', 'mlink',
  'msgsize', 'multihop', 'nametoolong', 'netdown', 'netreset', 'netunreach', 'nfile', 'nobufs',
  'nodev', 'noent', 'noexec', 'nolck', 'nolink', 'nomem', 'nomsg', 'noprotoopt', 'nospc',
  'nosys', 'notconn', 'notdir', 'notempty', 'notrecoverable', 'notsock', 'notsup', 'notty',
  'nxio', 'overflow', 'ownerdead', 'perm', 'pipe', 'proto', 'protonosupport', 'prototype',
  'range', 'rofs', 'spipe', 'srch', 'stale', 'timedout', 'txtbsy', 'xdev', 'notcapable',
] as const;

export const ERRNO = {
  SUCCESS: 0, TOOBIG: 1, ACCES: 2, AGAIN: 6, BADF: 8, BUSY: 10, EXIST: 20, FAULT: 21, FBIG: 22,
  ILSEQ: 25, INTR: 27, INVAL: 28, IO: 29, ISDIR: 31, LOOP: 32, MFILE: 33, MLINK: 34, NAMETOOLONG: 37,
  NODEV: 43, NOENT: 44, NOSPC: 51, NOSYS: 52, NOTDIR: 54, NOTEMPTY: 55, NOTSOCK: 57, NOTSUP: 58,
  NOTTY: 59, OVERFLOW: 61, PERM: 63, PIPE: 64, ROFS: 69, SPIPE: 70, XDEV: 75, NOTCAPABLE: 76,
} as const;

/** rights bits (witx `rights`, a u64 bitset) */
export const RIGHTS = {
  FD_DATASYNC: 1n << 0n,
  FD_READ: 1n << 1n,
  FD_SEEK: 1n << 2n,
  FD_FDSTAT_SET_FLAGS: 1n << 3n,
  FD_SYNC: 1n << 4n,
  FD_TELL: 1n << 5n,
  FD_WRITE: 1n << 6n,
  FD_ADVISE: 1n << 7n,
  FD_ALLOCATE: 1n << 8n,
  PATH_CREATE_DIRECTORY: 1n << 9n,
  PATH_CREATE_FILE: 1n << 10n,
  PATH_LINK_SOURCE: 1n << 11n,
  PATH_LINK_TARGET: 1n << 12n,
  PATH_OPEN: 1n << 13n,
  FD_READDIR: 1n << 14n,
  PATH_READLINK: 1n << 15n,
  PATH_RENAME_SOURCE: 1n << 16n,
  PATH_RENAME_TARGET: 1n << 17n,
  PATH_FILESTAT_GET: 1n << 18n,
  PATH_FILESTAT_SET_SIZE: 1n << 19n,
  PATH_FILESTAT_SET_TIMES: 1n << 20n,
  FD_FILESTAT_GET: 1n << 21n,
  FD_FILESTAT_SET_SIZE: 1n << 22n,
  FD_FILESTAT_SET_TIMES: 1n << 23n,
  PATH_SYMLINK: 1n << 24n,
  PATH_REMOVE_DIRECTORY: 1n << 25n,
  PATH_UNLINK_FILE: 1n << 26n,
  POLL_FD_READWRITE: 1n << 27n,
  SOCK_SHUTDOWN: 1n << 28n,
  SOCK_ACCEPT: 1n << 29n,
} as const;

export const RIGHTS_ALL = (1n << 30n) - 1n;

/** rights that make sense on a regular file (or a character device such as a terminal) */
export const RIGHTS_FILE =
  RIGHTS.FD_DATASYNC | RIGHTS.FD_READ | RIGHTS.FD_SEEK | RIGHTS.FD_FDSTAT_SET_FLAGS |
  RIGHTS.FD_SYNC | RIGHTS.FD_TELL | RIGHTS.FD_WRITE | RIGHTS.FD_ADVISE | RIGHTS.FD_ALLOCATE |
  RIGHTS.FD_FILESTAT_GET | RIGHTS.FD_FILESTAT_SET_SIZE | RIGHTS.FD_FILESTAT_SET_TIMES |
  RIGHTS.POLL_FD_READWRITE;

/** rights that make sense on a directory */
export const RIGHTS_DIR =
  RIGHTS.FD_FDSTAT_SET_FLAGS | RIGHTS.FD_SYNC | RIGHTS.FD_DATASYNC | RIGHTS.PATH_CREATE_DIRECTORY |
  RIGHTS.PATH_CREATE_FILE | RIGHTS.PATH_LINK_SOURCE | RIGHTS.PATH_LINK_TARGET | RIGHTS.PATH_OPEN |
  RIGHTS.FD_READDIR | RIGHTS.PATH_READLINK | RIGHTS.PATH_RENAME_SOURCE |
  RIGHTS.PATH_RENAME_TARGET | RIGHTS.PATH_FILESTAT_GET | RIGHTS.PATH_FILESTAT_SET_SIZE |
  RIGHTS.PATH_FILESTAT_SET_TIMES | RIGHTS.FD_FILESTAT_GET | RIGHTS.FD_FILESTAT_SET_TIMES |
  RIGHTS.PATH_SYMLINK | RIGHTS.PATH_REMOVE_DIRECTORY | RIGHTS.PATH_UNLINK_FILE;

/** rights that modify something; a read-only preopen never hands them out */
export const RIGHTS_WRITING =
  RIGHTS.FD_DATASYNC | RIGHTS.FD_WRITE | RIGHTS.FD_ALLOCATE | RIGHTS.PATH_CREATE_DIRECTORY |
  RIGHTS.PATH_CREATE_FILE | RIGHTS.PATH_LINK_SOURCE | RIGHTS.PATH_LINK_TARGET |
  RIGHTS.PATH_RENAME_SOURCE | RIGHTS.PATH_RENAME_TARGET | RIGHTS.PATH_FILESTAT_SET_SIZE |
  RIGHTS.PATH_FILESTAT_SET_TIMES | RIGHTS.FD_FILESTAT_SET_SIZE | RIGHTS.FD_FILESTAT_SET_TIMES |
  RIGHTS.PATH_SYMLINK | RIGHTS.PATH_REMOVE_DIRECTORY | RIGHTS.PATH_UNLINK_FILE;

/** rights a write-capable fd needs the host file opened for writing */
export const RIGHTS_NEED_HOST_WRITE =
  RIGHTS.FD_WRITE | RIGHTS.FD_ALLOCATE | RIGHTS.FD_FILESTAT_SET_SIZE | RIGHTS.FD_DATASYNC;

export const FILETYPE = {
  UNKNOWN: 0,
  BLOCK_DEVICE: 1,
  CHARACTER_DEVICE: 2,
  DIRECTORY: 3,
  REGULAR_FILE: 4,
  SOCKET_DGRAM: 5,
  SOCKET_STREAM: 6,
  SYMBOLIC_LINK: 7,
} as const;

export const WHENCE = { SET: 0, CUR: 1, END: 2 } as const;

export const FDFLAGS = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;
export const FDFLAGS_ALL = 31;

export const OFLAGS = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;
export const OFLAGS_ALL = 15;

export const LOOKUP_SYMLINK_FOLLOW = 1;

export const FSTFLAGS = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;

export const ADVICE_MAX = 5; // normal, sequential, random, willneed, dontneed, noreuse

export const CLOCK = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME: 2, THREAD_CPUTIME: 3 } as const;

export const EVENTTYPE = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;
export const SUBCLOCK_ABSTIME = 1;

export const PREOPENTYPE_DIR = 0;

/** struct sizes and field offsets (wasm32, little-endian) */
export const LAYOUT = {
  IOVEC_SIZE: 8, // buf u32 @0, buf_len u32 @4
  FDSTAT_SIZE: 24, // filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16
  FILESTAT_SIZE: 64, // dev @0 ino @8 filetype u8 @16 nlink @24 size @32 atim @40 mtim @48 ctim @56
  DIRENT_SIZE: 24, // d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20
  PRESTAT_SIZE: 8, // tag u8 @0, pr_name_len u32 @4
  SUBSCRIPTION_SIZE: 48, // userdata u64 @0, tag u8 @8, clock{id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40} | fd u32 @16
  EVENT_SIZE: 32, // userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24
} as const;

/** symlinks followed while resolving one path before ELOOP */
export const MAX_SYMLINKS = 40;
