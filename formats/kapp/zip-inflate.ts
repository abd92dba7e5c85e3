/**
 * Inflating one zip entry (raw DEFLATE, RFC 1951) into a buffer of exactly its declared size,
 * with fflate's streaming `Inflate`, abandoning the stream as soon as its output would pass
 * that size. fflate inflates everything pushed so far in one go, so the compressed bytes go in
 * chunks sized to what is still missing: DEFLATE expands at most 1032:1 (a 258-byte match in
 * two bits), so a chunk of remaining/1032 bytes (plus what fflate kept back of an unfinished
 * block) barely overshoots, and only near the end, where chunks are MIN_CHUNK bytes, can one
 * push overshoot by more — by about 4 MiB at most (tested). A lying entry thus
 * never makes more than its declared size plus one small chunk's output, while an honest large
 * entry goes in 64 KiB chunks (about 1.5 times inflateSync's time; 4 KiB chunks throughout
 * took 4 times).
 */

import { Inflate } from 'fflate';

/** the most bytes DEFLATE can make from one compressed byte */
export const MAX_DEFLATE_RATIO = 1032;
/** compressed bytes pushed at a time: at least MIN_CHUNK, at most MAX_CHUNK */
export const MIN_CHUNK = 4096;
export const MAX_CHUNK = 65536;

/** the compressed bytes to push next, when `remaining` bytes of output are still expected */
const chunkFor = (remaining: number): number =>
  Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.floor(remaining / MAX_DEFLATE_RATIO)));

/** why inflating failed: the caller words it for the entry concerned */
export type InflateResult =
  { readonly ok: true; readonly data: Uint8Array } | { readonly ok: false; readonly reason: string };

/** thrown from the ondata callback to abandon the stream; never escapes inflateExact */
class TooLong extends Error {}

/**
 * The DEFLATE stream `compressed` inflated, when it makes exactly `size` bytes. `onChunk`
 * sees the length of each piece of output as it comes (tests use it to watch the bound).
 */
export function inflateExact(compressed: Uint8Array, size: number, onChunk?: (length: number) => void): InflateResult {
  const out = new Uint8Array(size);
  let filled = 0;
  const inflater = new Inflate((chunk) => {
    onChunk?.(chunk.length);
    if (chunk.length > size - filled) throw new TooLong();
    out.set(chunk, filled);
    filled += chunk.length;
  });
  try {
    pushAll(inflater, compressed, () => size - filled);
  } catch (e) {
    if (e instanceof TooLong) return { ok: false, reason: `inflates to more than its declared ${size} bytes` };
    return { ok: false, reason: `its deflate data is corrupt (${e instanceof Error ? e.message : String(e)})` };
  }
  if (filled !== size) return { ok: false, reason: `inflates to ${filled} bytes, not its declared ${size}` };
  return { ok: true, data: out };
}

function pushAll(inflater: Inflate, compressed: Uint8Array, remaining: () => number): void {
  if (compressed.length === 0) {
    inflater.push(compressed, true);
    return;
  }
  for (let at = 0; at < compressed.length;) {
    const end = Math.min(at + chunkFor(remaining()), compressed.length);
    inflater.push(compressed.subarray(at, end), end === compressed.length);
    at = end;
  }
}
