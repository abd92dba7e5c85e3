     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2b
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x3b
    21:  mov    rax,rsi
    24:  add    eax,edx
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
     c:  jb     0x31
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x41
    21:  imul   rax,rsi,0x7
    25:  shl    rdx,0x3
    29:  xor    rax,rdx
    2c:  mov    rsp,rbp
    2f:  pop    rbp
    30:  ret
    31:  mov    rdi,QWORD PTR [rbp-0x8]
    35:  mov    esi,0xa
    3a:  mov    rax,QWORD PTR [rdi+0x8]
    3e:  call   QWORD PTR [rax+0x20]
    41:  mov    rdi,QWORD PTR [rbp-0x8]
    45:  mov    esi,0xb
    4a:  mov    rax,QWORD PTR [rdi+0x8]
    4e:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x56
    12:  mov    rcx,rdx
    15:  mov    r11,QWORD PTR [rdi+0x8]
    19:  cmp    DWORD PTR [r11+0x2c],0x0
    1e:  jne    0x66
    24:  test   ecx,ecx
    26:  je     0x76
    2c:  cmp    esi,0x80000000
    32:  sete   al
    35:  movzx  eax,al
    38:  cmp    ecx,0xffffffff
    3b:  sete   dl
    3e:  movzx  edx,dl
    41:  and    eax,edx
    43:  test   eax,eax
    45:  jne    0x86
    4b:  mov    rax,rsi
    4e:  cdq
    4f:  idiv   ecx
    51:  mov    rsp,rbp
    54:  pop    rbp
    55:  ret
    56:  mov    rdi,QWORD PTR [rbp-0x8]
    5a:  mov    esi,0xa
    5f:  mov    rax,QWORD PTR [rdi+0x8]
    63:  call   QWORD PTR [rax+0x20]
    66:  mov    rdi,QWORD PTR [rbp-0x8]
    6a:  mov    esi,0xb
    6f:  mov    rax,QWORD PTR [rdi+0x8]
    73:  call   QWORD PTR [rax+0x20]
    76:  mov    rdi,QWORD PTR [rbp-0x8]
    7a:  mov    esi,0x7
    7f:  mov    rax,QWORD PTR [rdi+0x8]
    83:  call   QWORD PTR [rax+0x20]
    86:  mov    rdi,QWORD PTR [rbp-0x8]
    8a:  mov    esi,0x8
    8f:  mov    rax,QWORD PTR [rdi+0x8]
    93:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x4e
    12:  mov    rcx,rdx
    15:  mov    r11,QWORD PTR [rdi+0x8]
    19:  cmp    DWORD PTR [r11+0x2c],0x0
    1e:  jne    0x5e
    24:  test   rcx,rcx
    27:  je     0x6e
    2d:  mov    rax,rsi
    30:  cmp    rcx,0xffffffffffffffff
    34:  jne    0x41
    3a:  xor    eax,eax
    3c:  jmp    0x49
    41:  cqo
    43:  idiv   rcx
    46:  mov    rax,rdx
    49:  mov    rsp,rbp
    4c:  pop    rbp
    4d:  ret
    4e:  mov    rdi,QWORD PTR [rbp-0x8]
    52:  mov    esi,0xa
    57:  mov    rax,QWORD PTR [rdi+0x8]
    5b:  call   QWORD PTR [rax+0x20]
    5e:  mov    rdi,QWORD PTR [rbp-0x8]
    62:  mov    esi,0xb
    67:  mov    rax,QWORD PTR [rdi+0x8]
    6b:  call   QWORD PTR [rax+0x20]
    6e:  mov    rdi,QWORD PTR [rbp-0x8]
    72:  mov    esi,0x7
    77:  mov    rax,QWORD PTR [rdi+0x8]
    7b:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x4b
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x5b
    21:  mov    r11d,0x3f
    27:  bsr    eax,esi
    2a:  cmove  eax,r11d
    2e:  xor    eax,0x1f
    31:  mov    r11d,0x20
    37:  bsf    ecx,esi
    3a:  cmove  ecx,r11d
    3e:  add    eax,ecx
    40:  popcnt ecx,esi
    44:  add    eax,ecx
    46:  mov    rsp,rbp
    49:  pop    rbp
    4a:  ret
    4b:  mov    rdi,QWORD PTR [rbp-0x8]
    4f:  mov    esi,0xa
    54:  mov    rax,QWORD PTR [rdi+0x8]
    58:  call   QWORD PTR [rax+0x20]
    5b:  mov    rdi,QWORD PTR [rbp-0x8]
    5f:  mov    esi,0xb
    64:  mov    rax,QWORD PTR [rdi+0x8]
    68:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2e
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x3e
    21:  mov    rax,rsi
    24:  mov    rcx,rdx
    27:  rol    eax,cl
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
