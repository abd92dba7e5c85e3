     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2e
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x3e
    21:  mulsd  xmm0,xmm1
    25:  addsd  xmm0,xmm2
    29:  mov    rsp,rbp
    2c:  pop    rbp
    2d:  ret
    2e:  mov    rdi,QWORD PTR [rbp-0x8]
    32:  mov    esi,0xa
    37:  mov    rax,QWORD PTR [rdi+0x8]
    3b:  call   QWORD PTR [rax+0x20]
    3e:  mov    rdi,QWORD PTR [rbp-0x8]
    42:  mov    esi,0xb
    47:  mov    rax,QWORD PTR [rdi+0x8]
    4b:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x4a
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x5a
    21:  ucomiss xmm0,xmm1
    24:  jp     0x38
    2a:  jne    0x41
    30:  orps   xmm0,xmm1
    33:  jmp    0x45
    38:  addss  xmm0,xmm1
    3c:  jmp    0x45
    41:  minss  xmm0,xmm1
    45:  mov    rsp,rbp
    48:  pop    rbp
    49:  ret
    4a:  mov    rdi,QWORD PTR [rbp-0x8]
    4e:  mov    esi,0xa
    53:  mov    rax,QWORD PTR [rdi+0x8]
    57:  call   QWORD PTR [rax+0x20]
    5a:  mov    rdi,QWORD PTR [rbp-0x8]
    5e:  mov    esi,0xb
    63:  mov    rax,QWORD PTR [rdi+0x8]
    67:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x4a
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x5a
    21:  movabs r11,0x8000000000000000
    2b:  movq   xmm15,r11
    30:  movaps xmm2,xmm1
    33:  andpd  xmm2,xmm15
    38:  andnpd xmm15,xmm0
    3d:  movaps xmm0,xmm15
    41:  orpd   xmm0,xmm2
    45:  mov    rsp,rbp
    48:  pop    rbp
    49:  ret
    4a:  mov    rdi,QWORD PTR [rbp-0x8]
    4e:  mov    esi,0xa
    53:  mov    rax,QWORD PTR [rdi+0x8]
    57:  call   QWORD PTR [rax+0x20]
    5a:  mov    rdi,QWORD PTR [rbp-0x8]
    5e:  mov    esi,0xb
    63:  mov    rax,QWORD PTR [rdi+0x8]
    67:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2c
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x3c
    21:  roundsd xmm0,xmm0,0x8
    27:  mov    rsp,rbp
    2a:  pop    rbp
    2b:  ret
    2c:  mov    rdi,QWORD PTR [rbp-0x8]
    30:  mov    esi,0xa
    35:  mov    rax,QWORD PTR [rdi+0x8]
    39:  call   QWORD PTR [rax+0x20]
    3c:  mov    rdi,QWORD PTR [rbp-0x8]
    40:  mov    esi,0xb
    45:  mov    rax,QWORD PTR [rdi+0x8]
    49:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x8f
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x9f
    21:  xorps  xmm15,xmm15
    25:  ucomisd xmm0,xmm15
    2a:  jbe    0x88
    30:  movabs r11,0x43e0000000000000
    3a:  movq   xmm15,r11
    3f:  ucomisd xmm0,xmm15
    44:  jae    0x54
    4a:  cvttsd2si rax,xmm0
    4f:  jmp    0x8a
    54:  movaps xmm1,xmm0
    57:  subsd  xmm1,xmm15
    5c:  cvttsd2si rax,xmm1
    61:  test   rax,rax
    64:  js     0x7c
    6a:  movabs r11,0x8000000000000000
    74:  or     rax,r11
    77:  jmp    0x8a
    7c:  mov    rax,0xffffffffffffffff
    83:  jmp    0x8a
    88:  xor    eax,eax
    8a:  mov    rsp,rbp
    8d:  pop    rbp
    8e:  ret
    8f:  mov    rdi,QWORD PTR [rbp-0x8]
    93:  mov    esi,0xa
    98:  mov    rax,QWORD PTR [rdi+0x8]
    9c:  call   QWORD PTR [rax+0x20]
    9f:  mov    rdi,QWORD PTR [rbp-0x8]
    a3:  mov    esi,0xb
    a8:  mov    rax,QWORD PTR [rdi+0x8]
    ac:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x36
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x46
    21:  ucomiss xmm0,xmm1
    24:  sete   al
    27:  setnp  r11b
    2b:  and    eax,r11d
    2e:  movzx  eax,al
    31:  mov    rsp,rbp
    34:  pop    rbp
    35:  ret
    36:  mov    rdi,QWORD PTR [rbp-0x8]
    3a:  mov    esi,0xa
    3f:  mov    rax,QWORD PTR [rdi+0x8]
    43:  call   QWORD PTR [rax+0x20]
    46:  mov    rdi,QWORD PTR [rbp-0x8]
    4a:  mov    esi,0xb
    4f:  mov    rax,QWORD PTR [rdi+0x8]
    53:  call   QWORD PTR [rax+0x20]
