/**
 * `programs`: the C examples and the benchmark corpus run natively on AArch64 with the same
 * output as on x86-64 — examples/expected.json's stdout, stderr, exit code and sandbox
 * contents, and the corpus's known checksum — each from its artifact cross-compiled on the
 * x86-64 host (cross-compile.ts), loaded with no fallback, run through kiln's WASI.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadArtifact } from '../../../loader/cwasm/load.js';
import { createWasi, type WasiOptions } from '../../../loader/wasi/index.js';
import { loadExampleCases, populate } from '../../support/examples.js';
import { ARTIFACT_DIR_ENV } from '../artifacts.js';
import { equal, ok, type Reporter, type Suite } from '../check.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** runs the artifact `file` under kiln's WASI with stdout and stderr captured in files */
function runArtifact(file: string, options: Omit<WasiOptions, 'stdout' | 'stderr'>): Outcome {
  const io = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-a64-io-'));
  try {
    const out = fs.openSync(path.join(io, 'out'), 'w+');
    const err = fs.openSync(path.join(io, 'err'), 'w+');
    let code: number;
    try {
      const loaded = loadArtifact(new Uint8Array(fs.readFileSync(file)), { fallback: 'none' });
      ok(loaded.fallback === null && loaded.engine.name === 'native', `${file} runs natively`);
      const wasi = createWasi({ ...options, stdout: out, stderr: err });
      code = wasi.start(loaded.engine.instantiate(loaded.compiled, wasi.imports));
    } finally {
      fs.closeSync(out);
      fs.closeSync(err);
    }
    return { code, stdout: fs.readFileSync(path.join(io, 'out'), 'utf8'), stderr: fs.readFileSync(path.join(io, 'err'), 'utf8') };
  } finally {
    fs.rmSync(io, { recursive: true, force: true });
  }
}

/** a directory's files (relative path → content, or 'dir'), sorted */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      if (fs.statSync(path.join(dir, r)).isDirectory()) {
        out[r] = 'dir';
        walk(r);
      } else out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

export const suite: Suite = {
  description: 'the C examples and the benchmark corpus, natively on AArch64 from cross-compiled artifacts',
  async run(t: Reporter): Promise<void> {
    const dir = process.env[ARTIFACT_DIR_ENV];
    if (dir === undefined || dir === '') throw new Error(`${ARTIFACT_DIR_ENV} names no artifact directory (scripts/test-aarch64.mjs sets it)`);
    for (const c of loadExampleCases()) {
      await t.test(`example: ${c.name}`, () => {
        const preopens = [];
        let sandbox: string | null = null;
        if (c.files !== undefined) {
          sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-a64-sandbox-'));
          populate(sandbox, c.files);
          preopens.push({ hostPath: sandbox, guestPath: '/sandbox', readonly: c.readonly === true });
        }
        try {
          const artifact = path.join(dir, `${c.wasm.replace(/\.wasm$/, '')}.guard.cwasm`);
          equal(runArtifact(artifact, { args: c.args, env: c.env, preopens }), { code: c.code, stdout: c.stdout, stderr: c.stderr }, 'outcome');
          if (sandbox !== null) equal(snapshot(sandbox), c.after ?? c.files, 'sandbox afterwards');
        } finally {
          if (sandbox !== null) fs.rmSync(sandbox, { recursive: true, force: true });
        }
      });
    }
    await t.test('the 1.2 MB benchmark corpus reaches its known checksum', () => {
      const r = runArtifact(path.join(dir, 'corpus.guard.cwasm'), { args: ['corpus.wasm', '7'], env: {}, preopens: [] });
      equal(r, { code: 0, stdout: '480 entries, checksum 6aef77537c6202f5\n', stderr: '' }, 'outcome');
    });
  },
};
