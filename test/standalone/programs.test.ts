/**
 * The C examples and the escape suite as standalone executables (issue 12), on both ISAs
 * (AArch64 under qemu-aarch64): every example case of examples/expected.json gives the same
 * stdout, stderr, exit code and sandbox contents as `kiln run` does (test/cli/examples.test.ts
 * checks kiln run against the same file); the escape suite's guests (test/escape) print their
 * expected transcripts, never the secret, and change nothing outside their read-write preopen,
 * with openat2 and with the component walk (KILN_WASI_RESOLVE=walk in the executable's own
 * environment; qemu-user has no openat2, so under qemu both passes walk).
 */

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesDir, loadExampleCases, populate } from '../support/examples.js';
import { snapshot } from '../loader/wasi/harness.js';
import { guestNames, runGuest, type GuestRunner } from '../escape/suite.js';
import { buildExe, ISAS, runExe, scratch } from './support.js';

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

for (const isa of ISAS) {
  describe(`the C examples as ${isa} executables`, () => {
    loadExampleCases().forEach((c, i) => {
      it(c.name, () => {
        let sandbox: string | null = null;
        const preopens: { host: string; guest: string; readonly: boolean }[] = [];
        if (c.files !== undefined) {
          sandbox = path.join(scratch, `${isa}-case${i}`);
          fs.mkdirSync(sandbox);
          populate(sandbox, c.files);
          preopens.push({ host: sandbox, guest: '/sandbox', readonly: c.readonly === true });
        }
        const env = Object.entries(c.env).map(([k, v]) => `${k}=${v}`);
        const exe = buildExe(path.join(examplesDir, c.wasm), isa, { preopens, env }, c.args[0] ?? 'app');
        const r = runExe(exe, isa, c.args.slice(1), { argv0: c.args[0] ?? 'app' });
        expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr });
        if (sandbox !== null) expect(snapshot(sandbox)).toEqual(c.after ?? c.files);
      });
    });
  });

  for (const mode of ['openat2', 'walk'] as const) {
    describe(`the escape suite through ${isa} executables, resolution by ${mode}`, () => {
      const runner: GuestRunner = (wasm, preopens, env) => {
        const exe = buildExe(wasm, isa, { preopens: preopens.map((p) => ({ host: p.host, guest: p.guest, readonly: p.readonly })) }, 'guest');
        return runExe(exe, isa, [], { env });
      };
      for (const g of guestNames()) {
        it(`${g}: the expected transcript, no secret, nothing outside rw/ changed`, () => {
          const r = runGuest(g, runner, mode === 'walk' ? { KILN_WASI_RESOLVE: 'walk' } : {});
          expect(r.run.stderr).toBe('');
          expect(r.run.code).toBe(0);
          expect(r.leaked).toBe(false);
          expect(r.changedOutside).toEqual([]);
          expect(r.run.stdout).toBe(r.expected);
        });
      }
    });
  }
}
