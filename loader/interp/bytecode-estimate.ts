/**
 * An estimate of the V8 bytecode a piece of generated JavaScript compiles to. V8 never
 * optimises a function whose bytecode is over 61,440 bytes (its max_optimized_bytecode_size),
 * so the translator keeps every JS function it generates under a budget of estimated bytes
 * (split.ts). Characters are a poor measure (a declaration list or a long local name costs
 * little bytecode per character, a rotate a lot); this counts what bytecode follows:
 * assignments (each a Star or a store), numeric literals (LdaSmi/LdaConstant, operands) and
 * property accesses, with weights fitted by least squares to the lengths V8 11.3 (Node 20)
 * prints with --print-bytecode for the functions of bench/large (38 functions from 1 KB to
 * 470 KB of bytecode: the estimate is within −19 % … +18 % of the real length for those over
 * 20 KB). bench/interp-bytecode.ts measures the real lengths; docs/interpreter.md has the
 * figures.
 */

const ASSIGN = /[^=!<>]=[^=]/g;
const NUMBER = /\b\d+\b/g;
const ACCESS = /[.[(]/g;

const count = (text: string, re: RegExp): number => {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text) !== null) n++;
  return n;
};

/** estimated bytecode bytes of `text` (generated statements or whole functions) */
export function estimateBytecode(text: string): number {
  const e = 8.2 * count(text, ASSIGN) + 10.8 * count(text, NUMBER) - 2.9 * count(text, ACCESS);
  return Math.max(0, Math.round(e));
}
