/* fib: naive doubly recursive Fibonacci — measures call/return overhead and i32 arithmetic. */
#include "kernel.h"

EXPORT("fib") i32 fib(i32 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

EXPORT("run") i32 run(void) { return fib(BENCH_N); }
