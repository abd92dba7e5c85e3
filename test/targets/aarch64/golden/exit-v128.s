   0:	a9bf7bfd	stp	x29, x30, [sp, #-16]!
   4:	910003fd	mov	x29, sp
   8:	d10443ff	sub	sp, sp, #0x110
   c:	a93e53b3	stp	x19, x20, [x29, #-32]
  10:	a93d5bb5	stp	x21, x22, [x29, #-48]
  14:	a93c63b7	stp	x23, x24, [x29, #-64]
  18:	a93b6bb9	stp	x25, x26, [x29, #-80]
  1c:	a93a73bb	stp	x27, x28, [x29, #-96]
  20:	f90003e1	str	x1, [sp]
  24:	3c8083e0	stur	q0, [sp, #8]
  28:	fd000fe1	str	d1, [sp, #24]
  2c:	3d800be2	str	q2, [sp, #32]
  30:	3d800fe3	str	q3, [sp, #48]
  34:	3d8013e4	str	q4, [sp, #64]
  38:	3d8017e5	str	q5, [sp, #80]
  3c:	3d801be6	str	q6, [sp, #96]
  40:	3d801fe7	str	q7, [sp, #112]
  44:	f9400bb0	ldr	x16, [x29, #16]
  48:	f90043f0	str	x16, [sp, #128]
  4c:	f9400fb0	ldr	x16, [x29, #24]
  50:	f90047f0	str	x16, [sp, #136]
  54:	f94013b0	ldr	x16, [x29, #32]
  58:	f9004bf0	str	x16, [sp, #144]
  5c:	f94017b0	ldr	x16, [x29, #40]
  60:	f9004ff0	str	x16, [sp, #152]
  64:	f90053e2	str	x2, [sp, #160]
  68:	f9400410	ldr	x16, [x0, #8]
  6c:	f9401a11	ldr	x17, [x16, #48]
  70:	a93f03b1	stp	x17, x0, [x29, #-16]
  74:	910003f1	mov	x17, sp
  78:	f9001a11	str	x17, [x16, #48]
  7c:	910003e1	mov	x1, sp
  80:	aa1d03e2	mov	x2, x29
  84:	f9400211	ldr	x17, [x16]
  88:	9100023f	mov	sp, x17
  8c:	f9401e11	ldr	x17, [x16, #56]
  90:	d63f0220	blr	x17
  94:	d10443bf	sub	sp, x29, #0x110
  98:	f85f83b0	ldur	x16, [x29, #-8]
  9c:	f9400610	ldr	x16, [x16, #8]
  a0:	f85f03b1	ldur	x17, [x29, #-16]
  a4:	f9001a11	str	x17, [x16, #48]
  a8:	350002e0	cbnz	w0, 0x104
  ac:	3dc003e0	ldr	q0, [sp]
  b0:	f9400be0	ldr	x0, [sp, #16]
  b4:	3cc183e1	ldur	q1, [sp, #24]
  b8:	3cc283e2	ldur	q2, [sp, #40]
  bc:	3cc383e3	ldur	q3, [sp, #56]
  c0:	3cc483e4	ldur	q4, [sp, #72]
  c4:	3cc583e5	ldur	q5, [sp, #88]
  c8:	3cc683e6	ldur	q6, [sp, #104]
  cc:	3cc783e7	ldur	q7, [sp, #120]
  d0:	f94047f0	ldr	x16, [sp, #136]
  d4:	f9001bb0	str	x16, [x29, #48]
  d8:	f9404bf0	ldr	x16, [sp, #144]
  dc:	f9001fb0	str	x16, [x29, #56]
  e0:	f9404ff0	ldr	x16, [sp, #152]
  e4:	f90023b0	str	x16, [x29, #64]
  e8:	f94053f0	ldr	x16, [sp, #160]
  ec:	f90027b0	str	x16, [x29, #72]
  f0:	f94057f0	ldr	x16, [sp, #168]
  f4:	f9002bb0	str	x16, [x29, #80]
  f8:	910003bf	mov	sp, x29
  fc:	a8c17bfd	ldp	x29, x30, [sp], #16
 100:	d65f03c0	ret
 104:	f85f83a0	ldur	x0, [x29, #-8]
 108:	52801fe1	mov	w1, #0xff                  	// #255
 10c:	f9401210	ldr	x16, [x16, #32]
 110:	d63f0200	blr	x16
