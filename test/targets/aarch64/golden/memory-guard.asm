     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x34  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #16]
    20:  add	x16, x0, #0x8
    24:  ldr	w0, [x16, w1, uxtw]
    28:  mov	sp, x29
    2c:  ldp	x29, x30, [sp], #16
    30:  ret
    34:  ldur	x0, [x29, #-8]
    38:  mov	w1, #0xa                   	// #10
    3c:  ldr	x16, [x0, #8]
    40:  ldr	x16, [x16, #32]
    44:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x34  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #16]
    20:  add	x16, x0, #0x10
    24:  str	x2, [x16, w1, uxtw]
    28:  mov	sp, x29
    2c:  ldp	x29, x30, [sp], #16
    30:  ret
    34:  ldur	x0, [x29, #-8]
    38:  mov	w1, #0xa                   	// #10
    3c:  ldr	x16, [x0, #8]
    40:  ldr	x16, [x16, #32]
    44:  blr	x16

     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x38  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #16]
    20:  mov	w16, #0x80000000            	// #-2147483648
    24:  add	x16, x16, x0
    28:  ldr	d0, [x16, w1, uxtw]
    2c:  mov	sp, x29
    30:  ldp	x29, x30, [sp], #16
    34:  ret
    38:  ldur	x0, [x29, #-8]
    3c:  mov	w1, #0xa                   	// #10
    40:  ldr	x16, [x0, #8]
    44:  ldr	x16, [x16, #32]
    48:  blr	x16
