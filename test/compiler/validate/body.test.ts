import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { BLOCK_EMPTY, blockOfValType } from '../../../formats/wasm/opcodes.js';
import { emptyModule } from '../../../formats/wasm/types.js';
import { body, ft, ins, rejection, withFunc, I32, I64, F32, F64 } from './build.js';

const c32 = (v = 0) => ins('i32.const', v);
const c64 = () => ins('i64.const', 0, 0, 0n);

describe('fixed-signature instructions (OpInfo.params/results)', () => {
  it('accepts i32.add on two i32', () => {
    expect(() => validateModule(withFunc(ft([], [I32]), body(c32(1), c32(2), ins('i32.add'))))).not.toThrow();
  });
  it('rejects i32.add on an i64 with the function, instruction and offset', () => {
    const e = rejection(withFunc(ft([], [I32]), body(c32(1), c64(), ins('i32.add'))));
    expect(e.kind).toBe('invalid');
    expect(e.reason).toBe('func 0: type mismatch in i32.add: expected i32, got i64');
    expect(e.loc.offset).toBe(102);
  });
  it('rejects popping from an empty stack', () => {
    const e = rejection(withFunc(ft([], []), body(ins('i32.eqz'), ins('drop'))));
    expect(e.reason).toBe('func 0: type mismatch in i32.eqz: expected i32, got nothing');
    expect(e.loc.offset).toBe(100);
  });
  it('omits the offset for modules built from text (offset -1)', () => {
    const code = [c32(), c64(), ins('i32.add'), ins('end')];
    const e = rejection(withFunc(ft([], [I32]), code));
    expect(e.reason).toContain('type mismatch in i32.add');
    expect(e.loc.offset).toBeUndefined();
  });
  it('names the absolute function index, counting imported functions', () => {
    const m = withFunc(ft([], []), body(ins('i64.eqz')));
    m.imports = [{ module: 'm', name: 'f', desc: { kind: 'func', type: 0 } }];
    expect(rejection(m).reason).toMatch(/^func 1: type mismatch in i64.eqz/);
  });
  it('types vector instructions by their signature', () => {
    const v = () => ins('v128.const', 0, 0, new Uint8Array(16));
    expect(() => validateModule(withFunc(ft([], [I32]), body(v(), ins('i8x16.all_true'))))).not.toThrow();
    expect(rejection(withFunc(ft([], [I32]), body(c32(), ins('i8x16.all_true')))).reason).toContain(
      'type mismatch in i8x16.all_true',
    );
  });
});

describe('function end', () => {
  it('rejects a missing result', () => {
    const e = rejection(withFunc(ft([], [I32]), body()));
    expect(e.reason).toBe('func 0: type mismatch in end: expected i32, got nothing');
    expect(e.loc.offset).toBe(100);
  });
  it('rejects extra values left on the stack', () => {
    expect(rejection(withFunc(ft([], []), body(c32()))).reason).toContain('type mismatch in end');
  });
  it('requires the final end', () => {
    expect(rejection(withFunc(ft([], [I32]), [c32()])).reason).toBe('func 0: missing end at the end of the function in i32.const');
    expect(rejection(withFunc(ft([], []), [])).reason).toBe('func 0: missing end at the end of the function');
  });
  it('rejects instructions after the final end', () => {
    const e = rejection(withFunc(ft([], []), [ins('end'), ins('nop')]));
    expect(e.reason).toContain('instructions after the end of the function');
  });
  it('rejects a body that leaves a block open', () => {
    const e = rejection(withFunc(ft([], []), [ins('block', BLOCK_EMPTY), ins('block', BLOCK_EMPTY), ins('end')]));
    expect(e.reason).toBe('func 0: missing end at the end of the function in end');
  });
});

describe('unreachable code (polymorphic stack)', () => {
  it('accepts any operands after unreachable', () => {
    expect(() => validateModule(withFunc(ft([], [I32]), body(ins('unreachable'), ins('i32.add'))))).not.toThrow();
  });
  it('still checks the types of values pushed after unreachable', () => {
    const e = rejection(withFunc(ft([], [I32]), body(ins('unreachable'), c64(), ins('i32.add'))));
    expect(e.reason).toContain('type mismatch in i32.add');
    expect(e.loc.offset).toBe(102);
  });
  it('makes the rest of the block polymorphic after br, return and br_table', () => {
    const stops = [[ins('br', 0)], [ins('f32.const'), ins('return')], [c32(), ins('br_table', 0, 0, [])]];
    for (const stop of stops) {
      const m = withFunc(ft([], [F32]), body(ins('block', BLOCK_EMPTY), ...stop, ins('i64.eqz'), ins('drop'), ins('end'), ins('f32.const')));
      expect(() => validateModule(m)).not.toThrow();
    }
  });
});

