/**
 * The C example programs (examples/*.c, built to the committed examples/*.wasm) run end to end
 * under WASI with every available engine: stdout, stderr, exit code and the files left in the
 * sandbox must equal examples/expected.json.
 */

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engines, rmrf, runWasm, snapshot, tempDir } from './harness.js';
import { examplesDir, loadExampleCases, populate } from '../../support/examples.js';

const expected = { cases: loadExampleCases() };
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmrf(dirs.pop() as string);
});

it('has the built .wasm next to every example source', () => {
  const sources = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.c')).sort();
  expect(sources).toEqual(['clock.c', 'files.c', 'hello.c']);
  for (const s of sources) expect(fs.existsSync(path.join(examplesDir, s.replace(/\.c$/, '.wasm')))).toBe(true);
});

for (const engine of engines) {
  describe(`examples under ${engine.name}`, () => {
    for (const c of expected.cases) {
      it(c.name, () => {
        const preopens = [];
        let sandbox: string | null = null;
        if (c.files !== undefined) {
          sandbox = tempDir('example');
          dirs.push(sandbox);
          populate(sandbox, c.files);
          preopens.push({ hostPath: sandbox, guestPath: '/sandbox', readonly: c.readonly === true });
        }
        const r = runWasm(engine, path.join(examplesDir, c.wasm), { args: c.args, env: c.env, preopens });
        expect(r).toEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr });
        if (sandbox !== null) expect(snapshot(sandbox)).toEqual(c.after ?? c.files);
      });
    }
  });
}
