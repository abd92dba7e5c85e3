import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { Func } from '../../../compiler/ir/func.js';
import { op, OPCODES } from '../../../compiler/ir/opcodes.js';
import { parseFunc } from '../../../compiler/ir/parser.js';
import { Type } from '../../../compiler/ir/types.js';
import { blockInsts } from '../../../compiler/ir/view.js';
import { verify } from '../../../compiler/ir/verify.js';
import { sampleFor, TEXTS } from './samples.js';

/** the verifier's message for f (which must be rejected) */
function rejection(f: Func): string {
  try {
    verify(f);
  } catch (e) {
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).kind).toBe('invalid');
    return (e as KilnError).reason;
  }
  throw new Error('verify accepted the function');
}
const reject = (text: string): string => rejection(parseFunc(text));
/** the n-th instruction of block b */
const nth = (f: Func, b: number, n: number): number => blockInsts(f, b)[n] as number;

const TWO_CONSTS = `function %f() -> i32 {
block0:
    v1 = iconst.i32 1
    v2 = iconst.i32 2
    v3 = icmp.i32 eq v1, v2
    trapnz v3, unreachable
    return v1
}
`;

describe('accepts', () => {
  it('every per-row sample and every hand-written text', () => {
    for (const row of OPCODES) expect(() => verify(sampleFor(row))).not.toThrow();
    for (const text of Object.values(TEXTS)) expect(() => verify(parseFunc(text))).not.toThrow();
  });
  it('uses in an unreachable block of values from blocks that do not dominate it', () => {
    const f = parseFunc(`function %f(i32) -> i32 {
block0(v0: i32):
    v1 = iconst.i32 1
    return v1
block1:
    v2 = iadd.i32 v0, v1
    return v2
}
`);
    expect(() => verify(f)).not.toThrow();
  });
  it('a loop whose header param is defined by the back edge', () => {
    expect(() => verify(parseFunc(TEXTS['loop'] as string))).not.toThrow();
  });
});

describe('rule 1: the entry block matches the signature', () => {
  it('rejects a function without blocks', () => {
    expect(reject('function %f() {\n}\n')).toBe('function %f: has no blocks');
  });
  it('rejects entry params that differ from the signature', () => {
    expect(reject('function %f(i32) {\nblock0(v0: i64):\n    return\n}\n')).toBe(
      "function %f, block0: entry block params (i64) do not match the signature's params (i32)",
    );
  });
});

describe('rule 2: terminators', () => {
  it('rejects an empty block', () => {
    expect(reject('function %f() {\nblock0:\n    jump block1\nblock1:\n}\n')).toBe(
      'function %f, block1: is empty (a block ends in a terminator)',
    );
  });
  it('rejects a block that does not end in a terminator', () => {
    expect(reject('function %f() {\nblock0:\n    v0 = iconst.i32 1\n}\n')).toBe(
      'function %f, block0, `v0 = iconst.i32 1`: the block does not end in a terminator',
    );
  });
  it('rejects a terminator before the end of the block', () => {
    expect(reject('function %f() {\nblock0:\n    return\n    trap unreachable\n}\n')).toBe(
      'function %f, block0, `return`: terminator before the end of the block',
    );
  });
});

describe('rule 3: every value is defined once', () => {
  it('rejects a value that two instructions define', () => {
    const f = parseFunc(TWO_CONSTS);
    const second = nth(f, 0, 1);
    f.argPool[f.instArgStart[second] as number] = 1; // v2's slot now names v1
    expect(rejection(f)).toBe('function %f, block0, `v1 = iconst.i32 2`: v1 is defined more than once');
  });
});

describe('rule 4: immediates', () => {
  it('rejects a bad condition code', () => {
    const f = parseFunc(TWO_CONSTS);
    f.instImm0[nth(f, 0, 2)] = 12;
    expect(rejection(f)).toBe('function %f, block0, `v3 = icmp.i32 cc12 v1, v2`: bad condition code 12');
  });
  it('rejects a bad trap code', () => {
    const f = parseFunc(TWO_CONSTS);
    f.instImm0[nth(f, 0, 3)] = 11;
    expect(rejection(f)).toBe('function %f, block0, `trapnz v3, trap11`: bad trap code 11');
  });
  it('rejects a brif with one block call', () => {
    const f = parseFunc(TEXTS['fib'] as string);
    f.instImm1[nth(f, 0, 2)] = 1;
    expect(rejection(f)).toBe('function %fib, block0, `brif v2, block2(v0)`: has 1 block call, expected 2');
  });
});

