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
    15:  jb     0x14e
    1b:  mov    rax,QWORD PTR [rbp+0x10]
    1f:  mov    rcx,QWORD PTR [rbp+0x18]
    23:  mov    rdx,QWORD PTR [rbp+0x20]
    27:  mov    rdi,QWORD PTR [rdi+0x10]
    2b:  xor    r8d,r8d
    2e:  mov    r10,r9
    31:  imul   r10d,eax
    35:  mov    rbx,rcx
    38:  add    ebx,edx
    3a:  mov    r12,r9
    3d:  xor    r12d,edx
    40:  mov    rdx,rax
    43:  sub    edx,ecx
    45:  mov    ecx,0x400
    4a:  mov    r13d,0x2000
    50:  mov    r14d,0x1000
    56:  mov    QWORD PTR [rsp],r9
    5a:  mov    QWORD PTR [rsp+0x8],rax
    5f:  mov    QWORD PTR [rsp+0x10],r10
    64:  mov    QWORD PTR [rsp+0x18],rbx
    69:  mov    QWORD PTR [rsp+0x20],r12
    6e:  mov    QWORD PTR [rsp+0x28],rdx
    73:  mov    r15,r8
    76:  nop    WORD PTR [rax+rax*1+0x0]
    7f:  nop
    80:  mov    rax,r15
    83:  imul   eax,esi
    86:  mov    r9,r8
    89:  nop    DWORD PTR [rax+0x0]
    90:  mov    rdx,rax
    93:  add    edx,r9d
    96:  shl    edx,0x2
    99:  mov    r12d,0x400
    9f:  add    r12d,edx
    a2:  mov    edx,DWORD PTR [rdi+r12*1]
    a6:  mov    r12,r9
    a9:  imul   r12d,esi
    ad:  mov    r10,r8
    b0:  mov    rbx,rax
    b3:  add    ebx,r10d
    b6:  shl    ebx,0x2
    b9:  mov    r13d,0x2000
    bf:  add    r13d,ebx
    c2:  lea    rbx,[rdi+r13*1]
    c6:  mov    r13d,DWORD PTR [rbx]
    c9:  mov    rcx,r12
    cc:  add    ecx,r10d
    cf:  shl    ecx,0x2
    d2:  mov    r14d,0x1000
    d8:  add    r14d,ecx
    db:  mov    ecx,DWORD PTR [rdi+r14*1]
    df:  mov    r14,rdx
    e2:  imul   r14d,ecx
    e6:  add    r13d,r14d
    e9:  mov    DWORD PTR [rbx],r13d
    ec:  add    r10d,0x1
    f0:  cmp    r10d,esi
    f3:  jb     0xb0
    f9:  add    r9d,0x1
    fd:  cmp    r9d,esi
   100:  jb     0x90
   106:  add    r15d,0x1
   10a:  cmp    r15d,esi
   10d:  jb     0x80
   113:  mov    rbx,QWORD PTR [rsp+0x18]
   118:  mov    rax,QWORD PTR [rsp+0x10]
   11d:  add    eax,ebx
   11f:  mov    rdx,QWORD PTR [rsp+0x28]
   124:  mov    rcx,QWORD PTR [rsp+0x20]
   129:  add    ecx,edx
   12b:  add    eax,ecx
   12d:  mov    rcx,QWORD PTR [rsp+0x8]
   132:  mov    rdx,QWORD PTR [rsp]
   136:  add    edx,ecx
   138:  add    edx,ebx
   13a:  add    eax,edx
   13c:  lea    rsp,[rbp-0x30]
   140:  pop    r15
   142:  pop    r14
   144:  pop    r13
   146:  pop    r12
   148:  pop    rbx
   149:  mov    rsp,rbp
   14c:  pop    rbp
   14d:  ret
   14e:  mov    rdi,QWORD PTR [rbp-0x8]
   152:  mov    esi,0xa
   157:  mov    rax,QWORD PTR [rdi+0x8]
   15b:  call   QWORD PTR [rax+0x20]