describe('blocks, loops and if', () => {
  const types2 = { types: [ft([I32, I64], [F32, F64])] };
  it('accepts a multi-value block by type index', () => {
    const m = withFunc(
      ft([], []),
      body(c32(), c64(), ins('block', 1), ins('drop'), ins('drop'), ins('f32.const'), ins('f64.const', 0, 0, 0n), ins('end'), ins('drop'), ins('drop')),
      [],
      types2,
    );
    expect(() => validateModule(m)).not.toThrow();
  });
  it('rejects block params of the wrong type', () => {
    const m = withFunc(ft([], []), body(c64(), c32(), ins('block', 1), ins('unreachable'), ins('end'), ins('drop'), ins('drop')), [], types2);
    const e = rejection(m);
    expect(e.reason).toBe('func 0: type mismatch in block: expected i64, got i32');
    expect(e.loc.offset).toBe(102);
  });
  it('rejects an unknown block type index', () => {
    const e = rejection(withFunc(ft([], []), body(ins('block', 7), ins('end'))));
    expect(e.reason).toBe('func 0: unknown type 7 in block');
  });
  it('rejects a block whose body leaves the wrong result', () => {
    const e = rejection(withFunc(ft([], []), body(ins('block', blockOfValType(I32)), c64(), ins('end'), ins('drop'))));
    expect(e.reason).toBe('func 0: type mismatch in end: expected i32, got i64');
    expect(e.loc.offset).toBe(102);
  });
  it('hides the outer stack from a block', () => {
    const e = rejection(withFunc(ft([], []), body(c32(), ins('block', BLOCK_EMPTY), ins('drop'), ins('end'), ins('drop'))));
    expect(e.reason).toContain('type mismatch in drop');
  });
  it('gives a loop label its parameter types', () => {
    const m = withFunc(ft([], []), body(c32(), ins('loop', 1), ins('br', 0), ins('end')), [], { types: [ft([I32], [])] });
    expect(() => validateModule(m)).not.toThrow();
    const bad = withFunc(ft([], []), body(c32(), ins('loop', 1), c64(), ins('br', 0), ins('end')), [], { types: [ft([I32], [])] });
    expect(rejection(bad).reason).toBe('func 0: type mismatch in br: expected i32, got i64');
  });
  it('requires an i32 condition for if', () => {
    expect(rejection(withFunc(ft([], []), body(c64(), ins('if', BLOCK_EMPTY), ins('end')))).reason).toContain(
      'type mismatch in if',
    );
  });
  it('requires params == results for if without else', () => {
    const ok = withFunc(ft([], [I32]), body(c32(), c32(), ins('if', 1), ins('end')), [], { types: [ft([I32], [I32])] });
    expect(() => validateModule(ok)).not.toThrow();
    const bad = withFunc(ft([], [I32]), body(c32(), ins('if', blockOfValType(I32)), c32(), ins('end')));
    const e = rejection(bad);
    expect(e.reason).toBe('func 0: type mismatch in end: expected i32, got nothing');
    expect(e.loc.offset).toBe(103);
  });
  it('checks both arms of if/else', () => {
    const ok = withFunc(ft([], [I32]), body(c32(), ins('if', blockOfValType(I32)), c32(), ins('else'), c32(1), ins('end')));
    expect(() => validateModule(ok)).not.toThrow();
    const bad = withFunc(ft([], [I32]), body(c32(), ins('if', blockOfValType(I32)), c32(), ins('else'), c64(), ins('end')));
    expect(rejection(bad).reason).toContain('type mismatch in end');
    const badThen = withFunc(ft([], [I32]), body(c32(), ins('if', blockOfValType(I32)), ins('else'), c32(), ins('end')));
    expect(rejection(badThen).reason).toBe('func 0: type mismatch in else: expected i32, got nothing');
  });
  it('rejects else outside if', () => {
    expect(rejection(withFunc(ft([], []), body(ins('block', BLOCK_EMPTY), ins('else'), ins('end')))).reason).toContain(
      'else without matching if',
    );
  });
});

