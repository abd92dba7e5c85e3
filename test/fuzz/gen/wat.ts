/**
 * WAT text of a generated module, so that a failing seed can be reported as a readable
 * reproducer. This is kiln's one WAT printer (formats/wat/print.ts); parseWat(toWat(m))
 * encodes to the same bytes as m (checked by the generator test).
 */

import type { Module } from '../../../formats/wasm/types.js';
import { printModule } from '../../../formats/wat/print.js';

export { f32Text, f64Text } from '../../../formats/wat/print-values.js';

export const toWat = (m: Module): string => printModule(m);
