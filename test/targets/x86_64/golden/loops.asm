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
    15:  jb     0x178
    1b:  mov    rax,QWORD PTR [rbp+0x10]
    1f:  mov    rcx,QWORD PTR [rbp+0x18]
    23:  mov    rdx,QWORD PTR [rbp+0x20]
    27:  mov    r8,QWORD PTR [rdi+0x10]
    2b:  xor    r10d,r10d
    2e:  mov    r11,QWORD PTR [rdi+0x8]
    32:  cmp    DWORD PTR [r11+0x2c],0x0
    37:  jne    0x188
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
    85:  mov    r11,QWORD PTR [rdi+0x8]
    89:  cmp    DWORD PTR [r11+0x2c],0x0
    8e:  jne    0x198
    94:  mov    r9,rax
    97:  imul   r9d,esi
    9b:  xor    edx,edx
    9d:  mov    r11,QWORD PTR [rdi+0x8]
    a1:  cmp    DWORD PTR [r11+0x2c],0x0
    a6:  jne    0x1a8
    ac:  mov    r13,r9
    af:  add    r13d,edx
    b2:  shl    r13d,0x2
    b6:  mov    ebx,0x400
    bb:  add    ebx,r13d
    be:  mov    ebx,DWORD PTR [r8+rbx*1]
    c2:  mov    r13,rdx
    c5:  imul   r13d,esi
    c9:  xor    r12d,r12d
    cc:  mov    r11,QWORD PTR [rdi+0x8]
    d0:  cmp    DWORD PTR [r11+0x2c],0x0
    d5:  jne    0x1b8
    db:  mov    rcx,r9
    de:  add    ecx,r12d
    e1:  shl    ecx,0x2
    e4:  mov    r14d,0x2000
    ea:  add    r14d,ecx
    ed:  lea    rcx,[r8+r14*1]
    f1:  mov    r14d,DWORD PTR [rcx]
    f4:  mov    r10,r13
    f7:  add    r10d,r12d
    fa:  shl    r10d,0x2
    fe:  mov    r15d,0x1000
   104:  add    r15d,r10d
   107:  mov    r10d,DWORD PTR [r8+r15*1]
   10b:  mov    r15,rbx
   10e:  imul   r15d,r10d
   112:  add    r14d,r15d
   115:  mov    DWORD PTR [rcx],r14d
   118:  add    r12d,0x1
   11c:  cmp    r12d,esi
   11f:  jb     0xcc
   125:  add    edx,0x1
   128:  cmp    edx,esi
   12a:  jb     0x9d
   130:  add    eax,0x1
   133:  cmp    eax,esi
   135:  jb     0x85
   13b:  mov    r12,QWORD PTR [rsp+0x18]
   140:  mov    rax,QWORD PTR [rsp+0x10]
   145:  add    eax,r12d
   148:  mov    rdx,QWORD PTR [rsp+0x28]
   14d:  mov    rcx,QWORD PTR [rsp+0x20]
   152:  add    ecx,edx
   154:  add    eax,ecx
   156:  mov    rcx,QWORD PTR [rsp]
   15a:  mov    rdx,QWORD PTR [rsp+0x8]
   15f:  add    edx,ecx
   161:  add    edx,r12d
   164:  add    eax,edx
   166:  lea    rsp,[rbp-0x30]
   16a:  pop    r15
   16c:  pop    r14
   16e:  pop    r13
   170:  pop    r12
   172:  pop    rbx
   173:  mov    rsp,rbp
   176:  pop    rbp
   177:  ret
   178:  mov    rdi,QWORD PTR [rbp-0x8]
   17c:  mov    esi,0xa
   181:  mov    rax,QWORD PTR [rdi+0x8]
   185:  call   QWORD PTR [rax+0x20]
   188:  mov    rdi,QWORD PTR [rbp-0x8]
   18c:  mov    esi,0xb
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
