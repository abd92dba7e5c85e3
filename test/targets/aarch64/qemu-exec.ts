/**
 * Runs AArch64 code under qemu-aarch64 without any runtime: the code image becomes a static
 * ELF64 executable (one RWX PT_LOAD segment at a fixed address, entry at a given offset),
 * and `runImage` starts it and returns its exit status and standard output. The tests build
 * their own `_start` with the kiln assembler. A missing qemu-aarch64 is an error (the check
 * must not pass silently): `npm run setup` installs Debian's qemu-user.
 *
 * ELF layout (System V gABI, ELF64; AArch64: EM_AARCH64 = 183): the 64-byte header, one
 * 56-byte program header, then the image at file offset 0x1000 loaded at IMAGE_BASE.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const IMAGE_BASE = 0x400000;
const FILE_OFFSET = 0x1000;

/** a static executable of `image` (code and data), entered at `entry`, with `bss` zero bytes after it */
export function elfOf(image: Uint8Array, entry: number, bss: number): Uint8Array {
  const out = new Uint8Array(FILE_OFFSET + image.length);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0); // ELFCLASS64, little endian, version 1, System V
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 183, true); // EM_AARCH64
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, BigInt(IMAGE_BASE + entry), true);
  dv.setBigUint64(32, 64n, true); // e_phoff
  dv.setUint16(52, 64, true); // e_ehsize
  dv.setUint16(54, 56, true); // e_phentsize
  dv.setUint16(56, 1, true); // e_phnum
  dv.setUint16(58, 64, true); // e_shentsize
  const ph = 64;
  dv.setUint32(ph, 1, true); // PT_LOAD
  dv.setUint32(ph + 4, 7, true); // RWX
  dv.setBigUint64(ph + 8, BigInt(FILE_OFFSET), true);
  dv.setBigUint64(ph + 16, BigInt(IMAGE_BASE), true);
  dv.setBigUint64(ph + 24, BigInt(IMAGE_BASE), true);
  dv.setBigUint64(ph + 32, BigInt(image.length), true);
  dv.setBigUint64(ph + 40, BigInt(image.length + bss), true);
  dv.setBigUint64(ph + 48, 0x1000n, true);
  out.set(image, FILE_OFFSET);
  return out;
}

export const QEMU = 'qemu-aarch64';

export interface RunResult {
  /** exit status, or null when killed by a signal */
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: Uint8Array;
}

/** run several executables; one temporary directory for all */
export function runImages(elfs: readonly Uint8Array[]): RunResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-a64-exec-'));
  try {
    return elfs.map((elf, k) => {
      const file = join(dir, `t${k}`);
      writeFileSync(file, elf);
      chmodSync(file, 0o755);
      const run = spawnSync(QEMU, [file], { maxBuffer: 64 * 1024 * 1024, timeout: 20_000 });
      if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error('qemu-aarch64 not found: run npm run setup (apt-get install qemu-user)');
      }
      return { status: run.status, signal: run.signal, stdout: new Uint8Array(run.stdout) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