describe('branches', () => {
  it('rejects an unknown label', () => {
    const e = rejection(withFunc(ft([], []), body(ins('block', BLOCK_EMPTY), ins('br', 2), ins('end'))));
    expect(e.reason).toBe('func 0: unknown label 2 in br');
    expect(e.loc.offset).toBe(101);
  });
  it('lets br target the function frame with its results', () => {
    expect(() => validateModule(withFunc(ft([], [I32]), body(c32(), ins('br', 0))))).not.toThrow();
    expect(rejection(withFunc(ft([], [I32]), body(ins('br', 0)))).reason).toContain('type mismatch in br');
  });
  it('br_if pops an i32 and keeps the label values', () => {
    const ok = withFunc(ft([], [I64]), body(c64(), c32(), ins('br_if', 0)));
    expect(() => validateModule(ok)).not.toThrow();
    expect(rejection(withFunc(ft([], [I64]), body(c64(), c64(), ins('br_if', 0)))).reason).toContain(
      'type mismatch in br_if',
    );
  });
  it('br_table requires the same arity for all labels', () => {
    const m = withFunc(
      ft([], []),
      body(ins('block', BLOCK_EMPTY), ins('block', blockOfValType(I32)), c32(), c32(), ins('br_table', 0, 0, [1]), ins('end'), ins('drop'), ins('end')),
    );
    const e = rejection(m);
    expect(e.reason).toContain('type mismatch in br_table');
    expect(e.loc.offset).toBe(104);
  });
  it('br_table with a polymorphic stack accepts labels of equal arity but different types', () => {
    const m = withFunc(
      ft([], []),
      body(
        ins('block', blockOfValType(F32)),
        ins('block', blockOfValType(I64)),
        ins('unreachable'),
        ins('br_table', 0, 0, [1]),
        ins('end'),
        ins('drop'),
        ins('f32.const'),
        ins('end'),
        ins('drop'),
      ),
    );
    expect(() => validateModule(m)).not.toThrow();
  });
  it('br_table checks concrete operands against every label', () => {
    const m = withFunc(
      ft([], []),
      body(ins('block', blockOfValType(F32)), ins('block', blockOfValType(I64)), c64(), c32(), ins('br_table', 0, 0, [1]), ins('end'), ins('drop'), ins('f32.const'), ins('end'), ins('drop')),
    );
    expect(rejection(m).reason).toBe('func 0: type mismatch in br_table: expected f32, got i64');
  });
  it('br_table rejects an unknown label', () => {
    expect(rejection(withFunc(ft([], []), body(c32(), ins('br_table', 0, 0, [3])))).reason).toContain('unknown label 3');
  });
  it('return pops the function results', () => {
    expect(() => validateModule(withFunc(ft([], [F64]), body(ins('block', BLOCK_EMPTY), ins('f64.const', 0, 0, 0n), ins('return'), ins('end'), ins('unreachable'))))).not.toThrow();
    expect(rejection(withFunc(ft([], [F64]), body(ins('f32.const'), ins('return')))).reason).toContain(
      'type mismatch in return',
    );
  });
});

describe('calls', () => {
  it('call checks the callee type', () => {
    const m = withFunc(ft([], []), body(c32(), ins('call', 1), ins('drop')), [], {
      types: [ft([I32], [I64])],
      funcs: [1],
      codes: [{ locals: [], body: body(c64()), offset: -1, size: 0 }],
    });
    expect(() => validateModule(m)).not.toThrow();
    m.codes[0]!.body = body(c64(), ins('call', 1), ins('drop'));
    expect(rejection(m).reason).toBe('func 0: type mismatch in call: expected i32, got i64');
  });
  it('call rejects an unknown function', () => {
    expect(rejection(withFunc(ft([], []), body(ins('call', 5)))).reason).toBe('func 0: unknown function 5 in call');
  });
  it('call_indirect needs a funcref table and a known type', () => {
    const funcTable = { tables: [{ elem: 0x70 as const, limits: { min: 1 } }] };
    expect(() => validateModule(withFunc(ft([], []), body(c32(), ins('call_indirect', 0, 0)), [], funcTable))).not.toThrow();
    expect(rejection(withFunc(ft([], []), body(c32(), ins('call_indirect', 0, 0)))).reason).toBe(
      'func 0: unknown table 0 in call_indirect',
    );
    expect(rejection(withFunc(ft([], []), body(c32(), ins('call_indirect', 9, 0)), [], funcTable)).reason).toBe(
      'func 0: unknown type 9 in call_indirect',
    );
    const externTable = { tables: [{ elem: 0x6f as const, limits: { min: 1 } }] };
    expect(rejection(withFunc(ft([], []), body(c32(), ins('call_indirect', 0, 0)), [], externTable)).reason).toContain(
      'type mismatch in call_indirect',
    );
    expect(rejection(withFunc(ft([], []), body(c64(), ins('call_indirect', 0, 0)), [], funcTable)).reason).toContain(
      'type mismatch in call_indirect: expected i32, got i64',
    );
  });
});

