     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x1c
    12:  mov    rax,rsi
    15:  add    eax,edx
    17:  mov    rsp,rbp
    1a:  pop    rbp
    1b:  ret
    1c:  mov    rdi,QWORD PTR [rbp-0x8]
    20:  mov    esi,0xa
    25:  mov    rax,QWORD PTR [rdi+0x8]
    29:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x22
    12:  imul   rax,rsi,0x7
    16:  shl    rdx,0x3
    1a:  xor    rax,rdx
    1d:  mov    rsp,rbp
    20:  pop    rbp
    21:  ret
    22:  mov    rdi,QWORD PTR [rbp-0x8]
    26:  mov    esi,0xa
    2b:  mov    rax,QWORD PTR [rdi+0x8]
    2f:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x47
    12:  mov    rcx,rdx
    15:  test   ecx,ecx
    17:  je     0x57
    1d:  cmp    esi,0x80000000
    23:  sete   al
    26:  movzx  eax,al
    29:  cmp    ecx,0xffffffff
    2c:  sete   dl
    2f:  movzx  edx,dl
    32:  and    eax,edx
    34:  test   eax,eax
    36:  jne    0x67
    3c:  mov    rax,rsi
    3f:  cdq
    40:  idiv   ecx
    42:  mov    rsp,rbp
    45:  pop    rbp
    46:  ret
    47:  mov    rdi,QWORD PTR [rbp-0x8]
    4b:  mov    esi,0xa
    50:  mov    rax,QWORD PTR [rdi+0x8]
    54:  call   QWORD PTR [rax+0x20]
    57:  mov    rdi,QWORD PTR [rbp-0x8]
    5b:  mov    esi,0x7
    60:  mov    rax,QWORD PTR [rdi+0x8]
    64:  call   QWORD PTR [rax+0x20]
    67:  mov    rdi,QWORD PTR [rbp-0x8]
    6b:  mov    esi,0x8
    70:  mov    rax,QWORD PTR [rdi+0x8]
    74:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x3f
    12:  mov    rcx,rdx
    15:  test   rcx,rcx
    18:  je     0x4f
    1e:  mov    rax,rsi
    21:  cmp    rcx,0xffffffffffffffff
    25:  jne    0x32
    2b:  xor    eax,eax
    2d:  jmp    0x3a
    32:  cqo
    34:  idiv   rcx
    37:  mov    rax,rdx
    3a:  mov    rsp,rbp
    3d:  pop    rbp
    3e:  ret
    3f:  mov    rdi,QWORD PTR [rbp-0x8]
    43:  mov    esi,0xa
    48:  mov    rax,QWORD PTR [rdi+0x8]
    4c:  call   QWORD PTR [rax+0x20]
    4f:  mov    rdi,QWORD PTR [rbp-0x8]
    53:  mov    esi,0x7
    58:  mov    rax,QWORD PTR [rdi+0x8]
    5c:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x3c
    12:  mov    r11d,0x3f
    18:  bsr    eax,esi
    1b:  cmove  eax,r11d
    1f:  xor    eax,0x1f
    22:  mov    r11d,0x20
    28:  bsf    ecx,esi
    2b:  cmove  ecx,r11d
    2f:  add    eax,ecx
    31:  popcnt ecx,esi
    35:  add    eax,ecx
    37:  mov    rsp,rbp
    3a:  pop    rbp
    3b:  ret
    3c:  mov    rdi,QWORD PTR [rbp-0x8]
    40:  mov    esi,0xa
    45:  mov    rax,QWORD PTR [rdi+0x8]
    49:  call   QWORD PTR [rax+0x20]

     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  sub    rsp,0x8
     9:  cmp    rsp,QWORD PTR [rdi]
     c:  jb     0x1f
    12:  mov    rax,rsi
    15:  mov    rcx,rdx
    18:  rol    eax,cl
    1a:  mov    rsp,rbp
    1d:  pop    rbp
    1e:  ret
    1f:  mov    rdi,QWORD PTR [rbp-0x8]
    23:  mov    esi,0xa
    28:  mov    rax,QWORD PTR [rdi+0x8]
    2c:  call   QWORD PTR [rax+0x20]
