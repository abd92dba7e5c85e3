     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x74  // b.lo, b.ul, b.last
    1c:  movi	v0.2d, #0x0
    20:  movi	v1.2d, #0xffffffffffffffff
    24:  movi	v2.4s, #0x55, lsl #8
    28:  fmov	v3.4s, #1.500000000000000000e+00
    2c:  mov	x16, #0x6789                	// #26505
    30:  movk	x16, #0x2345, lsl #16
    34:  movk	x16, #0x1, lsl #32
    38:  dup	v4.2d, x16
    3c:  mov	x16, #0x1                   	// #1
    40:  fmov	d5, x16
    44:  mov	x17, #0x2                   	// #2
    48:  fmov	v5.d[1], x17
    4c:  mov	x16, #0x6789                	// #26505
    50:  movk	x16, #0x2345, lsl #16
    54:  movk	x16, #0x1, lsl #32
    58:  fmov	d6, x16
    5c:  fmov	d7, xzr
    60:  mov	x17, #0x7                   	// #7
    64:  fmov	v7.d[1], x17
    68:  mov	sp, x29
    6c:  ldp	x29, x30, [sp], #16
    70:  ret
    74:  ldur	x0, [x29, #-8]
    78:  mov	w1, #0xa                   	// #10
    7c:  ldr	x16, [x0, #8]
    80:  ldr	x16, [x16, #32]
    84:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x80  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #16]
    20:  dup	v3.16b, w1
    24:  dup	v2.2d, v2.d[0]
    28:  smov	w2, v0.b[15]
    2c:  umov	w3, v0.h[1]
    30:  mov	x4, v0.d[1]
    34:  dup	v4.4s, v0.s[3]
    38:  mov	v5.16b, v0.16b
    3c:  mov	v5.s[3], w1
    40:  mov	v0.s[2], v1.s[0]
    44:  ldr	w0, [x0, w1, uxtw]
    48:  fmov	s1, w0
    4c:  mov	x0, x2
    50:  mov	x1, x3
    54:  mov	x2, x4
    58:  mov	v31.16b, v3.16b
    5c:  mov	v3.16b, v5.16b
    60:  mov	v5.16b, v1.16b
    64:  mov	v1.16b, v2.16b
    68:  mov	v2.16b, v4.16b
    6c:  mov	v4.16b, v0.16b
    70:  mov	v0.16b, v31.16b
    74:  mov	sp, x29
    78:  ldp	x29, x30, [sp], #16
    7c:  ret
    80:  ldur	x0, [x29, #-8]
    84:  mov	w1, #0xa                   	// #10
    88:  ldr	x16, [x0, #8]
    8c:  ldr	x16, [x16, #32]
    90:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x88  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #16]
    20:  add	x0, x0, w1, uxtw
    24:  add	x17, x0, #0x0
    28:  mov	w16, #0x20                  	// #32
    2c:  add	x17, x17, x16
    30:  ldrb	wzr, [x17, #15]
    34:  str	q0, [x17]
    38:  add	x17, x0, #0x0
    3c:  mov	w16, #0x11                  	// #17
    40:  add	x17, x17, x16
    44:  ldrb	wzr, [x17, #15]
    48:  str	q0, [x17]
    4c:  add	x17, x0, #0x0
    50:  mov	w16, #0x1170                	// #4464
    54:  movk	w16, #0x1, lsl #16
    58:  add	x17, x17, x16
    5c:  ldrb	wzr, [x17, #15]
    60:  str	q0, [x17]
    64:  ldr	q1, [x0]
    68:  cmp	w2, #0x0
    6c:  csetm	x16, ne	// ne = any
    70:  dup	v31.2d, x16
    74:  bsl	v31.16b, v1.16b, v0.16b
    78:  mov	v0.16b, v31.16b
    7c:  mov	sp, x29
    80:  ldp	x29, x30, [sp], #16
    84:  ret
    88:  ldur	x0, [x29, #-8]
    8c:  mov	w1, #0xa                   	// #10
    90:  ldr	x16, [x0, #8]
    94:  ldr	x16, [x16, #32]
    98:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x64  // b.lo, b.ul, b.last
    1c:  ldr	q8, [x29, #16]
    20:  ldr	q9, [x29, #32]
    24:  str	q1, [x29, #48]
    28:  str	q0, [x29, #64]
    2c:  mov	v0.16b, v9.16b
    30:  mov	v1.16b, v8.16b
    34:  mov	v31.16b, v7.16b
    38:  mov	v7.16b, v2.16b
    3c:  mov	v2.16b, v31.16b
    40:  mov	v31.16b, v6.16b
    44:  mov	v6.16b, v3.16b
    48:  mov	v3.16b, v31.16b
    4c:  mov	v31.16b, v5.16b
    50:  mov	v5.16b, v4.16b
    54:  mov	v4.16b, v31.16b
    58:  mov	sp, x29
    5c:  ldp	x29, x30, [sp], #16
    60:  ret
    64:  ldur	x0, [x29, #-8]
    68:  mov	w1, #0xa                   	// #10
    6c:  ldr	x16, [x0, #8]
    70:  ldr	x16, [x16, #32]
    74:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x60
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x64  // b.lo, b.ul, b.last
    1c:  str	q0, [sp]
    20:  str	q0, [sp, #16]
    24:  str	q0, [sp, #64]
    28:  ldr	q0, [sp, #64]
    2c:  ldr	q1, [sp, #64]
    30:  ldr	q2, [sp, #64]
    34:  ldr	q3, [sp, #64]
    38:  ldr	q4, [sp, #64]
    3c:  ldr	q5, [sp, #64]
    40:  ldr	q6, [sp, #64]
    44:  ldr	q7, [sp, #64]
    48:  bl	0x48
    4c:  ldr	q0, [sp, #32]
    50:  ldr	q0, [sp, #48]
    54:  ldr	q0, [sp, #64]
    58:  mov	sp, x29
    5c:  ldp	x29, x30, [sp], #16
    60:  ret
    64:  ldur	x0, [x29, #-8]
    68:  mov	w1, #0xa                   	// #10
    6c:  ldr	x16, [x0, #8]
    70:  ldr	x16, [x16, #32]
    74:  blr	x16
