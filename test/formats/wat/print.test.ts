/**
 * The WAT printer on representative constructs, with the exact expected text: module
 * fields and imports, names as $identifiers (and when they cannot be), instructions and
 * their immediates, segments in all their forms, custom sections, nesting, and streaming.
 * Every opcode of the table is printed and parsed back to the same encoding.
 */

import { describe, expect, it } from 'vitest';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { OP, OPCODES, type OpInfo } from '../../../formats/wasm/opcodes.js';
import { emptyModule, makeInstr, ValType, type Instr, type Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import { MAX_INDENT } from '../../../formats/wat/print-instr.js';
import { MAX_PRINT_LOCALS, printModule, printModuleTo } from '../../../formats/wat/print.js';
import { KilnError } from '../../../formats/errors.js';

/** print the module of `wat`, and check that the printed text encodes to the same bytes */
function reprint(wat: string): string {
  const m = parseWat(wat);
  const text = printModule(m);
  expect(encodeModule(parseWat(text))).toEqual(encodeModule(m));
  return text;
}

describe('module fields', () => {
  it('prints types, imports, functions, tables, memories, globals, exports and start in section order', () => {
    const text = reprint(`(module $demo
      (import "env" "log" (func $log (param i32)))
      (import "env" "mem" (memory 1 2))
      (import "env" "tab" (table 1 funcref))
      (import "env" "g" (global (mut i64)))
      (global $later (export "g") i32 (i32.const 7))
      (type $pair (func (param i32 i64) (result i32 i64)))
      (func $swap (export "swap") (param $a i32) (param i64) (result i32) (local $t f32) (local f64 f64)
        local.get $a)
      (func $nop)
      (table 2 10 externref)
      (memory 0)
      (start $nop))`);
    expect(text).toBe(`(module $demo
  (type (;0;) (func (param i32 i64) (result i32 i64)))
  (type (;1;) (func (param i32)))
  (type (;2;) (func (param i32 i64) (result i32)))
  (type (;3;) (func))
  (import "env" "log" (func $log (;0;) (type 1) (param i32)))
  (import "env" "mem" (memory (;0;) 1 2))
  (import "env" "tab" (table (;0;) 1 funcref))
  (import "env" "g" (global (;0;) (mut i64)))
  (func $swap (;1;) (type 2) (param $a i32) (param i64) (result i32)
    (local $t f32) (local f64 f64)
    local.get $a
  )
  (func $nop (;2;) (type 3))
  (table (;1;) 2 10 externref)
  (memory (;1;) 0)
  (global (;1;) i32 i32.const 7)
  (export "g" (global 1))
  (export "swap" (func $swap))
  (start $nop)
)
`);
  });

  it('puts a long signature on lines of its own, 32 types a line', () => {
    const params = Array.from({ length: 40 }, (_, i) => (i === 33 ? '(param $p33 f32)' : '(param i32)')).join(' ');
    const text = reprint(`(module (func $f ${params} (result i64) i64.const 0))`);
    expect(text.split('\n').slice(2, 6)).toEqual([
      '  (func $f (;0;) (type 0)',
      `    (param${' i32'.repeat(32)})`,
      '    (param i32) (param $p33 f32) (param i32 i32 i32 i32 i32 i32) (result i64)',
      '    i64.const 0',
    ]);
  });

  it('prints element segments in each form: active, on another table, with expressions, passive, declarative', () => {
    const text = reprint(`(module
      (table 1 funcref) (table 1 funcref)
      (func $f) (func $g)
      (elem (i32.const 0) $f $g)
      (elem (table 1) (offset (i32.const 1)) func $g)
      (elem (i32.const 0) funcref (ref.null func) (ref.func $f))
      (elem externref (ref.null extern))
      (elem func)
      (elem declare func $g))`);
    expect(text.split('\n').filter((l) => l.includes('(elem'))).toEqual([
      '  (elem (;0;) (offset i32.const 0) func $f $g)',
      '  (elem (;1;) (table 1) (offset i32.const 1) func $g)',
      '  (elem (;2;) (offset i32.const 0) funcref (item ref.null func) (item ref.func $f))',
      '  (elem (;3;) externref (item ref.null extern))',
      '  (elem (;4;) func)',
      '  (elem (;5;) declare func $g)',
    ]);
  });

  it('wraps long element lists, 16 entries a line', () => {
    const funcs = Array.from({ length: 20 }, (_, i) => `(func $f${i})`).join(' ');
    const text = reprint(`(module (table 20 funcref) ${funcs} (elem (i32.const 0) ${Array.from({ length: 20 }, (_, i) => `$f${i}`).join(' ')}))`);
    expect(text.split('\n').slice(-6, -1)).toEqual([
      '  (elem (;0;) (offset i32.const 0) func',
      '    $f0 $f1 $f2 $f3 $f4 $f5 $f6 $f7 $f8 $f9 $f10 $f11 $f12 $f13 $f14 $f15',
      '    $f16 $f17 $f18 $f19',
      '  )',
      ')',
    ]);
  });

  it('prints data segments: active, on memory 0, passive, escaped, long ones 64 bytes a string', () => {
    const text = reprint(String.raw`(module
      (memory 1)
      (data (i32.const 8) "hi\00\ff\"\\\n\t é")
      (data "passive")
      (data (offset (i32.const 0)) "${'0123456789'.repeat(7)}"))`);
    expect(text.split('\n').filter((l) => /\(data|^ {4}"|^ {2}\)$/.test(l))).toEqual([
      String.raw`  (data (;0;) (offset i32.const 8) "hi\00\ff\"\\\n\t \c3\a9")`,
      '  (data (;1;) "passive")',
      '  (data (;2;) (offset i32.const 0)',
      `    "${'0123456789'.repeat(6)}0123"`,
      '    "456789"',
      '  )',
    ]);
  });

  it('prints a data segment on another memory with (memory n)', () => {
    const m = parseWat('(module (memory 1) (data (i32.const 0) "x"))');
    m.mems.push({ limits: { min: 1 } });
    m.datas[0]!.mode = { kind: 'active', mem: 1, offset: [makeInstr(OP.i32_const, 4), makeInstr(OP.end)] };
    expect(printModule(m)).toContain('  (data (;0;) (memory 1) (offset i32.const 4) "x")\n');
  });
});

describe('names', () => {
  it('prints names that are not identifiers, or not unique, as indices and says so', () => {
    const m = parseWat('(module (func $a (param $x i32) (param $y i32)) (func $b) (func $c) (func $d))');
    m.names = {
      module: 'not an id',
      funcs: new Map([[0, 'f(int)'], [1, 'dup'], [2, 'dup'], [3, 'ok'], [9, 'nothing']]),
      locals: new Map([[0, new Map([[0, 'x'], [1, 'x']])], [3, new Map([[0, 'beyond']])]]),
    };
    const text = printModule(m);
    expect(text).toBe(`(module
  (type (;0;) (func (param i32 i32)))
  (type (;1;) (func))
  (func (;0;) (type 0) (param i32 i32))
  (func (;1;) (type 1))
  (func (;2;) (type 1))
  (func $ok (;3;) (type 1))
  ;; name section: the module name, 4 function names, 3 local names not printed (not valid unique identifiers, or naming nothing)
)
`);
  });

  it('uses function names in calls, ref.func, exports, start and element lists, local names in local instructions', () => {
    const text = reprint(`(module (table 1 funcref) (elem declare func $main)
      (func $main (export "main") (param $n i32) (local $acc i32)
        (local.set $acc (local.get $n)) (call $main (local.tee $acc (i32.const 1))) ref.func $main drop)
      (start $main))`);
    expect(text).toContain(`  (func $main (;0;) (type 0) (param $n i32)
    (local $acc i32)
    local.get $n
    local.set $acc
    i32.const 1
    local.tee $acc
    call $main
    ref.func $main
    drop
  )
`);
    expect(text).toContain('(export "main" (func $main))\n  (start $main)\n  (elem (;0;) declare func $main)\n');
  });
});

describe('custom sections', () => {
  it('lists custom sections other than name as comments (they have no 2.0 text form)', () => {
    const m = parseWat('(module)');
    m.customs.push({ name: 'producers', bytes: new Uint8Array(3), after: 0 }, { name: 'bad\n"', bytes: new Uint8Array(0), after: 11 });
    m.customs.push({ name: 'name', bytes: Uint8Array.of(9), after: 11 });
    expect(printModule(m)).toBe(`(module
  ;; custom section "producers" (3 bytes) not printed: custom sections have no Wasm 2.0 text form
  ;; custom section "bad\\n\\"" (0 bytes) not printed: custom sections have no Wasm 2.0 text form
  ;; custom section "name" (1 bytes) not printed: it does not decode
)
`);
  });
});

describe('instructions', () => {
  it('prints immediates: block types, labels, br_table, memargs, constants, SIMD, tables, typed select', () => {
    const text = reprint(`(module
      (type $pair (func (param i32 i64) (result i32 i64)))
      (memory 1) (table 2 funcref) (table $t2 1 funcref) (elem $e func) (data $d "")
      (func (result i32)
        (block $out (result i32)
          (loop $l (br_if $out (i32.const -7)) (br_table 0 1 0 (i32.const 0)))
          i32.const 2147483647)
        (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))
        (drop (i64.const -9223372036854775808))
        (drop (f32.const -0x1.8p-3)) (drop (f64.const nan:0x1))
        (i8x16.extract_lane_s 15 (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
          (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16) (v128.const i64x2 0 -1)))
        drop
        (drop (v128.load32_lane offset=8 align=1 2 (i32.const 0) (v128.const f32x4 0 0 0 0)))
        (drop (i32.load16_u offset=4294967295 align=1 (i32.const 0)))
        (drop (i64.load (i32.const 0)))
        (drop (drop (call_indirect $t2 (type $pair) (i32.const 0) (i64.const 0) (i32.const 0))))
        (drop (select (result i32) (i32.const 0) (i32.const 1) (i32.const 2)))
        (drop (select (i32.const 0) (i32.const 1) (i32.const 2)))
        (drop (ref.null extern))
        (table.init $t2 $e (i32.const 0) (i32.const 0) (i32.const 0))
        (table.copy 0 $t2 (i32.const 0) (i32.const 0) (i32.const 0))
        (drop (table.size $t2))
        (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0))
        (data.drop $d) (elem.drop $e)
        (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
        (drop (memory.grow (memory.size)))
        (block (type $pair) (unreachable))))`);
    const body = text.slice(text.indexOf('(func (;0;)'));
    expect(body).toBe(`(func (;0;) (type 1) (result i32)
    block (result i32)  ;; label = @1
      loop  ;; label = @2
        i32.const -7
        br_if 1 (;@1;)
        i32.const 0
        br_table 0 (;@2;) 1 (;@1;) 0 (;@2;)
      end
      i32.const 2147483647
    end
    i32.const 1
    if (result i32)  ;; label = @1
      i32.const 2
    else
      i32.const 3
    end
    i64.const -9223372036854775808
    drop
    f32.const -0x1.8p-3
    drop
    f64.const nan:0x1
    drop
    v128.const i32x4 0x04030201 0x08070605 0x0c0b0a09 0x100f0e0d
    v128.const i32x4 0x00000000 0x00000000 0xffffffff 0xffffffff
    i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
    i8x16.extract_lane_s 15
    drop
    i32.const 0
    v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
    v128.load32_lane offset=8 align=1 2
    drop
    i32.const 0
    i32.load16_u offset=4294967295 align=1
    drop
    i32.const 0
    i64.load
    drop
    i32.const 0
    i64.const 0
    i32.const 0
    call_indirect 1 (type 0)
    drop
    drop
    i32.const 0
    i32.const 1
    i32.const 2
    select (result i32)
    drop
    i32.const 0
    i32.const 1
    i32.const 2
    select
    drop
    ref.null extern
    drop
    i32.const 0
    i32.const 0
    i32.const 0
    table.init 1 0
    i32.const 0
    i32.const 0
    i32.const 0
    table.copy 0 1
    table.size 1
    drop
    i32.const 0
    i32.const 0
    i32.const 0
    memory.init 0
    data.drop 0
    elem.drop 0
    i32.const 0
    i32.const 0
    i32.const 0
    memory.copy
    memory.size
    memory.grow
    drop
    block (type 0)  ;; label = @1
      unreachable
    end
  )
  (table (;0;) 2 funcref)
  (table (;1;) 1 funcref)
  (memory (;0;) 1)
  (elem (;0;) func)
  (data (;0;) "")
)
`);
  });

  it('comments each label with the level it targets: @0 is the function, none when out of range', () => {
    const m = parseWat('(module (func (block (br 1) (br 0) (if (i32.const 0) (then (br 2)))) (br 0) (br 7)))');
    expect(printModule(m).split('\n').slice(2, -2)).toEqual([
      '  (func (;0;) (type 0)',
      '    block  ;; label = @1',
      '      br 1 (;@0;)',
      '      br 0 (;@1;)',
      '      i32.const 0',
      '      if  ;; label = @2',
      '        br 2 (;@0;)',
      '      end',
      '    end',
      '    br 0 (;@0;)',
      '    br 7',
      '  )',
    ]);
  });

  it('keeps constant expressions on one line, even with blocks (invalid, but printable)', () => {
    const m = parseWat('(module (global i32 (block (result i32) (i32.const 1) (br 0))))');
    expect(printModule(m)).toContain('  (global (;0;) i32 block (result i32) i32.const 1 br 0 (;@1;) end)\n');
    expect(encodeModule(parseWat(printModule(m)))).toEqual(encodeModule(m));
  });

  it('prints every opcode of the table, which parses back to the same encoding', () => {
    const m = moduleWithEveryOpcode();
    const text = printModule(m);
    expect(encodeModule(parseWat(text))).toEqual(encodeModule(m));
    // each row but `else` and `end` has a function of its own
    expect(m.codes.length).toBe(OPCODES.length - 2);
    const printedNames = new Set(text.split('\n').map((l) => l.trim().split(' ')[0]));
    expect(OPCODES.filter((op) => !printedNames.has(op.name)).map((op) => op.name)).toEqual([]);
  });

  it('indents by nesting, up to MAX_INDENT levels', () => {
    const depth = MAX_INDENT + 8;
    const text = reprint(`(module (func ${'block '.repeat(depth)}nop${' end'.repeat(depth)}))`);
    const nop = text.split('\n').find((l) => l.trim() === 'nop')!;
    expect(nop.length - 3).toBe(4 + 2 * MAX_INDENT);
    const blocks = text.split('\n').filter((l) => l.trim().startsWith('block'));
    expect(blocks.map((l) => l.trim())).toEqual(Array.from({ length: depth }, (_, d) => `block  ;; label = @${d + 1}`));
  });
});

describe('output', () => {
  it('streams large modules in chunks that together are the text', () => {
    const m = parseWat(`(module (func ${'(drop (i32.const 123456))'.repeat(20000)}))`);
    const chunks: string[] = [];
    printModuleTo(m, (c) => chunks.push(c));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length < 2 * 65536 && c.endsWith('\n'))).toBe(true);
    expect(chunks.join('')).toBe(printModule(m));
  });

  it('prints many locals a line at a time, 32 a line', () => {
    const m = parseWat('(module (func (local $first i64)))');
    m.codes[0]!.locals.push({ count: 40000, type: ValType.F64 });
    const lines = printModule(m).split('\n').filter((l) => l.includes('(local'));
    expect(lines).toHaveLength(Math.ceil(40001 / 32));
    expect(lines[0]).toBe(`    (local $first i64) (local${' f64'.repeat(31)})`);
    expect(encodeModule(parseWat(printModule(m)))).toEqual(encodeModule(m));
  });

  it(`refuses a function with more than ${MAX_PRINT_LOCALS} locals before printing anything`, () => {
    // 45 bytes of binary would otherwise be 17 GB of text
    const m = parseWat('(module (func) (func (param i32) (local i32)))');
    m.codes[1]!.locals = [{ count: MAX_PRINT_LOCALS - 1, type: ValType.I32 }];
    expect(printModule(m)).toContain('(func (;1;) (type 1) (param i32)\n');
    m.codes[1]!.locals.push({ count: 0xffffffff, type: ValType.I64 });
    const chunks: string[] = [];
    expect(() => printModuleTo(m, (c) => chunks.push(c))).toThrow(
      new KilnError('invalid', `function 1 has ${MAX_PRINT_LOCALS + 0xffffffff} locals (parameters included); kiln prints at most 50000 per function`),
    );
    expect(chunks).toEqual([]);
  });
});

