     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x54
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  xor    ecx,ecx
    18:  cmp    DWORD PTR [rax+0x2c],0x0
    1c:  jne    0x64
    22:  nop    WORD PTR [rax+rax*1+0x0]
    2b:  nop    DWORD PTR [rax+rax*1+0x0]
    30:  cmp    DWORD PTR [rax+0x2c],0x0
    34:  jne    0x74
    3a:  test   esi,esi
    3c:  je     0x4c
    42:  add    ecx,esi
    44:  sub    esi,0x1
    47:  jmp    0x30
    4c:  mov    rax,rcx
    4f:  mov    rsp,rbp
    52:  pop    rbp
    53:  ret
    54:  mov    rdi,QWORD PTR [rbp-0x8]
    58:  mov    esi,0xa
    5d:  mov    rax,QWORD PTR [rdi+0x8]
    61:  call   QWORD PTR [rax+0x20]
    64:  mov    rdi,QWORD PTR [rbp-0x8]
    68:  mov    esi,0xb
    6d:  mov    rax,QWORD PTR [rdi+0x8]
    71:  call   QWORD PTR [rax+0x20]
    74:  mov    rdi,QWORD PTR [rbp-0x8]
    78:  mov    esi,0xb
    7d:  mov    rax,QWORD PTR [rdi+0x8]
    81:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2f
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x3f
    20:  mov    rax,rcx
    23:  cmp    esi,0xa
    26:  cmovl  rax,rdx
    2a:  mov    rsp,rbp
    2d:  pop    rbp
    2e:  ret
    2f:  mov    rdi,QWORD PTR [rbp-0x8]
    33:  mov    esi,0xa
    38:  mov    rax,QWORD PTR [rdi+0x8]
    3c:  call   QWORD PTR [rax+0x20]
    3f:  mov    rdi,QWORD PTR [rbp-0x8]
    43:  mov    esi,0xb
    48:  mov    rax,QWORD PTR [rdi+0x8]
    4c:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x58
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x68
    20:  cmp    esi,0x2
    23:  jae    0x4e
    29:  lea    r11,[rip+0x48]        # 0x78
    30:  movsxd rax,DWORD PTR [r11+rsi*4]
    34:  add    r11,rax
    37:  jmp    r11
    3a:  mov    eax,0xa
    3f:  mov    rsp,rbp
    42:  pop    rbp
    43:  ret
    44:  mov    eax,0x14
    49:  mov    rsp,rbp
    4c:  pop    rbp
    4d:  ret
    4e:  mov    eax,0x1e
    53:  mov    rsp,rbp
    56:  pop    rbp
    57:  ret
    58:  mov    rdi,QWORD PTR [rbp-0x8]
    5c:  mov    esi,0xa
    61:  mov    rax,QWORD PTR [rdi+0x8]
    65:  call   QWORD PTR [rax+0x20]
    68:  mov    rdi,QWORD PTR [rbp-0x8]
    6c:  mov    esi,0xb
    71:  mov    rax,QWORD PTR [rdi+0x8]
    75:  call   QWORD PTR [rax+0x20]
