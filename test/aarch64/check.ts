/**
 * The AArch64 runner's assertion and reporting helper (no vitest here: its native
 * dependencies have no arm64 build). A suite calls `t.test(name, fn)` for each check; a test
 * passes when `fn` returns (or its promise resolves) and fails when it throws. Assertions
 * throw `CheckFailure` with what was expected and what was found.
 */

import { isDeepStrictEqual, inspect } from 'node:util';

export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

const show = (v: unknown): string => inspect(v, { depth: 6, breakLength: 120 });

export function ok(cond: boolean, what: string): void {
  if (!cond) throw new CheckFailure(what);
}

export function equal<T>(actual: T, expected: T, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) throw new CheckFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** `fn` must throw an error whose message matches `pattern` */
export function throws(fn: () => unknown, pattern: RegExp, what: string): void {
  try {
    fn();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!pattern.test(message)) throw new CheckFailure(`${what}: threw ${show(message)}, expected ${pattern}`);
    return;
  }
  throw new CheckFailure(`${what}: did not throw (expected ${pattern})`);
}

export interface TestOutcome {
  readonly name: string;
  readonly ms: number;
  /** null when it passed */
  readonly error: string | null;
}

/** Runs a suite's tests one after the other and prints a line per test. */
export class Reporter {
  readonly outcomes: TestOutcome[] = [];

  constructor(
    readonly suite: string,
    private readonly out: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  async test(name: string, fn: () => void | Promise<void>): Promise<void> {
    const start = performance.now();
    let error: string | null = null;
    try {
      await fn();
    } catch (e) {
      error = e instanceof CheckFailure ? e.message : e instanceof Error ? (e.stack ?? e.message) : show(e);
    }
    const ms = performance.now() - start;
    this.outcomes.push({ name, ms, error });
    this.out(`  ${error === null ? 'ok  ' : 'FAIL'} ${name} (${ms.toFixed(0)} ms)`);
    if (error !== null) for (const line of error.split('\n')) this.out(`       ${line}`);
  }

  /** a free-form line under the suite (facts worth seeing in the log: sizes, what qemu shows) */
  note(text: string): void {
    this.out(`       ${text}`);
  }

  get failed(): number {
    return this.outcomes.filter((o) => o.error !== null).length;
  }

  get passed(): number {
    return this.outcomes.length - this.failed;
  }
}

/** A suite: a module in test/aarch64/suites/ exporting one, registered by name in suites/index.ts. */
export interface Suite {
  /** one line: what the suite proves */
  readonly description: string;
  run(t: Reporter): Promise<void>;
}
