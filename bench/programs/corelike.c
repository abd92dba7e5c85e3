/*
 * corelike: a CoreMark-style workload written for kiln (not CoreMark's code, and its result is
 * not a CoreMark score). Each of n iterations runs, on data derived from the iteration number:
 *   - list processing: a linked list of LIST_LEN nodes in a fixed pool — search, reversal,
 *     merge sort by value and back by index, unlink and re-insert;
 *   - matrix operations on MAT_N×MAT_N int16 matrices: add and multiply by a constant,
 *     matrix×vector, matrix×matrix, matrix×matrix with bit-field extraction;
 *   - a state machine that classifies the comma-separated tokens of a text buffer (integer,
 *     decimal, scientific, hexadecimal, invalid), on the clean buffer and on a corrupted copy;
 *   - CRC-16 (reflected polynomial 0xA001) over every result, chained across iterations.
 */
#include "program.h"

typedef int16_t i16;
typedef uint16_t u16;

/* ---- CRC-16 ------------------------------------------------------------------------------ */

static u16 crc_byte(u16 crc, uint8_t byte) {
  crc ^= byte;
  for (int b = 0; b < 8; b++) crc = (crc & 1) ? (u16)((crc >> 1) ^ 0xA001u) : (u16)(crc >> 1);
  return crc;
}

static u16 crc_u16(u16 crc, u16 v) { return crc_byte(crc_byte(crc, (uint8_t)v), (uint8_t)(v >> 8)); }
static u16 crc_u32(u16 crc, uint32_t v) { return crc_u16(crc_u16(crc, (u16)v), (u16)(v >> 16)); }

/* ---- list processing --------------------------------------------------------------------- */

#define LIST_LEN 192

struct node {
  struct node *next;
  i16 value;
  i16 index;
};

static struct node pool[LIST_LEN];

static struct node *list_build(u16 seed) {
  struct node *head = NULL;
  for (int i = LIST_LEN - 1; i >= 0; i--) {
    pool[i].index = (i16)i;
    pool[i].value = (i16)(((i * 73 + seed) ^ (seed >> 3)) & 0x3ff);
    pool[i].next = head;
    head = &pool[i];
  }
  return head;
}

static int list_count_value(const struct node *p, i16 value) {
  int count = 0;
  for (; p != NULL; p = p->next) count += p->value == value;
  return count;
}

static const struct node *list_find_index(const struct node *p, i16 index) {
  while (p != NULL && p->index != index) p = p->next;
  return p;
}

static struct node *list_reverse(struct node *p) {
  struct node *done = NULL;
  while (p != NULL) {
    struct node *next = p->next;
    p->next = done;
    done = p;
    p = next;
  }
  return done;
}

typedef int (*node_cmp)(const struct node *, const struct node *);

static int by_value(const struct node *a, const struct node *b) {
  return a->value != b->value ? a->value - b->value : a->index - b->index;
}

static int by_index(const struct node *a, const struct node *b) { return a->index - b->index; }

/* bottom-up merge sort of a singly linked list: runs of width 1, 2, 4, … merged pairwise */
static struct node *list_sort(struct node *list, node_cmp cmp) {
  for (int width = 1;; width *= 2) {
    struct node *p = list, *tail = NULL;
    int merges = 0;
    list = NULL;
    while (p != NULL) {
      merges++;
      struct node *q = p;
      int psize = 0;
      for (int i = 0; i < width && q != NULL; i++, psize++) q = q->next;
      int qsize = width;
      while (psize > 0 || (qsize > 0 && q != NULL)) {
        struct node *take;
        if (psize == 0) take = q, q = q->next, qsize--;
        else if (qsize == 0 || q == NULL || cmp(p, q) <= 0) take = p, p = p->next, psize--;
        else take = q, q = q->next, qsize--;
        if (tail != NULL) tail->next = take;
        else list = take;
        tail = take;
      }
      p = q;
    }
    tail->next = NULL;
    if (merges <= 1) return list;
  }
}