// ---- a module with one function per opcode ----

/** sample immediates of each kind, in range of moduleWithEveryOpcode's definitions */
function sampleInstr(op: OpInfo): Instr {
  const kind = op.imm;
  const lane = Math.max(0, op.lanes - 1);
  switch (kind) {
    case 'br_table':
      return makeInstr(op.id, 0, 0, [0, 0]);
    case 'i64':
      return makeInstr(op.id, 0, 0, -5n);
    case 'f64':
      return makeInstr(op.id, 0, 0, 0x7ff4000000000001n);
    case 'v128':
      return makeInstr(op.id, 0, 0, Uint8Array.from({ length: 16 }, (_, i) => 250 - i));
    case 'shuffle':
      return makeInstr(op.id, 0, 0, Uint8Array.from({ length: 16 }, (_, i) => 31 - i));
    case 'select_t':
      return makeInstr(op.id, 0, 0, [ValType.F64]);
    case 'f32':
      return makeInstr(op.id, 0x80000001);
    case 'i32':
      return makeInstr(op.id, -1);
    case 'memarg':
      return makeInstr(op.id, 0, 16);
    case 'memarg_lane':
      return makeInstr(op.id, 0, 3, null, -1, lane);
    case 'lane':
      return makeInstr(op.id, lane);
    case 'reftype':
      return makeInstr(op.id, ValType.ExternRef);
    case 'blocktype':
      return makeInstr(op.id, 0);
    case 'call_indirect':
    case 'table_init':
    case 'table_copy':
      return makeInstr(op.id, 0, 1);
    default:
      return makeInstr(op.id, kind === 'none' || kind === 'memory' || kind === 'memory_copy' || kind === 'memory_fill' ? 0 : 1);
  }
}

