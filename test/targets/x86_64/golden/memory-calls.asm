     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x30
    12:  mov    rax,QWORD PTR [rdi+0x18]
    16:  lea    r11,[rsi+0xc]
    1a:  cmp    r11,rax
    1d:  ja     0x40
    23:  mov    rax,QWORD PTR [rdi+0x10]
    27:  mov    eax,DWORD PTR [rax+rsi*1+0x8]
    2b:  mov    rsp,rbp
    2e:  pop    rbp
    2f:  ret
    30:  mov    rdi,QWORD PTR [rbp-0x8]
    34:  mov    esi,0xa
    39:  mov    rax,QWORD PTR [rdi+0x8]
    3d:  call   QWORD PTR [rax+0x20]
    40:  mov    rdi,QWORD PTR [rbp-0x8]
    44:  mov    esi,0x2
    49:  mov    rax,QWORD PTR [rdi+0x8]
    4d:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x31
    12:  mov    rax,QWORD PTR [rdi+0x18]
    16:  lea    r11,[rsi+0x4]
    1a:  cmp    r11,rax
    1d:  ja     0x41
    23:  mov    rax,QWORD PTR [rdi+0x10]
    27:  mov    WORD PTR [rax+rsi*1+0x2],dx
    2c:  mov    rsp,rbp
    2f:  pop    rbp
    30:  ret
    31:  mov    rdi,QWORD PTR [rbp-0x8]
    35:  mov    esi,0xa
    3a:  mov    rax,QWORD PTR [rdi+0x8]
    3e:  call   QWORD PTR [rax+0x20]
    41:  mov    rdi,QWORD PTR [rbp-0x8]
    45:  mov    esi,0x2
    4a:  mov    rax,QWORD PTR [rdi+0x8]
    4e:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x23
    12:  mov    eax,DWORD PTR [rdi+0x30]
    15:  add    eax,0x1
    18:  mov    DWORD PTR [rdi+0x30],eax
    1b:  mov    eax,DWORD PTR [rdi+0x30]
    1e:  mov    rsp,rbp
    21:  pop    rbp
    22:  ret
    23:  mov    rdi,QWORD PTR [rbp-0x8]
    27:  mov    esi,0xa
    2c:  mov    rax,QWORD PTR [rdi+0x8]
    30:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x1d
    12:  mov    rax,rsi
    15:  add    eax,0x1
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
     5:  push   rbx
     6:  push   r12
     8:  push   r13
     a:  cmp    rsp,QWORD PTR [rdi]
     d:  jb     0x75
    13:  mov    rbx,rdi
    16:  mov    r12,rsi
    19:  mov    rdi,rbx
    1c:  mov    rsi,r12
    1f:  call   0x24
    24:  mov    r13,rax
    27:  xor    eax,eax
    29:  mov    ecx,DWORD PTR [rbx+0x28]
    2c:  cmp    eax,ecx
    2e:  jae    0x85
    34:  mov    rax,QWORD PTR [rbx+0x20]
    38:  mov    rax,QWORD PTR [rax]
    3b:  cmp    rax,0x0
    3f:  je     0x95
    45:  mov    ecx,DWORD PTR [rax+0x10]
    48:  mov    edx,DWORD PTR [rbx+0x38]
    4b:  cmp    ecx,edx
    4d:  jne    0xa5
    53:  mov    rcx,QWORD PTR [rax]
    56:  mov    rdi,QWORD PTR [rax+0x8]
    5a:  mov    rsi,r12
    5d:  call   rcx
    5f:  mov    rcx,r13
    62:  add    ecx,eax
    64:  mov    rax,rcx
    67:  lea    rsp,[rbp-0x20]
    6b:  pop    r13
    6d:  pop    r12
    6f:  pop    rbx
    70:  mov    rsp,rbp
    73:  pop    rbp
    74:  ret
    75:  mov    rdi,QWORD PTR [rbp-0x8]
    79:  mov    esi,0xa
    7e:  mov    rax,QWORD PTR [rdi+0x8]
    82:  call   QWORD PTR [rax+0x20]
    85:  mov    rdi,QWORD PTR [rbp-0x8]
    89:  mov    esi,0x4
    8e:  mov    rax,QWORD PTR [rdi+0x8]
    92:  call   QWORD PTR [rax+0x20]
    95:  mov    rdi,QWORD PTR [rbp-0x8]
    99:  mov    esi,0x5
    9e:  mov    rax,QWORD PTR [rdi+0x8]
    a2:  call   QWORD PTR [rax+0x20]
    a5:  mov    rdi,QWORD PTR [rbp-0x8]
    a9:  mov    esi,0x6
    ae:  mov    rax,QWORD PTR [rdi+0x8]
    b2:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x29
    12:  xor    eax,eax
    14:  mov    rdx,rsi
    17:  mov    rsi,rax
    1a:  mov    r11,QWORD PTR [rdi+0x8]
    1e:  call   QWORD PTR [r11+0x40]
    22:  mov    eax,eax
    24:  mov    rsp,rbp
    27:  pop    rbp
    28:  ret
    29:  mov    rdi,QWORD PTR [rbp-0x8]
    2d:  mov    esi,0xa
    32:  mov    rax,QWORD PTR [rdi+0x8]
    36:  call   QWORD PTR [rax+0x20]
