/*
 * Corpus generator, families A: bytecode interpreters, expression parsers, hash tables.
 * Each family function takes (k, R) — a unit number and a seeded random source — and returns
 * C source for one self-contained unit with an entry function `uint64_t entry_<name>(uint64_t)`.
 * The random choices vary types, constants, operator sets and control structure so that the
 * compiled functions are distinct (no two units compile to the same bytes).
 */

/* ---------- A1: stack-machine interpreters ---------- */

const VM_OPS_INT = [
  ['add', 'b = POP(); a = POP(); PUSH(a + b);'],
  ['sub', 'b = POP(); a = POP(); PUSH(a - b);'],
  ['mul', 'b = POP(); a = POP(); PUSH(a * b);'],
  ['and', 'b = POP(); a = POP(); PUSH(a & b);'],
  ['or', 'b = POP(); a = POP(); PUSH(a | b);'],
  ['xor', 'b = POP(); a = POP(); PUSH(a ^ b);'],
  ['shl', 'b = POP(); a = POP(); PUSH((T)((UT)a << (b & SHMASK)));'],
  ['shr', 'b = POP(); a = POP(); PUSH((T)((UT)a >> (b & SHMASK)));'],
  ['div', 'b = POP(); a = POP(); PUSH(b == 0 ? 0 : (T)((UT)a / (UT)b));'],
  ['rem', 'b = POP(); a = POP(); PUSH(b == 0 ? a : (T)((UT)a % (UT)b));'],
  ['min', 'b = POP(); a = POP(); PUSH(a < b ? a : b);'],
  ['max', 'b = POP(); a = POP(); PUSH(a > b ? a : b);'],
  ['neg', 'a = POP(); PUSH((T)(0 - (UT)a));'],
  ['not', 'a = POP(); PUSH(~a);'],
  ['eqz', 'a = POP(); PUSH(a == 0);'],
  ['lt', 'b = POP(); a = POP(); PUSH(a < b);'],
  ['popcnt', 'a = POP(); { int c = 0; UT u = (UT)a; while (u) { u &= u - 1; c++; } PUSH(c); }'],
  ['rotl', 'b = POP(); a = POP(); { unsigned r = (unsigned)b & SHMASK; PUSH((T)(((UT)a << r) | ((UT)a >> ((BITS - r) & SHMASK)))); }'],
];
const VM_OPS_FLOAT = [
  ['add', 'b = POP(); a = POP(); PUSH(a + b);'],
  ['sub', 'b = POP(); a = POP(); PUSH(a - b);'],
  ['mul', 'b = POP(); a = POP(); PUSH(a * b);'],
  ['div', 'b = POP(); a = POP(); PUSH(b == 0 ? 0 : a / b);'],
  ['min', 'b = POP(); a = POP(); PUSH(a < b ? a : b);'],
  ['max', 'b = POP(); a = POP(); PUSH(a > b ? a : b);'],
  ['neg', 'a = POP(); PUSH(-a);'],
  ['abs', 'a = POP(); PUSH(a < 0 ? -a : a);'],
  ['half', 'a = POP(); PUSH(a * 0.5);'],
  ['lerp', 'b = POP(); a = POP(); PUSH(a + (b - a) * LERP);'],
  ['floor', 'a = POP(); PUSH((T)(int64_t)a);'],
  ['lt', 'b = POP(); a = POP(); PUSH(a < b ? 1 : 0);'],
];
const VM_COMMON = [
  ['push', 'PUSH((T)(int8_t)code[pc]); pc++;'],
  ['push16', 'PUSH((T)(int16_t)(code[pc] | (code[pc + 1] << 8))); pc += 2;'],
  ['dup', 'a = POP(); PUSH(a); PUSH(a);'],
  ['swap', 'b = POP(); a = POP(); PUSH(b); PUSH(a);'],
  ['drop', '(void)POP();'],
  ['over', 'b = POP(); a = POP(); PUSH(a); PUSH(b); PUSH(a);'],
  ['get', 'PUSH(s->locals[code[pc] % NLOC]); pc++;'],
  ['set', 's->locals[code[pc] % NLOC] = POP(); pc++;'],
  ['tee', 'a = POP(); s->locals[code[pc] % NLOC] = a; PUSH(a); pc++;'],
  ['jmp', 'pc = code[pc] % len;'],
  ['jz', 'a = POP(); if (a == 0) pc = code[pc] % len; else pc++;'],
  ['jnz', 'a = POP(); if (a != 0) pc = code[pc] % len; else pc++;'],
  ['load', 'a = POP(); PUSH(s->heap[(unsigned)(int64_t)a % HEAP]);'],
  ['store', 'b = POP(); a = POP(); s->heap[(unsigned)(int64_t)a % HEAP] = b;'],
  ['call', 'if (s->rsp < RDEPTH) { s->rstack[s->rsp++] = pc + 1; pc = code[pc] % len; } else pc++;'],
  ['ret', 'if (s->rsp > 0) pc = s->rstack[--s->rsp]; else return s->sp > 0 ? s->stack[s->sp - 1] : 0;'],
];

