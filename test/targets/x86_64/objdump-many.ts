/**
 * objdump over many code buffers in one run: each buffer is written to its own file, one
 * `objdump -D -b binary` call disassembles them all, and the listing is split per file.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseListing, type ObjdumpLine } from './objdump.js';

export function objdumpMany(codes: readonly Uint8Array[]): ObjdumpLine[][] {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-x86-many-'));
  try {
    const files = codes.map((c, i) => {
      const file = join(dir, `f${i}.bin`);
      writeFileSync(file, c);
      return file;
    });
    const run = spawnSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel', ...files], {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('objdump not found: apt-get install -y binutils');
    }
    if (run.status !== 0) throw new Error(`objdump failed (${run.status}): ${run.stderr}`);
    const out: ObjdumpLine[][] = codes.map(() => []);
    const parts = run.stdout.split(/^.*\/f(\d+)\.bin:\s+file format .*$/m);
    for (let k = 1; k + 1 < parts.length; k += 2) out[Number(parts[k])] = parseListing(parts[k + 1]!);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
