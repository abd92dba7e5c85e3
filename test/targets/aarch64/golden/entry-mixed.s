   0:	a9b57bfd	stp	x29, x30, [sp, #-176]!
   4:	910003fd	mov	x29, sp
   8:	a90153f3	stp	x19, x20, [sp, #16]
   c:	a9025bf5	stp	x21, x22, [sp, #32]
  10:	a90363f7	stp	x23, x24, [sp, #48]
  14:	a9046bf9	stp	x25, x26, [sp, #64]
  18:	a90573fb	stp	x27, x28, [sp, #80]
  1c:	6d0627e8	stp	d8, d9, [sp, #96]
  20:	6d072fea	stp	d10, d11, [sp, #112]
  24:	6d0837ec	stp	d12, d13, [sp, #128]
  28:	6d093fee	stp	d14, d15, [sp, #144]
  2c:	f9400413	ldr	x19, [x0, #8]
  30:	f9400270	ldr	x16, [x19]
  34:	a90a0ff0	stp	x16, x3, [sp, #160]
  38:	aa0103f4	mov	x20, x1
  3c:	aa0203f5	mov	x21, x2
  40:	910003f0	mov	x16, sp
  44:	f9000270	str	x16, [x19]
  48:	f9401a70	ldr	x16, [x19, #48]
  4c:	9100021f	mov	sp, x16
  50:	f94002a1	ldr	x1, [x21]
  54:	f94006a2	ldr	x2, [x21, #8]
  58:	fd400aa0	ldr	d0, [x21, #16]
  5c:	fd400ea1	ldr	d1, [x21, #24]
  60:	f94012a3	ldr	x3, [x21, #32]
  64:	d63f0280	blr	x20
  68:	f9400271	ldr	x17, [x19]
  6c:	f9405631	ldr	x17, [x17, #168]
  70:	b9000220	str	w0, [x17]
  74:	b900063f	str	wzr, [x17, #4]
  78:	fd000620	str	d0, [x17, #8]
  7c:	bd001221	str	s1, [x17, #16]
  80:	b900163f	str	wzr, [x17, #20]
  84:	f9400270	ldr	x16, [x19]
  88:	9100021f	mov	sp, x16
  8c:	f94053f1	ldr	x17, [sp, #160]
  90:	f9000271	str	x17, [x19]
  94:	6d4627e8	ldp	d8, d9, [sp, #96]
  98:	6d472fea	ldp	d10, d11, [sp, #112]
  9c:	6d4837ec	ldp	d12, d13, [sp, #128]
  a0:	6d493fee	ldp	d14, d15, [sp, #144]
  a4:	a94153f3	ldp	x19, x20, [sp, #16]
  a8:	a9425bf5	ldp	x21, x22, [sp, #32]
  ac:	a94363f7	ldp	x23, x24, [sp, #48]
  b0:	a9446bf9	ldp	x25, x26, [sp, #64]
  b4:	a94573fb	ldp	x27, x28, [sp, #80]
  b8:	a8cb7bfd	ldp	x29, x30, [sp], #176
  bc:	52800000	mov	w0, #0x0                   	// #0
  c0:	d65f03c0	ret
