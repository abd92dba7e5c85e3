     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x56
    12:  xor    eax,eax
    14:  mov    r11,QWORD PTR [rdi+0x8]
    18:  cmp    DWORD PTR [r11+0x2c],0x0
    1d:  jne    0x66
    23:  nop    WORD PTR [rax+rax*1+0x0]
    2c:  nop    DWORD PTR [rax+0x0]
    30:  mov    r11,QWORD PTR [rdi+0x8]
    34:  cmp    DWORD PTR [r11+0x2c],0x0
    39:  jne    0x76
    3f:  test   esi,esi
    41:  je     0x51
    47:  add    eax,esi
    49:  sub    esi,0x1
    4c:  jmp    0x30
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
    7a:  mov    esi,0xb
    7f:  mov    rax,QWORD PTR [rdi+0x8]
    83:  call   QWORD PTR [rax+0x20]

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
