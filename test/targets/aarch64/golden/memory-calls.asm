     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x50  // b.lo, b.ul, b.last
    1c:  ldr	x2, [x0, #8]
    20:  ldr	x3, [x0, #16]
    24:  ldr	w16, [x2, #44]
    28:  cbnz	w16, 0x64
    2c:  ldr	x0, [x0, #24]
    30:  add	x16, x1, #0xc
    34:  cmp	x16, x0
    38:  b.hi	0x78  // b.pmore
    3c:  add	x16, x3, #0x8
    40:  ldr	w0, [x16, w1, uxtw]
    44:  mov	sp, x29
    48:  ldp	x29, x30, [sp], #16
    4c:  ret
    50:  ldur	x0, [x29, #-8]
    54:  mov	w1, #0xa                   	// #10
    58:  ldr	x16, [x0, #8]
    5c:  ldr	x16, [x16, #32]
    60:  blr	x16
    64:  ldur	x0, [x29, #-8]
    68:  mov	w1, #0xb                   	// #11
    6c:  ldr	x16, [x0, #8]
    70:  ldr	x16, [x16, #32]
    74:  blr	x16
    78:  ldur	x0, [x29, #-8]
    7c:  mov	w1, #0x2                   	// #2
    80:  ldr	x16, [x0, #8]
    84:  ldr	x16, [x16, #32]
    88:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x50  // b.lo, b.ul, b.last
    1c:  ldr	x3, [x0, #8]
    20:  ldr	x4, [x0, #16]
    24:  ldr	w16, [x3, #44]
    28:  cbnz	w16, 0x64
    2c:  ldr	x0, [x0, #24]
    30:  add	x16, x1, #0x4
    34:  cmp	x16, x0
    38:  b.hi	0x78  // b.pmore
    3c:  add	x16, x4, #0x2
    40:  strh	w2, [x16, w1, uxtw]
    44:  mov	sp, x29
    48:  ldp	x29, x30, [sp], #16
    4c:  ret
    50:  ldur	x0, [x29, #-8]
    54:  mov	w1, #0xa                   	// #10
    58:  ldr	x16, [x0, #8]
    5c:  ldr	x16, [x16, #32]
    60:  blr	x16
    64:  ldur	x0, [x29, #-8]
    68:  mov	w1, #0xb                   	// #11
    6c:  ldr	x16, [x0, #8]
    70:  ldr	x16, [x16, #32]
    74:  blr	x16
    78:  ldur	x0, [x29, #-8]
    7c:  mov	w1, #0x2                   	// #2
    80:  ldr	x16, [x0, #8]
    84:  ldr	x16, [x16, #32]
    88:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x44  // b.lo, b.ul, b.last
    1c:  ldr	x1, [x0, #8]
    20:  ldr	w16, [x1, #44]
    24:  cbnz	w16, 0x58
    28:  ldr	w1, [x0, #48]
    2c:  add	w1, w1, #0x1
    30:  str	w1, [x0, #48]
    34:  mov	x0, x1
    38:  mov	sp, x29
    3c:  ldp	x29, x30, [sp], #16
    40:  ret
    44:  ldur	x0, [x29, #-8]
    48:  mov	w1, #0xa                   	// #10
    4c:  ldr	x16, [x0, #8]
    50:  ldr	x16, [x16, #32]
    54:  blr	x16
    58:  ldur	x0, [x29, #-8]
    5c:  mov	w1, #0xb                   	// #11
    60:  ldr	x16, [x0, #8]
    64:  ldr	x16, [x16, #32]
    68:  blr	x16

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
    28:  add	w0, w1, #0x1
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
     8:  sub	sp, sp, #0x20
     c:  stp	x19, x0, [x29, #-16]
    10:  stp	x21, x20, [x29, #-32]
    14:  ldr	x16, [x0]
    18:  cmp	sp, x16
    1c:  b.cc	0x98  // b.lo, b.ul, b.last
    20:  mov	x19, x0
    24:  mov	x20, x1
    28:  ldr	x0, [x19, #8]
    2c:  ldr	w16, [x0, #44]
    30:  cbnz	w16, 0xac
    34:  mov	x0, x19
    38:  mov	x1, x20
    3c:  bl	0x3c
    40:  mov	x21, x0
    44:  mov	w0, #0x0                   	// #0
    48:  ldr	w1, [x19, #40]
    4c:  cmp	w0, w1
    50:  b.cs	0xc0  // b.hs, b.nlast
    54:  ldr	x0, [x19, #32]
    58:  ldr	x0, [x0]
    5c:  cbz	x0, 0xd4
    60:  ldr	w1, [x0, #16]
    64:  ldr	w2, [x19, #56]
    68:  cmp	w1, w2
    6c:  b.ne	0xe8  // b.any
    70:  ldr	x2, [x0]
    74:  ldr	x0, [x0, #8]
    78:  mov	x1, x20
    7c:  blr	x2
    80:  add	w0, w21, w0
    84:  ldp	x20, x19, [x29, #-24]
    88:  ldur	x21, [x29, #-32]
    8c:  mov	sp, x29
    90:  ldp	x29, x30, [sp], #16
    94:  ret
    98:  ldur	x0, [x29, #-8]
    9c:  mov	w1, #0xa                   	// #10
    a0:  ldr	x16, [x0, #8]
    a4:  ldr	x16, [x16, #32]
    a8:  blr	x16
    ac:  ldur	x0, [x29, #-8]
    b0:  mov	w1, #0xb                   	// #11
    b4:  ldr	x16, [x0, #8]
    b8:  ldr	x16, [x16, #32]
    bc:  blr	x16
    c0:  ldur	x0, [x29, #-8]
    c4:  mov	w1, #0x4                   	// #4
    c8:  ldr	x16, [x0, #8]
    cc:  ldr	x16, [x16, #32]
    d0:  blr	x16
    d4:  ldur	x0, [x29, #-8]
    d8:  mov	w1, #0x5                   	// #5
    dc:  ldr	x16, [x0, #8]
    e0:  ldr	x16, [x16, #32]
    e4:  blr	x16
    e8:  ldur	x0, [x29, #-8]
    ec:  mov	w1, #0x6                   	// #6
    f0:  ldr	x16, [x0, #8]
    f4:  ldr	x16, [x16, #32]
    f8:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x54  // b.lo, b.ul, b.last
    1c:  ldr	x2, [x0, #8]
    20:  ldr	w16, [x2, #44]
    24:  cbnz	w16, 0x68
    28:  mov	w2, #0x0                   	// #0
    2c:  mov	x16, x2
    30:  mov	x2, x1
    34:  mov	x1, x16
    38:  ldr	x16, [x0, #8]
    3c:  ldr	x16, [x16, #72]
    40:  blr	x16
    44:  mov	w0, w0
    48:  mov	sp, x29
    4c:  ldp	x29, x30, [sp], #16
    50:  ret
    54:  ldur	x0, [x29, #-8]
    58:  mov	w1, #0xa                   	// #10
    5c:  ldr	x16, [x0, #8]
    60:  ldr	x16, [x16, #32]
    64:  blr	x16
    68:  ldur	x0, [x29, #-8]
    6c:  mov	w1, #0xb                   	// #11
    70:  ldr	x16, [x0, #8]
    74:  ldr	x16, [x16, #32]
    78:  blr	x16
