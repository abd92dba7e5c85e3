/**
 * Deterministic byte-level mutation of wasm binaries, for robustness tests of the decoder
 * and validator: bit flips, byte overwrites, truncations, insertions, deletions, rewritten
 * LEB128 fields (section sizes, vector counts, body sizes, local counts — spec §5.5.2,
 * §5.5.13) and section duplication/swaps. Every mutant is a pure function of
 * (seed, index), so any mutant can be rebuilt from the two numbers a failing test prints.
 */

import { Rng, subSeed } from './gen/rng.js';

/** the fuzzers' one PRNG (test/fuzz/gen/rng.ts) */
export { Rng as Prng };
/** Seed for mutant `index` of a run seeded with `seed`: mutants are independent of each other. */
export const mutantSeed = subSeed;

// ---- LEB128 (spec §5.2.2) ----

/** Reads an unsigned LEB128 at `pos`: [value, length], or null when it runs off the end or exceeds 10 bytes. */
export function readLeb(bytes: Uint8Array, pos: number): [number, number] | null {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= bytes.length) return null;
    const b = bytes[pos + i]!;
    value += (b & 0x7f) * mul;
    mul *= 128;
    if ((b & 0x80) === 0) return [value, i + 1];
  }
  return null;
}

/** Unsigned LEB128 of `value` (a non-negative integer ≤ 2^53), padded to at least `minLen` bytes. */
export function writeLeb(value: number, minLen = 1): number[] {
  const out: number[] = [];
  let v = value;
  do {
    const b = v % 128;
    v = Math.floor(v / 128);
    out.push(b);
  } while (v > 0 || out.length < minLen);
  for (let i = 0; i < out.length - 1; i++) out[i]! |= 0x80;
  return out;
}

/** A LEB128 field of a well-formed module: where it is and how long it is. */
export interface LebField {
  pos: number;
  len: number;
  what: string;
}

/**
 * Structural LEB fields of a module that decodes: section sizes, the leading vector count of
 * every non-custom section, and in the code section each body size and each local group count.
 * Stops quietly at anything unexpected (it only needs to find fields, not to validate).
 */
export function lebFields(bytes: Uint8Array): LebField[] {
  const out: LebField[] = [];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p]!;
    const size = readLeb(bytes, p + 1);
    if (size === null) break;
    out.push({ pos: p + 1, len: size[1], what: `section ${id} size` });
    const start = p + 1 + size[1];
    const end = start + size[0];
    if (end > bytes.length) break;
    if (id !== 0 && id !== 8) {
      const count = readLeb(bytes, start);
      if (count !== null) out.push({ pos: start, len: count[1], what: `section ${id} count` });
      if (id === 10 && count !== null) {
        let q = start + count[1];
        for (let f = 0; f < count[0] && q < end; f++) {
          const bodySize = readLeb(bytes, q);
          if (bodySize === null) break;
          out.push({ pos: q, len: bodySize[1], what: `body ${f} size` });
          const bodyStart = q + bodySize[1];
          const groups = readLeb(bytes, bodyStart);
          if (groups !== null) {
            out.push({ pos: bodyStart, len: groups[1], what: `body ${f} local groups` });
            let r = bodyStart + groups[1];
            for (let g = 0; g < groups[0] && r < end; g++) {
              const n = readLeb(bytes, r);
              if (n === null) break;
              out.push({ pos: r, len: n[1], what: `body ${f} group ${g} count` });
              r += n[1] + 1;
            }
          }
          q = bodyStart + bodySize[0];
        }
      }
    }
    p = end;
  }
  return out;
}

/** Section boundaries [start, end) of a module that decodes (header excluded). */
export function sections(bytes: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let p = 8;
  while (p < bytes.length) {
    const size = readLeb(bytes, p + 1);
    if (size === null) break;
    const end = p + 1 + size[1] + size[0];
    if (end > bytes.length) break;
    out.push([p, end]);
    p = end;
  }
  return out;
}

const INTERESTING = [
  0, 1, 2, 3, 0x3f, 0x40, 0x7f, 0x80, 0xff, 0x100, 0x3fff, 0x4000, 0xffff, 0x10000, 0x10001, 0x7fffffff, 0x80000000,
  0xfffffffe, 0xffffffff, 0x100000000, 2 ** 35 - 1,
];

export type MutationKind = 'bitflip' | 'byte' | 'truncate' | 'insert' | 'delete' | 'leb' | 'leb-pad' | 'section' | 'code';

export interface Mutant {
  index: number;
  /** which seed module (index into the seeds array) */
  source: number;
  kind: MutationKind;
  /** what was done, for failure messages */
  note: string;
  bytes: Uint8Array;
}

const splice = (b: Uint8Array, at: number, remove: number, insert: ArrayLike<number>): Uint8Array => {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at), 0);
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
};

