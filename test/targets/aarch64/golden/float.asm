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
    28:  fmul	d0, d0, d1
    2c:  fadd	d0, d0, d2
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
    18:  b.cc	0x38  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x4c
    28:  fmin	s0, s0, s1
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
    18:  b.cc	0x44  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x58
    28:  fmov	x16, d0
    2c:  fmov	x17, d1
    30:  bfxil	x17, x16, #0, #63
    34:  fmov	d0, x17
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
    28:  frintn	d0, d0
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
    28:  fcvtzu	x0, d0
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
    28:  fcmp	s0, s1
    2c:  cset	w0, eq	// eq = none
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
