     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x3f
    12:  mov    rax,QWORD PTR [rdi+0x10]
    16:  mov    r11,QWORD PTR [rdi+0x8]
    1a:  cmp    DWORD PTR [r11+0x2c],0x0
    1f:  jne    0x4f
    25:  mov    rcx,QWORD PTR [rdi+0x18]
    29:  lea    r11,[rsi+0xc]
    2d:  cmp    r11,rcx
    30:  ja     0x5f
    36:  mov    eax,DWORD PTR [rax+rsi*1+0x8]
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
     c:  jb     0x40
    12:  mov    rax,QWORD PTR [rdi+0x10]
    16:  mov    r11,QWORD PTR [rdi+0x8]
    1a:  cmp    DWORD PTR [r11+0x2c],0x0
    1f:  jne    0x50
    25:  mov    rcx,QWORD PTR [rdi+0x18]
    29:  lea    r11,[rsi+0x4]
    2d:  cmp    r11,rcx
    30:  ja     0x60
    36:  mov    WORD PTR [rax+rsi*1+0x2],dx
    3b:  mov    rsp,rbp
    3e:  pop    rbp
    3f:  ret
    40:  mov    rdi,QWORD PTR [rbp-0x8]
    44:  mov    esi,0xa
    49:  mov    rax,QWORD PTR [rdi+0x8]
    4d:  call   QWORD PTR [rax+0x20]
    50:  mov    rdi,QWORD PTR [rbp-0x8]
    54:  mov    esi,0xb
    59:  mov    rax,QWORD PTR [rdi+0x8]
    5d:  call   QWORD PTR [rax+0x20]
    60:  mov    rdi,QWORD PTR [rbp-0x8]
    64:  mov    esi,0x2
    69:  mov    rax,QWORD PTR [rdi+0x8]
    6d:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2f
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x3f
    21:  mov    eax,DWORD PTR [rdi+0x30]
    24:  add    eax,0x1
    27:  mov    DWORD PTR [rdi+0x30],eax
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
     c:  jb     0x2c
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x3c
    21:  mov    rax,rsi
    24:  add    eax,0x1
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
     5:  push   rbx
     6:  push   r12
     8:  push   r13
     a:  cmp    rsp,QWORD PTR [rdi]
     d:  jb     0x84
    13:  mov    rbx,rdi
    16:  mov    r12,rsi
    19:  mov    r11,QWORD PTR [rbx+0x8]
    1d:  cmp    DWORD PTR [r11+0x2c],0x0
    22:  jne    0x94
    28:  mov    rdi,rbx
    2b:  mov    rsi,r12
    2e:  call   0x33
    33:  mov    r13,rax
    36:  xor    eax,eax
    38:  mov    ecx,DWORD PTR [rbx+0x28]
    3b:  cmp    eax,ecx
    3d:  jae    0xa4
    43:  mov    rax,QWORD PTR [rbx+0x20]
    47:  mov    rax,QWORD PTR [rax]
    4a:  cmp    rax,0x0
    4e:  je     0xb4
    54:  mov    ecx,DWORD PTR [rax+0x10]
    57:  mov    edx,DWORD PTR [rbx+0x38]
    5a:  cmp    ecx,edx
    5c:  jne    0xc4
    62:  mov    rcx,QWORD PTR [rax]
    65:  mov    rdi,QWORD PTR [rax+0x8]
    69:  mov    rsi,r12
    6c:  call   rcx
    6e:  mov    rcx,r13
    71:  add    ecx,eax
    73:  mov    rax,rcx
    76:  lea    rsp,[rbp-0x20]
    7a:  pop    r13
    7c:  pop    r12
    7e:  pop    rbx
    7f:  mov    rsp,rbp
    82:  pop    rbp
    83:  ret
    84:  mov    rdi,QWORD PTR [rbp-0x8]
    88:  mov    esi,0xa
    8d:  mov    rax,QWORD PTR [rdi+0x8]
    91:  call   QWORD PTR [rax+0x20]
    94:  mov    rdi,QWORD PTR [rbp-0x8]
    98:  mov    esi,0xb
    9d:  mov    rax,QWORD PTR [rdi+0x8]
    a1:  call   QWORD PTR [rax+0x20]
    a4:  mov    rdi,QWORD PTR [rbp-0x8]
    a8:  mov    esi,0x4
    ad:  mov    rax,QWORD PTR [rdi+0x8]
    b1:  call   QWORD PTR [rax+0x20]
    b4:  mov    rdi,QWORD PTR [rbp-0x8]
    b8:  mov    esi,0x5
    bd:  mov    rax,QWORD PTR [rdi+0x8]
    c1:  call   QWORD PTR [rax+0x20]
    c4:  mov    rdi,QWORD PTR [rbp-0x8]
    c8:  mov    esi,0x6
    cd:  mov    rax,QWORD PTR [rdi+0x8]
    d1:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x38
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x48
    21:  xor    eax,eax
    23:  mov    rdx,rsi
    26:  mov    rsi,rax
    29:  mov    r11,QWORD PTR [rdi+0x8]
    2d:  call   QWORD PTR [r11+0x40]
    31:  mov    eax,eax
    33:  mov    rsp,rbp
    36:  pop    rbp
    37:  ret
    38:  mov    rdi,QWORD PTR [rbp-0x8]
    3c:  mov    esi,0xa
    41:  mov    rax,QWORD PTR [rdi+0x8]
    45:  call   QWORD PTR [rax+0x20]
    48:  mov    rdi,QWORD PTR [rbp-0x8]
    4c:  mov    esi,0xb
    51:  mov    rax,QWORD PTR [rdi+0x8]
    55:  call   QWORD PTR [rax+0x20]
