/**
 * Test helper: run the built `kiln` CLI (dist/, via bin/kiln.js) as a user would, and write
 * scratch input files. Shared by the CLI test files.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const kilnBin = join(root, 'bin', 'kiln.js');

export interface KilnResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function kiln(args: string[], input = ''): KilnResult {
  const r = spawnSync(process.execPath, [kilnBin, ...args], { cwd: root, encoding: 'utf8', input });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'kiln-cli-'));

/** write `content` to a fresh scratch file and return its path */
export function tempFile(name: string, content: Uint8Array | string): string {
  const p = join(scratch, name);
  writeFileSync(p, content);
  return p;
}

/** bytes of a binary module: the header, then each section as [id, ...contents] (sizes filled in) */
export function wasmModule(...sections: [number, ...number[]][]): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const [id, ...body] of sections) out.push(id, ...uleb(body.length), ...body);
  return Uint8Array.from(out);
}

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** a wasm `name` (length-prefixed UTF-8) */
export function wasmName(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}