static u16 list_bench(u16 crc, u16 seed) {
  struct node *list = list_build(seed);
  for (int probe = 0; probe < 8; probe++) {
    i16 v = (i16)((seed + probe * 131) & 0x3ff);
    crc = crc_u16(crc, (u16)list_count_value(list, v));
    const struct node *found = list_find_index(list, (i16)((seed + probe * 37) % (LIST_LEN + 16)));
    crc = crc_u16(crc, found != NULL ? (u16)found->value : 0xffffu);
  }
  list = list_reverse(list);
  list = list_sort(list, by_value);
  int pos = 0;
  for (const struct node *p = list; p != NULL; p = p->next, pos++)
    if ((pos & 7) == 0) crc = crc_u16(crc, (u16)p->value);
  /* unlink the node at position seed % LIST_LEN and re-insert it at the head */
  struct node **link = &list;
  for (int i = 0; i < seed % LIST_LEN; i++) link = &(*link)->next;
  struct node *moved = *link;
  *link = moved->next;
  moved->next = list;
  list = moved;
  crc = crc_u16(crc, (u16)list->index);
  list = list_sort(list, by_index);
  pos = 0;
  for (const struct node *p = list; p != NULL; p = p->next, pos++) crc = crc_u16(crc, (u16)(p->index ^ pos));
  return crc;
}

/* ---- matrix operations ------------------------------------------------------------------- */

#define MAT_N 24

static i16 ma[MAT_N * MAT_N], mb[MAT_N * MAT_N];
static int32_t mc[MAT_N * MAT_N], mv[MAT_N];

static u16 crc_matrix(u16 crc, const int32_t *m, int count) {
  for (int i = 0; i < count; i++) crc = crc_u32(crc, (uint32_t)m[i]);
  return crc;
}

static u16 matrix_bench(u16 crc, u16 seed) {
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      ma[i * MAT_N + j] = (i16)(((seed + i * 13 + j * 7) % 199) - 99);
      mb[i * MAT_N + j] = (i16)(((seed ^ (i * 29 + j)) % 173) - 80);
    }
  i16 k = (i16)((seed & 0x1f) + 3);
  for (int i = 0; i < MAT_N * MAT_N; i++) ma[i] = (i16)(ma[i] + k);
  for (int i = 0; i < MAT_N * MAT_N; i++) mc[i] = (int32_t)ma[i] * k;
  crc = crc_matrix(crc, mc, MAT_N * MAT_N);
  for (int i = 0; i < MAT_N; i++) {
    int32_t s = 0;
    for (int j = 0; j < MAT_N; j++) s += ma[i * MAT_N + j] * mb[j * MAT_N + i];
    mv[i] = s;
  }
  crc = crc_matrix(crc, mv, MAT_N);
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      int32_t s = 0;
      for (int x = 0; x < MAT_N; x++) s += ma[i * MAT_N + x] * mb[x * MAT_N + j];
      mc[i * MAT_N + j] = s;
    }
  crc = crc_matrix(crc, mc, MAT_N * MAT_N);
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      int32_t s = 0;
      for (int x = 0; x < MAT_N; x++) {
        int32_t prod = ma[i * MAT_N + x] * mb[x * MAT_N + j];
        s += ((prod >> 2) & 0xf) * ((prod >> 5) & 0x7f);
      }
      mc[i * MAT_N + j] = s;
    }
  return crc_matrix(crc, mc, MAT_N * MAT_N);
}

/* ---- state machine ----------------------------------------------------------------------- */

enum state { S_START, S_SIGN, S_INT, S_ZERO, S_HEX, S_DOT, S_FRAC, S_EXP, S_EXP_SIGN, S_SCI, S_BAD, S_COUNT };

