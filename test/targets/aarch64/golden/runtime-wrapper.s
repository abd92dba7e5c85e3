   0:	a9bf7bfd	stp	x29, x30, [sp, #-16]!
   4:	910003fd	mov	x29, sp
   8:	d28f1210	mov	x16, #0x7890                	// #30864
   c:	f2a68ad0	movk	x16, #0x3456, lsl #16
  10:	f2cfe250	movk	x16, #0x7f12, lsl #32
  14:	f9400211	ldr	x17, [x16]
  18:	9100023f	mov	sp, x17
  1c:	d2957810	mov	x16, #0xabc0                	// #43968
  20:	f2caaab0	movk	x16, #0x5555, lsl #32
  24:	d63f0200	blr	x16
  28:	910003bf	mov	sp, x29
  2c:	a8c17bfd	ldp	x29, x30, [sp], #16
  30:	d28f1210	mov	x16, #0x7890                	// #30864
  34:	f2a68ad0	movk	x16, #0x3456, lsl #16
  38:	f2cfe250	movk	x16, #0x7f12, lsl #32
  3c:	b9400a11	ldr	w17, [x16, #8]
  40:	35000051	cbnz	w17, 0x48
  44:	d65f03c0	ret
  48:	2a1103e1	mov	w1, w17
  4c:	f85f83a0	ldur	x0, [x29, #-8]
  50:	f9401210	ldr	x16, [x16, #32]
  54:	d61f0200	br	x16
