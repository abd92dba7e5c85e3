/**
 * Loads every family of lowering and emit rules (each file registers its rows in rule.ts's
 * tables) and names the rules the lowering driver uses directly.
 */

import { args, jump, runtimeBlockLoad, stackArg } from './control.js';
import './int.js';
import './cond.js';
import './float.js';
import './convert.js';
import './memory.js';
import './calls.js';
import './simd-lanes.js';
import './simd-perm.js';
import './simd-int.js';
import './simd-float.js';

export const RULE = { args, jump, runtimeBlockLoad, stackArg } as const;
