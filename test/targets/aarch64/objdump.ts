/**
 * Runs GNU objdump for AArch64 on raw code and parses its listing, for the cross-check tests.
 * A missing disassembler is an error (the check must not silently pass): `npm run setup`
 * installs Debian's binutils-aarch64-linux-gnu.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ObjdumpLine {
  readonly offset: number;
  /** the instruction word as objdump shows it: 8 hex digits, most significant first */
  readonly word: string;
  readonly text: string;
}

export const OBJDUMP = 'aarch64-linux-gnu-objdump';
export const MISSING = 'aarch64-linux-gnu-objdump not found: run npm run setup (apt-get install binutils-aarch64-linux-gnu)';

const LINE = /^ *([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$/;

/**
 * Disassemble `code` with `aarch64-linux-gnu-objdump -D -z -b binary -m aarch64` (-z: show
 * zero words, which are `udf #0`, instead of skipping them).
 */
export function objdump(code: Uint8Array): ObjdumpLine[] {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-a64-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, code);
    const run = spawnSync(OBJDUMP, ['-D', '-z', '-b', 'binary', '-m', 'aarch64', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING);
    if (run.status !== 0) throw new Error(`${OBJDUMP} failed (${run.status}): ${run.stderr}`);
    return parseListing(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One entry per instruction line of objdump's output. */
export function parseListing(stdout: string): ObjdumpLine[] {
  const out: ObjdumpLine[] = [];
  for (const raw of stdout.split('\n')) {
    const m = LINE.exec(raw);
    if (m !== null) out.push({ offset: parseInt(m[1]!, 16), word: m[2]!, text: m[3]! });
  }
  return out;
}
