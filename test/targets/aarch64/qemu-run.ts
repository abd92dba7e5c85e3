/**
 * Runs a piece of AArch64 code as a tiny static Linux executable under `qemu-aarch64` (user
 * mode) and returns what it wrote to stdout. The executable is an ELF64 header and one
 * read-write-execute PT_LOAD segment (ELF-64 Object File Format; AArch64 e_machine 183) that maps
 * the file at BASE, followed by `bss` zeroed bytes; the code starts at BASE + CODE_OFFSET,
 * which is the entry point. The code ends itself with the exit system call.
 */

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE = 0x400000;
export const CODE_OFFSET = 128;
export const QEMU = 'qemu-aarch64';
export const QEMU_MISSING = 'qemu-aarch64 not found: run npm run setup (apt-get install qemu-user)';

/** the executable image: headers, padding to CODE_OFFSET, the code */
export function staticElf(code: Uint8Array, bss: number): Uint8Array {
  const out = new Uint8Array(CODE_OFFSET + code.length);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0); // magic, ELFCLASS64, little endian, EV_CURRENT, System V
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 183, true); // EM_AARCH64
  v.setUint32(20, 1, true); // EV_CURRENT
  v.setBigUint64(24, BigInt(BASE + CODE_OFFSET), true); // e_entry
  v.setBigUint64(32, 64n, true); // e_phoff
  v.setUint16(52, 64, true); // e_ehsize
  v.setUint16(54, 56, true); // e_phentsize
  v.setUint16(56, 1, true); // e_phnum
  const ph = 64;
  v.setUint32(ph, 1, true); // PT_LOAD
  v.setUint32(ph + 4, 7, true); // PF_R | PF_W | PF_X
  v.setBigUint64(ph + 8, 0n, true); // p_offset
  v.setBigUint64(ph + 16, BigInt(BASE), true); // p_vaddr
  v.setBigUint64(ph + 24, BigInt(BASE), true); // p_paddr
  v.setBigUint64(ph + 32, BigInt(out.length), true); // p_filesz
  v.setBigUint64(ph + 40, BigInt(out.length + bss), true); // p_memsz
  v.setBigUint64(ph + 48, 0x10000n, true); // p_align
  out.set(code, CODE_OFFSET);
  return out;
}

/** run the code under qemu-aarch64; its stdout (throws on a non-zero exit or a signal) */
export function runAarch64(code: Uint8Array, bss: number): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-a64-run-'));
  try {
    const file = join(dir, 'prog');
    writeFileSync(file, staticElf(code, bss));
    chmodSync(file, 0o755);
    const run = spawnSync(QEMU, [file], { maxBuffer: 256 * 1024 * 1024 });
    if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(QEMU_MISSING);
    if (run.status !== 0) throw new Error(`${QEMU} exited with ${run.status ?? run.signal}: ${run.stderr.toString()}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
