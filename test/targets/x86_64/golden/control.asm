     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x2b
    12:  xor    eax,eax
    14:  test   esi,esi
    16:  je     0x26
    1c:  add    eax,esi
    1e:  sub    esi,0x1
    21:  jmp    0x14
    26:  mov    rsp,rbp
    29:  pop    rbp
    2a:  ret
    2b:  mov    rdi,QWORD PTR [rbp-0x8]
    2f:  mov    esi,0xa
    34:  mov    rax,QWORD PTR [rdi+0x8]
    38:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x21
    12:  mov    rax,rcx
    15:  cmp    esi,0xa
    18:  cmovl  rax,rdx
    1c:  mov    rsp,rbp
    1f:  pop    rbp
    20:  ret
    21:  mov    rdi,QWORD PTR [rbp-0x8]
    25:  mov    esi,0xa
    2a:  mov    rax,QWORD PTR [rdi+0x8]
    2e:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x4a
    12:  cmp    esi,0x2
    15:  jae    0x40
    1b:  lea    r11,[rip+0x3a]        # 0x5c
    22:  movsxd rax,DWORD PTR [r11+rsi*4]
    26:  add    r11,rax
    29:  jmp    r11
    2c:  mov    eax,0xa
    31:  mov    rsp,rbp
    34:  pop    rbp
    35:  ret
    36:  mov    eax,0x14
    3b:  mov    rsp,rbp
    3e:  pop    rbp
    3f:  ret
    40:  mov    eax,0x1e
    45:  mov    rsp,rbp
    48:  pop    rbp
    49:  ret
    4a:  mov    rdi,QWORD PTR [rbp-0x8]
    4e:  mov    esi,0xa
    53:  mov    rax,QWORD PTR [rdi+0x8]
    57:  call   QWORD PTR [rax+0x20]
    5a:  int3
    5b:  int3
