     0:  push   rbp
     1:  mov    rbp,rsp
     4:  push   rdi
     5:  push   rbx
     6:  push   r12
     8:  push   r13
     a:  push   r14
     c:  push   r15
     e:  sub    rsp,0x30
    12:  cmp    rsp,QWORD PTR [rdi]
    15:  jb     0x18c
    1b:  mov    rax,QWORD PTR [rbp+0x10]
    1f:  mov    rcx,QWORD PTR [rbp+0x18]
    23:  mov    rdx,QWORD PTR [rbp+0x20]
    27:  mov    r8,QWORD PTR [rdi+0x10]
    2b:  xor    r10d,r10d
    2e:  mov    r11,QWORD PTR [rdi+0x8]
    32:  cmp    DWORD PTR [r11+0x2c],0x0
    37:  jne    0x19c
    3d:  mov    rbx,r9
    40:  imul   ebx,eax
    43:  mov    r12,rcx
    46:  add    r12d,edx
    49:  mov    r13,r9
    4c:  xor    r13d,edx
    4f:  mov    rdx,rax
    52:  sub    edx,ecx
    54:  mov    ecx,0x400
    59:  mov    r14d,0x2000
    5f:  mov    r15d,0x1000
    65:  mov    QWORD PTR [rsp],rax
    69:  mov    QWORD PTR [rsp+0x8],r9
    6e:  mov    QWORD PTR [rsp+0x10],rbx
    73:  mov    QWORD PTR [rsp+0x18],r12
    78:  mov    QWORD PTR [rsp+0x20],r13
    7d:  mov    QWORD PTR [rsp+0x28],rdx
    82:  mov    rax,r10
    85:  nop    WORD PTR [rax+rax*1+0x0]
    8e:  xchg   ax,ax
    90:  mov    r11,QWORD PTR [rdi+0x8]
    94:  cmp    DWORD PTR [r11+0x2c],0x0
    99:  jne    0x1ac
    9f:  mov    r9,rax
    a2:  imul   r9d,esi
    a6:  xor    edx,edx
    a8:  nop    DWORD PTR [rax+rax*1+0x0]
    b0:  mov    r11,QWORD PTR [rdi+0x8]
    b4:  cmp    DWORD PTR [r11+0x2c],0x0
    b9:  jne    0x1bc
    bf:  mov    r13,r9
    c2:  add    r13d,edx
    c5:  shl    r13d,0x2
    c9:  mov    ebx,0x400
    ce:  add    ebx,r13d
    d1:  mov    ebx,DWORD PTR [r8+rbx*1]
    d5:  mov    r13,rdx
    d8:  imul   r13d,esi
    dc:  xor    r12d,r12d
    df:  nop
    e0:  mov    r11,QWORD PTR [rdi+0x8]
    e4:  cmp    DWORD PTR [r11+0x2c],0x0
    e9:  jne    0x1cc
    ef:  mov    rcx,r9
    f2:  add    ecx,r12d
    f5:  shl    ecx,0x2
    f8:  mov    r14d,0x2000
    fe:  add    r14d,ecx
   101:  lea    rcx,[r8+r14*1]
   105:  mov    r14d,DWORD PTR [rcx]
   108:  mov    r10,r13
   10b:  add    r10d,r12d
   10e:  shl    r10d,0x2
   112:  mov    r15d,0x1000
   118:  add    r15d,r10d
   11b:  mov    r10d,DWORD PTR [r8+r15*1]
   11f:  mov    r15,rbx
   122:  imul   r15d,r10d
   126:  add    r14d,r15d
   129:  mov    DWORD PTR [rcx],r14d
   12c:  add    r12d,0x1
   130:  cmp    r12d,esi
   133:  jb     0xe0
   139:  add    edx,0x1
   13c:  cmp    edx,esi
   13e:  jb     0xb0
   144:  add    eax,0x1
   147:  cmp    eax,esi
   149:  jb     0x90
   14f:  mov    r12,QWORD PTR [rsp+0x18]
   154:  mov    rax,QWORD PTR [rsp+0x10]
   159:  add    eax,r12d
   15c:  mov    rdx,QWORD PTR [rsp+0x28]
   161:  mov    rcx,QWORD PTR [rsp+0x20]
   166:  add    ecx,edx
   168:  add    eax,ecx
   16a:  mov    rcx,QWORD PTR [rsp]
   16e:  mov    rdx,QWORD PTR [rsp+0x8]
   173:  add    edx,ecx
   175:  add    edx,r12d
   178:  add    eax,edx
   17a:  lea    rsp,[rbp-0x30]
   17e:  pop    r15
   180:  pop    r14
   182:  pop    r13
   184:  pop    r12
   186:  pop    rbx
   187:  mov    rsp,rbp
   18a:  pop    rbp
   18b:  ret
   18c:  mov    rdi,QWORD PTR [rbp-0x8]
   190:  mov    esi,0xa
   195:  mov    rax,QWORD PTR [rdi+0x8]
   199:  call   QWORD PTR [rax+0x20]
   19c:  mov    rdi,QWORD PTR [rbp-0x8]
   1a0:  mov    esi,0xb
   1a5:  mov    rax,QWORD PTR [rdi+0x8]
   1a9:  call   QWORD PTR [rax+0x20]
   1ac:  mov    rdi,QWORD PTR [rbp-0x8]
   1b0:  mov    esi,0xb
   1b5:  mov    rax,QWORD PTR [rdi+0x8]
   1b9:  call   QWORD PTR [rax+0x20]
   1bc:  mov    rdi,QWORD PTR [rbp-0x8]
   1c0:  mov    esi,0xb
   1c5:  mov    rax,QWORD PTR [rdi+0x8]
   1c9:  call   QWORD PTR [rax+0x20]
   1cc:  mov    rdi,QWORD PTR [rbp-0x8]
   1d0:  mov    esi,0xb
   1d5:  mov    rax,QWORD PTR [rdi+0x8]
   1d9:  call   QWORD PTR [rax+0x20]
