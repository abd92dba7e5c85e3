   0:	f9400410	ldr	x16, [x0, #8]
   4:	b9000a01	str	w1, [x16, #8]
   8:	a901761e	stp	x30, x29, [x16, #16]
   c:	f9400211	ldr	x17, [x16]
  10:	9100023f	mov	sp, x17
  14:	f94053f1	ldr	x17, [sp, #160]
  18:	f9000211	str	x17, [x16]
  1c:	6d4627e8	ldp	d8, d9, [sp, #96]
  20:	6d472fea	ldp	d10, d11, [sp, #112]
  24:	6d4837ec	ldp	d12, d13, [sp, #128]
  28:	6d493fee	ldp	d14, d15, [sp, #144]
  2c:	a94153f3	ldp	x19, x20, [sp, #16]
  30:	a9425bf5	ldp	x21, x22, [sp, #32]
  34:	a94363f7	ldp	x23, x24, [sp, #48]
  38:	a9446bf9	ldp	x25, x26, [sp, #64]
  3c:	a94573fb	ldp	x27, x28, [sp, #80]
  40:	a8cb7bfd	ldp	x29, x30, [sp], #176
  44:	2a0103e0	mov	w0, w1
  48:	d65f03c0	ret
