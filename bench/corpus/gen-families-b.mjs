/*
 * Corpus generator, families B: dense matrix code, byte-string codecs (CRC, base64, RLE,
 * UTF-8), table-free lexers, and record sorting. Same contract as gen-families-a.mjs.
 */

/* ---------- B1: matrix kernels ---------- */

export function genMatrix(k, R) {
  const n = `mx_${k}`;
  const t = R.pick(['double', 'float', 'int32_t', 'int64_t', 'double']);
  const isFloat = t === 'double' || t === 'float';
  const dim = R.int(6, 28);
  const unroll = R.pick([1, 2, 4]);
  const order = R.pick(['ijk', 'ikj', 'jik']);
  const ks = R.pick([3, 5]);
  const kernel = Array.from({ length: ks * ks }, () => (isFloat ? R.float(-1, 1) : String(R.int(-4, 4))));
  const loops = {
    ijk: ['i', 'j', 'k'],
    ikj: ['i', 'k', 'j'],
    jik: ['j', 'i', 'k'],
  }[order];
  const inner = loops[2];
  const bound = (v) => (v === 'i' ? 'n' : v === 'j' ? 'p' : 'm');
  let body;
  if (unroll === 1 || inner !== 'k') {
    body = `c[i * p + j] += a[i * m + k] * b[k * p + j];`;
  } else {
    body = Array.from({ length: unroll }, (_, u) => `acc${u} += a[i * m + k + ${u}] * b[(k + ${u}) * p + j];`).join(' ');
  }
  const mul =
    unroll > 1 && inner === 'k'
      ? `  for (int i = 0; i < n; i++)
    for (int j = 0; j < p; j++) {
      ${Array.from({ length: unroll }, (_, u) => `${t} acc${u} = 0;`).join(' ')}
      int k = 0;
      for (; k + ${unroll - 1} < m; k += ${unroll}) { ${body} }
      for (; k < m; k++) acc0 += a[i * m + k] * b[k * p + j];
      c[i * p + j] = ${Array.from({ length: unroll }, (_, u) => `acc${u}`).join(' + ')};
    }`
      : `  for (int x = 0; x < n * p; x++) c[x] = 0;
  for (int ${loops[0]} = 0; ${loops[0]} < ${bound(loops[0])}; ${loops[0]}++)
    for (int ${loops[1]} = 0; ${loops[1]} < ${bound(loops[1])}; ${loops[1]}++)
      for (int ${loops[2]} = 0; ${loops[2]} < ${bound(loops[2])}; ${loops[2]}++)
        ${body}`;
  const solve = isFloat
    ? `
/* LU decomposition with partial pivoting; returns the determinant */
static ${t} ${n}_lu(${t} *a, int n, int *perm) {
  ${t} det = 1;
  for (int i = 0; i < n; i++) perm[i] = i;
  for (int col = 0; col < n; col++) {
    int piv = col;
    ${t} best = a[col * n + col] < 0 ? -a[col * n + col] : a[col * n + col];
    for (int r = col + 1; r < n; r++) {
      ${t} v = a[r * n + col] < 0 ? -a[r * n + col] : a[r * n + col];
      if (v > best) { best = v; piv = r; }
    }
    if (best < ${R.pick(['1e-12', '1e-9', '1e-6'])}) return 0;
    if (piv != col) {
      for (int j = 0; j < n; j++) { ${t} tmp = a[col * n + j]; a[col * n + j] = a[piv * n + j]; a[piv * n + j] = tmp; }
      int tp = perm[col]; perm[col] = perm[piv]; perm[piv] = tp;
      det = -det;
    }
    det *= a[col * n + col];
    for (int r = col + 1; r < n; r++) {
      ${t} f = a[r * n + col] / a[col * n + col];
      a[r * n + col] = f;
      for (int j = col + 1; j < n; j++) a[r * n + j] -= f * a[col * n + j];
    }
  }
  return det;
}`
    : `
/* fraction-free (Bareiss) elimination; returns the last pivot (the determinant when exact) */
static ${t} ${n}_lu(${t} *a, int n, int *perm) {
  ${t} prev = 1;
  for (int i = 0; i < n; i++) perm[i] = i;
  for (int col = 0; col + 1 < n; col++) {
    if (a[col * n + col] == 0) {
      int r = col + 1;
      while (r < n && a[r * n + col] == 0) r++;
      if (r == n) return 0;
      for (int j = 0; j < n; j++) { ${t} tmp = a[col * n + j]; a[col * n + j] = a[r * n + j]; a[r * n + j] = tmp; }
      int tp = perm[col]; perm[col] = perm[r]; perm[r] = tp;
    }
    for (int r = col + 1; r < n; r++)
      for (int j = col + 1; j < n; j++) {
        ${t} num = a[r * n + j] * a[col * n + col] - a[r * n + col] * a[col * n + j];
        a[r * n + j] = prev == 0 ? num : num / prev;
      }
    prev = a[col * n + col];
  }
  return a[(n - 1) * n + (n - 1)];
}`;
  return `
/* ${n}: ${t} matrices ${dim}x${dim}, ${order} multiply (unroll ${unroll}), ${ks}x${ks} convolution */
static ${t} ${n}_a[${dim * dim}], ${n}_b[${dim * dim}], ${n}_c[${dim * dim}];

static void ${n}_mul(const ${t} *a, const ${t} *b, ${t} *c, int n, int m, int p) {
${mul}
}

static void ${n}_transpose(${t} *a, int n) {
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) {
      ${t} tmp = a[i * n + j];
      a[i * n + j] = a[j * n + i];
      a[j * n + i] = tmp;
    }
}

static void ${n}_conv(const ${t} *in, ${t} *out, int w, int h) {
  static const ${t} kern[${ks * ks}] = {${kernel.join(', ')}};
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      ${t} acc = 0;
      for (int ky = 0; ky < ${ks}; ky++)
        for (int kx = 0; kx < ${ks}; kx++) {
          int sy = y + ky - ${ks >> 1}, sx = x + kx - ${ks >> 1};
          ${R.pick([
            'if (sy < 0) sy = 0; if (sy >= h) sy = h - 1; if (sx < 0) sx = 0; if (sx >= w) sx = w - 1;',
            'if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue;',
            'sy = (sy + h) % h; sx = (sx + w) % w;',
          ])}
          acc += in[sy * w + sx] * kern[ky * ${ks} + kx];
        }
      out[y * w + x] = acc;
    }
}
${solve}

static ${t} ${n}_trace(const ${t} *a, int n) {
  ${t} s = 0;
  for (int i = 0; i < n; i++) s += a[i * n + i];
  return s;
}

uint64_t entry_${n}(uint64_t seed) {
  uint32_t rng = (uint32_t)(seed >> ${R.int(0, 16)}) ^ 0x${R.hex32()}u;
  int perm[${dim}];
  for (int i = 0; i < ${dim * dim}; i++) {
    ${n}_a[i] = (${t})((int32_t)(rng_next(&rng) % ${R.int(10, 1000)}) - ${R.int(0, 9)})${isFloat ? ` * (${t})${R.float(0.001, 0.5)}` : ''};
    ${n}_b[i] = (${t})((int32_t)(rng_next(&rng) % ${R.int(10, 1000)}))${isFloat ? ` / (${t})${R.int(2, 100)}` : ''};
  }
  ${n}_mul(${n}_a, ${n}_b, ${n}_c, ${dim}, ${dim}, ${dim});
  ${n}_transpose(${n}_c, ${dim});
  ${n}_conv(${n}_c, ${n}_a, ${dim}, ${dim});
  ${t} tr = ${n}_trace(${n}_a, ${dim});
  ${t} det = ${n}_lu(${n}_a, ${dim}, perm);
  uint64_t h = mix64((uint64_t)(int64_t)tr, (uint64_t)(int64_t)det);
  for (int i = 0; i < ${dim}; i++) h = mix64(h, (uint64_t)perm[i]);
  return h;
}
`;
}

