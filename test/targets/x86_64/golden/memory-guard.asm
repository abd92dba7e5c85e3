     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2d
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  mov    rcx,QWORD PTR [rdi+0x10]
    1a:  cmp    DWORD PTR [rax+0x2c],0x0
    1e:  jne    0x3d
    24:  mov    eax,DWORD PTR [rcx+rsi*1+0x8]
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
     c:  jb     0x2e
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  mov    rcx,QWORD PTR [rdi+0x10]
    1a:  cmp    DWORD PTR [rax+0x2c],0x0
    1e:  jne    0x3e
    24:  mov    QWORD PTR [rcx+rsi*1+0x10],rdx
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
     c:  jb     0x38
    12:  mov    rax,QWORD PTR [rdi+0x8]
    16:  mov    rcx,QWORD PTR [rdi+0x10]
    1a:  cmp    DWORD PTR [rax+0x2c],0x0
    1e:  jne    0x48
    24:  mov    r11d,0x80000000
    2a:  add    r11,rcx
    2d:  movsd  xmm0,QWORD PTR [r11+rsi*1]
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
