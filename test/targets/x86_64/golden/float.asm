     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x1f
    12:  mulsd  xmm0,xmm1
    16:  addsd  xmm0,xmm2
    1a:  mov    rsp,rbp
    1d:  pop    rbp
    1e:  ret
    1f:  mov    rdi,QWORD PTR [rbp-0x8]
    23:  mov    esi,0xa
    28:  mov    rax,QWORD PTR [rdi+0x8]
    2c:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x3b
    12:  ucomiss xmm0,xmm1
    15:  jp     0x29
    1b:  jne    0x32
    21:  orps   xmm0,xmm1
    24:  jmp    0x36
    29:  addss  xmm0,xmm1
    2d:  jmp    0x36
    32:  minss  xmm0,xmm1
    36:  mov    rsp,rbp
    39:  pop    rbp
    3a:  ret
    3b:  mov    rdi,QWORD PTR [rbp-0x8]
    3f:  mov    esi,0xa
    44:  mov    rax,QWORD PTR [rdi+0x8]
    48:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x3b
    12:  movabs r11,0x8000000000000000
    1c:  movq   xmm15,r11
    21:  movaps xmm2,xmm1
    24:  andpd  xmm2,xmm15
    29:  andnpd xmm15,xmm0
    2e:  movaps xmm0,xmm15
    32:  orpd   xmm0,xmm2
    36:  mov    rsp,rbp
    39:  pop    rbp
    3a:  ret
    3b:  mov    rdi,QWORD PTR [rbp-0x8]
    3f:  mov    esi,0xa
    44:  mov    rax,QWORD PTR [rdi+0x8]
    48:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x1d
    12:  roundsd xmm0,xmm0,0x8
    18:  mov    rsp,rbp
    1b:  pop    rbp
    1c:  ret
    1d:  mov    rdi,QWORD PTR [rbp-0x8]
    21:  mov    esi,0xa
    26:  mov    rax,QWORD PTR [rdi+0x8]
    2a:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x80
    12:  xorps  xmm15,xmm15
    16:  ucomisd xmm0,xmm15
    1b:  jbe    0x79
    21:  movabs r11,0x43e0000000000000
    2b:  movq   xmm15,r11
    30:  ucomisd xmm0,xmm15
    35:  jae    0x45
    3b:  cvttsd2si rax,xmm0
    40:  jmp    0x7b
    45:  movaps xmm1,xmm0
    48:  subsd  xmm1,xmm15
    4d:  cvttsd2si rax,xmm1
    52:  test   rax,rax
    55:  js     0x6d
    5b:  movabs r11,0x8000000000000000
    65:  or     rax,r11
    68:  jmp    0x7b
    6d:  mov    rax,0xffffffffffffffff
    74:  jmp    0x7b
    79:  xor    eax,eax
    7b:  mov    rsp,rbp
    7e:  pop    rbp
    7f:  ret
    80:  mov    rdi,QWORD PTR [rbp-0x8]
    84:  mov    esi,0xa
    89:  mov    rax,QWORD PTR [rdi+0x8]
    8d:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x27
    12:  ucomiss xmm0,xmm1
    15:  sete   al
    18:  setnp  r11b
    1c:  and    eax,r11d
    1f:  movzx  eax,al
    22:  mov    rsp,rbp
    25:  pop    rbp
    26:  ret
    27:  mov    rdi,QWORD PTR [rbp-0x8]
    2b:  mov    esi,0xa
    30:  mov    rax,QWORD PTR [rdi+0x8]
    34:  call   QWORD PTR [rax+0x20]
