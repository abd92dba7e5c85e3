     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2e
    12:  mov    rax,QWORD PTR [rdi+0x10]
    16:  mov    r11,QWORD PTR [rdi+0x8]
    1a:  cmp    DWORD PTR [r11+0x2c],0x0
    1f:  jne    0x3e
    25:  mov    eax,DWORD PTR [rax+rsi*1+0x8]
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
     c:  jb     0x2f
    12:  mov    rax,QWORD PTR [rdi+0x10]
    16:  mov    r11,QWORD PTR [rdi+0x8]
    1a:  cmp    DWORD PTR [r11+0x2c],0x0
    1f:  jne    0x3f
    25:  mov    QWORD PTR [rax+rsi*1+0x10],rdx
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
     c:  jb     0x39
    12:  mov    rax,QWORD PTR [rdi+0x10]
    16:  mov    r11,QWORD PTR [rdi+0x8]
    1a:  cmp    DWORD PTR [r11+0x2c],0x0
    1f:  jne    0x49
    25:  mov    r11d,0x80000000
    2b:  add    r11,rax
    2e:  movsd  xmm0,QWORD PTR [r11+rsi*1]
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
