/**
 * Test support for pass tests: IR text in, IR text out. The input is parsed and verified,
 * the pass runs in a fresh context, the verifier runs again, and the printed function is
 * returned with the pass's change count. `ir` strips the common indentation of a template
 * literal so tests can write IR text inline.
 */

import { parseFunc } from '../../../compiler/ir/parser.js';
import { printFunc } from '../../../compiler/ir/printer.js';
import { verify } from '../../../compiler/ir/verify.js';
import type { Func } from '../../../compiler/ir/func.js';
import { PassContext } from '../../../compiler/passes/context.js';

export type PassFn = (f: Func, ctx: PassContext) => number;

/** template literal → IR text: drops the first and last line break and the common indentation */
export function ir(strings: TemplateStringsArray, ...vals: unknown[]): string {
  const raw = strings.reduce((acc, s, k) => acc + s + (k < vals.length ? String(vals[k]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

/** run `pass` on the text; returns the printed result and the pass's count */
export function runPass(text: string, pass: PassFn): { out: string; changes: number } {
  const f = parseFunc(text);
  verify(f);
  const changes = pass(f, new PassContext());
  verify(f);
  return { out: printFunc(f), changes };
}

/** the pass's output text (and that running it again changes nothing) */
export function after(text: string, pass: PassFn): string {
  const { out } = runPass(text, pass);
  const again = runPass(out, pass);
  if (again.out !== out) throw new Error(`the pass is not idempotent:\n${out}\nthen\n${again.out}`);
  return out;
}
