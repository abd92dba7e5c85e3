/**
 * The random module generator (test/fuzz/gen) and the interpreter's robustness on its output:
 * every generated module validates, survives encode → decode → encode byte-exactly, prints
 * to WAT that parses back to the same bytes, and every call of every export on kiln's
 * interpreter ends in a result or a KilnTrap — never another exception, never a hang (loops
 * and calls are bounded by construction). Reproduce a failure from the printed seed:
 * `toWat(generateModule(seed, presetFor(index)).module)`. KILN_GEN_COUNT (default 2000) and
 * KILN_GEN_SEED override the run size and the base seed. The simd feature (off by default) is
 * checked the same way on 300 modules of its own, plus its shapes: v128 in every position,
 * every 0xFD instruction, valid shuffle patterns.
 */

import { describe, expect, it } from 'vitest';
import { validateModule } from '../../compiler/validate/index.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { OPCODES, type OpInfo } from '../../formats/wasm/opcodes.js';
import { ValType, type Module } from '../../formats/wasm/types.js';
import { parseWat } from '../../formats/wat/index.js';
import { argsFor, generateModule, resolveOptions, Rng, subSeed, type GenOptionsInput } from './gen/index.js';
import { shuffleLanes } from './gen/simd-shuffle.js';
import { callPlan, describeError, runOnKiln } from './gen/run.js';
import { f32Text, f64Text, toWat } from './gen/wat.js';

const COUNT = Number(process.env['KILN_GEN_COUNT'] ?? 2000);
const BASE_SEED = Number(process.env['KILN_GEN_SEED'] ?? 0x67656e);

/** option presets rotated over the run: mostly defaults, some without NaN canonicalisation, some larger */
const PRESETS: readonly GenOptionsInput[] = [
  {},
  {},
  {},
  { features: { nanCanon: false } },
  { maxFuncs: 6, maxBodySize: 320, maxDepth: 5, maxStmts: 5 },
];
export const presetFor = (index: number): GenOptionsInput => PRESETS[index % PRESETS.length]!;

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** text names (typed select as `select_t`) of all instructions in the module's bodies */
function opcodeNames(m: Module): Set<string> {
  const out = new Set<string>();
  for (const c of m.codes) for (const ins of c.body) out.add(OPCODES[ins.op]!.imm === 'select_t' ? 'select_t' : OPCODES[ins.op]!.name);
  return out;
}

