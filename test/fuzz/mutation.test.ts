/**
 * Seeded mutation testing of the front door: valid testsuite modules (their binary
 * encodings) are mutated (test/fuzz/mutate.ts) and every mutant must decode + validate
 * normally or be rejected with a KilnError — never another exception, never a hang (step
 * guard, test/fuzz/mutate-check.ts). Reproduce a failure with the printed seed and index:
 * `mutantAt(seeds, seed, index)`; KILN_FUZZ_SEED and KILN_FUZZ_COUNT override the defaults.
 */

import { describe, expect, it } from 'vitest';
import { decodeAndValidate, validateModule } from '../../compiler/validate/index.js';
import { compileModule } from '../../loader/interp/compile.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { isKilnError } from '../../formats/errors.js';
import type { Module } from '../../formats/wasm/types.js';

/**
 * null when the interpreter translates the (valid) module to JavaScript, else the error; every
 * function is translated (and its script compiled) here, since instantiation translates lazily
 */
function translationError(b: Uint8Array): string | null {
  try {
    const compiled = compileModule(decodeModule(b), 1000);
    for (let k = 0; k < compiled.module.codes.length; k++) compiled.script(k);
    return null;
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}

/** decodeAndValidate's verdict: 'valid', the KilnError kind, or the name of another exception */
function singlePassVerdict(b: Uint8Array): string {
  try {
    decodeAndValidate(b);
    return 'valid';
  } catch (e) {
    return isKilnError(e) ? e.kind : `non-kiln ${e instanceof Error ? e.name + ': ' + e.message : String(e)}`;
  }
}

/** decode without the defensive copy, so that the step guard sees every read of the input */
const decodeBorrowing = (b: Uint8Array): Module => decodeModule(b, { borrow: true });
import { encodeModule } from '../../formats/wasm/encode.js';
import { parseWat } from '../../formats/wat/index.js';
import { loadScript, scriptModules } from '../support/corpus.js';
import { wastFiles } from '../support/testsuite.js';
import { checkBinary, counting, countingBytes, GuardExceeded } from './mutate-check.js';
import { lebFields, mutantAt, Prng, readLeb, writeLeb } from './mutate.js';

const SEED = Number(process.env['KILN_FUZZ_SEED'] ?? 0x6b696c6e);
const COUNT = Number(process.env['KILN_FUZZ_COUNT'] ?? 12_000);
const MAX_SEED_SIZE = 64 * 1024;

interface SeedModule {
  bytes: Uint8Array;
  origin: string;
}

/** Binary encodings of the valid modules of the corpus (module commands), deduplicated, in corpus order. */
function seedModules(): SeedModule[] {
  const seen = new Set<string>();
  const out: SeedModule[] = [];
  for (const path of wastFiles()) {
    const parsed = loadScript(path); // one script at a time: only the seeds' bytes are kept
    if (parsed.script === null) continue;
    for (const mod of scriptModules(parsed.script)) {
      if (mod.command !== 'module') continue;
      let bytes: Uint8Array;
      try {
        const src = mod.source;
        bytes =
          src.kind === 'binary' ? src.bytes : encodeModule(src.kind === 'text' ? src.module : parseWat(src.text, mod.file));
        validateModule(decodeModule(bytes));
      } catch {
        continue; // the front-door tests report these
      }
      if (bytes.length > MAX_SEED_SIZE) continue;
      const key = Buffer.from(bytes).toString('latin1');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ bytes, origin: `${mod.file}:${mod.line}` });
    }
  }
  return out;
}

