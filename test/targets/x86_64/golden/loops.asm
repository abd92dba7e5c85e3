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
    15:  jb     0x188
    1b:  mov    rax,QWORD PTR [rbp+0x10]
    1f:  mov    rcx,QWORD PTR [rbp+0x18]
    23:  mov    rdx,QWORD PTR [rbp+0x20]
    27:  mov    r8,QWORD PTR [rdi+0x8]
    2b:  mov    rdi,QWORD PTR [rdi+0x10]
    2f:  xor    r10d,r10d
    32:  cmp    DWORD PTR [r8+0x2c],0x0
    37:  jne    0x198
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
    90:  cmp    DWORD PTR [r8+0x2c],0x0
    95:  jne    0x1a8
    9b:  mov    r9,rax
    9e:  imul   r9d,esi
    a2:  xor    edx,edx
    a4:  nop    WORD PTR [rax+rax*1+0x0]
    ad:  nop    DWORD PTR [rax]
    b0:  cmp    DWORD PTR [r8+0x2c],0x0
    b5:  jne    0x1b8
    bb:  mov    r13,r9
    be:  add    r13d,edx
    c1:  shl    r13d,0x2
    c5:  mov    ebx,0x400
    ca:  add    ebx,r13d
    cd:  mov    ebx,DWORD PTR [rdi+rbx*1]
    d0:  mov    r13,rdx
    d3:  imul   r13d,esi
    d7:  xor    r12d,r12d
    da:  nop    WORD PTR [rax+rax*1+0x0]
    e0:  cmp    DWORD PTR [r8+0x2c],0x0
    e5:  jne    0x1c8
    eb:  mov    rcx,r9
    ee:  add    ecx,r12d
    f1:  shl    ecx,0x2
    f4:  mov    r14d,0x2000
    fa:  add    r14d,ecx
    fd:  lea    rcx,[rdi+r14*1]
   101:  mov    r14d,DWORD PTR [rcx]
   104:  mov    r10,r13
   107:  add    r10d,r12d
   10a:  shl    r10d,0x2
   10e:  mov    r15d,0x1000
   114:  add    r15d,r10d
   117:  mov    r10d,DWORD PTR [rdi+r15*1]
   11b:  mov    r15,rbx
   11e:  imul   r15d,r10d
   122:  add    r14d,r15d
   125:  mov    DWORD PTR [rcx],r14d
   128:  add    r12d,0x1
   12c:  cmp    r12d,esi
   12f:  jb     0xe0
   135:  add    edx,0x1
   138:  cmp    edx,esi
   13a:  jb     0xb0
   140:  add    eax,0x1
   143:  cmp    eax,esi
   145:  jb     0x90
   14b:  mov    r12,QWORD PTR [rsp+0x18]
   150:  mov    rax,QWORD PTR [rsp+0x10]
   155:  add    eax,r12d
   158:  mov    rdx,QWORD PTR [rsp+0x28]
   15d:  mov    rcx,QWORD PTR [rsp+0x20]
   162:  add    ecx,edx
   164:  add    eax,ecx
   166:  mov    rcx,QWORD PTR [rsp]
   16a:  mov    rdx,QWORD PTR [rsp+0x8]
   16f:  add    edx,ecx
   171:  add    edx,r12d
   174:  add    eax,edx
   176:  lea    rsp,[rbp-0x30]
   17a:  pop    r15
   17c:  pop    r14
   17e:  pop    r13
   180:  pop    r12
   182:  pop    rbx
   183:  mov    rsp,rbp
   186:  pop    rbp
   187:  ret
   188:  mov    rdi,QWORD PTR [rbp-0x8]
   18c:  mov    esi,0xa
   191:  mov    rax,QWORD PTR [rdi+0x8]
   195:  call   QWORD PTR [rax+0x20]
   198:  mov    rdi,QWORD PTR [rbp-0x8]
   19c:  mov    esi,0xb
   1a1:  mov    rax,QWORD PTR [rdi+0x8]
   1a5:  call   QWORD PTR [rax+0x20]
   1a8:  mov    rdi,QWORD PTR [rbp-0x8]
   1ac:  mov    esi,0xb
   1b1:  mov    rax,QWORD PTR [rdi+0x8]
   1b5:  call   QWORD PTR [rax+0x20]
   1b8:  mov    rdi,QWORD PTR [rbp-0x8]
   1bc:  mov    esi,0xb
   1c1:  mov    rax,QWORD PTR [rdi+0x8]
   1c5:  call   QWORD PTR [rax+0x20]
   1c8:  mov    rdi,QWORD PTR [rbp-0x8]
   1cc:  mov    esi,0xb
   1d1:  mov    rax,QWORD PTR [rdi+0x8]
   1d5:  call   QWORD PTR [rax+0x20]
