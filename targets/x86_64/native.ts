/**
 * The x86-64 `NativeIsa` (targets/native-isa.ts): what the native engine needs from x86-64
 * beyond compiling — trampolines.ts's trap routine and runtime wrappers, fault-handler.ts's
 * handler and the Linux x86-64 / glibc signal layouts. x86-64 keeps instruction fetch coherent
 * with stores, so code needs no cache synchronisation.
 */

import type { NativeIsa } from '../native-isa.js';
import { faultHandler, KERNEL_SIGACTION_SIZE, SA_FLAGS_AT, SA_ONSTACK, SA_SIGINFO, SIGACTION_SIZE } from './fault-handler.js';
import { entryTrampoline, EXIT_SAVED, exitTrampoline, HOST_EXCEPTION_CODE, runtimeWrapper, trapRoutine } from './trampolines.js';

export const x86Native: NativeIsa = {
  isa: 'x86_64',
  hostExceptionCode: HOST_EXCEPTION_CODE,
  exitSaved: EXIT_SAVED,
  sigaction: { size: SIGACTION_SIZE, flagsAt: SA_FLAGS_AT, kernelSize: KERNEL_SIGACTION_SIZE, saSiginfo: SA_SIGINFO, saOnstack: SA_ONSTACK },
  trampoline: (kind, type) => (kind === 'entry' ? entryTrampoline : exitTrampoline)(type.params, type.results),
  trapRoutine,
  runtimeWrapper,
  faultHandler,
  cacheSync: () => null,
};