describe('parametric instructions', () => {
  it('drop needs an operand', () => {
    expect(rejection(withFunc(ft([], []), body(ins('drop')))).reason).toContain('type mismatch in drop');
  });
  it('untyped select works on numeric and vector operands of one type', () => {
    expect(() => validateModule(withFunc(ft([], [I64]), body(c64(), c64(), c32(), ins('select'))))).not.toThrow();
    expect(rejection(withFunc(ft([], [I64]), body(c64(), ins('f32.const'), c32(), ins('select')))).reason).toContain(
      'type mismatch in select',
    );
  });
  it('untyped select rejects reference operands', () => {
    const e = rejection(withFunc(ft([], []), body(ins('ref.null', 0x70), ins('ref.null', 0x70), c32(), ins('select'), ins('drop'))));
    expect(e.reason).toContain('type mismatch in select');
    expect(e.loc.offset).toBe(103);
  });
  it('untyped select after unreachable takes the known operand type', () => {
    expect(() => validateModule(withFunc(ft([], [I32]), body(ins('unreachable'), c32(), ins('select'))))).not.toThrow();
    expect(rejection(withFunc(ft([], [I32]), body(ins('unreachable'), c64(), c32(), ins('select')))).reason).toContain(
      'type mismatch in end: expected i32, got i64',
    );
  });
  it('typed select accepts references and needs exactly one type', () => {
    const r = () => ins('ref.null', 0x6f);
    expect(() => validateModule(withFunc(ft([], [0x6f]), body(r(), r(), c32(), ins('select_t', 0, 0, [0x6f]))))).not.toThrow();
    expect(rejection(withFunc(ft([], []), body(c32(), ins('select_t', 0, 0, []))))).toMatchObject({
      reason: 'func 0: invalid result arity in select: select has 0 result types',
    });
    expect(rejection(withFunc(ft([], []), body(c32(), ins('select_t', 0, 0, [I32, I32])))).reason).toContain(
      'invalid result arity',
    );
  });
});

describe('locals and globals', () => {
  it('types locals by parameters then declared groups', () => {
    const m = withFunc(ft([I32], [F64]), body(ins('local.get', 0), ins('local.set', 1), ins('local.get', 2)), [
      { count: 1, type: I32 },
      { count: 1, type: F64 },
    ]);
    expect(() => validateModule(m)).not.toThrow();
    expect(rejection(withFunc(ft([I32], [I64]), body(ins('local.get', 0)))).reason).toContain('type mismatch in end');
  });
  it('rejects an unknown local', () => {
    const e = rejection(withFunc(ft([I32], []), body(ins('local.get', 2), ins('drop')), [{ count: 1, type: I32 }]));
    expect(e.reason).toBe('func 0: unknown local 2 in local.get');
  });
  it('local.tee pops and pushes the local type', () => {
    expect(() => validateModule(withFunc(ft([I64], [I64]), body(c64(), ins('local.tee', 0))))).not.toThrow();
    expect(rejection(withFunc(ft([I64], [I64]), body(c32(), ins('local.tee', 0)))).reason).toContain(
      'type mismatch in local.tee',
    );
  });
  it('finds the types of locals beyond the first 65536', () => {
    const locals = [
      { count: 70000, type: I32 },
      { count: 5, type: F32 },
      { count: 3, type: I64 },
    ];
    const m = withFunc(ft([], [I64]), body(ins('local.get', 70002), ins('local.set', 70000), ins('local.get', 70006)), locals);
    expect(() => validateModule(m)).not.toThrow();
    const bad = withFunc(ft([], [I64]), body(ins('local.get', 70004)), locals);
    expect(rejection(bad).reason).toContain('type mismatch in end: expected i64, got f32');
    expect(rejection(withFunc(ft([], []), body(ins('local.get', 70008), ins('drop')), locals)).reason).toContain(
      'unknown local 70008',
    );
  });
  it('global.get/set use the global type, imports first', () => {
    const m = withFunc(ft([], [I64]), body(ins('global.get', 0), ins('drop'), c64(), ins('global.set', 1), ins('global.get', 1)), [], {
      imports: [{ module: 'm', name: 'g', desc: { kind: 'global', global: { type: I32, mutable: false } } }],
      globals: [{ type: { type: I64, mutable: true }, init: [c64()] }],
    });
    expect(() => validateModule(m)).not.toThrow();
  });
  it('rejects an unknown global', () => {
    expect(rejection(withFunc(ft([], []), body(ins('global.get', 0), ins('drop')))).reason).toBe(
      'func 0: unknown global 0 in global.get',
    );
  });
  it('rejects global.set of an immutable global', () => {
    const m = withFunc(ft([], []), body(c32(), ins('global.set', 0)), [], {
      globals: [{ type: { type: I32, mutable: false }, init: [c32()] }],
    });
    const e = rejection(m);
    expect(e.reason).toBe('func 0: global is immutable in global.set: global 0');
    expect(e.loc.offset).toBe(101);
  });
});

