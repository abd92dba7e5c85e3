/**
 * The artifact checksum: SHA-256 over every byte of the file except the 32 bytes that hold it
 * (`.kiln.header` + 16, at file offset 80).
 */

import { createHash } from 'node:crypto';
import { CHECKSUM_AT, CHECKSUM_SIZE, HEADER_OFFSET } from './layout.js';

export const CHECKSUM_FILE_OFFSET = HEADER_OFFSET + CHECKSUM_AT;

export function checksumOf(file: Uint8Array): Uint8Array {
  const h = createHash('sha256');
  h.update(file.subarray(0, CHECKSUM_FILE_OFFSET));
  h.update(file.subarray(CHECKSUM_FILE_OFFSET + CHECKSUM_SIZE));
  return new Uint8Array(h.digest());
}

/** whether the stored checksum matches (the file is at least long enough to hold it) */
export function checksumMatches(file: Uint8Array): boolean {
  const want = checksumOf(file);
  return want.every((b, i) => file[CHECKSUM_FILE_OFFSET + i] === b);
}
