/*
 * sort: fill n i32s from an LCG, heapsort them, then quicksort a second copy (median of three,
 * insertion sort below 16), check both agree and return a hash of the sorted array —
 * memory-heavy: random-access loads/stores over up to 16 MiB of linear memory.
 */
#include "kernel.h"

#define MAX_N (1 << 21)
static i32 heap_a[MAX_N], quick_a[MAX_N];

static NOINLINE void sift_down(i32 *a, i32 start, i32 end) {
  i32 root = start;
  while (2 * root + 1 < end) {
    i32 child = 2 * root + 1;
    if (child + 1 < end && a[child] < a[child + 1]) child++;
    if (a[root] >= a[child]) return;
    i32 t = a[root]; a[root] = a[child]; a[child] = t;
    root = child;
  }
}

static void heapsort(i32 *a, i32 n) {
  for (i32 s = n / 2 - 1; s >= 0; s--) sift_down(a, s, n);
  for (i32 end = n - 1; end > 0; end--) {
    i32 t = a[0]; a[0] = a[end]; a[end] = t;
    sift_down(a, 0, end);
  }
}

static void insertion(i32 *a, i32 lo, i32 hi) {
  for (i32 i = lo + 1; i <= hi; i++) {
    i32 v = a[i], j = i - 1;
    while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

static NOINLINE void quicksort(i32 *a, i32 lo, i32 hi) {
  while (hi - lo >= 16) {
    i32 mid = lo + (hi - lo) / 2;
    if (a[mid] < a[lo]) { i32 t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
    if (a[hi] < a[lo]) { i32 t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
    if (a[hi] < a[mid]) { i32 t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
    i32 pivot = a[mid], i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { i32 t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
    else { quicksort(a, i, hi); hi = j; }
  }
  insertion(a, lo, hi);
}

EXPORT("sort") i32 sort(i32 n) {
  if (n > MAX_N) n = MAX_N;
  u32 seed = 42;
  for (i32 i = 0; i < n; i++) heap_a[i] = quick_a[i] = (i32)lcg_next(&seed);
  heapsort(heap_a, n);
  quicksort(quick_a, 0, n - 1);
  u32 h = 2166136261u;
  for (i32 i = 0; i < n; i++) {
    if (heap_a[i] != quick_a[i]) return -1;
    if (i > 0 && quick_a[i - 1] > quick_a[i]) return -2;
    h = (h ^ (u32)quick_a[i]) * 16777619u;
  }
  return (i32)h;
}

EXPORT("run") i32 run(void) { return sort(BENCH_N); }
