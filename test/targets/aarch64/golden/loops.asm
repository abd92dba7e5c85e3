     0:  stp	x29, x30, [sp, #-16]!
     4:  mov	x29, sp
     8:  sub	sp, sp, #0x30
     c:  stp	x19, x0, [x29, #-16]
    10:  stp	x21, x20, [x29, #-32]
    14:  stp	x23, x22, [x29, #-48]
    18:  ldr	x16, [x0]
    1c:  cmp	sp, x16
    20:  b.cc	0xf8  // b.lo, b.ul, b.last
    24:  ldr	x2, [x29, #16]
    28:  ldr	x0, [x0, #16]
    2c:  mov	w3, #0x0                   	// #0
    30:  mul	w4, w5, w6
    34:  add	w8, w7, w2
    38:  eor	w2, w5, w2
    3c:  sub	w7, w6, w7
    40:  mov	w9, #0x400                 	// #1024
    44:  mov	w10, #0x2000                	// #8192
    48:  mov	w11, #0x1000                	// #4096
    4c:  mov	x12, x3
    50:  mul	w13, w12, w1
    54:  mov	x14, x3
    58:  nop
    5c:  nop
    60:  add	w15, w13, w14
    64:  add	w15, w9, w15, lsl #2
    68:  ldr	w15, [x0, w15, uxtw]
    6c:  mul	w19, w14, w1
    70:  mov	x20, x3
    74:  nop
    78:  nop
    7c:  nop
    80:  add	w21, w13, w20
    84:  add	w21, w10, w21, lsl #2
    88:  add	x21, x0, w21, uxtw
    8c:  ldr	w22, [x21]
    90:  add	w23, w19, w20
    94:  add	w23, w11, w23, lsl #2
    98:  ldr	w23, [x0, w23, uxtw]
    9c:  madd	w22, w15, w23, w22
    a0:  str	w22, [x21]
    a4:  add	w20, w20, #0x1
    a8:  cmp	w20, w1
    ac:  b.cc	0x80  // b.lo, b.ul, b.last
    b0:  add	w14, w14, #0x1
    b4:  cmp	w14, w1
    b8:  b.cc	0x60  // b.lo, b.ul, b.last
    bc:  add	w12, w12, #0x1
    c0:  cmp	w12, w1
    c4:  b.cc	0x50  // b.lo, b.ul, b.last
    c8:  add	w0, w4, w8
    cc:  add	w1, w2, w7
    d0:  add	w0, w0, w1
    d4:  add	w1, w5, w6
    d8:  add	w1, w1, w8
    dc:  add	w0, w0, w1
    e0:  ldp	x20, x19, [x29, #-24]
    e4:  ldp	x22, x21, [x29, #-40]
    e8:  ldur	x23, [x29, #-48]
    ec:  mov	sp, x29
    f0:  ldp	x29, x30, [sp], #16
    f4:  ret
    f8:  ldur	x0, [x29, #-8]
    fc:  mov	w1, #0xa                   	// #10
   100:  ldr	x16, [x0, #8]
   104:  ldr	x16, [x16, #32]
   108:  blr	x16
