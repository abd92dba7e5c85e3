   0:	b9400823	ldr	w3, [x1, #8]
   4:	7100007f	cmp	w3, #0x0
   8:	5400064d	b.le	0xd0
   c:	f940dc43	ldr	x3, [x2, #440]
  10:	d2820004	mov	x4, #0x1000                	// #4096
  14:	f2d55544	movk	x4, #0xaaaa, lsl #32
  18:	f9400084	ldr	x4, [x4]
  1c:	b40005a4	cbz	x4, 0xd0
  20:	f9400085	ldr	x5, [x4]
  24:	91004086	add	x6, x4, #0x10
  28:	b4000545	cbz	x5, 0xd0
  2c:	f94000c7	ldr	x7, [x6]
  30:	cb070067	sub	x7, x3, x7
  34:	f94004c8	ldr	x8, [x6, #8]
  38:	eb0800ff	cmp	x7, x8
  3c:	54000083	b.cc	0x4c  // b.lo, b.ul, b.last
  40:	9100a0c6	add	x6, x6, #0x28
  44:	d10004a5	sub	x5, x5, #0x1
  48:	17fffff8	b	0x28
  4c:	f9400828	ldr	x8, [x1, #16]
  50:	eb08007f	cmp	x3, x8
  54:	54000320	b.eq	0xb8  // b.none
  58:	f94008c9	ldr	x9, [x6, #16]
  5c:	f9400cca	ldr	x10, [x6, #24]
  60:	d280000b	mov	x11, #0x0                   	// #0
  64:	eb0a017f	cmp	x11, x10
  68:	54000342	b.cs	0xd0  // b.hs, b.nlast
  6c:	8b0a016c	add	x12, x11, x10
  70:	d341fd8c	lsr	x12, x12, #1
  74:	b86c792d	ldr	w13, [x9, x12, lsl #2]
  78:	6b0d00ff	cmp	w7, w13
  7c:	540000c0	b.eq	0x94  // b.none
  80:	54000063	b.cc	0x8c  // b.lo, b.ul, b.last
  84:	9100058b	add	x11, x12, #0x1
  88:	17fffff7	b	0x64
  8c:	aa0c03ea	mov	x10, x12
  90:	17fffff5	b	0x64
  94:	f900d443	str	x3, [x2, #424]
  98:	10000444	adr	x4, 0x120
  9c:	f900dc44	str	x4, [x2, #440]
  a0:	d2860004	mov	x4, #0x3000                	// #12288
  a4:	f2d55544	movk	x4, #0xaaaa, lsl #32
  a8:	f9400085	ldr	x5, [x4]
  ac:	910004a5	add	x5, x5, #0x1
  b0:	f9000085	str	x5, [x4]
  b4:	d65f03c0	ret
  b8:	f900d443	str	x3, [x2, #424]
  bc:	f94010c4	ldr	x4, [x6, #32]
  c0:	f9005c44	str	x4, [x2, #184]
  c4:	100003e4	adr	x4, 0x140
  c8:	f900dc44	str	x4, [x2, #440]
  cc:	d65f03c0	ret
  d0:	d2860104	mov	x4, #0x3008                	// #12296
  d4:	f2d55544	movk	x4, #0xaaaa, lsl #32
  d8:	f9400085	ldr	x5, [x4]
  dc:	910004a5	add	x5, x5, #0x1
  e0:	f9000085	str	x5, [x4]
  e4:	d2840004	mov	x4, #0x2000                	// #8192
  e8:	f2d55544	movk	x4, #0xaaaa, lsl #32
  ec:	f9400085	ldr	x5, [x4]
  f0:	f10004bf	cmp	x5, #0x1
  f4:	54000049	b.ls	0xfc  // b.plast
  f8:	d61f00a0	br	x5
  fc:	d2880001	mov	x1, #0x4000                	// #16384
 100:	f2d55541	movk	x1, #0xaaaa, lsl #32
 104:	d2800002	mov	x2, #0x0                   	// #0
 108:	d2800103	mov	x3, #0x8                   	// #8
 10c:	d28010c8	mov	x8, #0x86                  	// #134
 110:	d4000001	svc	#0x0
 114:	d65f03c0	ret
 118:	00000000	udf	#0
 11c:	00000000	udf	#0
 120:	f85f83a0	ldur	x0, [x29, #-8]
 124:	52800041	mov	w1, #0x2                   	// #2
 128:	f9400410	ldr	x16, [x0, #8]
 12c:	f9401210	ldr	x16, [x16, #32]
 130:	d61f0200	br	x16
 134:	00000000	udf	#0
 138:	00000000	udf	#0
 13c:	00000000	udf	#0
 140:	52800161	mov	w1, #0xb                   	// #11
 144:	f9400410	ldr	x16, [x0, #8]
 148:	f9401210	ldr	x16, [x16, #32]
 14c:	d61f0200	br	x16
