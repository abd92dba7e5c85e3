     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2d
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x3d
    20:  mulsd  xmm0,xmm1
    24:  addsd  xmm0,xmm2
    28:  mov    rsp,rbp
    2b:  pop    rbp
    2c:  ret
    2d:  mov    rdi,QWORD PTR [rbp-0x8]
    31:  mov    esi,0xa
    36:  mov    rax,QWORD PTR [rdi+0x8]
    3a:  call   QWORD PTR [rax+0x20]
    3d:  mov    rdi,QWORD PTR [rbp-0x8]
    41:  mov    esi,0xb
    46:  mov    rax,QWORD PTR [rdi+0x8]
    4a:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x49
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x59
    20:  ucomiss xmm0,xmm1
    23:  jp     0x37
    29:  jne    0x40
    2f:  orps   xmm0,xmm1
    32:  jmp    0x44
    37:  addss  xmm0,xmm1
    3b:  jmp    0x44
    40:  minss  xmm0,xmm1
    44:  mov    rsp,rbp
    47:  pop    rbp
    48:  ret
    49:  mov    rdi,QWORD PTR [rbp-0x8]
    4d:  mov    esi,0xa
    52:  mov    rax,QWORD PTR [rdi+0x8]
    56:  call   QWORD PTR [rax+0x20]
    59:  mov    rdi,QWORD PTR [rbp-0x8]
    5d:  mov    esi,0xb
    62:  mov    rax,QWORD PTR [rdi+0x8]
    66:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x49
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x59
    20:  movabs r11,0x8000000000000000
    2a:  movq   xmm15,r11
    2f:  movaps xmm2,xmm1
    32:  andpd  xmm2,xmm15
    37:  andnpd xmm15,xmm0
    3c:  movaps xmm0,xmm15
    40:  orpd   xmm0,xmm2
    44:  mov    rsp,rbp
    47:  pop    rbp
    48:  ret
    49:  mov    rdi,QWORD PTR [rbp-0x8]
    4d:  mov    esi,0xa
    52:  mov    rax,QWORD PTR [rdi+0x8]
    56:  call   QWORD PTR [rax+0x20]
    59:  mov    rdi,QWORD PTR [rbp-0x8]
    5d:  mov    esi,0xb
    62:  mov    rax,QWORD PTR [rdi+0x8]
    66:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2b
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x3b
    20:  roundsd xmm0,xmm0,0x8
    26:  mov    rsp,rbp
    29:  pop    rbp
    2a:  ret
    2b:  mov    rdi,QWORD PTR [rbp-0x8]
    2f:  mov    esi,0xa
    34:  mov    rax,QWORD PTR [rdi+0x8]
    38:  call   QWORD PTR [rax+0x20]
    3b:  mov    rdi,QWORD PTR [rbp-0x8]
    3f:  mov    esi,0xb
    44:  mov    rax,QWORD PTR [rdi+0x8]
    48:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x8e
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x9e
    20:  xorps  xmm15,xmm15
    24:  ucomisd xmm0,xmm15
    29:  jbe    0x87
    2f:  movabs r11,0x43e0000000000000
    39:  movq   xmm15,r11
    3e:  ucomisd xmm0,xmm15
    43:  jae    0x53
    49:  cvttsd2si rax,xmm0
    4e:  jmp    0x89
    53:  movaps xmm1,xmm0
    56:  subsd  xmm1,xmm15
    5b:  cvttsd2si rax,xmm1
    60:  test   rax,rax
    63:  js     0x7b
    69:  movabs r11,0x8000000000000000
    73:  or     rax,r11
    76:  jmp    0x89
    7b:  mov    rax,0xffffffffffffffff
    82:  jmp    0x89
    87:  xor    eax,eax
    89:  mov    rsp,rbp
    8c:  pop    rbp
    8d:  ret
    8e:  mov    rdi,QWORD PTR [rbp-0x8]
    92:  mov    esi,0xa
    97:  mov    rax,QWORD PTR [rdi+0x8]
    9b:  call   QWORD PTR [rax+0x20]
    9e:  mov    rdi,QWORD PTR [rbp-0x8]
    a2:  mov    esi,0xb
    a7:  mov    rax,QWORD PTR [rdi+0x8]
    ab:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x35
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x45
    20:  ucomiss xmm0,xmm1
    23:  sete   al
    26:  setnp  r11b
    2a:  and    eax,r11d
    2d:  movzx  eax,al
    30:  mov    rsp,rbp
    33:  pop    rbp
    34:  ret
    35:  mov    rdi,QWORD PTR [rbp-0x8]
    39:  mov    esi,0xa
    3e:  mov    rax,QWORD PTR [rdi+0x8]
    42:  call   QWORD PTR [rax+0x20]
    45:  mov    rdi,QWORD PTR [rbp-0x8]
    49:  mov    esi,0xb
    4e:  mov    rax,QWORD PTR [rdi+0x8]
    52:  call   QWORD PTR [rax+0x20]
