/**
 * Single-pass decode + validate (compiler/validate/single-pass.ts) reaches the same verdict
 * as decodeModule then validateModule on every module of the spec testsuite, and keeps the
 * spec's precedence of malformed over invalid.
 */

import { describe, expect, it } from 'vitest';
import { decodeAndValidate, validateModule } from '../../../compiler/validate/index.js';
import { isKilnError, type KilnError } from '../../../formats/errors.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import { parsedScripts, scriptModules } from '../../support/corpus.js';

function verdict(run: () => unknown): string {
  try {
    run();
    return 'valid';
  } catch (e) {
    return isKilnError(e) ? e.kind : `non-kiln ${String(e)}`;
  }
}

function binaryOf(source: ReturnType<typeof scriptModules>[number]['source']): Uint8Array | null {
  if (source.kind === 'binary') return source.bytes;
  try {
    return encodeModule(source.kind === 'text' ? source.module : parseWat(source.text));
  } catch {
    return null; // a quote module that is malformed as text has no binary form
  }
}

const bytesOf = (wat: string): Uint8Array => encodeModule(parseWat(wat));
const errorOf = (run: () => unknown): KilnError => {
  try {
    run();
  } catch (e) {
    if (isKilnError(e)) return e;
  }
  throw new Error('expected a KilnError');
};

describe('single-pass decode + validate', () => {
  it('agrees with decode-then-validate on every module of the testsuite', () => {
    let compared = 0;
    const disagreements: string[] = [];
    for (const { script } of parsedScripts()) {
      if (script === null) continue;
      for (const mod of scriptModules(script)) {
        const bytes = binaryOf(mod.source);
        if (bytes === null) continue;
        compared++;
        const twoSteps = verdict(() => validateModule(decodeModule(bytes)));
        const onePass = verdict(() => decodeAndValidate(bytes));
        if (twoSteps !== onePass) disagreements.push(`${mod.file}:${mod.line}: ${onePass} vs ${twoSteps}`);
      }
    }
    console.log(`single pass: ${compared} testsuite modules compared, ${disagreements.length} disagreements`);
    expect(compared).toBeGreaterThan(4000);
    expect(disagreements).toEqual([]);
  });

  it('reports an invalid body with its function index and offset', () => {
    const e = errorOf(() => decodeAndValidate(bytesOf('(module (func) (func (result i32) (i64.const 1)))')));
    expect(e.kind).toBe('invalid');
    expect(e.reason).toContain('func 1: type mismatch');
    expect(e.loc.offset).toBeGreaterThan(0);
  });

  it('a malformed section after an invalid body makes the module malformed', () => {
    const invalidBody = bytesOf('(module (memory 1) (func (result i32) (i64.const 1)) (data (i32.const 0) "x"))');
    expect(verdict(() => decodeAndValidate(invalidBody))).toBe('invalid');
    // append a section with the unknown id 13 after the data section
    const corrupt = Uint8Array.from([...invalidBody, 0x0d, 0x00]);
    expect(errorOf(() => decodeModule(corrupt)).reason).toBe('malformed section id');
    const e = errorOf(() => decodeAndValidate(corrupt));
    expect(e.kind).toBe('malformed');
    expect(e.reason).toBe('malformed section id');
  });

  it('checks module fields too (start function type)', () => {
    const e = errorOf(() => decodeAndValidate(bytesOf('(module (func $s (param i32)) (start $s))')));
    expect(e.kind).toBe('invalid');
    expect(e.reason).toContain('start function');
  });

  it('checks memory.init against the data count before the data section is read', () => {
    const ok = '(module (memory 1) (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0))) (data "a"))';
    expect(verdict(() => decodeAndValidate(bytesOf(ok)))).toBe('valid');
    const bad = '(module (memory 1) (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 0))) (data "a"))';
    expect(errorOf(() => decodeAndValidate(bytesOf(bad))).reason).toContain('unknown data segment 1');
  });
});