export function genVm(k, R) {
  const tname = R.pick(['int32_t', 'int64_t', 'uint32_t', 'double', 'int64_t', 'int32_t']);
  const isFloat = tname === 'double';
  const ut = tname.includes('64') ? 'uint64_t' : 'uint32_t';
  const bits = tname.includes('64') ? 64 : 32;
  const pool = R.shuffle([...(isFloat ? VM_OPS_FLOAT : VM_OPS_INT)]).slice(0, R.int(6, isFloat ? 12 : 18));
  const common = R.shuffle([...VM_COMMON]).slice(0, R.int(8, VM_COMMON.length));
  if (!common.some(([n]) => n === 'push')) common.push(VM_COMMON[0]);
  const ops = R.shuffle([...pool, ...common]);
  const base = R.int(0, 40);
  const stride = R.pick([1, 1, 2, 3]);
  const codes = ops.map((_, i) => base + i * stride);
  const depth = R.pick([32, 64, 128, 256]);
  const nloc = R.int(4, 16);
  const heap = R.pick([64, 128, 256, 1024]);
  const n = `vm_${k}`;
  const cases = ops
    .map(([name, body], i) => `      case ${codes[i]}: /* ${name} */\n        ${body}\n        break;`)
    .join('\n');
  const traceOp = R.chance(0.5) ? `\n      s->histogram[op & 15]++;` : '';
  return `
/* ${n}: stack interpreter over ${tname}, ${ops.length} opcodes */
typedef ${tname} ${n}_T;
#define T ${n}_T
#define UT ${ut}
#define BITS ${bits}
#define SHMASK ${bits - 1}
#define NLOC ${nloc}
#define HEAP ${heap}
#define RDEPTH ${R.pick([8, 16, 32])}
#define LERP ${R.float(0.1, 0.9)}
typedef struct {
  T stack[${depth}];
  int sp;
  T locals[NLOC];
  T heap[HEAP];
  uint32_t rstack[RDEPTH];
  int rsp;
  uint32_t histogram[16];
  uint32_t faults;
} ${n}_state;

static void ${n}_push(${n}_state *s, T v) {
  if (s->sp < ${depth}) s->stack[s->sp++] = v;
  else s->faults++;
}

static T ${n}_pop(${n}_state *s) {
  if (s->sp > 0) return s->stack[--s->sp];
  s->faults++;
  return (T)${R.int(0, 9)};
}

#define PUSH(v) ${n}_push(s, (T)(v))
#define POP() ${n}_pop(s)
static T ${n}_run(${n}_state *s, const uint8_t *code, uint32_t len, uint32_t fuel) {
  uint32_t pc = 0;
  T a, b;
  (void)a; (void)b;
  while (pc < len && fuel-- > 0) {
    uint8_t op = code[pc++];${traceOp}
    switch (op) {
${cases}
      default:
        s->faults++;
        if (s->faults > ${R.int(10, 200)}) return (T)-1;
        break;
    }
  }
  return s->sp > 0 ? s->stack[s->sp - 1] : (T)0;
}
#undef PUSH
#undef POP

static uint32_t ${n}_assemble(uint8_t *out, uint32_t cap, uint32_t *rng) {
  static const uint8_t opcodes[${ops.length}] = {${codes.join(', ')}};
  uint32_t len = 0;
  while (len + 3 < cap) {
    uint32_t r = rng_next(rng);
    out[len++] = opcodes[r % ${ops.length}];
    if ((r >> 8) % ${R.int(3, 7)} == 0) out[len++] = (uint8_t)(r >> 16);
  }
  return len;
}

uint64_t entry_${n}(uint64_t seed) {
  static ${n}_state st;
  uint8_t code[${R.pick([128, 256, 512])}];
  uint32_t rng = (uint32_t)seed ^ 0x${R.hex32()}u;
  memset(&st, 0, sizeof st);
  for (int i = 0; i < NLOC; i++) st.locals[i] = (T)(i * ${R.int(2, 97)});
  uint32_t len = ${n}_assemble(code, sizeof code, &rng);
  T r = ${n}_run(&st, code, len, ${R.int(500, 5000)});
  uint64_t h = (uint64_t)(int64_t)r;
  for (int i = 0; i < 16; i++) h = mix64(h, st.histogram[i]);
  return mix64(h, st.faults);
}
#undef T
#undef UT
#undef BITS
#undef SHMASK
#undef NLOC
#undef HEAP
#undef RDEPTH
#undef LERP
`;
}

