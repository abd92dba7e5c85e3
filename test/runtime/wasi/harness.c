/*
 * Test harness for the WASI layer of kiln's native runtime (runtime/wasi/), linked statically
 * with no libc: its own _start, a fake 1 MiB guest memory, and an interpreter of a small script
 * language (written by test/runtime/wasi/wasi-c.test.ts, which runs the same script through
 * loader/wasi and compares the transcripts). Every transcript line is printed through fd_write
 * on guest fd 1, i.e. through the layer under test.
 *
 *   harness HOSTDIR SCRIPT NENV ENV... ARG...
 * preopens HOSTDIR as /sandbox (read-write), HOSTDIR/ro as /ro (read-only) and HOSTDIR/other as
 * /other (read-write, a second tree for EXDEV); the guest's
 * environment is the NENV strings ENV..., its arguments ARG... (KILN_WASI_RESOLVE is read from
 * the harness's own environment). Before exiting it writes `resolve=openat2` or `resolve=walk`
 * to stderr: the resolver the layer chose.
 *
 * Script lines (numbers: decimal, 0x hex, or -N as a 64-bit two's complement):
 *   bytes ADDR "text"      write bytes (escapes \n \t \\ \" \0 \xHH)
 *   u8|u16|u32|u64 ADDR V  write a little-endian value
 *   fill ADDR LEN BYTE     fill memory
 *   call NAME ARGS...      call a WASI function: prints "NAME -> ERRNO"
 *   show32|show64 ADDR     print a value
 *   showstr ADDR LEN       print bytes, escaped (LEN may be @ADDR: the u32 stored there)
 *   filestat ADDR          print filetype, nlink and (not for directories) size
 *   times ADDR             print atim and mtim of a filestat
 *   dirents ADDR @USED     print the dirents in a fd_readdir buffer (no inode numbers)
 *   events ADDR @N         print poll_oneoff events
 *   nonzero ADDR LEN       print 1 when some byte is not zero
 *   diffge A B NS          print 1 when u64[B] - u64[A] >= NS
 *   echo TEXT              print TEXT
 */
#include <stdint.h>
#include "../../../runtime/sys.h"
#include "../../../runtime/lib.h"
#include "../../../runtime/wasi/wasi.h"
#include "../../../runtime/wasi/ids.h"
#include "../../../runtime/wasi/internal.h"

#define MEM_SIZE (1u << 20)
#define OUT_AREA (MEM_SIZE - 4096)

static uint8_t guest[MEM_SIZE] __attribute__((aligned(16)));
static struct kiln_mem mem = { guest, MEM_SIZE };

/* ---- output through fd_write ---- */
static char line[8192];
static uint32_t line_len;

