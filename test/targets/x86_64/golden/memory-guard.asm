     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x1f
    12:  mov    rax,QWORD PTR [rdi+0x10]
    16:  mov    eax,DWORD PTR [rax+rsi*1+0x8]
    1a:  mov    rsp,rbp
    1d:  pop    rbp
    1e:  ret
    1f:  mov    rdi,QWORD PTR [rbp-0x8]
    23:  mov    esi,0xa
    28:  mov    rax,QWORD PTR [rdi+0x8]
    2c:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x20
    12:  mov    rax,QWORD PTR [rdi+0x10]
    16:  mov    QWORD PTR [rax+rsi*1+0x10],rdx
    1b:  mov    rsp,rbp
    1e:  pop    rbp
    1f:  ret
    20:  mov    rdi,QWORD PTR [rbp-0x8]
    24:  mov    esi,0xa
    29:  mov    rax,QWORD PTR [rdi+0x8]
    2d:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2a
    12:  mov    rax,QWORD PTR [rdi+0x10]
    16:  mov    r11d,0x80000000
    1c:  add    r11,rax
    1f:  movsd  xmm0,QWORD PTR [r11+rsi*1]
    25:  mov    rsp,rbp
    28:  pop    rbp
    29:  ret
    2a:  mov    rdi,QWORD PTR [rbp-0x8]
    2e:  mov    esi,0xa
    33:  mov    rax,QWORD PTR [rdi+0x8]
    37:  call   QWORD PTR [rax+0x20]