/* ---------- A2: recursive-descent expression parsers ---------- */

const BIN_OPS = [
  ['+', 'v = v + r;'],
  ['-', 'v = v - r;'],
  ['*', 'v = v * r;'],
  ['/', 'v = r == 0 ? 0 : v / r;'],
  ['%', 'v = r == 0 ? 0 : v % r;'],
  ['&', 'v = v & r;'],
  ['|', 'v = v | r;'],
  ['^', 'v = v ^ r;'],
  ['<', 'v = v < r;'],
  ['>', 'v = v > r;'],
  ['=', 'v = v == r;'],
  ['@', 'v = v > r ? v : r;'],
  ['$', 'v = v < r ? v : r;'],
];

export function genParser(k, R) {
  const n = `px_${k}`;
  const ops = R.shuffle([...BIN_OPS]).slice(0, R.int(4, 10));
  const nlev = R.int(2, Math.min(5, ops.length));
  const levels = Array.from({ length: nlev }, () => []);
  ops.forEach((op, i) => levels[i < nlev ? i : R.int(0, nlev - 1)].push(op));
  const ty = R.pick(['int64_t', 'int32_t', 'long long']);
  const hex = R.chance(0.5);
  const comment = R.pick(['#', ';', null]);
  const unary = R.shuffle(['-', '~', '!']).slice(0, R.int(1, 3));
  const lev = levels
    .map((group, i) => {
      const next = i + 1 < nlev ? `${n}_level${i + 1}` : `${n}_unary`;
      const tests = group
        .map(([c, body], j) => `${j === 0 ? 'if' : 'else if'} (*s->p == '${c}') { s->p++; r = ${next}(s); ${body} }`)
        .join('\n      ');
      return `
static ${ty} ${n}_level${i}(${n}_state *s) {
  ${ty} v = ${next}(s), r;
  for (int guard = 0; guard < ${R.int(64, 512)}; guard++) {
    ${n}_skip(s);
    ${tests}
    else break;
  }
  return v;
}`;
    })
    .reverse()
    .join('\n');
  const unaryCases = unary.map((c) => `case '${c}': s->p++; return ${c === '!' ? '!' : c}${n}_unary(s);`).join('\n    ');
  const protos = levels.map((_, i) => `static ${ty} ${n}_level${i}(${n}_state *s);`).join('\n');
  const gen = ops.map(([c]) => `'${c}'`).join(', ');
  return `
/* ${n}: expression evaluator, ${nlev} precedence levels, operators ${ops.map(([c]) => c).join(' ')} */
typedef struct {
  const char *p;
  int errors;
  int depth;
  ${ty} vars[26];
} ${n}_state;

static void ${n}_skip(${n}_state *s) {
  for (;;) {
    while (*s->p == ' ' || *s->p == '\\t' || *s->p == '\\n') s->p++;
${comment === null ? '    return;' : `    if (*s->p != '${comment}') return;\n    while (*s->p && *s->p != '\\n') s->p++;`}
  }
}

${protos}
static ${ty} ${n}_unary(${n}_state *s);

static ${ty} ${n}_number(${n}_state *s) {
  ${ty} v = 0;
${hex ? `  if (s->p[0] == '0' && (s->p[1] == 'x' || s->p[1] == 'X')) {
    s->p += 2;
    for (;;) {
      char c = *s->p;
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) break;
      v = v * 16 + d;
      s->p++;
    }
    return v;
  }` : ''}
  while (*s->p >= '0' && *s->p <= '9') v = v * 10 + (*s->p++ - '0');
  return v;
}

static ${ty} ${n}_unary(${n}_state *s) {
  ${n}_skip(s);
  if (++s->depth > ${R.int(40, 200)}) { s->errors++; s->depth--; return 0; }
  ${ty} v;
  switch (*s->p) {
    ${unaryCases}
    case '(':
      s->p++;
      v = ${n}_level0(s);
      ${n}_skip(s);
      if (*s->p == ')') s->p++; else s->errors++;
      break;
    default:
      if (*s->p >= 'a' && *s->p <= 'z') v = s->vars[*s->p++ - 'a'];
      else if (*s->p >= '0' && *s->p <= '9') v = ${n}_number(s);
      else { s->errors++; v = 0; if (*s->p) s->p++; }
  }
  s->depth--;
  return v;
}
${lev}

static char *${n}_gen(char *out, char *end, uint32_t *rng, int depth) {
  static const char ops[] = {${gen}};
  if (out + 24 >= end) return out;
  uint32_t r = rng_next(rng);
  if (depth <= 0 || r % ${R.int(3, 6)} == 0) {
    if (r & 0x100) *out++ = (char)('a' + (r >> 9) % 26);
    else { uint32_t v = (r >> 9) % ${R.int(50, 10000)}; char tmp[12]; int t = 0; do { tmp[t++] = (char)('0' + v % 10); v /= 10; } while (v); while (t) *out++ = tmp[--t]; }
    return out;
  }
  if (r & 0x200) *out++ = '(';
  out = ${n}_gen(out, end, rng, depth - 1);
  *out++ = ' ';
  *out++ = ops[(r >> 12) % sizeof ops];
  *out++ = ' ';
  out = ${n}_gen(out, end, rng, depth - 1);
  if (r & 0x200) *out++ = ')';
  return out;
}

uint64_t entry_${n}(uint64_t seed) {
  char buf[${R.pick([512, 1024, 2048])}];
  ${n}_state s;
  uint32_t rng = (uint32_t)(seed * 0x${R.hex32()}u);
  uint64_t h = 0;
  memset(&s, 0, sizeof s);
  for (int i = 0; i < 26; i++) s.vars[i] = (${ty})(i * ${R.int(3, 131)} + ${R.int(0, 50)});
  for (int round = 0; round < ${R.int(2, 8)}; round++) {
    char *end = ${n}_gen(buf, buf + sizeof buf - 1, &rng, ${R.int(3, 7)});
    *end = 0;
    s.p = buf;
    s.depth = 0;
    h = mix64(h, (uint64_t)${n}_level0(&s));
  }
  return mix64(h, (uint64_t)s.errors);
}
`;
}