static const char *const tokens[] = {
  "5012", "1.23", "-874", "+122", "3.4e-5", "0x1F", "T0.3e-1F", "-.71", "0", "99e3", "7.", "0xg1", "6.0E+12", "--4",
};
#define TOKEN_COUNT (int)(sizeof tokens / sizeof tokens[0])
#define TEXT_LEN 512

static char text[TEXT_LEN];
static int text_len;

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/* one transition: the state after reading c in state s */
static enum state step(enum state s, char c) {
  switch (s) {
    case S_START:
      if (c == '+' || c == '-') return S_SIGN;
      if (c == '0') return S_ZERO;
      if (is_digit(c)) return S_INT;
      if (c == '.') return S_DOT;
      return S_BAD;
    case S_SIGN:
      if (is_digit(c)) return S_INT;
      return c == '.' ? S_DOT : S_BAD;
    case S_ZERO:
      if (c == 'x' || c == 'X') return S_HEX;
      /* fallthrough */
    case S_INT:
      if (is_digit(c)) return S_INT;
      if (c == '.') return S_FRAC;
      return (c == 'e' || c == 'E') ? S_EXP : S_BAD;
    case S_HEX: return is_hex(c) ? S_HEX : S_BAD;
    case S_DOT: return is_digit(c) ? S_FRAC : S_BAD;
    case S_FRAC:
      if (is_digit(c)) return S_FRAC;
      return (c == 'e' || c == 'E') ? S_EXP : S_BAD;
    case S_EXP:
      if (c == '+' || c == '-') return S_EXP_SIGN;
      /* fallthrough */
    case S_EXP_SIGN: return is_digit(c) ? S_SCI : S_BAD;
    case S_SCI: return is_digit(c) ? S_SCI : S_BAD;
    default: return S_BAD;
  }
}

/* classifies every token of the text; counts final states and transitions into each state */
static u16 scan(u16 crc) {
  int finals[S_COUNT] = {0}, entered[S_COUNT] = {0};
  enum state s = S_START;
  for (int i = 0; i <= text_len; i++) {
    char c = i < text_len ? text[i] : ',';
    if (c == ',') {
      finals[s]++;
      s = S_START;
      continue;
    }
    enum state t = step(s, c);
    if (t != s) entered[t]++;
    s = t;
  }
  for (int i = 0; i < S_COUNT; i++) crc = crc_u16(crc_u16(crc, (u16)finals[i]), (u16)entered[i]);
  return crc;
}

static void text_build(void) {
  text_len = 0;
  for (int i = 0; text_len + 12 < TEXT_LEN; i++) {
    const char *tok = tokens[(i * 5 + 3) % TOKEN_COUNT];
    int len = (int)strlen(tok);
    memcpy(text + text_len, tok, (size_t)len);
    text_len += len;
    text[text_len++] = ',';
  }
}

static u16 state_bench(u16 crc, u16 seed) {
  crc = scan(crc);
  /* corrupt every stride-th character (commas included), scan, then restore */
  int stride = 5 + (seed & 7);
  for (int i = seed % stride; i < text_len; i += stride) text[i] ^= (char)((seed >> 4) & 0x1f);
  crc = scan(crc);
  for (int i = seed % stride; i < text_len; i += stride) text[i] ^= (char)((seed >> 4) & 0x1f);
  return crc;
}

/* ---- driver ------------------------------------------------------------------------------ */

int main(int argc, char **argv) {
  int n = size_arg(argc, argv, 20, 10000000);
  text_build();
  u16 crc = 0;
  uint64_t h = FNV_OFFSET;
  for (int it = 0; it < n; it++) {
    u16 seed = (u16)(it * 2654435761u >> 16);
    crc = list_bench(crc, seed);
    crc = matrix_bench(crc, seed);
    crc = state_bench(crc, seed);
    h = hash_u64(h, crc);
  }
  h = hash_u64(h, (uint64_t)text_len);
  report("corelike", n, h);
  return 0;
}
