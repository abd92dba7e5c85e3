/**
 * Runs GNU objdump on raw x86-64 bytes and parses its listing, for the cross-check test.
 * A missing objdump is an error (the check must not silently pass): install Debian's binutils.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ObjdumpLine {
  readonly offset: number;
  readonly hex: string;
  readonly text: string;
}

const LINE = /^ *([0-9a-f]+):\t([0-9a-f ]+?) *(?:\t(.*))?$/;

/** Disassemble `code` with `objdump -D -b binary -m i386:x86-64 -M intel`. */
export function objdump(code: Uint8Array): ObjdumpLine[] {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-x86-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, code);
    const run = spawnSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel', file], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('objdump not found: apt-get install -y binutils');
    }
    if (run.status !== 0) throw new Error(`objdump failed (${run.status}): ${run.stderr}`);
    return parseListing(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One entry per instruction; the continuation lines of long instructions join their bytes. */
export function parseListing(stdout: string): ObjdumpLine[] {
  const out: { offset: number; hex: string; text: string }[] = [];
  for (const raw of stdout.split('\n')) {
    const m = LINE.exec(raw);
    if (m === null) continue;
    const [, addr, hex, text] = m;
    if (text === undefined) {
      const last = out[out.length - 1];
      if (last === undefined) throw new Error(`objdump continuation line first: ${raw}`);
      last.hex += ' ' + hex!;
    } else {
      out.push({ offset: parseInt(addr!, 16), hex: hex!, text });
    }
  }
  return out;
}
