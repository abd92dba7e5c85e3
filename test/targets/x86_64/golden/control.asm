     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x49
    12:  xor    eax,eax
    14:  mov    r11,QWORD PTR [rdi+0x8]
    18:  cmp    DWORD PTR [r11+0x2c],0x0
    1d:  jne    0x59
    23:  mov    r11,QWORD PTR [rdi+0x8]
    27:  cmp    DWORD PTR [r11+0x2c],0x0
    2c:  jne    0x69
    32:  test   esi,esi
    34:  je     0x44
    3a:  add    eax,esi
    3c:  sub    esi,0x1
    3f:  jmp    0x23
    44:  mov    rsp,rbp
    47:  pop    rbp
    48:  ret
    49:  mov    rdi,QWORD PTR [rbp-0x8]
    4d:  mov    esi,0xa
    52:  mov    rax,QWORD PTR [rdi+0x8]
    56:  call   QWORD PTR [rax+0x20]
    59:  mov    rdi,QWORD PTR [rbp-0x8]
    5d:  mov    esi,0xb
    62:  mov    rax,QWORD PTR [rdi+0x8]
    66:  call   QWORD PTR [rax+0x20]
    69:  mov    rdi,QWORD PTR [rbp-0x8]
    6d:  mov    esi,0xb
    72:  mov    rax,QWORD PTR [rdi+0x8]
    76:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x30
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x40
    21:  mov    rax,rcx
    24:  cmp    esi,0xa
    27:  cmovl  rax,rdx
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
     c:  jb     0x59
    12:  mov    r11,QWORD PTR [rdi+0x8]
    16:  cmp    DWORD PTR [r11+0x2c],0x0
    1b:  jne    0x69
    21:  cmp    esi,0x2
    24:  jae    0x4f
    2a:  lea    r11,[rip+0x4b]        # 0x7c
    31:  movsxd rax,DWORD PTR [r11+rsi*4]
    35:  add    r11,rax
    38:  jmp    r11
    3b:  mov    eax,0xa
    40:  mov    rsp,rbp
    43:  pop    rbp
    44:  ret
    45:  mov    eax,0x14
    4a:  mov    rsp,rbp
    4d:  pop    rbp
    4e:  ret
    4f:  mov    eax,0x1e
    54:  mov    rsp,rbp
    57:  pop    rbp
    58:  ret
    59:  mov    rdi,QWORD PTR [rbp-0x8]
    5d:  mov    esi,0xa
    62:  mov    rax,QWORD PTR [rdi+0x8]
    66:  call   QWORD PTR [rax+0x20]
    69:  mov    rdi,QWORD PTR [rbp-0x8]
    6d:  mov    esi,0xb
    72:  mov    rax,QWORD PTR [rdi+0x8]
    76:  call   QWORD PTR [rax+0x20]
    79:  int3
    7a:  int3
    7b:  int3
