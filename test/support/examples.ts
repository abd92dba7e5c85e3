/**
 * The example programs' expected behaviour (examples/expected.json), shared by the WASI
 * suite (engines called directly) and the CLI suite (`kiln run`).
 */

import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './testsuite.js';

export interface ExampleCase {
  name: string;
  wasm: string;
  /** argv, argv[0] included */
  args: string[];
  env: Record<string, string>;
  /** sandbox contents (relative path → content, or 'dir'), preopened as /sandbox */
  files?: Record<string, string>;
  readonly?: boolean;
  stdout: string;
  stderr: string;
  code: number;
  /** sandbox contents afterwards (defaults to `files`) */
  after?: Record<string, string>;
}

/** `<repo>/examples/` (also from dist/test/support, where the AArch64 runner loads this file) */
export const examplesDir = path.join(repoRoot(), 'examples') + path.sep;

export function loadExampleCases(): ExampleCase[] {
  const text = fs.readFileSync(path.join(examplesDir, 'expected.json'), 'utf8');
  return (JSON.parse(text) as { cases: ExampleCase[] }).cases;
}

/** create the case's files under `dir` (directories first) */
export function populate(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    if (content === 'dir') fs.mkdirSync(path.join(dir, rel), { recursive: true });
  }
  for (const [rel, content] of Object.entries(files)) {
    if (content !== 'dir') fs.writeFileSync(path.join(dir, rel), content);
  }
}
