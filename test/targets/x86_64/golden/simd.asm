     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  push   rbx
     6:  cmp    rsp,QWORD PTR [rdi]
     9:  jb     0xb0
     f:  mov    rax,QWORD PTR [rdi+0x8]
    13:  mov    r8,QWORD PTR [rdi+0x10]
    17:  xor    r9d,r9d
    1a:  pxor   xmm0,xmm0
    1e:  cmp    DWORD PTR [rax+0x2c],0x0
    22:  jne    0xc0
    28:  mov    rdi,QWORD PTR [rdi+0x18]
    2c:  nop    DWORD PTR [rax+0x0]
    30:  cmp    DWORD PTR [rax+0x2c],0x0
    34:  jne    0xd0
    3a:  cmp    r9d,ecx
    3d:  jae    0x90
    43:  mov    r10,r9
    46:  shl    r10d,0x1
    4a:  mov    rbx,rsi
    4d:  add    ebx,r10d
    50:  lea    r11,[rbx+0x8]
    54:  cmp    r11,rdi
    57:  ja     0xe0
    5d:  pmovsxwd xmm1,QWORD PTR [r8+rbx*1]
    64:  mov    rbx,rdx
    67:  add    ebx,r10d
    6a:  lea    r11,[rbx+0x8]
    6e:  cmp    r11,rdi
    71:  ja     0xf0
    77:  pmovsxwd xmm2,QWORD PTR [r8+rbx*1]
    7e:  pmulld xmm1,xmm2
    83:  paddd  xmm0,xmm1
    87:  add    r9d,0x4
    8b:  jmp    0x30
    90:  pshufd xmm1,xmm0,0x4e
    95:  paddd  xmm0,xmm1
    99:  pshufd xmm1,xmm0,0xe1
    9e:  paddd  xmm0,xmm1
    a2:  movd   eax,xmm0
    a6:  lea    rsp,[rbp-0x10]
    aa:  pop    rbx
    ab:  mov    rsp,rbp
    ae:  pop    rbp
    af:  ret
    b0:  mov    rdi,QWORD PTR [rbp-0x8]
    b4:  mov    esi,0xa
    b9:  mov    rax,QWORD PTR [rdi+0x8]
    bd:  call   QWORD PTR [rax+0x20]
    c0:  mov    rdi,QWORD PTR [rbp-0x8]
    c4:  mov    esi,0xb
    c9:  mov    rax,QWORD PTR [rdi+0x8]
    cd:  call   QWORD PTR [rax+0x20]
    d0:  mov    rdi,QWORD PTR [rbp-0x8]
    d4:  mov    esi,0xb
    d9:  mov    rax,QWORD PTR [rdi+0x8]
    dd:  call   QWORD PTR [rax+0x20]
    e0:  mov    rdi,QWORD PTR [rbp-0x8]
    e4:  mov    esi,0x2
    e9:  mov    rax,QWORD PTR [rdi+0x8]
    ed:  call   QWORD PTR [rax+0x20]
    f0:  mov    rdi,QWORD PTR [rbp-0x8]
    f4:  mov    esi,0x2
    f9:  mov    rax,QWORD PTR [rdi+0x8]
    fd:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x4a
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x5a
    20:  addps  xmm0,xmm1
    23:  movaps xmm15,xmm1
    27:  minps  xmm15,xmm0
    2b:  minps  xmm0,xmm1
    2e:  orps   xmm0,xmm15
    32:  cmpunordps xmm15,xmm0
    37:  orps   xmm0,xmm15
    3b:  psrld  xmm15,0xa
    41:  xorps  xmm0,xmm15
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
     c:  jb     0x39
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x49
    20:  movdqa xmm15,XMMWORD PTR [rip+0x37]        # 0x60
    29:  paddusb xmm15,xmm1
    2e:  pshufb xmm0,xmm15
    34:  mov    rsp,rbp
    37:  pop    rbp
    38:  ret
    39:  mov    rdi,QWORD PTR [rbp-0x8]
    3d:  mov    esi,0xa
    42:  mov    rax,QWORD PTR [rdi+0x8]
    46:  call   QWORD PTR [rax+0x20]
    49:  mov    rdi,QWORD PTR [rbp-0x8]
    4d:  mov    esi,0xb
    52:  mov    rax,QWORD PTR [rdi+0x8]
    56:  call   QWORD PTR [rax+0x20]
    59:  int3
    5a:  int3
    5b:  int3
    5c:  int3
    5d:  int3
    5e:  int3
    5f:  int3

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x3e
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x4e
    20:  movd   xmm2,esi
    24:  pxor   xmm1,xmm1
    28:  pshufb xmm2,xmm1
    2d:  pcmpeqb xmm0,xmm2
    31:  pmovmskb eax,xmm0
    35:  popcnt eax,eax
    39:  mov    rsp,rbp
    3c:  pop    rbp
    3d:  ret
    3e:  mov    rdi,QWORD PTR [rbp-0x8]
    42:  mov    esi,0xa
    47:  mov    rax,QWORD PTR [rdi+0x8]
    4b:  call   QWORD PTR [rax+0x20]
    4e:  mov    rdi,QWORD PTR [rbp-0x8]
    52:  mov    esi,0xb
    57:  mov    rax,QWORD PTR [rdi+0x8]
    5b:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x6c
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x7c
    20:  movaps xmm2,xmm0
    23:  movaps xmm15,xmm2
    27:  cmpordps xmm15,xmm15
    2c:  andps  xmm2,xmm15
    30:  pxor   xmm15,xmm2
    35:  cvttps2dq xmm2,xmm2
    39:  pand   xmm15,xmm2
    3e:  psrad  xmm15,0x1f
    44:  pxor   xmm2,xmm15
    49:  pminud xmm0,xmm1
    4e:  pcmpeqd xmm0,xmm1
    52:  pcmpeqd xmm15,xmm15
    57:  pxor   xmm0,xmm15
    5c:  movaps xmm1,xmm2
    5f:  packusdw xmm1,xmm0
    64:  movaps xmm0,xmm1
    67:  mov    rsp,rbp
    6a:  pop    rbp
    6b:  ret
    6c:  mov    rdi,QWORD PTR [rbp-0x8]
    70:  mov    esi,0xa
    75:  mov    rax,QWORD PTR [rdi+0x8]
    79:  call   QWORD PTR [rax+0x20]
    7c:  mov    rdi,QWORD PTR [rbp-0x8]
    80:  mov    esi,0xb
    85:  mov    rax,QWORD PTR [rdi+0x8]
    89:  call   QWORD PTR [rax+0x20]
