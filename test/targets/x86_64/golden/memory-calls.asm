     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x3e
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  mov    rcx,QWORD PTR [rdi+0x10]
    1a:  cmp    DWORD PTR [rax+0x2c],0x0
    1e:  jne    0x4e
    24:  mov    rax,QWORD PTR [rdi+0x18]
    28:  lea    r11,[rsi+0xc]
    2c:  cmp    r11,rax
    2f:  ja     0x5e
    35:  mov    eax,DWORD PTR [rcx+rsi*1+0x8]
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
    5e:  mov    rdi,QWORD PTR [rbp-0x8]
    62:  mov    esi,0x2
    67:  mov    rax,QWORD PTR [rdi+0x8]
    6b:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x3f
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  mov    rcx,QWORD PTR [rdi+0x10]
    1a:  cmp    DWORD PTR [rax+0x2c],0x0
    1e:  jne    0x4f
    24:  mov    rax,QWORD PTR [rdi+0x18]
    28:  lea    r11,[rsi+0x4]
    2c:  cmp    r11,rax
    2f:  ja     0x5f
    35:  mov    WORD PTR [rcx+rsi*1+0x2],dx
    3a:  mov    rsp,rbp
    3d:  pop    rbp
    3e:  ret
    3f:  mov    rdi,QWORD PTR [rbp-0x8]
    43:  mov    esi,0xa
    48:  mov    rax,QWORD PTR [rdi+0x8]
    4c:  call   QWORD PTR [rax+0x20]
    4f:  mov    rdi,QWORD PTR [rbp-0x8]
    53:  mov    esi,0xb
    58:  mov    rax,QWORD PTR [rdi+0x8]
    5c:  call   QWORD PTR [rax+0x20]
    5f:  mov    rdi,QWORD PTR [rbp-0x8]
    63:  mov    esi,0x2
    68:  mov    rax,QWORD PTR [rdi+0x8]
    6c:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2e
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x3e
    20:  mov    eax,DWORD PTR [rdi+0x30]
    23:  add    eax,0x1
    26:  mov    DWORD PTR [rdi+0x30],eax
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
     c:  jb     0x2b
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x3b
    20:  mov    rax,rsi
    23:  add    eax,0x1
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
     5:  push   rbx
     6:  push   r12
     8:  push   r13
     a:  cmp    rsp,QWORD PTR [rdi]
     d:  jb     0x83
    13:  mov    rbx,rdi
    16:  mov    r12,rsi
    19:  mov    rax,QWORD PTR [rbx+0x8]
    1d:  cmp    DWORD PTR [rax+0x2c],0x0
    21:  jne    0x93
    27:  mov    rdi,rbx
    2a:  mov    rsi,r12
    2d:  call   0x32
    32:  mov    r13,rax
    35:  xor    eax,eax
    37:  mov    ecx,DWORD PTR [rbx+0x28]
    3a:  cmp    eax,ecx
    3c:  jae    0xa3
    42:  mov    rax,QWORD PTR [rbx+0x20]
    46:  mov    rax,QWORD PTR [rax]
    49:  cmp    rax,0x0
    4d:  je     0xb3
    53:  mov    ecx,DWORD PTR [rax+0x10]
    56:  mov    edx,DWORD PTR [rbx+0x38]
    59:  cmp    ecx,edx
    5b:  jne    0xc3
    61:  mov    rcx,QWORD PTR [rax]
    64:  mov    rdi,QWORD PTR [rax+0x8]
    68:  mov    rsi,r12
    6b:  call   rcx
    6d:  mov    rcx,r13
    70:  add    ecx,eax
    72:  mov    rax,rcx
    75:  lea    rsp,[rbp-0x20]
    79:  pop    r13
    7b:  pop    r12
    7d:  pop    rbx
    7e:  mov    rsp,rbp
    81:  pop    rbp
    82:  ret
    83:  mov    rdi,QWORD PTR [rbp-0x8]
    87:  mov    esi,0xa
    8c:  mov    rax,QWORD PTR [rdi+0x8]
    90:  call   QWORD PTR [rax+0x20]
    93:  mov    rdi,QWORD PTR [rbp-0x8]
    97:  mov    esi,0xb
    9c:  mov    rax,QWORD PTR [rdi+0x8]
    a0:  call   QWORD PTR [rax+0x20]
    a3:  mov    rdi,QWORD PTR [rbp-0x8]
    a7:  mov    esi,0x4
    ac:  mov    rax,QWORD PTR [rdi+0x8]
    b0:  call   QWORD PTR [rax+0x20]
    b3:  mov    rdi,QWORD PTR [rbp-0x8]
    b7:  mov    esi,0x5
    bc:  mov    rax,QWORD PTR [rdi+0x8]
    c0:  call   QWORD PTR [rax+0x20]
    c3:  mov    rdi,QWORD PTR [rbp-0x8]
    c7:  mov    esi,0x6
    cc:  mov    rax,QWORD PTR [rdi+0x8]
    d0:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x37
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [rax+0x2c],0x0
    1a:  jne    0x47
    20:  xor    eax,eax
    22:  mov    rdx,rsi
    25:  mov    rsi,rax
    28:  mov    r11,QWORD PTR [rdi+0x8]
    2c:  call   QWORD PTR [r11+0x48]
    30:  mov    eax,eax
    32:  mov    rsp,rbp
    35:  pop    rbp
    36:  ret
    37:  mov    rdi,QWORD PTR [rbp-0x8]
    3b:  mov    esi,0xa
    40:  mov    rax,QWORD PTR [rdi+0x8]
    44:  call   QWORD PTR [rax+0x20]
    47:  mov    rdi,QWORD PTR [rbp-0x8]
    4b:  mov    esi,0xb
    50:  mov    rax,QWORD PTR [rdi+0x8]
    54:  call   QWORD PTR [rax+0x20]
