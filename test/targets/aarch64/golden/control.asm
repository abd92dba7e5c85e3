     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x10
     c:  stur	x0, [x29, #-8]
    10:  ldr	x16, [x0]
    14:  cmp	sp, x16
    18:  b.cc	0x58  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  mov	w2, #0x0                   	// #0
    24:  ldr	w16, [x0, #44]
    28:  cbnz	w16, 0x6c
    2c:  nop
    30:  ldr	w16, [x0, #44]
    34:  cbnz	w16, 0x80
    38:  cbz	w1, 0x48
    3c:  add	w2, w2, w1
    40:  sub	w1, w1, #0x1
    44:  b	0x30
    48:  mov	x0, x2
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
    84:  mov	w1, #0xb                   	// #11
    88:  ldr	x16, [x0, #8]
    8c:  ldr	x16, [x16, #32]
    90:  blr	x16

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
    28:  cmp	w1, #0xa
    2c:  csel	x0, x2, x3, lt	// lt = tstop
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
    18:  b.cc	0x78  // b.lo, b.ul, b.last
    1c:  ldr	x0, [x0, #8]
    20:  ldr	w16, [x0, #44]
    24:  cbnz	w16, 0x8c
    28:  cmp	w1, #0x2
    2c:  b.cs	0x68  // b.hs, b.nlast
    30:  adr	x16, 0x40
    34:  ldrsw	x17, [x16, w1, uxtw #2]
    38:  add	x16, x16, x17
    3c:  br	x16
    48:  mov	w0, #0xa                   	// #10
    4c:  mov	sp, x29
    50:  ldp	x29, x30, [sp], #16
    54:  ret
    58:  mov	w0, #0x14                  	// #20
    5c:  mov	sp, x29
    60:  ldp	x29, x30, [sp], #16
    64:  ret
    68:  mov	w0, #0x1e                  	// #30
    6c:  mov	sp, x29
    70:  ldp	x29, x30, [sp], #16
    74:  ret
    78:  ldur	x0, [x29, #-8]
    7c:  mov	w1, #0xa                   	// #10
    80:  ldr	x16, [x0, #8]
    84:  ldr	x16, [x16, #32]
    88:  blr	x16
    8c:  ldur	x0, [x29, #-8]
    90:  mov	w1, #0xb                   	// #11
    94:  ldr	x16, [x0, #8]
    98:  ldr	x16, [x16, #32]
    9c:  blr	x16
