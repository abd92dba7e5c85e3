   0:	a9bf7bfd	stp	x29, x30, [sp, #-16]!
   4:	910003fd	mov	x29, sp
   8:	d10243ff	sub	sp, sp, #0x90
   c:	a93e53b3	stp	x19, x20, [x29, #-32]
  10:	a93d5bb5	stp	x21, x22, [x29, #-48]
  14:	a93c63b7	stp	x23, x24, [x29, #-64]
  18:	a93b6bb9	stp	x25, x26, [x29, #-80]
  1c:	a93a73bb	stp	x27, x28, [x29, #-96]
  20:	f90003e1	str	x1, [sp]
  24:	f90007e2	str	x2, [sp, #8]
  28:	fd000be0	str	d0, [sp, #16]
  2c:	fd000fe1	str	d1, [sp, #24]
  30:	f90013e3	str	x3, [sp, #32]
  34:	f9400410	ldr	x16, [x0, #8]
  38:	f9401a11	ldr	x17, [x16, #48]
  3c:	a93f03b1	stp	x17, x0, [x29, #-16]
  40:	910003f1	mov	x17, sp
  44:	f9001a11	str	x17, [x16, #48]
  48:	910003e1	mov	x1, sp
  4c:	aa1d03e2	mov	x2, x29
  50:	f9400211	ldr	x17, [x16]
  54:	9100023f	mov	sp, x17
  58:	f9401e11	ldr	x17, [x16, #56]
  5c:	d63f0220	blr	x17
  60:	d10243bf	sub	sp, x29, #0x90
  64:	f85f83b0	ldur	x16, [x29, #-8]
  68:	f9400610	ldr	x16, [x16, #8]
  6c:	f85f03b1	ldur	x17, [x29, #-16]
  70:	f9001a11	str	x17, [x16, #48]
  74:	350000e0	cbnz	w0, 0x90
  78:	f94003e0	ldr	x0, [sp]
  7c:	fd4007e0	ldr	d0, [sp, #8]
  80:	fd400be1	ldr	d1, [sp, #16]
  84:	910003bf	mov	sp, x29
  88:	a8c17bfd	ldp	x29, x30, [sp], #16
  8c:	d65f03c0	ret
  90:	f85f83a0	ldur	x0, [x29, #-8]
  94:	52801fe1	mov	w1, #0xff                  	// #255
  98:	f9401210	ldr	x16, [x16, #32]
  9c:	d63f0200	blr	x16