describe('rule 5: operand and result types', () => {
  it('rejects a result whose type differs from the table', () => {
    const f = parseFunc(TWO_CONSTS);
    f.valueType[1] = Type.I64;
    expect(rejection(f)).toBe('function %f, block0, `v1 = iconst.i32 1`: result 0 (v1) is i64, expected i32');
  });
  it('rejects a wrong number of results', () => {
    const f = parseFunc('function %f(i32) {\nblock0(v0: i32):\n    return\n}\n');
    const i = f.newInst(op('iadd.i32'), 0, 2);
    f.setOperand(i, 0, 0);
    f.setOperand(i, 1, 0);
    f.insertBefore(i, nth(f, 0, 0));
    expect(rejection(f)).toBe('function %f, block0, `iadd.i32 v0, v0`: defines 0 results, expected 1');
  });
  it('rejects a wrong number of operands', () => {
    expect(reject('function %f(i32) {\nblock0(v0: i32):\n    v1 = iadd.i32 v0\n    return\n}\n')).toBe(
      'function %f, block0, `v1 = iadd.i32 v0`: has 1 operand, expected 2',
    );
  });
  it('rejects an operand of the wrong type', () => {
    expect(reject('function %f(i32, i64) {\nblock0(v0: i32, v1: i64):\n    v2 = iadd.i32 v0, v1\n    return\n}\n')).toBe(
      'function %f, block0, `v2 = iadd.i32 v0, v1`: operand 1 (v1) is i64, expected i32',
    );
  });
  it('rejects call arguments that do not match the signature', () => {
    const text = 'function %f(f32) {\n    sig0 = (f64)\nblock0(v0: f32):\n    call fn1 sig0(v0)\n    return\n}\n';
    expect(reject(text)).toBe('function %f, block0, `call fn1 sig0(v0)`: operand 0 (v0) is f32, expected f64');
  });
  it('rejects a signature index that is not declared', () => {
    const f = parseFunc('function %f() {\n    sig0 = ()\nblock0:\n    call fn1 sig0()\n    return\n}\n');
    f.instImm1[nth(f, 0, 0)] = 3;
    expect(rejection(f)).toBe('function %f, block0, `call fn1 sig3()`: no such signature');
  });
  it('rejects return values that do not match the signature', () => {
    expect(reject('function %f(i64) -> i32 {\nblock0(v0: i64):\n    return v0\n}\n')).toBe(
      "function %f, block0, `return v0`: returns (i64), the signature's results are (i32)",
    );
  });
});

describe('rule 6: block calls', () => {
  it('rejects a branch to a block that is not in the layout', () => {
    const f = parseFunc('function %f() {\nblock0:\n    jump block1\nblock1:\n    return\n}\n');
    f.unplaceBlock(1);
    expect(rejection(f)).toBe('function %f, block0, `jump block1`: block1 is not in the layout');
  });
  it('rejects a branch to the entry block', () => {
    expect(reject('function %f() {\nblock0:\n    jump block0\n}\n')).toBe(
      'function %f, block0, `jump block0`: block0 is the entry block, which cannot be a branch target',
    );
  });
  it('rejects a wrong number of block arguments', () => {
    expect(reject('function %f(i32) {\nblock0(v0: i32):\n    jump block1(v0)\nblock1:\n    return\n}\n')).toBe(
      'function %f, block0, `jump block1(v0)`: passes 1 argument to block1, which has 0 params',
    );
  });
  it('rejects a block argument of the wrong type', () => {
    expect(reject('function %f(i32) {\nblock0(v0: i32):\n    jump block1(v0)\nblock1(v1: i64):\n    return\n}\n')).toBe(
      'function %f, block0, `jump block1(v0)`: argument 0 to block1 (v0) is i32, expected i64',
    );
  });
});

describe('rule 7: definitions dominate uses', () => {
  it('rejects a use of a value whose instruction was removed', () => {
    const f = parseFunc(TWO_CONSTS);
    f.removeInst(nth(f, 0, 0));
    expect(rejection(f)).toBe('function %f, block0, `v3 = icmp.i32 eq v1, v2`: v1 is used but not defined');
  });
  it('rejects a use before the definition in the same block', () => {
    expect(reject('function %f() -> i32 {\nblock0:\n    v2 = iadd.i32 v1, v1\n    v1 = iconst.i32 1\n    return v2\n}\n')).toBe(
      'function %f, block0, `v2 = iadd.i32 v1, v1`: v1 is used where its definition does not dominate the use',
    );
  });
  it('rejects a use in a join block of a value defined on one arm', () => {
    const text = `function %f(i32) -> i32 {
block0(v0: i32):
    brif v0, block1, block2
block1:
    v1 = iconst.i32 1
    jump block3
block2:
    jump block3
block3:
    return v1
}
`;
    expect(reject(text)).toBe('function %f, block3, `return v1`: v1 is used where its definition does not dominate the use');
  });
  it('rejects a block argument that is not dominated (uses are at the branch, not in the target)', () => {
    const text = `function %f(i32) -> i32 {
block0(v0: i32):
    brif v0, block1, block2(v0)
block1:
    v1 = iconst.i32 1
    jump block2(v1)
block2(v2: i32):
    jump block3(v1)
block3(v3: i32):
    return v3
}
`;
    expect(reject(text)).toBe(
      'function %f, block2, `jump block3(v1)`: v1 is used where its definition does not dominate the use',
    );
  });
  it('rejects a use of a value defined only in an unreachable block', () => {
    const text = 'function %f() -> i32 {\nblock0:\n    return v1\nblock1:\n    v1 = iconst.i32 1\n    return v1\n}\n';
    expect(reject(text)).toBe('function %f, block0, `return v1`: v1 is used where its definition does not dominate the use');
  });
  it('names a function with a quoted name', () => {
    expect(reject('function %"my f"() {\nblock0:\n    v0 = iconst.i32 1\n}\n')).toBe(
      'function %"my f", block0, `v0 = iconst.i32 1`: the block does not end in a terminator',
    );
  });
});