describe('references', () => {
  it('ref.null pushes its type and ref.is_null takes any reference', () => {
    expect(() => validateModule(withFunc(ft([], [I32]), body(ins('ref.null', 0x6f), ins('ref.is_null'))))).not.toThrow();
    expect(rejection(withFunc(ft([], [I32]), body(c32(), ins('ref.is_null')))).reason).toContain(
      'type mismatch in ref.is_null',
    );
    expect(() => validateModule(withFunc(ft([], [I32]), body(ins('unreachable'), ins('ref.is_null'))))).not.toThrow();
  });
  it('ref.func needs a declared function reference', () => {
    const e = rejection(withFunc(ft([], []), body(ins('ref.func', 0), ins('drop'))));
    expect(e.reason).toBe('func 0: undeclared function reference 0 in ref.func');
    expect(e.loc.offset).toBe(100);
  });
  it('ref.func accepts functions declared by an export, an element segment or a global', () => {
    const code = body(ins('ref.func', 0), ins('drop'));
    const byExport = withFunc(ft([], []), code, [], { exports: [{ name: 'f', kind: 'func', index: 0 }] });
    const byElem = withFunc(ft([], []), code, [], { elems: [{ type: 0x70, init: [[ins('ref.func', 0)]], mode: { kind: 'declarative' } }] });
    const byGlobal = withFunc(ft([], []), code, [], {
      globals: [{ type: { type: 0x70, mutable: false }, init: [ins('ref.func', 0)] }],
    });
    for (const m of [byExport, byElem, byGlobal]) expect(() => validateModule(m)).not.toThrow();
  });
  it('ref.func rejects an unknown function', () => {
    expect(rejection(withFunc(ft([], []), body(ins('ref.func', 3), ins('drop')))).reason).toBe(
      'func 0: unknown function 3 in ref.func',
    );
  });
});

describe('stack growth and state between functions', () => {
  it('handles value stacks and block nesting deeper than the preallocated stacks', () => {
    const pushes = Array.from({ length: 200 }, () => c32());
    const adds = Array.from({ length: 199 }, () => ins('i32.add'));
    const opens = Array.from({ length: 100 }, () => ins('block', blockOfValType(I32)));
    const closes = Array.from({ length: 100 }, () => ins('end'));
    const m = withFunc(ft([], [I32]), body(...opens, ...pushes, ...adds, ...closes));
    expect(() => validateModule(m)).not.toThrow();
    const bad = withFunc(ft([], [I32]), body(...opens, ...pushes, ...adds, ...closes.slice(1)));
    expect(rejection(bad).reason).toContain('missing end');
  });
  it('validates each function from a clean state and reports the failing one', () => {
    const m = withFunc(ft([], []), body(ins('unreachable')), [], {
      types: [ft([], [I32])],
      funcs: [1],
      codes: [{ locals: [], body: body(ins('block', BLOCK_EMPTY), ins('end')), offset: -1, size: 0 }],
    });
    const e = rejection(m);
    expect(e.reason).toBe('func 1: type mismatch in end: expected i32, got nothing');
    expect(e.loc.offset).toBe(102);
  });
});

describe('module without functions', () => {
  it('is valid', () => {
    expect(() => validateModule(emptyModule())).not.toThrow();
  });
});