/* ---------- A3: open-addressing hash tables ---------- */

const HASHES = {
  fnv: (n, kt) =>
    `uint32_t h = 2166136261u; for (size_t i = 0; i < ${kt === 'str' ? 'strlen(k)' : 'sizeof k'}; i++) { h ^= ${kt === 'str' ? '(uint8_t)k[i]' : '(uint8_t)(k >> (8 * i))'}; h *= 16777619u; } return h;`,
  djb2: (n, kt) =>
    `uint32_t h = 5381; for (size_t i = 0; i < ${kt === 'str' ? 'strlen(k)' : 'sizeof k'}; i++) h = h * 33 + ${kt === 'str' ? '(uint8_t)k[i]' : '(uint8_t)(k >> (8 * i))'}; return h;`,
  mult: (n, kt, R) =>
    kt === 'str'
      ? `uint64_t h = 0x${R.hex32()}; while (*k) h = (h ^ (uint8_t)*k++) * 0x${R.hex32()}${R.hex32()}ull | 1; return (uint32_t)(h >> 32);`
      : `uint64_t h = (uint64_t)k * 0x${R.hex32()}${R.hex32()}ull; return (uint32_t)(h >> ${R.int(20, 32)});`,
  murmur: (n, kt) =>
    kt === 'str'
      ? `uint64_t h = 0; while (*k) h = h * 31 + (uint8_t)*k++; h ^= h >> 33; h *= 0xff51afd7ed558ccdull; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ull; h ^= h >> 33; return (uint32_t)h;`
      : `uint64_t h = (uint64_t)k; h ^= h >> 33; h *= 0xff51afd7ed558ccdull; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ull; h ^= h >> 33; return (uint32_t)h;`,
};

