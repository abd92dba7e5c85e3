/**
 * Writing a file atomically: the bytes go to a fresh temporary file next to it (created
 * exclusively, `.NAME.PID-THREAD-RANDOM.tmp`), which is then renamed over it, so a reader sees
 * the old file or the whole new one, never a part. Used for `kiln compile`'s output and the
 * compile cache's entries.
 */

import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { KilnError } from '../../formats/errors.js';

/** KilnError('io') naming `what` and the system's error code when it cannot be written */
export function writeFileAtomically(path: string, bytes: Uint8Array, what: string, mode = 0o666): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, bytes, { mode, flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new KilnError('io', `cannot write ${what} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file: path });
  }
}
