/**
 * `kiln compile -j N` as a user runs it (the built CLI, `npm run build` first): the artifact
 * is the same file whatever the number of threads; an error found on a worker thread reads as
 * on one thread; progress is one line on stderr, redrawn and erased, only when stderr is a
 * terminal (the pseudo-terminal comes from `script`, of Debian's bsdutils). The workers start
 * from the bundle's single CommonJS entry (scripts/bundle.mjs), made here first if `tsc` ran
 * after the last bundling, as test/scripts/bundle.test.ts does.
 */

import { REFUSED_REASON, REFUSED_WAT } from '../support/native-refusal.js';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultJobs } from '../../linker/parallel.js';
import { progressLine } from '../../cli/compile-progress.js';
import { kiln, root, tempFile } from './run-kiln.js';


const corpusOnOneThread = (() => {
  let bytes: Buffer | null = null;
  return (): Buffer => (bytes ??= compiled('bench/corpus/corpus.wasm', 1));
})();

function compiled(file: string, jobs: number): Buffer {
  const out = tempFile(`out-j${jobs}.cwasm`, '');
  const r = kiln(['compile', '-j', String(jobs), file, '-o', out]);
  expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  return readFileSync(out);
}

const mtime = (path: string): number => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

beforeAll(() => {
  if (mtime(join(root, 'dist', 'bundle', 'main.js')) < mtime(join(root, 'dist', 'cli', 'main.js'))) {
    const r = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
  }
});

describe('kiln compile -j', () => {
  it('-j 2 writes the same file as -j 1, and prints nothing when stderr is no terminal', () => {
    expect(compiled('examples/hello.wasm', 2).equals(compiled('examples/hello.wasm', 1))).toBe(true);
    expect(compiled('bench/corpus/corpus.wasm', 2).equals(corpusOnOneThread())).toBe(true);
  });

  it("starts its workers from the bundle's compile-worker.cjs, loading nothing of dist/linker/", () => {
    const out = tempFile('traced.cwasm', '');
    const r = spawnSync(process.execPath, ['bin/kiln.js', 'compile', '-j', '2', 'examples/hello.wasm', '-o', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'esm,module' },
      // Node 24 and later log more than spawnSync's 1 MiB default, which would kill the child
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    const files = new Set([...r.stderr.matchAll(/(?:file:\/\/)?(\/[^\s'"]+\.(?:js|cjs|mjs))/g)]
      .map((m) => m[1]!)
      .filter((f) => f.startsWith(root))
      .map((f) => f.slice(root.length)));
    expect(files.has('dist/bundle/compile-worker.cjs')).toBe(true);
    expect([...files].filter((f) => f.startsWith('dist/linker/') || f.startsWith('dist/cli/'))).toEqual([]);
  });

  it('reports an error found on the threads as on one thread', () => {
    const wat = tempFile('refused.wat', REFUSED_WAT);
    const one = kiln(['compile', '-j', '1', wat, '-o', tempFile('refused-1.cwasm', '')]);
    expect(one.code).toBe(3);
    expect(one.stderr).toMatch(new RegExp(`^.*refused\\.wat:0x[0-9a-f]+: ${REFUSED_REASON}.*\n$`));
    expect(kiln(['compile', '-j', '2', wat, '-o', tempFile('refused-2.cwasm', '')])).toEqual(one);
  });

  it('refuses a number of threads that is not a positive integer', () => {
    const r = kiln(['compile', '-j', '0', 'examples/hello.wasm', '-o', tempFile('zero.cwasm', '')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kiln: usage: --jobs /);
  });

  it('draws "kiln: compiling N/M functions" on a terminal and erases it at the end', () => {
    const out = tempFile('tty.cwasm', '');
    const command = `${JSON.stringify(process.execPath)} bin/kiln.js compile -j 2 bench/corpus/corpus.wasm -o ${JSON.stringify(out)}`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8' });
    if (r.error !== undefined) throw new Error(`this test needs script(1): apt-get install -y bsdutils (${r.error.message})`);
    expect(r.status).toBe(0);
    const updates = [...r.stdout.matchAll(/\r\x1b\[Kkiln: compiling (\d+)\/2469 functions/g)].map((m) => Number(m[1]));
    expect(updates.length).toBeGreaterThan(0);
    for (let i = 1; i < updates.length; i++) expect(updates[i]).toBeGreaterThan(updates[i - 1]!);
    expect(r.stdout.endsWith('\r\x1b[K')).toBe(true);
    expect(readFileSync(out).equals(corpusOnOneThread())).toBe(true);
  });
});

describe('threads without --jobs', () => {
  it('are half the cores, at least one (each compiling thread keeps V8 busy on another core)', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultJobs(cores))).toEqual([1, 1, 1, 2, 4, 32]);
  });
});

describe('the progress line', () => {
  const stream = (isTTY: boolean): { s: NodeJS.WriteStream; text: () => string } => {
    let text = '';
    const s = { isTTY, write: (t: string) => ((text += t), true) } as unknown as NodeJS.WriteStream;
    return { s, text: () => text };
  };

  it('redraws one line in place and erases it', () => {
    const t = stream(true);
    const line = progressLine(t.s);
    line.onProgress?.(10, 40);
    line.onProgress?.(40, 40);
    line.end();
    expect(t.text()).toBe('\r\x1b[Kkiln: compiling 10/40 functions\r\x1b[Kkiln: compiling 40/40 functions\r\x1b[K');
  });

  it('writes nothing when the stream is no terminal, or when nothing was drawn', () => {
    const pipe = stream(false);
    const line = progressLine(pipe.s);
    expect(line.onProgress).toBeUndefined();
    line.end();
    expect(pipe.text()).toBe('');
    const tty = stream(true);
    progressLine(tty.s).end();
    expect(tty.text()).toBe('');
  });
});
