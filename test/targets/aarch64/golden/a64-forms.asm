     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x38  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x4c
    28:  madd	x0, x2, x3, x1
    2c:  mov	sp, x29
    30:  ldp	x29, x30, [sp], #16
    34:  ret
    38:  ldur	x0, [x29, #-8]
    3c:  mov	w1, #0xa                   	// #10
    40:  ldr	x16, [x0, #8]
    44:  ldr	x16, [x16, #32]
    48:  blr	x16
    4c:  ldur	x0, [x29, #-8]
    50:  mov	w1, #0xb                   	// #11
    54:  ldr	x16, [x0, #8]
    58:  ldr	x16, [x16, #32]
    5c:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x38  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x4c
    28:  msub	w0, w2, w3, w1
    2c:  mov	sp, x29
    30:  ldp	x29, x30, [sp], #16
    34:  ret
    38:  ldur	x0, [x29, #-8]
    3c:  mov	w1, #0xa                   	// #10
    40:  ldr	x16, [x0, #8]
    44:  ldr	x16, [x16, #32]
    48:  blr	x16
    4c:  ldur	x0, [x29, #-8]
    50:  mov	w1, #0xb                   	// #11
    54:  ldr	x16, [x0, #8]
    58:  ldr	x16, [x16, #32]
    5c:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x3c  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x50
    28:  sub	w0, w1, w2, asr #3
    2c:  eor	w0, w0, w3, lsl #4
    30:  mov	sp, x29
    34:  ldp	x29, x30, [sp], #16
    38:  ret
    3c:  ldur	x0, [x29, #-8]
    40:  mov	w1, #0xa                   	// #10
    44:  ldr	x16, [x0, #8]
    48:  ldr	x16, [x16, #32]
    4c:  blr	x16
    50:  ldur	x0, [x29, #-8]
    54:  mov	w1, #0xb                   	// #11
    58:  ldr	x16, [x0, #8]
    5c:  ldr	x16, [x16, #32]
    60:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x40  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x54
    28:  sub	x0, x1, #0x1, lsl #12
    2c:  and	x0, x0, #0xff00ff00ff00ff00
    30:  orr	x0, x0, #0x1
    34:  mov	sp, x29
    38:  ldp	x29, x30, [sp], #16
    3c:  ret
    40:  ldur	x0, [x29, #-8]
    44:  mov	w1, #0xa                   	// #10
    48:  ldr	x16, [x0, #8]
    4c:  ldr	x16, [x16, #32]
    50:  blr	x16
    54:  ldur	x0, [x29, #-8]
    58:  mov	w1, #0xb                   	// #11
    5c:  ldr	x16, [x0, #8]
    60:  ldr	x16, [x16, #32]
    64:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x38  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x4c
    28:  neg	w0, w1
    2c:  mov	sp, x29
    30:  ldp	x29, x30, [sp], #16
    34:  ret
    38:  ldur	x0, [x29, #-8]
    3c:  mov	w1, #0xa                   	// #10
    40:  ldr	x16, [x0, #8]
    44:  ldr	x16, [x16, #32]
    48:  blr	x16
    4c:  ldur	x0, [x29, #-8]
    50:  mov	w1, #0xb                   	// #11
    54:  ldr	x16, [x0, #8]
    58:  ldr	x16, [x16, #32]
    5c:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x68  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x7c
    28:  clz	x0, x1
    2c:  rbit	x16, x1
    30:  clz	x3, x16
    34:  add	x0, x0, x3
    38:  fmov	d31, x1
    3c:  cnt	v31.8b, v31.8b
    40:  addv	b31, v31.8b
    44:  fmov	w3, s31
    48:  mov	w2, w2
    4c:  neg	w16, w2
    50:  ror	x1, x1, x16
    54:  add	x1, x3, x1
    58:  add	x0, x0, x1
    5c:  mov	sp, x29
    60:  ldp	x29, x30, [sp], #16
    64:  ret
    68:  ldur	x0, [x29, #-8]
    6c:  mov	w1, #0xa                   	// #10
    70:  ldr	x16, [x0, #8]
    74:  ldr	x16, [x16, #32]
    78:  blr	x16
    7c:  ldur	x0, [x29, #-8]
    80:  mov	w1, #0xb                   	// #11
    84:  ldr	x16, [x0, #8]
    88:  ldr	x16, [x16, #32]
    8c:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x3c  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x50
    28:  ror	w0, w1, #3
    2c:  ror	w0, w0, #27
    30:  mov	sp, x29
    34:  ldp	x29, x30, [sp], #16
    38:  ret
    3c:  ldur	x0, [x29, #-8]
    40:  mov	w1, #0xa                   	// #10
    44:  ldr	x16, [x0, #8]
    48:  ldr	x16, [x16, #32]
    4c:  blr	x16
    50:  ldur	x0, [x29, #-8]
    54:  mov	w1, #0xb                   	// #11
    58:  ldr	x16, [x0, #8]
    5c:  ldr	x16, [x16, #32]
    60:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x70  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x84
    28:  cbz	w2, 0x98
    2c:  mov	w0, #0x80000000            	// #-2147483648
    30:  cmp	w1, w0
    34:  cset	w0, eq	// eq = none
    38:  cmn	w2, #0x1
    3c:  cset	w5, eq	// eq = none
    40:  tst	w0, w5
    44:  b.ne	0xac  // b.any
    48:  sdiv	w0, w1, w2
    4c:  udiv	w16, w1, w2
    50:  msub	w1, w16, w2, w1
    54:  cbz	x4, 0xc0
    58:  udiv	x2, x3, x4
    5c:  sdiv	x16, x3, x4
    60:  msub	x3, x16, x4, x3
    64:  mov	sp, x29
    68:  ldp	x29, x30, [sp], #16
    6c:  ret
    70:  ldur	x0, [x29, #-8]
    74:  mov	w1, #0xa                   	// #10
    78:  ldr	x16, [x0, #8]
    7c:  ldr	x16, [x16, #32]
    80:  blr	x16
    84:  ldur	x0, [x29, #-8]
    88:  mov	w1, #0xb                   	// #11
    8c:  ldr	x16, [x0, #8]
    90:  ldr	x16, [x16, #32]
    94:  blr	x16
    98:  ldur	x0, [x29, #-8]
    9c:  mov	w1, #0x7                   	// #7
    a0:  ldr	x16, [x0, #8]
    a4:  ldr	x16, [x16, #32]
    a8:  blr	x16
    ac:  ldur	x0, [x29, #-8]
    b0:  mov	w1, #0x8                   	// #8
    b4:  ldr	x16, [x0, #8]
    b8:  ldr	x16, [x16, #32]
    bc:  blr	x16
    c0:  ldur	x0, [x29, #-8]
    c4:  mov	w1, #0x7                   	// #7
    c8:  ldr	x16, [x0, #8]
    cc:  ldr	x16, [x16, #32]
    d0:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x48  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x5c
    28:  mov	w0, #0x9                   	// #9
    2c:  cmp	w1, #0x0
    30:  csel	x0, x2, x0, eq	// eq = none
    34:  fcmp	d0, d1
    38:  fcsel	d0, d0, d1, mi	// mi = first
    3c:  mov	sp, x29
    40:  ldp	x29, x30, [sp], #16
    44:  ret
    48:  ldur	x0, [x29, #-8]
    4c:  mov	w1, #0xa                   	// #10
    50:  ldr	x16, [x0, #8]
    54:  ldr	x16, [x16, #32]
    58:  blr	x16
    5c:  ldur	x0, [x29, #-8]
    60:  mov	w1, #0xb                   	// #11
    64:  ldr	x16, [x0, #8]
    68:  ldr	x16, [x16, #32]
    6c:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x5c  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x70
    28:  cmp	w1, w2
    2c:  b.cs	0x4c  // b.hs, b.nlast
    30:  cbz	w1, 0x4c
    34:  cmn	w2, #0x5
    38:  b.lt	0x4c  // b.tstop
    3c:  mov	w0, #0x1                   	// #1
    40:  mov	sp, x29
    44:  ldp	x29, x30, [sp], #16
    48:  ret
    4c:  mov	w0, #0x2                   	// #2
    50:  mov	sp, x29
    54:  ldp	x29, x30, [sp], #16
    58:  ret
    5c:  ldur	x0, [x29, #-8]
    60:  mov	w1, #0xa                   	// #10
    64:  ldr	x16, [x0, #8]
    68:  ldr	x16, [x16, #32]
    6c:  blr	x16
    70:  ldur	x0, [x29, #-8]
    74:  mov	w1, #0xb                   	// #11
    78:  ldr	x16, [x0, #8]
    7c:  ldr	x16, [x16, #32]
    80:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x70  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x84
    28:  tbz	w1, #3, 0x3c
    2c:  mov	w0, #0x1                   	// #1
    30:  mov	sp, x29
    34:  ldp	x29, x30, [sp], #16
    38:  ret
    3c:  and	x0, x2, #0xff00
    40:  cbnz	x0, 0x54
    44:  mov	w0, #0x2                   	// #2
    48:  mov	sp, x29
    4c:  ldp	x29, x30, [sp], #16
    50:  ret
    54:  mov	w0, #0x3                   	// #3
    58:  mov	w2, #0x4                   	// #4
    5c:  tst	w1, w3
    60:  csel	x0, x0, x2, ne	// ne = any
    64:  mov	sp, x29
    68:  ldp	x29, x30, [sp], #16
    6c:  ret
    70:  ldur	x0, [x29, #-8]
    74:  mov	w1, #0xa                   	// #10
    78:  ldr	x16, [x0, #8]
    7c:  ldr	x16, [x16, #32]
    80:  blr	x16
    84:  ldur	x0, [x29, #-8]
    88:  mov	w1, #0xb                   	// #11
    8c:  ldr	x16, [x0, #8]
    90:  ldr	x16, [x16, #32]
    94:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0xb4  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0xc8
    28:  tbz	w1, #31, 0x3c
    2c:  mov	w0, #0x1                   	// #1
    30:  mov	sp, x29
    34:  ldp	x29, x30, [sp], #16
    38:  ret
    3c:  tbnz	x2, #63, 0x50
    40:  mov	w0, #0x2                   	// #2
    44:  mov	sp, x29
    48:  ldp	x29, x30, [sp], #16
    4c:  ret
    50:  tbz	w1, #31, 0x64
    54:  mov	w0, #0x3                   	// #3
    58:  mov	sp, x29
    5c:  ldp	x29, x30, [sp], #16
    60:  ret
    64:  and	x0, x2, #0x100000000
    68:  mov	w0, w0
    6c:  cbz	w0, 0x80
    70:  mov	w0, #0x4                   	// #4
    74:  mov	sp, x29
    78:  ldp	x29, x30, [sp], #16
    7c:  ret
    80:  and	x0, x2, #0x8000000000000000
    84:  cbnz	x0, 0x98
    88:  mov	w0, #0x5                   	// #5
    8c:  mov	sp, x29
    90:  ldp	x29, x30, [sp], #16
    94:  ret
    98:  mov	w0, #0x6                   	// #6
    9c:  mov	w2, #0x7                   	// #7
    a0:  tst	w1, #0x10
    a4:  csel	x0, x0, x2, ne	// ne = any
    a8:  mov	sp, x29
    ac:  ldp	x29, x30, [sp], #16
    b0:  ret
    b4:  ldur	x0, [x29, #-8]
    b8:  mov	w1, #0xa                   	// #10
    bc:  ldr	x16, [x0, #8]
    c0:  ldr	x16, [x16, #32]
    c4:  blr	x16
    c8:  ldur	x0, [x29, #-8]
    cc:  mov	w1, #0xb                   	// #11
    d0:  ldr	x16, [x0, #8]
    d4:  ldr	x16, [x16, #32]
    d8:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x68  // b.lo, b.ul, b.last
    1c:  ldr	x1, [x29, #16]
    20:  ldr	x8, [x29, #24]
    24:  ldr	x9, [x29, #32]
    28:  ldr	x0, [x0, #8]
    2c:  ldr	w16, [x0, #44]
    30:  cbnz	w16, 0x7c
    34:  str	x2, [x29, #40]
    38:  mov	x0, x9
    3c:  mov	x2, x1
    40:  mov	x1, x8
    44:  mov	x16, x7
    48:  mov	x7, x3
    4c:  mov	x3, x16
    50:  mov	x16, x6
    54:  mov	x6, x4
    58:  mov	x4, x16
    5c:  mov	sp, x29
    60:  ldp	x29, x30, [sp], #16
    64:  ret
    68:  ldur	x0, [x29, #-8]
    6c:  mov	w1, #0xa                   	// #10
    70:  ldr	x16, [x0, #8]
    74:  ldr	x16, [x16, #32]
    78:  blr	x16
    7c:  ldur	x0, [x29, #-8]
    80:  mov	w1, #0xb                   	// #11
    84:  ldr	x16, [x0, #8]
    88:  ldr	x16, [x16, #32]
    8c:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x30
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x70  // b.lo, b.ul, b.last
    1c:  ldr	x1, [x0, #8]
    20:  ldr	w16, [x1, #44]
    24:  cbnz	w16, 0x84
    28:  mov	w1, #0x1                   	// #1
    2c:  mov	w2, #0x2                   	// #2
    30:  mov	w3, #0x3                   	// #3
    34:  mov	w4, #0x4                   	// #4
    38:  mov	w5, #0x5                   	// #5
    3c:  mov	w6, #0x6                   	// #6
    40:  mov	w7, #0x7                   	// #7
    44:  mov	w8, #0x8                   	// #8
    48:  mov	w9, #0x9                   	// #9
    4c:  mov	w10, #0xa                   	// #10
    50:  str	x8, [sp]
    54:  str	x9, [sp, #8]
    58:  str	x10, [sp, #16]
    5c:  bl	0x5c
    60:  ldr	x1, [sp, #24]
    64:  mov	sp, x29
    68:  ldp	x29, x30, [sp], #16
    6c:  ret
    70:  ldur	x0, [x29, #-8]
    74:  mov	w1, #0xa                   	// #10
    78:  ldr	x16, [x0, #8]
    7c:  ldr	x16, [x16, #32]
    80:  blr	x16
    84:  ldur	x0, [x29, #-8]
    88:  mov	w1, #0xb                   	// #11
    8c:  ldr	x16, [x0, #8]
    90:  ldr	x16, [x16, #32]
    94:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x94  // b.lo, b.ul, b.last
    1c:  ldr	x3, [x0, #8]
    20:  ldr	x4, [x0, #16]
    24:  ldr	w16, [x3, #44]
    28:  cbnz	w16, 0xa8
    2c:  ldr	x0, [x0, #24]
    30:  add	x16, x2, #0x1
    34:  cmp	x16, x0
    38:  b.hi	0xbc  // b.pmore
    3c:  add	x3, x4, w2, uxtw
    40:  ldrsb	x5, [x3]
    44:  add	x16, x1, #0x18
    48:  cmp	x16, x0
    4c:  b.hi	0xd0  // b.pmore
    50:  add	x4, x4, w1, uxtw
    54:  str	x5, [x4, #16]
    58:  mov	w16, #0x9c44                	// #40004
    5c:  add	x16, x16, x1
    60:  cmp	x16, x0
    64:  b.hi	0xe4  // b.pmore
    68:  mov	w16, #0x9c40                	// #40000
    6c:  ldr	s0, [x4, x16]
    70:  add	x16, x2, #0x4
    74:  cmp	x16, x0
    78:  b.hi	0xf8  // b.pmore
    7c:  str	s0, [x3]
    80:  ldrh	w0, [x3]
    84:  strh	w0, [x4, #2]
    88:  mov	sp, x29
    8c:  ldp	x29, x30, [sp], #16
    90:  ret
    94:  ldur	x0, [x29, #-8]
    98:  mov	w1, #0xa                   	// #10
    9c:  ldr	x16, [x0, #8]
    a0:  ldr	x16, [x16, #32]
    a4:  blr	x16
    a8:  ldur	x0, [x29, #-8]
    ac:  mov	w1, #0xb                   	// #11
    b0:  ldr	x16, [x0, #8]
    b4:  ldr	x16, [x16, #32]
    b8:  blr	x16
    bc:  ldur	x0, [x29, #-8]
    c0:  mov	w1, #0x2                   	// #2
    c4:  ldr	x16, [x0, #8]
    c8:  ldr	x16, [x16, #32]
    cc:  blr	x16
    d0:  ldur	x0, [x29, #-8]
    d4:  mov	w1, #0x2                   	// #2
    d8:  ldr	x16, [x0, #8]
    dc:  ldr	x16, [x16, #32]
    e0:  blr	x16
    e4:  ldur	x0, [x29, #-8]
    e8:  mov	w1, #0x2                   	// #2
    ec:  ldr	x16, [x0, #8]
    f0:  ldr	x16, [x16, #32]
    f4:  blr	x16
    f8:  ldur	x0, [x29, #-8]
    fc:  mov	w1, #0x2                   	// #2
   100:  ldr	x16, [x0, #8]
   104:  ldr	x16, [x16, #32]
   108:  blr	x16
