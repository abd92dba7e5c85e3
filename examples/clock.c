/* clock: prints clock resolutions, sleeps 50 ms with nanosleep (poll_oneoff underneath)
 * and checks the monotonic clock saw at least that long, then asks for random bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  struct timespec r;
  clock_getres(CLOCK_REALTIME, &r);
  printf("realtime resolution: %lld ns\n", ns(r));
  clock_getres(CLOCK_MONOTONIC, &r);
  printf("monotonic resolution: %lld ns\n", ns(r));

  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  printf("realtime after 2020: %s\n", now.tv_sec > 1577836800 ? "yes" : "no");

  struct timespec a, b, nap = {0, 50 * 1000 * 1000};
  clock_gettime(CLOCK_MONOTONIC, &a);
  nanosleep(&nap, NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("slept at least 50 ms: %s\n", ns(b) - ns(a) >= 50000000LL ? "yes" : "no");

  unsigned char buf[64];
  memset(buf, 0, sizeof buf);
  if (getentropy(buf, sizeof buf) != 0) {
    perror("getentropy");
    return 1;
  }
  int nonzero = 0;
  for (size_t i = 0; i < sizeof buf; i++) nonzero += buf[i] != 0;
  printf("random bytes: %zu (%s)\n", sizeof buf, nonzero > 0 ? "not all zero" : "all zero");
  return 0;
}
