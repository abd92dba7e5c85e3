     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2a
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x3a
    20:  mov    rax,rsi
    23:  add    eax,edx
    25:  mov    rsp,rbp
    28:  pop    rbp
    29:  ret
    2a:  mov    rdi,QWORD PTR [rbp-0x8]
    2e:  mov    esi,0xa
    33:  mov    rax,QWORD PTR [rdi+0x8]
    37:  call   QWORD PTR [rax+0x20]
    3a:  mov    rdi,QWORD PTR [rbp-0x8]
    3e:  mov    esi,0xb
    43:  mov    rax,QWORD PTR [rdi+0x8]
    47:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x30
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x40
    20:  imul   rax,rsi,0x7
    24:  shl    rdx,0x3
    28:  xor    rax,rdx
    2b:  mov    rsp,rbp
    2e:  pop    rbp
    2f:  ret
    30:  mov    rdi,QWORD PTR [rbp-0x8]
    34:  mov    esi,0xa
    39:  mov    rax,QWORD PTR [rdi+0x8]
    3d:  call   QWORD PTR [rax+0x20]
    40:  mov    rdi,QWORD PTR [rbp-0x8]
    44:  mov    esi,0xb
    49:  mov    rax,QWORD PTR [rdi+0x8]
    4d:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x53
    12:  mov    rcx,rdx
    15:  mov    rax,QWORD PTR [rdi+0x8]
    19:  cmp    DWORD PTR [rax+0x2c],0x0
    1d:  jne    0x63
    23:  test   ecx,ecx
    25:  je     0x73
    2b:  cmp    esi,0x80000000
    31:  sete   al
    34:  movzx  eax,al
    37:  cmp    ecx,0xffffffff
    3a:  sete   dl
    3d:  movzx  edx,dl
    40:  and    eax,edx
    42:  jne    0x83
    48:  mov    rax,rsi
    4b:  cdq
    4c:  idiv   ecx
    4e:  mov    rsp,rbp
    51:  pop    rbp
    52:  ret
    53:  mov    rdi,QWORD PTR [rbp-0x8]
    57:  mov    esi,0xa
    5c:  mov    rax,QWORD PTR [rdi+0x8]
    60:  call   QWORD PTR [rax+0x20]
    63:  mov    rdi,QWORD PTR [rbp-0x8]
    67:  mov    esi,0xb
    6c:  mov    rax,QWORD PTR [rdi+0x8]
    70:  call   QWORD PTR [rax+0x20]
    73:  mov    rdi,QWORD PTR [rbp-0x8]
    77:  mov    esi,0x7
    7c:  mov    rax,QWORD PTR [rdi+0x8]
    80:  call   QWORD PTR [rax+0x20]
    83:  mov    rdi,QWORD PTR [rbp-0x8]
    87:  mov    esi,0x8
    8c:  mov    rax,QWORD PTR [rdi+0x8]
    90:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x4d
    12:  mov    rcx,rdx
    15:  mov    rax,QWORD PTR [rdi+0x8]
    19:  cmp    DWORD PTR [rax+0x2c],0x0
    1d:  jne    0x5d
    23:  test   rcx,rcx
    26:  je     0x6d
    2c:  mov    rax,rsi
    2f:  cmp    rcx,0xffffffffffffffff
    33:  jne    0x40
    39:  xor    eax,eax
    3b:  jmp    0x48
    40:  cqo
    42:  idiv   rcx
    45:  mov    rax,rdx
    48:  mov    rsp,rbp
    4b:  pop    rbp
    4c:  ret
    4d:  mov    rdi,QWORD PTR [rbp-0x8]
    51:  mov    esi,0xa
    56:  mov    rax,QWORD PTR [rdi+0x8]
    5a:  call   QWORD PTR [rax+0x20]
    5d:  mov    rdi,QWORD PTR [rbp-0x8]
    61:  mov    esi,0xb
    66:  mov    rax,QWORD PTR [rdi+0x8]
    6a:  call   QWORD PTR [rax+0x20]
    6d:  mov    rdi,QWORD PTR [rbp-0x8]
    71:  mov    esi,0x7
    76:  mov    rax,QWORD PTR [rdi+0x8]
    7a:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x4a
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x5a
    20:  mov    r11d,0x3f
    26:  bsr    eax,esi
    29:  cmove  eax,r11d
    2d:  xor    eax,0x1f
    30:  mov    r11d,0x20
    36:  bsf    ecx,esi
    39:  cmove  ecx,r11d
    3d:  add    eax,ecx
    3f:  popcnt ecx,esi
    43:  add    eax,ecx
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
     c:  jb     0x2d
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x3d
    20:  mov    rax,rsi
    23:  mov    rcx,rdx
    26:  rol    eax,cl
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