export function genHashTable(k, R) {
  const n = `ht_${k}`;
  const kt = R.pick(['uint32_t', 'uint64_t', 'str', 'uint32_t']);
  const keyDecl = kt === 'str' ? 'char key[16]' : `${kt} key`;
  const karg = kt === 'str' ? 'const char *k' : `${kt} k`;
  const keyEq = kt === 'str' ? 'strcmp(slot->key, k) == 0' : 'slot->key == k';
  const keyCopy = kt === 'str' ? 'strncpy(slot->key, k, sizeof slot->key - 1); slot->key[sizeof slot->key - 1] = 0;' : 'slot->key = k;';
  const hashName = R.pick(Object.keys(HASHES));
  const probe = R.pick(['linear', 'quadratic', 'double']);
  const step = { linear: 'i = (i + 1) & mask;', quadratic: 'i = (i + ++step) & mask;', double: 'i = (i + (h2 | 1)) & mask;' }[probe];
  const vt = R.pick(['int32_t', 'int64_t', 'double', 'uint16_t']);
  const extra = R.chance(0.5) ? `\n  uint32_t hits;\n  uint8_t tag;` : '';
  const load = R.pick([50, 60, 70, 75, 85]);
  return `
/* ${n}: open addressing, ${hashName} hash, ${probe} probing, ${kt} keys, load factor ${load}% */
typedef struct {
  ${keyDecl};
  ${vt} val;
  uint8_t state; /* 0 empty, 1 used, 2 deleted */${extra}
} ${n}_slot;

typedef struct {
  ${n}_slot *slots;
  uint32_t cap, count, tombs, grows;
} ${n}_table;

static uint32_t ${n}_hash(${karg}) {
  ${HASHES[hashName](n, kt, R)}
}

static int ${n}_init(${n}_table *t, uint32_t cap) {
  t->slots = (${n}_slot *)calloc(cap, sizeof(${n}_slot));
  t->cap = t->slots ? cap : 0;
  t->count = t->tombs = 0;
  return t->slots != NULL;
}

static ${n}_slot *${n}_find(const ${n}_table *t, ${karg}) {
  if (t->cap == 0) return NULL;
  uint32_t mask = t->cap - 1, h = ${n}_hash(k), i = h & mask, step = 0, h2 = h >> ${R.int(7, 19)};
  (void)step; (void)h2;
  for (uint32_t n = 0; n < t->cap; n++) {
    ${n}_slot *slot = &t->slots[i];
    if (slot->state == 0) return NULL;
    if (slot->state == 1 && ${keyEq}) return slot;
    ${step}
  }
  return NULL;
}

static int ${n}_put(${n}_table *t, ${karg}, ${vt} v);

static int ${n}_grow(${n}_table *t) {
  ${n}_table bigger;
  if (!${n}_init(&bigger, t->cap ? t->cap * 2 : ${R.pick([8, 16, 32])})) return 0;
  bigger.grows = t->grows + 1;
  for (uint32_t i = 0; i < t->cap; i++)
    if (t->slots[i].state == 1) ${n}_put(&bigger, t->slots[i].key, t->slots[i].val);
  free(t->slots);
  *t = bigger;
  return 1;
}

static int ${n}_put(${n}_table *t, ${karg}, ${vt} v) {
  if ((t->count + t->tombs + 1) * 100 >= t->cap * ${load} && !${n}_grow(t)) return 0;
  uint32_t mask = t->cap - 1, h = ${n}_hash(k), i = h & mask, step = 0, h2 = h >> ${R.int(7, 19)};
  (void)step; (void)h2;
  for (;;) {
    ${n}_slot *slot = &t->slots[i];
    if (slot->state != 1) {
      if (slot->state == 2) t->tombs--;
      ${keyCopy}
      slot->val = v;
      slot->state = 1;
      t->count++;
      return 1;
    }
    if (${keyEq}) { slot->val ${R.pick(['=', '+='])} v; return 1; }
    ${step}
  }
}

static int ${n}_del(${n}_table *t, ${karg}) {
  ${n}_slot *slot = ${n}_find(t, k);
  if (slot == NULL) return 0;
  slot->state = 2;
  t->count--;
  t->tombs++;
  return 1;
}

uint64_t entry_${n}(uint64_t seed) {
  ${n}_table t = {0};
  uint32_t rng = (uint32_t)seed + 0x${R.hex32()}u;
  uint64_t h = 0;
  int ops = ${R.int(50, 400)};
${kt === 'str' ? `  char key[16];
#define KEY(r) (key[0] = (char)('a' + (r) % 26), key[1] = (char)('a' + ((r) >> 5) % 26), key[2] = (char)('0' + ((r) >> 10) % ${R.int(2, 10)}), key[3] = 0, key)` : `#define KEY(r) ((${kt})((r) % ${R.int(20, 5000)}u))`}
  for (int i = 0; i < ops; i++) {
    uint32_t r = rng_next(&rng);
    switch (r % ${R.int(3, 5)}) {
      case 0: h = mix64(h, (uint64_t)${n}_del(&t, KEY(r >> 3))); break;
      case 1: { ${n}_slot *s = ${n}_find(&t, KEY(r >> 3)); h = mix64(h, s ? (uint64_t)(int64_t)s->val : 7); break; }
      default: ${n}_put(&t, KEY(r >> 3), (${vt})(r >> ${R.int(8, 20)})); break;
    }
  }
#undef KEY
  h = mix64(h, t.count);
  h = mix64(h, t.grows);
  free(t.slots);
  return h;
}
`;
}
