import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { decodeNameSection, encodeNameSection } from '../../../formats/wasm/names.js';
import { emptyModule } from '../../../formats/wasm/types.js';
import { module, name, section, uleb, vec } from './bytes.js';

const sub = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const nameSection = (...subs: number[][]): number[] => section(0, [...name('name'), ...subs.flat()]);

describe('name section (spec appendix §7.4)', () => {
  it('decodes module, function and local names', () => {
    const bytes = module(
      nameSection(
        sub(0, name('mod')),
        sub(1, vec([[0x00, ...name('main')], [0x02, ...name('helper')]])),
        sub(2, vec([[0x00, ...vec([[0x00, ...name('x')], [0x01, ...name('y')]])]])),
      ),
    );
    const m = decodeModule(bytes);
    expect(m.names).toEqual({
      module: 'mod',
      funcs: new Map([
        [0, 'main'],
        [2, 'helper'],
      ]),
      locals: new Map([
        [
          0,
          new Map([
            [0, 'x'],
            [1, 'y'],
          ]),
        ],
      ]),
    });
    expect(m.customs.map((c) => c.name)).toEqual(['name']);
  });
  it('skips unknown subsections', () => {
    const m = decodeModule(module(nameSection(sub(1, vec([[0x00, ...name('f')]])), sub(7, [1, 2, 3]))));
    expect(m.names?.funcs.get(0)).toBe('f');
  });
  it('leaves names null but keeps the module and the raw section when the name section is malformed', () => {
    const cases: number[][] = [
      nameSection(sub(1, [0x05])), // vector runs out
      nameSection(sub(1, vec([[0x00, 0x01, 0xff]]))), // bad UTF-8
      nameSection(sub(1, vec([])), sub(0, name('late'))), // out of order
      nameSection(sub(0, [...name('m'), 0x00])), // subsection size mismatch
    ];
    for (const c of cases) {
      const m = decodeModule(module(c));
      expect(m.names).toBeNull();
      expect(m.customs).toHaveLength(1);
      expect([...encodeModule(m)]).toEqual([...module(c)]);
    }
  });
  it('encodes names that decode back to the same maps', () => {
    const names = {
      module: 'm',
      funcs: new Map([
        [3, 'c'],
        [1, 'a'],
      ]),
      locals: new Map([[1, new Map([[0, 'p']])]]),
    };
    expect(decodeNameSection(encodeNameSection(names))).toEqual(names);
    const m = emptyModule();
    m.customs.push({ name: 'name', bytes: encodeNameSection(names), after: 0 });
    expect(decodeModule(encodeModule(m)).names).toEqual(names);
    expect(decodeNameSection(encodeNameSection({ funcs: new Map(), locals: new Map() }))).toEqual({
      funcs: new Map(),
      locals: new Map(),
    });
  });
});