describe('mutation helpers', () => {
  it('the PRNG is deterministic for a seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
  });

  it('writes and reads LEB128, including padded encodings', () => {
    expect(writeLeb(0)).toEqual([0]);
    expect(writeLeb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(writeLeb(1, 5)).toEqual([0x81, 0x80, 0x80, 0x80, 0x00]);
    expect(readLeb(Uint8Array.from([0xe5, 0x8e, 0x26]), 0)).toEqual([624485, 3]);
    expect(readLeb(Uint8Array.from([0x80]), 0)).toBe(null);
  });

  it('finds the structural LEB fields of a module', () => {
    // (module (func (local i32))): type, function, code sections
    const m = Uint8Array.from([
      0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 6, 1, 4, 1, 1, 0x7f, 0x0b,
    ]);
    expect(lebFields(m).map((f) => `${f.what}@${f.pos}`)).toEqual([
      'section 1 size@9',
      'section 1 count@10',
      'section 3 size@15',
      'section 3 count@16',
      'section 10 size@19',
      'section 10 count@20',
      'body 0 size@21',
      'body 0 local groups@22',
      'body 0 group 0 count@23',
    ]);
  });

  it('the step guard stops a reader that never finishes', () => {
    const view = countingBytes(new Uint8Array(10), 100);
    expect(view.length).toBe(10);
    expect(view.subarray(2, 4).length).toBe(2);
    expect(() => {
      for (let i = 0; ; i = (i + 1) % 10) void view[i];
    }).toThrow(GuardExceeded);
  });

  it('checkBinary reports a non-KilnError as a violation', () => {
    const out = checkBinary(
      new Uint8Array(4),
      () => {
        throw new TypeError('boom');
      },
      () => undefined,
    );
    expect(out.result).toBe('violation');
  });
});

describe('decode + validate of mutated testsuite modules', () => {
  const seeds = seedModules();
  const bytes = seeds.map((s) => s.bytes);

  it('has valid seed modules from the testsuite', () => {
    console.log(`mutation seeds: ${seeds.length} distinct valid modules`);
    expect(seeds.length).toBeGreaterThan(500);
  });

  it('the step guard sees the decoder reading the input and the validator walking the bodies', () => {
    const m = bytes.find((b) => decodeModule(b).codes.some((c) => c.body.length > 4))!;
    expect(() => decodeBorrowing(countingBytes(m, 8))).toThrow(GuardExceeded);
    const mod = decodeModule(m);
    const starved = { ...mod, codes: mod.codes.map((c) => ({ ...c, body: counting(c.body, 1) })) };
    expect(() => validateModule(starved)).toThrow(GuardExceeded);
  });

  it('mutants are a pure function of (seed, index)', () => {
    for (const i of [0, 1, 777]) expect(mutantAt(bytes, SEED, i)).toEqual(mutantAt(bytes, SEED, i));
  });

  it(`${COUNT} mutants (seed 0x${SEED.toString(16)}): decode + validate return or throw a KilnError; valid ones translate`, () => {
    const stats = { mutants: 0, decoded: 0, validated: 0, rejected: {} as Record<string, number> };
    const byMutation: Record<string, number> = {};
    const violations: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const m = mutantAt(bytes, SEED, i);
      stats.mutants++;
      byMutation[m.kind] = (byMutation[m.kind] ?? 0) + 1;
      const out = checkBinary(m.bytes, decodeBorrowing, validateModule);
      // the single-pass path must reach the same verdict as decode-then-validate
      if (out.result !== 'violation') {
        const expected = out.result === 'valid' ? 'valid' : out.kind;
        const got = singlePassVerdict(m.bytes);
        if (got !== expected) {
          violations.push(`seed=0x${SEED.toString(16)} mutant=${i} (${m.note}): decodeAndValidate gave ${got}, two steps gave ${expected}`);
        }
      }
      if (out.result === 'valid') {
        stats.decoded++;
        stats.validated++;
        // the interpreter must translate every valid module (a codegen bug shows as a SyntaxError)
        const translated = translationError(m.bytes);
        if (translated !== null) violations.push(`seed=0x${SEED.toString(16)} mutant=${i} (${m.note}): interpreter translation threw ${translated}`);
      } else if (out.result === 'rejected') {
        if (out.stage === 'validate') stats.decoded++;
        const key = `${out.stage}:${out.kind}`;
        stats.rejected[key] = (stats.rejected[key] ?? 0) + 1;
      } else {
        violations.push(
          `seed=0x${SEED.toString(16)} mutant=${i} (from ${seeds[m.source]!.origin}, ${m.note}): ${out.stage} threw ${out.error}`,
        );
      }
    }
    console.log(
      `mutation: ${stats.mutants} mutants (${Object.entries(byMutation)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}); decoded ${stats.decoded}, validated ${stats.validated}; rejected: ${Object.entries(stats.rejected)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}; violations ${violations.length}`,
    );
    for (const v of violations.slice(0, 20)) console.log(v);
    expect(stats.mutants).toBeGreaterThanOrEqual(10_000);
    expect(violations.slice(0, 20)).toEqual([]);
  });
});
