   0:	a9bf7bfd	stp	x29, x30, [sp, #-16]!
   4:	910003fd	mov	x29, sp
   8:	d10403ff	sub	sp, sp, #0x100
   c:	a93e53b3	stp	x19, x20, [x29, #-32]
  10:	a93d5bb5	stp	x21, x22, [x29, #-48]
  14:	a93c63b7	stp	x23, x24, [x29, #-64]
  18:	a93b6bb9	stp	x25, x26, [x29, #-80]
  1c:	a93a73bb	stp	x27, x28, [x29, #-96]
  20:	f90003e1	str	x1, [sp]
  24:	f90007e2	str	x2, [sp, #8]
  28:	f9000be3	str	x3, [sp, #16]
  2c:	f9000fe4	str	x4, [sp, #24]
  30:	f90013e5	str	x5, [sp, #32]
  34:	f90017e6	str	x6, [sp, #40]
  38:	f9001be7	str	x7, [sp, #48]
  3c:	f9400bb0	ldr	x16, [x29, #16]
  40:	f9001ff0	str	x16, [sp, #56]
  44:	f9400fb0	ldr	x16, [x29, #24]
  48:	f90023f0	str	x16, [sp, #64]
  4c:	fd0027e0	str	d0, [sp, #72]
  50:	fd002be1	str	d1, [sp, #80]
  54:	fd002fe2	str	d2, [sp, #88]
  58:	fd0033e3	str	d3, [sp, #96]
  5c:	fd0037e4	str	d4, [sp, #104]
  60:	fd003be5	str	d5, [sp, #112]
  64:	fd003fe6	str	d6, [sp, #120]
  68:	fd0043e7	str	d7, [sp, #128]
  6c:	f94013b0	ldr	x16, [x29, #32]
  70:	f90047f0	str	x16, [sp, #136]
  74:	f94017b0	ldr	x16, [x29, #40]
  78:	f9004bf0	str	x16, [sp, #144]
  7c:	f9401bb0	ldr	x16, [x29, #48]
  80:	f9004ff0	str	x16, [sp, #152]
  84:	f9400410	ldr	x16, [x0, #8]
  88:	f9401a11	ldr	x17, [x16, #48]
  8c:	a93f03b1	stp	x17, x0, [x29, #-16]
  90:	910003f1	mov	x17, sp
  94:	f9001a11	str	x17, [x16, #48]
  98:	910003e1	mov	x1, sp
  9c:	aa1d03e2	mov	x2, x29
  a0:	f9400211	ldr	x17, [x16]
  a4:	9100023f	mov	sp, x17
  a8:	f9401e11	ldr	x17, [x16, #56]
  ac:	d63f0220	blr	x17
  b0:	d10403bf	sub	sp, x29, #0x100
  b4:	f85f83b0	ldur	x16, [x29, #-8]
  b8:	f9400610	ldr	x16, [x16, #8]
  bc:	f85f03b1	ldur	x17, [x29, #-16]
  c0:	f9001a11	str	x17, [x16, #48]
  c4:	35000340	cbnz	w0, 0x12c
  c8:	f94003e0	ldr	x0, [sp]
  cc:	f94007e1	ldr	x1, [sp, #8]
  d0:	f9400be2	ldr	x2, [sp, #16]
  d4:	f9400fe3	ldr	x3, [sp, #24]
  d8:	f94013e4	ldr	x4, [sp, #32]
  dc:	f94017e5	ldr	x5, [sp, #40]
  e0:	f9401be6	ldr	x6, [sp, #48]
  e4:	f9401fe7	ldr	x7, [sp, #56]
  e8:	f94023f0	ldr	x16, [sp, #64]
  ec:	f9001fb0	str	x16, [x29, #56]
  f0:	fd4027e0	ldr	d0, [sp, #72]
  f4:	fd402be1	ldr	d1, [sp, #80]
  f8:	fd402fe2	ldr	d2, [sp, #88]
  fc:	fd4033e3	ldr	d3, [sp, #96]
 100:	fd4037e4	ldr	d4, [sp, #104]
 104:	fd403be5	ldr	d5, [sp, #112]
 108:	fd403fe6	ldr	d6, [sp, #120]
 10c:	fd4043e7	ldr	d7, [sp, #128]
 110:	f94047f0	ldr	x16, [sp, #136]
 114:	f90023b0	str	x16, [x29, #64]
 118:	f9404bf0	ldr	x16, [sp, #144]
 11c:	f90027b0	str	x16, [x29, #72]
 120:	910003bf	mov	sp, x29
 124:	a8c17bfd	ldp	x29, x30, [sp], #16
 128:	d65f03c0	ret
 12c:	f85f83a0	ldur	x0, [x29, #-8]
 130:	52801fe1	mov	w1, #0xff                  	// #255
 134:	f9401210	ldr	x16, [x16, #32]
 138:	d63f0200	blr	x16