/* ---------- B2: byte-string codecs ---------- */

export function genCodec(k, R) {
  const n = `cd_${k}`;
  const poly = R.pick(['0xEDB88320u', '0x82F63B78u', '0xEB31D82Eu', '0xD5828281u', `0x${R.hex32()}u`]);
  const alphabet = R.shuffle('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('')).join('');
  const pad = R.pick(["'='", "'.'", "'~'"]);
  const rleMax = R.pick([127, 255, 63]);
  const inLen = R.pick([96, 192, 384, 768]);
  return `
/* ${n}: CRC-32 (poly ${poly}), base64 with a permuted alphabet, run-length coding, UTF-8 scanning */
static uint32_t ${n}_crc_table[256];
static int ${n}_crc_ready;

static void ${n}_crc_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int j = 0; j < 8; j++) c = c & 1 ? ${poly} ^ (c >> 1) : c >> 1;
    ${n}_crc_table[i] = c;
  }
  ${n}_crc_ready = 1;
}

static uint32_t ${n}_crc(const uint8_t *p, size_t len, uint32_t crc) {
  if (!${n}_crc_ready) ${n}_crc_init();
  crc = ~crc;
  while (len--) crc = ${n}_crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static const char ${n}_alpha[65] = "${alphabet}";

static size_t ${n}_b64_encode(const uint8_t *in, size_t len, char *out) {
  size_t o = 0, i = 0;
  for (; i + 2 < len; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    out[o++] = ${n}_alpha[v >> 18 & 63];
    out[o++] = ${n}_alpha[v >> 12 & 63];
    out[o++] = ${n}_alpha[v >> 6 & 63];
    out[o++] = ${n}_alpha[v & 63];
  }
  if (i < len) {
    uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < len ? (uint32_t)in[i + 1] << 8 : 0);
    out[o++] = ${n}_alpha[v >> 18 & 63];
    out[o++] = ${n}_alpha[v >> 12 & 63];
    out[o++] = i + 1 < len ? ${n}_alpha[v >> 6 & 63] : ${pad};
    out[o++] = ${pad};
  }
  out[o] = 0;
  return o;
}

static int ${n}_b64_value(char c) {
  static int8_t rev[256];
  static int ready;
  if (!ready) {
    memset(rev, -1, sizeof rev);
    for (int i = 0; i < 64; i++) rev[(uint8_t)${n}_alpha[i]] = (int8_t)i;
    ready = 1;
  }
  return rev[(uint8_t)c];
}

static long ${n}_b64_decode(const char *in, size_t len, uint8_t *out) {
  size_t o = 0;
  if (len % 4 != 0) return -1;
  for (size_t i = 0; i < len; i += 4) {
    int a = ${n}_b64_value(in[i]), b = ${n}_b64_value(in[i + 1]);
    int c = in[i + 2] == ${pad} ? 0 : ${n}_b64_value(in[i + 2]);
    int d = in[i + 3] == ${pad} ? 0 : ${n}_b64_value(in[i + 3]);
    if (a < 0 || b < 0 || c < 0 || d < 0) return -1;
    uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
    out[o++] = (uint8_t)(v >> 16);
    if (in[i + 2] != ${pad}) out[o++] = (uint8_t)(v >> 8);
    if (in[i + 3] != ${pad}) out[o++] = (uint8_t)v;
  }
  return (long)o;
}

static size_t ${n}_rle_encode(const uint8_t *in, size_t len, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    size_t run = 1;
    while (i + run < len && in[i + run] == in[i] && run < ${rleMax}) run++;
    out[o++] = (uint8_t)run;
    out[o++] = in[i];
    i += run;
  }
  return o;
}

static size_t ${n}_rle_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i + 1 < len; i += 2)
    for (uint8_t r = 0; r < in[i] && o < cap; r++) out[o++] = in[i + 1];
  return o;
}

/* counts code points; returns -1 on a malformed sequence */
static long ${n}_utf8_count(const uint8_t *p, size_t len) {
  long count = 0;
  for (size_t i = 0; i < len; count++) {
    uint8_t c = p[i];
    size_t need = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : 9;
    if (need == 9 || i + need >= len + (need == 0)) return -1;
    for (size_t j = 1; j <= need; j++)
      if ((p[i + j] & 0xc0) != 0x80) return -1;
    i += need + 1;
  }
  return count;
}

uint64_t entry_${n}(uint64_t seed) {
  uint8_t data[${inLen}], back[${inLen} + 4], rle[${inLen * 2}];
  char text[${Math.ceil(inLen / 3) * 4 + 8}];
  uint32_t rng = (uint32_t)seed * ${R.int(3, 999)}u + ${R.int(1, 99999)}u;
  for (size_t i = 0; i < sizeof data; i++) {
    uint32_t r = rng_next(&rng);
    data[i] = (uint8_t)(r % ${R.int(2, 8)} == 0 ? r >> 8 : 'a' + (r >> 12) % ${R.int(2, 26)});
  }
  uint64_t h = ${n}_crc(data, sizeof data, 0);
  size_t tl = ${n}_b64_encode(data, sizeof data, text);
  long bl = ${n}_b64_decode(text, tl, back);
  h = mix64(h, (uint64_t)bl);
  h = mix64(h, bl == (long)sizeof data && memcmp(back, data, sizeof data) == 0);
  size_t rl = ${n}_rle_encode(data, sizeof data, rle);
  size_t dl = ${n}_rle_decode(rle, rl, back, sizeof back);
  h = mix64(h, rl * 1000 + dl);
  h = mix64(h, (uint64_t)${n}_utf8_count(data, sizeof data));
  return mix64(h, ${n}_crc((const uint8_t *)text, tl, ${R.int(0, 1 << 30)}u));
}
`;
}

/* ---------- B3: lexers ---------- */

const WORDS = ['if', 'else', 'while', 'for', 'return', 'let', 'fn', 'match', 'loop', 'break', 'continue', 'struct', 'enum', 'impl', 'pub', 'use', 'mod', 'const', 'static', 'mut', 'type', 'where', 'as', 'in', 'do', 'switch', 'case', 'default', 'goto', 'var', 'def', 'class', 'yield', 'async', 'await', 'try', 'catch', 'throw', 'new', 'delete', 'true', 'false', 'nil', 'and', 'or', 'not'];
const PUNCT = ['==', '!=', '<=', '>=', '&&', '||', '->', '=>', '::', '<<', '>>', '++', '--', '+=', '-=', '*=', '..', '**'];

export function genLexer(k, R) {
  const n = `lx_${k}`;
  const kws = R.shuffle([...WORDS]).slice(0, R.int(6, 24));
  const puncts = R.shuffle([...PUNCT]).slice(0, R.int(3, 12));
  const comment = R.pick(['//', '#', '--', ';']);
  const strq = R.pick(['"', "'", '`']);
  const byLen = new Map();
  kws.forEach((w, i) => {
    if (!byLen.has(w.length)) byLen.set(w.length, []);
    byLen.get(w.length).push([w, i]);
  });
  const kwSwitch = [...byLen.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([len, ws]) =>
        `    case ${len}:\n${ws.map(([w, i]) => `      if (memcmp(s, "${w}", ${len}) == 0) return ${i + 1};`).join('\n')}\n      break;`,
    )
    .join('\n');
  const punctTests = puncts.map((p, i) => `  if (p[0] == '${p[0]}' && p[1] == '${p[1]}') return ${i + 1};`).join('\n');
  const sample = [];
  for (let i = 0; i < R.int(12, 30); i++) {
    const r = R.int(0, 5);
    if (r === 0) sample.push(R.pick(kws));
    else if (r === 1) sample.push(R.pick(puncts));
    else if (r === 2) sample.push(String(R.int(0, 99999)));
    else if (r === 3) sample.push(`${strq}s${R.int(0, 99)}\\\\n${strq}`.replace(/"/g, '\\"'));
    else sample.push(R.pick(['x', 'foo', 'bar_1', 'Baz', '_tmp', 'idx', 'acc']));
  }
  const commentCheck =
    comment.length === 2 ? `c == '${comment[0]}' && s->p[1] == '${comment[1]}'` : `c == '${comment}'`;
  return `
/* ${n}: lexer with ${kws.length} keywords, ${puncts.length} two-character operators, ${comment} comments */
enum { ${n}_EOF, ${n}_IDENT, ${n}_KEYWORD, ${n}_NUMBER, ${n}_STRING, ${n}_PUNCT, ${n}_OP, ${n}_ERROR, ${n}_KINDS };

typedef struct {
  const char *p;
  int line, col;
  int kind, sub;
  int64_t number;
  int len;
} ${n}_lexer;

static int ${n}_keyword(const char *s, int len) {
  switch (len) {
${kwSwitch}
    default:
      break;
  }
  return 0;
}

static int ${n}_punct2(const char *p) {
${punctTests}
  return 0;
}

static void ${n}_advance(${n}_lexer *s, int by) {
  while (by-- > 0 && *s->p) {
    if (*s->p == '\\n') { s->line++; s->col = 1; } else s->col++;
    s->p++;
  }
}

static int ${n}_next(${n}_lexer *s) {
  for (;;) {
    char c = *s->p;
    if (c == ' ' || c == '\\t' || c == '\\r' || c == '\\n') { ${n}_advance(s, 1); continue; }
    if (${commentCheck}) { while (*s->p && *s->p != '\\n') ${n}_advance(s, 1); continue; }
    break;
  }
  const char *start = s->p;
  char c = *s->p;
  s->sub = 0;
  if (c == 0) return s->kind = ${n}_EOF;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
    while ((*s->p >= 'a' && *s->p <= 'z') || (*s->p >= 'A' && *s->p <= 'Z') || (*s->p >= '0' && *s->p <= '9') || *s->p == '_') ${n}_advance(s, 1);
    s->len = (int)(s->p - start);
    s->sub = ${n}_keyword(start, s->len);
    return s->kind = s->sub ? ${n}_KEYWORD : ${n}_IDENT;
  }
  if (c >= '0' && c <= '9') {
    s->number = 0;
    while (*s->p >= '0' && *s->p <= '9') { s->number = s->number * 10 + (*s->p - '0'); ${n}_advance(s, 1); }
    return s->kind = ${n}_NUMBER;
  }
  if (c == '${strq === "'" ? "\\'" : strq}') {
    ${n}_advance(s, 1);
    while (*s->p && *s->p != '${strq === "'" ? "\\'" : strq}') ${n}_advance(s, *s->p == '\\\\' && s->p[1] ? 2 : 1);
    if (*s->p == 0) return s->kind = ${n}_ERROR;
    ${n}_advance(s, 1);
    s->len = (int)(s->p - start);
    return s->kind = ${n}_STRING;
  }
  if ((s->sub = ${n}_punct2(s->p)) != 0) { ${n}_advance(s, 2); return s->kind = ${n}_OP; }
  ${n}_advance(s, 1);
  s->sub = (unsigned char)c;
  return s->kind = ${n}_PUNCT;
}

uint64_t entry_${n}(uint64_t seed) {
  static const char *const pieces[] = {${sample.map((s) => `"${s}"`).join(', ')}};
  char src[2048];
  size_t len = 0;
  uint32_t rng = (uint32_t)seed ^ 0x${R.hex32()}u;
  while (len < sizeof src - 64) {
    const char *piece = pieces[rng_next(&rng) % (sizeof pieces / sizeof pieces[0])];
    size_t pl = strlen(piece);
    memcpy(src + len, piece, pl);
    len += pl;
    src[len++] = rng_next(&rng) % ${R.int(5, 15)} == 0 ? '\\n' : ' ';
  }
  src[len] = 0;
  ${n}_lexer s = {src, 1, 1, 0, 0, 0, 0};
  uint32_t counts[${n}_KINDS] = {0};
  uint64_t h = 0;
  while (${n}_next(&s) != ${n}_EOF && s.kind != ${n}_ERROR) {
    counts[s.kind]++;
    h = mix64(h, (uint64_t)s.sub * ${R.int(3, 999)}u + (uint64_t)s.number);
  }
  for (int i = 0; i < ${n}_KINDS; i++) h = mix64(h, counts[i]);
  return mix64(h, (uint64_t)s.line << 16 | (uint64_t)s.col);
}
`;
}

/* ---------- B4: record sorting ---------- */

export function genSort(k, R) {
  const n = `so_${k}`;
  const nf = R.int(2, 5);
  const fields = Array.from({ length: nf }, (_, i) => ({ name: `f${i}`, t: R.pick(['int32_t', 'double', 'uint16_t', 'int64_t', 'str']) }));
  const decl = fields.map((f) => (f.t === 'str' ? `  char ${f.name}[8];` : `  ${f.t} ${f.name};`)).join('\n');
  const cmpOrder = R.shuffle([...fields]).slice(0, R.int(1, nf));
  const cmp = cmpOrder
    .map((f) => {
      const desc = R.chance(0.3);
      const [x, y] = desc ? ['b', 'a'] : ['a', 'b'];
      return f.t === 'str'
        ? `  { int c = strncmp(${x}->${f.name}, ${y}->${f.name}, 8); if (c) return c; }`
        : `  if (${x}->${f.name} != ${y}->${f.name}) return ${x}->${f.name} < ${y}->${f.name} ? -1 : 1;`;
    })
    .join('\n');
  const fill = fields
    .map((f) =>
      f.t === 'str'
        ? `    for (int c = 0; c < 7; c++) r->${f.name}[c] = (char)('a' + rng_next(&rng) % ${R.int(2, 26)}); r->${f.name}[7] = 0;`
        : `    r->${f.name} = (${f.t})(rng_next(&rng) % ${R.int(3, 100000)}u)${f.t === 'double' ? ` * ${R.float(0.01, 3)}` : ''};`,
    )
    .join('\n');
  const algo = R.pick(['shell', 'merge', 'heap', 'insertion']);
  const gaps = R.pick([
    [701, 301, 132, 57, 23, 10, 4, 1],
    [1750, 701, 301, 132, 57, 23, 10, 4, 1],
    [121, 40, 13, 4, 1],
    [255, 127, 63, 31, 15, 7, 3, 1],
  ]);
  const sorts = {
    shell: `static void ${n}_sort(${n}_rec *a, int n) {
  static const int gaps[] = {${gaps.join(', ')}};
  for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
    int gap = gaps[g];
    for (int i = gap; i < n; i++) {
      ${n}_rec tmp = a[i];
      int j = i;
      while (j >= gap && ${n}_cmp(&a[j - gap], &tmp) > 0) { a[j] = a[j - gap]; j -= gap; }
      a[j] = tmp;
    }
  }
}`,
    merge: `static void ${n}_sort(${n}_rec *a, int n) {
  ${n}_rec *tmp = (${n}_rec *)malloc(sizeof(${n}_rec) * (size_t)n);
  if (tmp == NULL) return;
  for (int width = 1; width < n; width *= 2) {
    for (int lo = 0; lo < n; lo += 2 * width) {
      int mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      int i = lo, j = mid, o = lo;
      while (i < mid && j < hi) tmp[o++] = ${n}_cmp(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
      while (i < mid) tmp[o++] = a[i++];
      while (j < hi) tmp[o++] = a[j++];
    }
    memcpy(a, tmp, sizeof(${n}_rec) * (size_t)n);
  }
  free(tmp);
}`,
    heap: `static void ${n}_sift(${n}_rec *a, int root, int end) {
  while (2 * root + 1 < end) {
    int child = 2 * root + 1;
    if (child + 1 < end && ${n}_cmp(&a[child], &a[child + 1]) < 0) child++;
    if (${n}_cmp(&a[root], &a[child]) >= 0) return;
    ${n}_rec t = a[root]; a[root] = a[child]; a[child] = t;
    root = child;
  }
}

static void ${n}_sort(${n}_rec *a, int n) {
  for (int s = n / 2 - 1; s >= 0; s--) ${n}_sift(a, s, n);
  for (int e = n - 1; e > 0; e--) { ${n}_rec t = a[0]; a[0] = a[e]; a[e] = t; ${n}_sift(a, 0, e); }
}`,
    insertion: `static void ${n}_sort(${n}_rec *a, int n) {
  for (int i = 1; i < n; i++) {
    ${n}_rec v = a[i];
    int lo = 0, hi = i;
    while (lo < hi) { int mid = (lo + hi) / 2; if (${n}_cmp(&a[mid], &v) <= 0) lo = mid + 1; else hi = mid; }
    for (int j = i; j > lo; j--) a[j] = a[j - 1];
    a[lo] = v;
  }
}`,
  };
  const count = R.int(40, 300);
  return `
/* ${n}: ${count} records of ${nf} fields, ${algo} sort on ${cmpOrder.map((f) => f.name).join(', ')} */
typedef struct {
${decl}
} ${n}_rec;

static int ${n}_cmp(const ${n}_rec *a, const ${n}_rec *b) {
${cmp}
  return 0;
}

${sorts[algo]}

static int ${n}_search(const ${n}_rec *a, int n, const ${n}_rec *key) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2, c = ${n}_cmp(&a[mid], key);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1; else hi = mid - 1;
  }
  return -1 - lo;
}

static ${n}_rec ${n}_data[${count}];

uint64_t entry_${n}(uint64_t seed) {
  uint32_t rng = (uint32_t)(seed * ${R.int(3, 99999)}u);
  for (int i = 0; i < ${count}; i++) {
    ${n}_rec *r = &${n}_data[i];
${fill}
  }
  ${n}_rec probe = ${n}_data[rng_next(&rng) % ${count}];
  ${n}_sort(${n}_data, ${count});
  uint64_t h = 0;
  int sorted = 1;
  for (int i = 1; i < ${count}; i++) sorted &= ${n}_cmp(&${n}_data[i - 1], &${n}_data[i]) <= 0;
  h = mix64(h, (uint64_t)sorted);
  h = mix64(h, (uint64_t)(int64_t)${n}_search(${n}_data, ${count}, &probe));
  return h;
}
`;
}
