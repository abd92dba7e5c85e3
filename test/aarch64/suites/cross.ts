/**
 * `cross`: cross-compilation gives the artifact the target would produce itself, both ways.
 * Every artifact the x86-64 host compiled (cross-compile.ts: every spec module in its bounds
 * modes, the C examples and the benchmark corpus), for aarch64 and for x86_64, is compiled
 * again here, by the arm64 Node, from the wasm the artifact embeds with the same target and
 * options, and must be byte-identical.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedWasm, openCwasm } from '../../../formats/cwasm/read.js';
import { embeddedModule } from '../../../loader/cwasm/load.js';
import { compileArtifact } from '../../../linker/cwasm.js';
import type { BoundsMode, Isa } from '../../../targets/compiled.js';
import { ARTIFACT_DIR_ENV, HOST_SUBDIR } from '../artifacts.js';
import { equal, ok, type Reporter, type Suite } from '../check.js';

const boundsOf = (file: string): BoundsMode => (file.endsWith('.explicit.cwasm') ? 'explicit' : 'guard');

export const suite: Suite = {
  description: 'artifacts compiled on this arm64 Node, for aarch64 and for x86_64, are byte-identical to those compiled on x86-64',
  async run(t: Reporter): Promise<void> {
    const dir = process.env[ARTIFACT_DIR_ENV];
    if (dir === undefined || dir === '') throw new Error(`${ARTIFACT_DIR_ENV} names no artifact directory (scripts/test-aarch64.mjs sets it)`);
    const targets: ReadonlyArray<readonly [Isa, string]> = [
      ['aarch64', dir],
      ['x86_64', join(dir, HOST_SUBDIR)],
    ];
    for (const [isa, from] of targets) {
      const files = readdirSync(from).filter((f) => f.endsWith('.cwasm')).sort();
      const programs = files.filter((f) => !/^[0-9a-f]{64}\./.test(f));
      const spec = files.filter((f) => /^[0-9a-f]{64}\./.test(f));
      const again = (file: string): { same: boolean; size: number } => {
        const bytes = new Uint8Array(readFileSync(join(from, file)));
        const env = openCwasm(bytes);
        const mine = compileArtifact(embeddedModule(env), embeddedWasm(env), { isa, bounds: boundsOf(file) });
        return { same: Buffer.from(mine).equals(Buffer.from(bytes)), size: bytes.length };
      };
      for (const file of programs) {
        await t.test(`${isa} ${file}: the same bytes`, () => {
          const r = again(file);
          ok(r.same, `${file} (${r.size} bytes) differs from the artifact compiled here`);
        });
      }
      await t.test(`${isa}: every spec module's artifact (${spec.length}): the same bytes`, () => {
        const differ = spec.filter((f) => !again(f).same);
        // one file per distinct module and mode (scripts repeat modules)
        ok(spec.length > 800, `the spec artifacts are there (${spec.length})`);
        equal(differ.slice(0, 10), [], `${differ.length} of ${spec.length} artifacts differ (first listed)`);
      });
    }
  },
};
