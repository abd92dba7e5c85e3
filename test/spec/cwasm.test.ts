/**
 * The whole Wasm 2.0 testsuite through `.cwasm` artifacts: every module, SIMD included, is
 * compiled to artifact bytes (default options: guard-page bounds), read back and loaded with
 * no fallback allowed (a mismatch would throw), then its commands run on the instances — every
 * one must pass, none skipped, none refused.
 */

import { hostIsa } from '../../targets/host.js';
import { describe, expect, it } from 'vitest';
import { nativeV128Use } from '../../targets/compile.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import type { Engine } from '../../loader/api.js';
import { loadArtifact } from '../../loader/cwasm/load.js';
import { nativeEngine } from '../../loader/native/index.js';
import { compileArtifact } from '../../linker/cwasm.js';
import { loadScript } from '../support/corpus.js';
import { baseName, wastFiles } from '../support/testsuite.js';
import { formatTotals, runParsed, sumResults, type FileResult } from './runner.js';

const stats = { artifacts: 0, bytes: 0 };

/** the native engine, each module taking the trip through artifact bytes */
const viaArtifacts: Engine = {
  name: nativeEngine.name,
  host: nativeEngine.host,
  compile(module) {
    const bytes = compileArtifact(module, encodeModule(module));
    const loaded = loadArtifact(bytes, { fallback: 'none' });
    expect(loaded.fallback).toBeNull();
    stats.artifacts++;
    stats.bytes += bytes.length;
    return loaded.compiled;
  },
  instantiate: (compiled, imports, options) => nativeEngine.instantiate(compiled, imports, options),
};

describe('the Wasm 2.0 testsuite through .cwasm artifacts', () => {
  const files = wastFiles();
  const results: FileResult[] = [];
  for (const path of files) {
    it(`${baseName(path)}: every command passes from an artifact`, () => {
      const r = runParsed(loadScript(path), viaArtifacts, { mustRefuse: (m) => nativeV128Use(m, hostIsa() ?? 'x86_64') !== null, expectEngine: 'native' });
      results.push(r);
      expect(r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`)).toEqual([]);
      expect(r.failed).toBe(0);
      expect(r.notRun).toBe(0);
      expect(r.passed + r.unsupported).toBe(r.total);
    });
  }

  it('passes every command, SIMD included, all from artifacts', () => {
    const t = sumResults(results);
    console.log(formatTotals('artifact total', t));
    console.log(`${stats.artifacts} artifacts, ${stats.bytes} bytes`);
    expect(t.files).toBe(files.length);
    expect(t.failed).toBe(0);
    expect([t.passed, t.unsupported]).toEqual([t.total, 0]);
    expect(stats.artifacts).toBeGreaterThan(1000);
  });
});
