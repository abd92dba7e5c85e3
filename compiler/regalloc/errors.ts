/**
 * Errors of the register allocator and its checker. A malformed MachFunc and an allocation
 * the checker rejects are compiler bugs, not user errors; they are KilnErrors of kind
 * 'invalid' (as the IR verifier's are) whose reason starts with the component's name.
 */

import { KilnError } from '../../formats/errors.js';

export const regallocError = (reason: string): KilnError => new KilnError('invalid', `regalloc: ${reason}`);
export const checkError = (reason: string): KilnError => new KilnError('invalid', `allocation check: ${reason}`);
