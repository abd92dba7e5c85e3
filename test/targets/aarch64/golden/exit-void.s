   0:	a9bf7bfd	stp	x29, x30, [sp, #-16]!
   4:	910003fd	mov	x29, sp
   8:	d101c3ff	sub	sp, sp, #0x70
   c:	a93e53b3	stp	x19, x20, [x29, #-32]
  10:	a93d5bb5	stp	x21, x22, [x29, #-48]
  14:	a93c63b7	stp	x23, x24, [x29, #-64]
  18:	a93b6bb9	stp	x25, x26, [x29, #-80]
  1c:	a93a73bb	stp	x27, x28, [x29, #-96]
  20:	f9400410	ldr	x16, [x0, #8]
  24:	f9401a11	ldr	x17, [x16, #48]
  28:	a93f03b1	stp	x17, x0, [x29, #-16]
  2c:	910003f1	mov	x17, sp
  30:	f9001a11	str	x17, [x16, #48]
  34:	910003e1	mov	x1, sp
  38:	aa1d03e2	mov	x2, x29
  3c:	f9400211	ldr	x17, [x16]
  40:	9100023f	mov	sp, x17
  44:	f9401e11	ldr	x17, [x16, #56]
  48:	d63f0220	blr	x17
  4c:	d101c3bf	sub	sp, x29, #0x70
  50:	f85f83b0	ldur	x16, [x29, #-8]
  54:	f9400610	ldr	x16, [x16, #8]
  58:	f85f03b1	ldur	x17, [x29, #-16]
  5c:	f9001a11	str	x17, [x16, #48]
  60:	35000080	cbnz	w0, 0x70
  64:	910003bf	mov	sp, x29
  68:	a8c17bfd	ldp	x29, x30, [sp], #16
  6c:	d65f03c0	ret
  70:	f85f83a0	ldur	x0, [x29, #-8]
  74:	52801fe1	mov	w1, #0xff                  	// #255
  78:	f9401210	ldr	x16, [x16, #32]
  7c:	d63f0200	blr	x16
