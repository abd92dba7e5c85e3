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
    28:  add	w0, w1, w2
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
    18:  b.cc	0x40  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x54
    28:  mov	w0, #0x7                   	// #7
    2c:  mul	x0, x1, x0
    30:  eor	x0, x0, x2, lsl #3
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
    18:  b.cc	0x58  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x6c
    28:  cbz	w2, 0x80
    2c:  mov	w0, #0x80000000            	// #-2147483648
    30:  cmp	w1, w0
    34:  cset	w0, eq	// eq = none
    38:  cmn	w2, #0x1
    3c:  cset	w3, eq	// eq = none
    40:  tst	w0, w3
    44:  b.ne	0x94  // b.any
    48:  sdiv	w0, w1, w2
    4c:  mov	sp, x29
    50:  ldp	x29, x30, [sp], #16
    54:  ret
    58:  ldur	x0, [x29, #-8]
    5c:  mov	w1, #0xa                   	// #10
    60:  ldr	x16, [x0, #8]
    64:  ldr	x16, [x16, #32]
    68:  blr	x16
    6c:  ldur	x0, [x29, #-8]
    70:  mov	w1, #0xb                   	// #11
    74:  ldr	x16, [x0, #8]
    78:  ldr	x16, [x16, #32]
    7c:  blr	x16
    80:  ldur	x0, [x29, #-8]
    84:  mov	w1, #0x7                   	// #7
    88:  ldr	x16, [x0, #8]
    8c:  ldr	x16, [x16, #32]
    90:  blr	x16
    94:  ldur	x0, [x29, #-8]
    98:  mov	w1, #0x8                   	// #8
    9c:  ldr	x16, [x0, #8]
    a0:  ldr	x16, [x16, #32]
    a4:  blr	x16

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
    28:  cbz	x2, 0x68
    2c:  sdiv	x16, x1, x2
    30:  msub	x0, x16, x2, x1
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
    68:  ldur	x0, [x29, #-8]
    6c:  mov	w1, #0x7                   	// #7
    70:  ldr	x16, [x0, #8]
    74:  ldr	x16, [x16, #32]
    78:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x58  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x6c
    28:  clz	w0, w1
    2c:  rbit	w16, w1
    30:  clz	w2, w16
    34:  add	w0, w0, w2
    38:  fmov	s31, w1
    3c:  cnt	v31.8b, v31.8b
    40:  addv	b31, v31.8b
    44:  fmov	w1, s31
    48:  add	w0, w0, w1
    4c:  mov	sp, x29
    50:  ldp	x29, x30, [sp], #16
    54:  ret
    58:  ldur	x0, [x29, #-8]
    5c:  mov	w1, #0xa                   	// #10
    60:  ldr	x16, [x0, #8]
    64:  ldr	x16, [x16, #32]
    68:  blr	x16
    6c:  ldur	x0, [x29, #-8]
    70:  mov	w1, #0xb                   	// #11
    74:  ldr	x16, [x0, #8]
    78:  ldr	x16, [x16, #32]
    7c:  blr	x16

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
    28:  neg	w16, w2
    2c:  ror	w0, w1, w16
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
