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
  50:	d63f0280	blr	x20
  54:	f9400271	ldr	x17, [x19]
  58:	f9405631	ldr	x17, [x17, #168]
  5c:	f9400270	ldr	x16, [x19]
  60:	9100021f	mov	sp, x16
  64:	f94053f1	ldr	x17, [sp, #160]
  68:	f9000271	str	x17, [x19]
  6c:	6d4627e8	ldp	d8, d9, [sp, #96]
  70:	6d472fea	ldp	d10, d11, [sp, #112]
  74:	6d4837ec	ldp	d12, d13, [sp, #128]
  78:	6d493fee	ldp	d14, d15, [sp, #144]
  7c:	a94153f3	ldp	x19, x20, [sp, #16]
  80:	a9425bf5	ldp	x21, x22, [sp, #32]
  84:	a94363f7	ldp	x23, x24, [sp, #48]
  88:	a9446bf9	ldp	x25, x26, [sp, #64]
  8c:	a94573fb	ldp	x27, x28, [sp, #80]
  90:	a8cb7bfd	ldp	x29, x30, [sp], #176
  94:	52800000	mov	w0, #0x0                   	// #0
  98:	d65f03c0	ret