static void put(const char *s, uint64_t n) {
  for (uint64_t i = 0; i < n && line_len < sizeof line - 1; i++) line[line_len++] = s[i];
}
static void puts_(const char *s) { put(s, kiln_strlen(s)); }
static void putu(uint64_t v) {
  char b[24];
  int i = 24;
  do {
    b[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  put(b + i, (uint64_t)(24 - i));
}
static void put_escaped(const uint8_t *p, uint64_t n) {
  static const char hexd[] = "0123456789abcdef";
  put("\"", 1);
  for (uint64_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    if (c == '\\' || c == '"') {
      char e[2] = { '\\', (char)c };
      put(e, 2);
    } else if (c >= 0x20 && c < 0x7f) {
      put((const char *)&c, 1);
    } else {
      char e[4] = { '\\', 'x', hexd[c >> 4], hexd[c & 15] };
      put(e, 4);
    }
  }
  put("\"", 1);
}
static void flush(void) {
  line[line_len++] = '\n';
  uint32_t off = 0;
  while (off < line_len) {
    uint32_t n = line_len - off > 4000 ? 4000 : line_len - off;
    memcpy(guest + OUT_AREA + 64, line + off, n);
    kiln_st32(guest + OUT_AREA, OUT_AREA + 64);
    kiln_st32(guest + OUT_AREA + 4, n);
    uint64_t buf[8] = { 1, OUT_AREA, 1, OUT_AREA + 8 };
    kiln_wasi_call(KILN_WASI_FD_WRITE, buf, &mem);
    if (buf[0] != 0) k_exit_group(120);
    off += n;
  }
  line_len = 0;
}

/* which resolver ran (to stderr, for the test to check): "resolve=openat2" or "resolve=walk" */
static void report_strategy(void) {
  const char *s = kiln_w.strategy == 1 ? "resolve=openat2\n" : kiln_w.strategy == 2 ? "resolve=walk\n" : "resolve=none\n";
  k_write(2, s, kiln_strlen(s));
}

/* proc_exit lands here (the runtime core provides the real one) */
__attribute__((noreturn)) void kiln_rt_exit(uint32_t code) {
  puts_("exit ");
  putu(code);
  flush();
  report_strategy();
  k_exit_group(code > 255 ? 1 : (int)code);
}

static __attribute__((noreturn)) void die(const char *msg) {
  k_write(2, msg, kiln_strlen(msg));
  k_write(2, "\n", 1);
  k_exit_group(125);
}

/* ---- the script ---- */
static char script[1 << 18];
static char *cur;

/* the current line (NUL-terminated) is parsed through `cur` */
static int at_eol(void) {
  while (*cur == ' ') cur++;
  return *cur == 0;
}

static char *word(void) {
  while (*cur == ' ') cur++;
  char *w = cur;
  while (*cur != ' ' && *cur != 0) cur++;
  if (*cur != 0) *cur++ = 0;
  return w;
}

static uint64_t number(const char *w) {
  uint64_t v = 0;
  int neg = 0;
  if (*w == '@') return kiln_ld32(guest + number(w + 1));
  if (*w == '-') {
    neg = 1;
    w++;
  }
  if (w[0] == '0' && w[1] == 'x') {
    for (w += 2; *w; w++) v = v * 16 + (uint64_t)(*w <= '9' ? *w - '0' : (*w | 32) - 'a' + 10);
  } else {
    for (; *w; w++) v = v * 10 + (uint64_t)(*w - '0');
  }
  return neg ? (uint64_t)0 - v : v;
}

static uint64_t next_number(void) {
  if (at_eol()) die("harness: missing number");
  return number(word());
}

static int hexval(char c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

/* a quoted string: written into guest memory at addr */
static void quoted(uint64_t addr) {
  while (*cur == ' ') cur++;
  if (*cur != '"') die("harness: expected a string");
  cur++;
  while (*cur != '"') {
    uint8_t c = (uint8_t)*cur++;
    if (c == '\\') {
      char e = *cur++;
      if (e == 'n') c = '\n';
      else if (e == 't') c = '\t';
      else if (e == '0') c = 0;
      else if (e == 'x') {
        c = (uint8_t)(hexval(cur[0]) * 16 + hexval(cur[1]));
        cur += 2;
      } else c = (uint8_t)e;
    }
    guest[addr++] = c;
  }
  cur++;
}

static void run_call(void) {
  const char *name = word();
  int id = -1;
  for (int i = 0; i < KILN_WASI_COUNT; i++) {
    if (kiln_streq(kiln_wasi_names[i], name)) id = i;
  }
  if (id < 0) die("harness: unknown WASI function");
  uint64_t buf[16];
  memset(buf, 0, sizeof buf);
  for (int i = 0; !at_eol() && i < 16; i++) buf[i] = number(word());
  kiln_wasi_call(id, buf, &mem);
  puts_(name);
  puts_(" -> ");
  putu(buf[0]);
  flush();
}

static void run_line(void) {
  if (at_eol() || *cur == '#') return;
  const char *op = word();
  if (kiln_streq(op, "bytes")) {
    quoted(next_number());
  } else if (kiln_streq(op, "u8")) {
    uint64_t p = next_number();
    guest[p] = (uint8_t)next_number();
  } else if (kiln_streq(op, "u16")) {
    uint64_t p = next_number();
    kiln_st16(guest + p, (uint16_t)next_number());
  } else if (kiln_streq(op, "u32")) {
    uint64_t p = next_number();
    kiln_st32(guest + p, (uint32_t)next_number());
  } else if (kiln_streq(op, "u64")) {
    uint64_t p = next_number();
    kiln_st64(guest + p, next_number());
  } else if (kiln_streq(op, "fill")) {
    uint64_t p = next_number(), n = next_number();
    memset(guest + p, (int)next_number(), n);
  } else if (kiln_streq(op, "call")) {
    run_call();
  } else if (kiln_streq(op, "show32") || kiln_streq(op, "show64")) {
    uint64_t p = next_number();
    puts_(op);
    puts_(" ");
    putu(op[4] == '3' ? kiln_ld32(guest + p) : kiln_ld64(guest + p));
    flush();
  } else if (kiln_streq(op, "showstr")) {
    uint64_t p = next_number(), n = next_number();
    puts_("str ");
    put_escaped(guest + p, n);
    flush();
  } else if (kiln_streq(op, "filestat")) {
    const uint8_t *s = guest + next_number();
    puts_("filestat type=");
    putu(s[16]);
    puts_(" nlink=");
    putu(kiln_ld64(s + 24));
    if (s[16] != 3) {
      puts_(" size=");
      putu(kiln_ld64(s + 32));
    }
    flush();
  } else if (kiln_streq(op, "times")) {
    const uint8_t *s = guest + next_number();
    puts_("times atim=");
    putu(kiln_ld64(s + 40));
    puts_(" mtim=");
    putu(kiln_ld64(s + 48));
    flush();
  } else if (kiln_streq(op, "dirents")) {
    uint64_t p = next_number(), used = next_number(), o = 0;
    while (o < used) {
      if (used - o < 24 || used - o < 24 + kiln_ld32(guest + p + o + 16)) {
        puts_("dirent partial ");
        putu(used - o);
        puts_(" ");
        put_escaped(guest + p + o + 24, used - o < 24 ? 0 : used - o - 24);
        flush();
        break;
      }
      const uint8_t *d = guest + p + o;
      uint32_t nl = kiln_ld32(d + 16);
      puts_("dirent next=");
      putu(kiln_ld64(d));
      puts_(" type=");
      putu(d[20]);
      puts_(" pad=");
      putu(d[21] | d[22] | d[23]);
      puts_(" name=");
      put_escaped(d + 24, nl);
      flush();
      o += 24 + nl;
    }
  } else if (kiln_streq(op, "events")) {
    uint64_t p = next_number(), n = next_number();
    for (uint64_t i = 0; i < n; i++) {
      const uint8_t *e = guest + p + i * 32;
      puts_("event userdata=");
      putu(kiln_ld64(e));
      puts_(" error=");
      putu(kiln_ld16(e + 8));
      puts_(" type=");
      putu(e[10]);
      puts_(" nbytes=");
      putu(kiln_ld64(e + 16));
      flush();
    }
  } else if (kiln_streq(op, "nonzero")) {
    uint64_t p = next_number(), n = next_number(), any = 0;
    for (uint64_t i = 0; i < n; i++) any |= guest[p + i];
    puts_("nonzero ");
    putu(any != 0);
    flush();
  } else if (kiln_streq(op, "diffge")) {
    uint64_t x = next_number(), y = next_number(), ns = next_number();
    puts_("diffge ");
    putu(kiln_ld64(guest + y) - kiln_ld64(guest + x) >= ns);
    flush();
  } else if (kiln_streq(op, "echo")) {
    while (*cur == ' ') cur++;
    char *s = cur;
    put(s, kiln_strlen(s));
    flush();
  } else {
    die("harness: unknown script command");
  }
}

static char rodir[4096], otherdir[4096];

int main(int argc, char **argv, char **envp) {
  if (argc < 4) die("usage: harness HOSTDIR SCRIPT NENV ENV... ARG...");
  long fd = k_openat(K_AT_FDCWD, argv[2], K_O_RDONLY | K_O_CLOEXEC, 0);
  if (fd < 0) die("harness: cannot open the script");
  uint64_t n = 0;
  for (;;) {
    long r = k_read((int)fd, script + n, sizeof script - 1 - n);
    if (r < 0) die("harness: cannot read the script");
    if (r == 0) break;
    n += (uint64_t)r;
  }
  k_close((int)fd);
  script[n] = 0;
  uint64_t dl = kiln_strlen(argv[1]);
  if (dl + 8 >= sizeof rodir) die("harness: HOSTDIR too long");
  memcpy(rodir, argv[1], dl);
  memcpy(rodir + dl, "/ro", 4);
  memcpy(otherdir, argv[1], dl);
  memcpy(otherdir + dl, "/other", 7);
  struct kiln_preopen pre[3] = { { argv[1], "/sandbox", 0 }, { rodir, "/ro", 1 }, { otherdir, "/other", 0 } };
  int nenv = (int)number(argv[3]);
  if (4 + nenv > argc) die("harness: NENV too large");
  struct kiln_wasi_config cfg = {
    .argc = argc - 4 - nenv, .argv = argv + 4 + nenv,
    .env = (const char *const *)(argv + 4), .nenv = nenv,
    .preopens = pre, .npreopens = 3, .host_env = envp,
  };
  int r = kiln_wasi_init(&cfg);
  if (r != 0) {
    char msg[] = "harness: kiln_wasi_init failed: -000";
    uint32_t e = (uint32_t)-r, n = sizeof msg - 1;
    msg[n - 3] = (char)('0' + e / 100 % 10);
    msg[n - 2] = (char)('0' + e / 10 % 10);
    msg[n - 1] = (char)('0' + e % 10);
    die(msg);
  }
  for (char *p = script; *p != 0;) {
    char *end = p;
    while (*end != '\n' && *end != 0) end++;
    char *next = *end == 0 ? end : end + 1;
    *end = 0;
    cur = p;
    run_line();
    p = next;
  }
  report_strategy();
  return 0;
}

/* the process entry: argc, argv and envp from the initial stack, then exit_group(main()) */
#if defined(__x86_64__)
__asm__(".text\n.global _start\n_start:\n"
        "  xor %rbp, %rbp\n"
        "  mov (%rsp), %rdi\n"
        "  lea 8(%rsp), %rsi\n"
        "  lea 16(%rsp,%rdi,8), %rdx\n"
        "  and $-16, %rsp\n"
        "  call harness_main\n"
        "  mov %eax, %edi\n"
        "  mov $231, %eax\n"
        "  syscall\n");
#elif defined(__aarch64__)
__asm__(".text\n.global _start\n_start:\n"
        "  mov x29, #0\n"
        "  mov x30, #0\n"
        "  ldr x0, [sp]\n"
        "  add x1, sp, #8\n"
        "  add x2, x1, x0, lsl #3\n"
        "  add x2, x2, #8\n"
        "  bl harness_main\n"
        "  mov x8, #94\n"
        "  svc #0\n");
#endif

int harness_main(int argc, char **argv, char **envp);
int harness_main(int argc, char **argv, char **envp) { return main(argc, argv, envp); }