function moduleWithEveryOpcode(): Module {
  const m = emptyModule();
  m.types.push({ params: [ValType.I32], results: [ValType.I64] });
  m.tables.push({ elem: ValType.FuncRef, limits: { min: 1 } }, { elem: ValType.FuncRef, limits: { min: 1 } });
  m.mems.push({ limits: { min: 1 } });
  m.globals.push(...[0, 1].map(() => ({ type: { type: ValType.I32, mutable: true }, init: [makeInstr(OP.i32_const, 0), makeInstr(OP.end)] })));
  m.elems.push(...[0, 1].map(() => ({ type: ValType.FuncRef as const, init: [], mode: { kind: 'passive' as const } })));
  m.datas.push(...[0, 1].map(() => ({ bytes: new Uint8Array(0), mode: { kind: 'passive' as const } })));
  m.dataCount = 2;
  for (const op of OPCODES) {
    if (op.id === OP.else || op.id === OP.end) continue;
    const body = [sampleInstr(op)];
    if (op.id === OP.if) body.push(makeInstr(OP.else));
    if (op.imm === 'blocktype') body.push(makeInstr(OP.end));
    body.push(makeInstr(OP.end));
    m.funcs.push(0);
    m.codes.push({ locals: [{ count: 2, type: ValType.I32 }], body, offset: -1, size: 0 });
  }
  return m;
}