describe('generator determinism and options', () => {
  it('the PRNG is a pure function of its seed and spreads values', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const xs = Array.from({ length: 8 }, () => a.next());
    expect(Array.from({ length: 8 }, () => b.next())).toEqual(xs);
    expect(new Set(xs).size).toBe(8);
    const r = new Rng(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[r.int(4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(subSeed(1, 0)).not.toBe(subSeed(1, 1));
  });

  it('the same seed and options give the same module bytes and arguments; other seeds differ', () => {
    expect(same(encodeModule(generateModule(123).module), encodeModule(generateModule(123).module))).toBe(true);
    expect(same(encodeModule(generateModule(123).module), encodeModule(generateModule(124).module))).toBe(false);
    const params = [ValType.I32, ValType.I64, ValType.F32, ValType.F64];
    expect(argsFor(5, params)).toEqual(argsFor(5, params));
  });

  it('narrowed options are respected: only i32, no memory, no calls, no multi-value', () => {
    const forbidden = /^(i64|f32|f64)\.|memory\.|load|store|call|br_table|^select/;
    for (let seed = 0; seed < 100; seed++) {
      const g = generateModule(seed, {
        types: [ValType.I32],
        features: { memory: false, globals: false, calls: false, callIndirect: false, multiValue: false, brTable: false, select: false },
      });
      validateModule(g.module);
      // the generated functions come first; after them the entry wrappers (which call)
      const generated = { ...g.module, codes: g.module.codes.slice(0, g.exports.length) };
      expect({ seed, bad: [...opcodeNames(generated)].filter((n) => forbidden.test(n)) }).toEqual({ seed, bad: [] });
      expect(g.module.mems.length + g.module.tables.length + g.module.globals.length).toBe(0);
      const types = g.module.types;
      expect(types.every((t) => t.results.length <= 1 && [...t.params, ...t.results].every((v) => v === ValType.I32))).toBe(true);
    }
  });

  it('with traps switched off, every call of 150 modules returns normally', () => {
    const trapped: string[] = [];
    for (let seed = 0; seed < 150; seed++) {
      const g = generateModule(seed, { features: { traps: false } });
      const run = runOnKiln(g, encodeModule(g.module), callPlan(g));
      for (const c of run.calls) if (c.outcome.kind !== 'result') trapped.push(`seed ${seed} ${c.call.name}: ${c.outcome.kind}`);
    }
    expect(trapped).toEqual([]);
  });

  it('generates every scalar instruction, block-type form and trap-prone construct within 200 modules', () => {
    const used = new Set<string>();
    let multiValueBlock = false;
    let nullEntry = false;
    let passiveData = false;
    let passiveElem = false;
    for (let seed = 0; seed < 200; seed++) {
      const m = generateModule(seed).module;
      for (const n of opcodeNames(m)) used.add(n);
      multiValueBlock ||= m.codes.some((c) => c.body.some((i) => OPCODES[i.op]!.imm === 'blocktype' && i.a >= 0));
      nullEntry ||= m.elems.some((e) => e.init.some((x) => OPCODES[x[0]!.op]!.name === 'ref.null'));
      passiveData ||= m.datas.some((d) => d.mode.kind === 'passive');
      passiveElem ||= m.elems.some((e) => e.mode.kind === 'passive');
    }
    // everything outside SIMD
    const expected = OPCODES.filter((o) => o.prefix !== 0xfd).map((o) => (o.imm === 'select_t' ? 'select_t' : o.name));
    expect(expected.filter((n) => !used.has(n))).toEqual([]);
    expect({ multiValueBlock, nullEntry, passiveData, passiveElem }).toEqual({
      multiValueBlock: true,
      nullEntry: true,
      passiveData: true,
      passiveElem: true,
    });
  });

  it('prints floats as exact WAT literals', () => {
    expect(f32Text(0x3fc00000)).toBe('0x1.8p+0');
    expect(f32Text(0x80000001)).toBe('-0x1p-149');
    expect(f32Text(0xff800000)).toBe('-inf');
    expect(f32Text(0x7fa00001)).toBe('nan:0x200001');
    expect(f64Text(0xc000000000000000n)).toBe('-0x1p+1');
    expect(f64Text(0x7ff8000000000000n)).toBe('nan');
  });
});

describe(`${COUNT} random modules on the interpreter`, () => {
  it('validate, round-trip through binary and text, and only return results or KilnTraps', async () => {
    const failures: string[] = [];
    const outcomes = new Map<string, number>();
    let calls = 0;
    const count = (k: string): void => void outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    for (let i = 0; i < COUNT && failures.length < 10; i++) {
      // let vitest's worker answer its runner now and then (a minute without it is an error)
      if (i % 200 === 199) await new Promise<void>((resolve) => setImmediate(resolve));
      const seed = subSeed(BASE_SEED, i);
      const where = `seed ${seed} (index ${i})`;
      const g = generateModule(seed, presetFor(i));
      try {
        validateModule(g.module);
      } catch (e) {
        failures.push(`${where}: generated module does not validate (generator bug): ${describeError(e)}`);
        continue;
      }
      const bytes = encodeModule(g.module);
      let decoded: Module;
      try {
        decoded = decodeModule(bytes);
        if (!same(encodeModule(decoded), bytes)) failures.push(`${where}: encode → decode → encode is not byte-exact`);
        if (i % 4 === 0 && !same(encodeModule(parseWat(toWat(g.module))), bytes)) {
          failures.push(`${where}: toWat → parseWat → encode differs from the module's encoding`);
        }
      } catch (e) {
        failures.push(`${where}: round trip threw ${describeError(e)}`);
        continue;
      }
      // the module decoded from the bytes above (decoding it again would give an equal module)
      const run = runOnKiln(g, decoded, callPlan(g));
      if (run.instantiateError !== null) failures.push(`${where}: instantiation failed: ${run.instantiateError}`);
      for (const c of run.calls) {
        calls++;
        if (c.outcome.kind === 'error') failures.push(`${where}: export ${c.call.name} threw ${c.outcome.error}`);
        count(c.outcome.kind === 'trap' ? `trap: ${c.outcome.trap}` : c.outcome.kind);
      }
    }
    const summary = [...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k}: ${n}`);
    console.log(`generator: ${COUNT} modules, ${calls} calls\n${summary.join('\n')}`);
    expect(failures).toEqual([]);
    // the run exercises normal returns and the trap kinds the generator aims for
    if (COUNT >= 500) {
      const wanted = [
        'result',
        'trap: unreachable',
        'trap: out of bounds memory access',
        'trap: integer divide by zero',
        'trap: integer overflow',
        'trap: invalid conversion to integer',
        'trap: indirect call type mismatch',
        'trap: uninitialized element',
        'trap: undefined element',
        'trap: out of bounds table access',
      ];
      expect(wanted.filter((k) => (outcomes.get(k) ?? 0) === 0)).toEqual([]);
      expect(outcomes.get('result')! * 2).toBeGreaterThan(calls);
    }
  });
});

/** whether a module mentions v128 anywhere: types, globals, locals or a 0xFD instruction */
function usesV128(m: Module): boolean {
  const v = (t: number): boolean => t === ValType.V128;
  return (
    m.types.some((t) => t.params.some(v) || t.results.some(v)) ||
    m.globals.some((g) => v(g.type.type)) ||
    m.codes.some((c) => c.locals.some((l) => v(l.type)) || c.body.some((i) => OPCODES[i.op]!.prefix === 0xfd))
  );
}

describe('the simd feature', () => {
  it('is off by default: 200 default modules have no v128 anywhere', () => {
    expect(resolveOptions().features.simd).toBe(false);
    const offenders: number[] = [];
    for (let seed = 0; seed < 200; seed++) if (usesV128(generateModule(seed).module)) offenders.push(seed);
    expect(offenders).toEqual([]);
  });

  it('puts v128 among the value types, as often as the others together, and needs multi-value', () => {
    const o = resolveOptions({ features: { simd: true } });
    expect(o.types.filter((t) => t === ValType.V128).length).toBe(4);
    expect(() => resolveOptions({ features: { simd: true, multiValue: false } })).toThrow(/multiValue/);
    expect(() => resolveOptions({ types: [ValType.V128] })).toThrow(/numeric types only/);
  });

  it('makes shuffle lane indices below 32, in random and structured patterns', () => {
    const rng = new Rng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const lanes = [...shuffleLanes(rng)];
      expect(lanes.length).toBe(16);
      expect(lanes.every((k) => k >= 0 && k < 32)).toBe(true);
      seen.add(lanes.join(' '));
    }
    const identity = Array.from({ length: 16 }, (_, i) => i).join(' ');
    const interleaveLow8 = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? i / 2 : 16 + (i - 1) / 2)).join(' ');
    const reverse = Array.from({ length: 16 }, (_, i) => 15 - i).join(' ');
    const broadcastLane0x32 = Array.from({ length: 16 }, (_, i) => i % 4).join(' ');
    expect([identity, interleaveLow8, reverse, broadcastLane0x32].filter((p) => !seen.has(p))).toEqual([]);
  });

  it('300 SIMD modules validate, round-trip, only return results or KilnTraps, and use every SIMD instruction', () => {
    const failures: string[] = [];
    const used = new Set<OpInfo>();
    const v128In = { params: 0, results: 0, locals: 0, globals: 0, laneGetters: 0 };
    let results = 0;
    let calls = 0;
    for (let i = 0; i < 300 && failures.length < 10; i++) {
      const seed = subSeed(BASE_SEED ^ 0x73696d64, i);
      const options: GenOptionsInput = { features: { simd: true, nanCanon: i % 3 !== 2, traps: i % 4 !== 3 } };
      const where = `seed ${seed} (simd index ${i})`;
      const g = generateModule(seed, options);
      try {
        validateModule(g.module);
        const bytes = encodeModule(g.module);
        if (!same(encodeModule(decodeModule(bytes)), bytes)) failures.push(`${where}: encode → decode → encode is not byte-exact`);
        if (i % 4 === 0 && !same(encodeModule(parseWat(toWat(g.module))), bytes)) failures.push(`${where}: text round trip differs`);
      } catch (e) {
        failures.push(`${where}: ${describeError(e)}`);
        continue;
      }
      for (const c of g.module.codes) for (const ins of c.body) used.add(OPCODES[ins.op]!);
      const v = (ts: readonly ValType[]): boolean => ts.includes(ValType.V128);
      v128In.params += g.exports.filter((e) => v(e.params)).length;
      v128In.results += g.exports.filter((e) => v(e.results)).length;
      v128In.locals += g.module.codes.filter((c) => c.locals.some((l) => l.type === ValType.V128)).length;
      v128In.globals += g.globals.filter((x) => x.type === ValType.V128).length;
      v128In.laneGetters += g.globals.filter((x) => x.lanes !== undefined).length;
      const run = runOnKiln(g, encodeModule(g.module), callPlan(g));
      if (run.instantiateError !== null) failures.push(`${where}: instantiation failed: ${run.instantiateError}`);
      for (const c of run.calls) {
        calls++;
        if (c.outcome.kind === 'error') failures.push(`${where}: export ${c.call.name} threw ${c.outcome.error}`);
        if (c.outcome.kind === 'result') results++;
      }
    }
    expect(failures).toEqual([]);
    const missing = OPCODES.filter((o) => o.prefix === 0xfd && !used.has(o)).map((o) => o.name);
    expect(missing).toEqual([]);
    expect(Object.entries(v128In).filter(([, n]) => n < 20)).toEqual([]);
    expect(v128In.laneGetters).toBe(v128In.globals);
    expect(results * 2).toBeGreaterThan(calls);
  });
});