/** One mutation of `b` chosen by `rng`. */
export function mutateOnce(b: Uint8Array, rng: Rng): { kind: MutationKind; note: string; bytes: Uint8Array } {
  const roll = rng.int(115);
  if (roll >= 100) {
    const m = mutateCode(b, rng);
    if (m !== null) return m;
  }
  if (b.length <= 8 || roll < 15 || roll >= 100) {
    const at = rng.int(b.length * 8);
    const out = new Uint8Array(b);
    out[at >> 3]! ^= 1 << (at & 7);
    return { kind: 'bitflip', note: `flip bit ${at & 7} of byte ${at >> 3}`, bytes: out };
  }
  const body = b.length - 8;
  if (roll < 30) {
    const at = 8 + rng.int(body);
    const v = rng.pick([0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff, rng.int(256)]);
    const out = new Uint8Array(b);
    out[at] = v;
    return { kind: 'byte', note: `byte ${at} := 0x${v.toString(16)}`, bytes: out };
  }
  if (roll < 40) {
    const at = rng.int(b.length);
    return { kind: 'truncate', note: `truncate to ${at} bytes`, bytes: b.slice(0, at) };
  }
  if (roll < 52) {
    const at = 8 + rng.int(body + 1);
    const n = 1 + rng.int(4);
    const ins = Array.from({ length: n }, () => rng.pick([0x00, 0x0b, 0x41, 0x80, 0xff, rng.int(256)]));
    return { kind: 'insert', note: `insert [${ins.join(',')}] at ${at}`, bytes: splice(b, at, 0, ins) };
  }
  if (roll < 64) {
    const at = 8 + rng.int(body);
    const n = Math.min(1 + rng.int(4), b.length - at);
    return { kind: 'delete', note: `delete ${n} bytes at ${at}`, bytes: splice(b, at, n, []) };
  }
  const fields = lebFields(b);
  if (roll < 88 && fields.length > 0) {
    const f = rng.pick(fields);
    const old = readLeb(b, f.pos)![0];
    const v = rng.pick([...INTERESTING, old + 1, Math.max(0, old - 1), old * 2, old + 0x10000]);
    const enc = writeLeb(v);
    return { kind: 'leb', note: `${f.what} @${f.pos}: ${old} := ${v}`, bytes: splice(b, f.pos, f.len, enc) };
  }
  if (roll < 94 && fields.length > 0) {
    // same value, non-minimal encoding (valid up to 5 bytes for u32, malformed beyond)
    const f = rng.pick(fields);
    const old = readLeb(b, f.pos)![0];
    const len = f.len + 1 + rng.int(6);
    return {
      kind: 'leb-pad',
      note: `${f.what} @${f.pos}: ${old} re-encoded in ${len} bytes`,
      bytes: splice(b, f.pos, f.len, writeLeb(old, len)),
    };
  }
  const secs = sections(b);
  if (secs.length === 0) return mutateOnce(b.slice(0, b.length - 1), rng);
  const i = rng.int(secs.length);
  const [s, e] = secs[i]!;
  if (secs.length > 1 && rng.int(2) === 0) {
    const j = (i + 1 + rng.int(secs.length - 1)) % secs.length;
    const [a0, a1] = secs[Math.min(i, j)]!;
    const [b0, b1] = secs[Math.max(i, j)]!;
    const out = new Uint8Array(b.length);
    let o = 0;
    for (const [x, y] of [[0, a0], [b0, b1], [a1, b0], [a0, a1], [b1, b.length]] as const) {
      out.set(b.subarray(x, y), o);
      o += y - x;
    }
    return { kind: 'section', note: `swap sections ${Math.min(i, j)} and ${Math.max(i, j)}`, bytes: out };
  }
  return { kind: 'section', note: `duplicate section ${i} (id ${b[s]})`, bytes: splice(b, e, 0, b.subarray(s, e)) };
}

/** Bytes likely to matter inside a function body: control opcodes, common operators, small indices. */
const CODE_BYTES = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x1a, 0x1b, 0x1c, 0x20, 0x21, 0x22, 0x23,
  0x24, 0x25, 0x26, 0x28, 0x36, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x50, 0x6a, 0x7c, 0x92, 0xa0, 0xd0, 0xd1, 0xd2,
  0xfc, 0xfd, 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f,
];

/**
 * Overwrites one byte inside a function body (locals and instructions), keeping every size
 * field intact, so that the mutant more often decodes and reaches the validator.
 */
function mutateCode(b: Uint8Array, rng: Rng): { kind: MutationKind; note: string; bytes: Uint8Array } | null {
  const bodies = lebFields(b).filter((f) => f.what.endsWith(' size') && f.what.startsWith('body '));
  if (bodies.length === 0) return null;
  const f = rng.pick(bodies);
  const size = readLeb(b, f.pos)![0];
  if (size < 2) return null;
  const start = f.pos + f.len;
  const at = start + rng.int(size - 1); // never the final `end`
  if (at >= b.length) return null;
  const v = rng.int(3) === 0 ? rng.int(256) : rng.pick(CODE_BYTES);
  const out = new Uint8Array(b);
  out[at] = v;
  return { kind: 'code', note: `${f.what.replace(' size', '')} byte ${at - start} (@${at}) := 0x${v.toString(16)}`, bytes: out };
}

/**
 * Mutant `index` of a run seeded with `seed` over `seeds`: one to three stacked mutations of a
 * seed module chosen by the PRNG.
 */
export function mutantAt(seeds: readonly Uint8Array[], seed: number, index: number): Mutant {
  const rng = new Rng(mutantSeed(seed, index));
  const source = rng.int(seeds.length);
  let bytes = seeds[source]!;
  const n = rng.int(8) === 0 ? 2 + rng.int(2) : 1;
  const notes: string[] = [];
  let kind: MutationKind = 'byte';
  for (let k = 0; k < n; k++) {
    const m = mutateOnce(bytes, rng);
    bytes = m.bytes;
    kind = m.kind;
    notes.push(m.note);
  }
  return { index, source, kind, note: notes.join('; '), bytes };
}
