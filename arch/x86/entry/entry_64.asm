; arch/x86/entry/entry_64.asm - every way into the kernel, and back out.
;
; Exceptions and IRQs: one stub per vector pushes a dummy error code where the
; CPU pushes none, then the vector number, and jumps to common_interrupt,
; which saves the rest of a struct pt_regs (Linux's order, see
; include/asm/ptrace.h) and calls do_trap(regs, vector) in arch/x86/kernel/traps.c.
;
; System calls: the syscall instruction lands in entry_SYSCALL_64 with the user
; RIP in RCX, user RFLAGS in R11 and interrupts off (MSR_SYSCALL_MASK).  We
; build the same pt_regs by hand and call do_syscall_64(regs).
;
; faultline runs on one CPU and never uses GS in the kernel, so there is no
; swapgs: the syscall entry parks the user RSP in a global instead of a
; per-CPU variable (Linux keeps it in per-CPU cpu_tss_rw.sp2).

%define __KERNEL_DS 0x18
%define __USER_DS   0x2b
%define __USER_CS   0x33
%define TSS_RSP0    4                ; offset of rsp0 in the 64-bit TSS
%define PT_REGS_RCX (14 * 8 - 3 * 8) ; offsets are not needed below; kept for gdb readers

; Restore the general registers saved in a struct pt_regs (rsp at r15),
; leaving rsp at orig_rax.
%macro POP_REGS 0
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	pop r11
	pop r10
	pop r9
	pop r8
	pop rax
	pop rcx
	pop rdx
	pop rsi
	pop rdi
%endmacro

;; The code from here to REGS_CFI_END has a struct pt_regs at rsp + 8; the
;; call frame information at the end of this file tells debuggers so.  The
;; marks are assembly-time constants (offsets in the stub), not labels, so
;; they add no symbols to the kernel's symbol table (oops Call Traces).
%macro REGS_CFI_BEGIN 1
%{1}_cfi_begin equ $ - %1
%endmacro
%macro REGS_CFI_END 1
%{1}_cfi_end equ $ - %1
%endmacro

extern do_trap, do_syscall_64, cpu_tss, syscall_exit_to_user_mode, schedule_tail

section .text

; ------------------------------------------------------------ trap stubs
%macro TRAP_NOERR 1
trap_%1:
	push 0                           ; no hardware error code: keep the layout
	push %1                          ; vector, swapped into rdi's slot below
	jmp common_interrupt
%endmacro
%macro TRAP_ERR 1
trap_%1:
	push %1                          ; the CPU already pushed the error code
	jmp common_interrupt
%endmacro

; Vectors that push an error code: 8 #DF, 10 #TS, 11 #NP, 12 #SS, 13 #GP,
; 14 #PF, 17 #AC, 21 #CP, 29 #VC, 30 #SX (SDM vol. 3 table 6-1).
%assign v 0
%rep 48
%if v == 8 || v == 10 || v == 11 || v == 12 || v == 13 || v == 14 || v == 17 || v == 21 || v == 29 || v == 30
	TRAP_ERR v
%else
	TRAP_NOERR v
%endif
%assign v v + 1
%endrep

; Table of the stubs' addresses for arch/x86/kernel/traps.c to put in the IDT.
section .rodata
global trap_stubs
trap_stubs:
%assign v 0
%rep 48
	dq trap_ %+ v
%assign v v + 1
%endrep

section .text
global common_interrupt
common_interrupt:
	; stack: vector, error code, rip, cs, rflags, rsp, ss
	xchg rdi, [rsp]                  ; rdi = vector; its slot now holds the user's rdi
	push rsi
	push rdx
	push rcx
	push rax
	push r8
	push r9
	push r10
	push r11
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15                         ; rsp now points at a complete struct pt_regs
	cld                              ; the C ABI wants DF clear
	mov rsi, rdi                     ; arg 2: vector
	mov rdi, rsp                     ; arg 1: regs
	; The CPU aligned rsp to 16 before its 5-word frame, so pt_regs (21 words)
	; starts at 8 mod 16; the C ABI wants 16-byte alignment at each call
	; (fxsave and SSE spills depend on it).
	sub rsp, 8
REGS_CFI_BEGIN common_interrupt         ; pt_regs at rsp + 8 (see "call frame information")
	call do_trap
	add rsp, 8
REGS_CFI_END common_interrupt
global ret_from_trap
ret_from_trap:
	POP_REGS
	add rsp, 8                       ; drop orig_rax / error code
	iretq

; ------------------------------------------------------------ syscall
section .bss
user_rsp_scratch: resq 1

section .text
global entry_SYSCALL_64
entry_SYSCALL_64:
	mov [rel user_rsp_scratch], rsp  ; user stack, untrusted: only stored
	mov rsp, [rel cpu_tss + TSS_RSP0] ; this task's kernel stack top
	push __USER_DS                   ; pt_regs.ss
	push qword [rel user_rsp_scratch] ; pt_regs.rsp
	push r11                         ; pt_regs.eflags (syscall saved them in r11)
	push __USER_CS                   ; pt_regs.cs
	push rcx                         ; pt_regs.rip (syscall saved it in rcx)
	push rax                         ; pt_regs.orig_rax = syscall number
	push rdi
	push rsi
	push rdx
	push rcx
	push -38                         ; pt_regs.rax = -ENOSYS until a handler answers
	push r8
	push r9
	push r10
	push r11
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	cld
	mov rdi, rsp
	sub rsp, 8                       ; 16-byte alignment for C (see common_interrupt)
REGS_CFI_BEGIN entry_SYSCALL_64
	call do_syscall_64               ; returns 1 if SYSRET is safe, 0 for IRET
	add rsp, 8
REGS_CFI_END entry_SYSCALL_64
	test eax, eax
	jz ret_from_trap
	; SYSRET path: do_syscall_64 checked rcx == rip, r11 == eflags, a canonical
	; user rip and the user selectors (Linux: entry_SYSCALL_64's checks).
	POP_REGS                         ; r11 = user rflags, rcx = user rip, rax = result
	cli                              ; no interrupt between the user rsp load and sysret
	mov rsp, [rsp + 4 * 8]           ; skip orig_rax, rip, cs, eflags: load user rsp
	o64 sysret                       ; back to ring 3: rip = rcx, rflags = r11

; ------------------------------------------------------------ context switch
; void __switch_to_asm(u64 *prev_sp, u64 next_sp)
; Saves the callee-saved registers of the current task on its stack, stores
; its rsp, and resumes the next task where it called this (or at
; ret_from_fork for a new one).
global __switch_to_asm
__switch_to_asm:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret

; The first user process starts as a kernel thread: rbx = fn, r12 = arg
; (set up by kernel_thread).  fn execs a program into our pt_regs, then we
; leave for user mode the usual way.
global ret_from_kernel_thread
ret_from_kernel_thread:
	sub rsp, 8                       ; rsp = pt_regs, 8 mod 16: realign for C
REGS_CFI_BEGIN ret_from_kernel_thread
	call schedule_tail
	mov rdi, r12
	call rbx
	lea rdi, [rsp + 8]
	call syscall_exit_to_user_mode
	add rsp, 8
REGS_CFI_END ret_from_kernel_thread
	jmp ret_from_trap

; A new task's first switch returns here; its pt_regs sit right above.
global ret_from_fork
ret_from_fork:
	sub rsp, 8                       ; rsp = pt_regs, 8 mod 16: realign for C
REGS_CFI_BEGIN ret_from_fork
	call schedule_tail
	lea rdi, [rsp + 8]
	call syscall_exit_to_user_mode   ; signals, then IRET to the child's user state
	add rsp, 8
REGS_CFI_END ret_from_fork
	jmp ret_from_trap

; ------------------------------------------------------------ call frame information
; For debuggers only (nothing here runs): DWARF CFI in .debug_frame, so
; that gdb's "bt" from anywhere under do_trap or do_syscall_64 goes on
; through the trap frame to the RIP that was interrupted, and stops there if
; it was user code.  NASM has no .cfi_* directives, so the CIEs and FDEs are
; written out byte by byte (DWARF 5 section 6.4; the DW_* values are its
; section 7.24; register numbers from the x86-64 psABI: rax 0, rdx 1, rcx 2,
; rbx 3, rsi 4, rdi 5, rbp 6, rsp 7, r8-r15 8-15, the return address 16).
;
; 1. The trap frame.  Between each REGS_CFI_BEGIN and REGS_CFI_END above,
;    a struct pt_regs sits at rsp + 8.  The caller's registers are its
;    fields, and the caller's rsp (the CFA) is regs->rsp.  Augmentation "S"
;    marks it a signal frame, as Linux's entry code and glibc's signal
;    trampoline do: the interrupted RIP is not a return address, so the
;    debugger looks up that very instruction, not the one before it (a fault
;    on a function's first instruction would otherwise be shown in the
;    function before it), and does not compare the user stack with the
;    kernel stack ("previous frame inner to this frame").
; 2. User space.  One FDE covers [0, 2^47) and says the return address is
;    undefined there: the DWARF way to mark the outermost frame (glibc's
;    _start: ".cfi_undefined rip").  kernel.elf has no unwind information
;    for user code, and guessing from the user stack gives garbage frames.
;    (gdb's "add-symbol-file" of the program does not change this: the
;    backtrace ends at the user RIP.)
%define DW_CIE_ID                0xffffffff   ; .debug_frame's CIE marker
%define DW_CIE_VERSION           1
%define DW_CFA_nop               0x00
%define DW_CFA_undefined         0x07
%define DW_CFA_def_cfa           0x0c
%define DW_CFA_def_cfa_expression 0x0f
%define DW_CFA_expression        0x10
%define DW_OP_deref              0x06
%define DW_OP_breg7              0x77         ; rsp + SLEB128 offset
%define DWARF_REG_RSP            7
%define DWARF_REG_RA             16           ; the return address column (RIP)
%define USER_SPACE_END           0x800000000000 ; 2^47: the canonical lower half
%define REGS_ABOVE_RSP           8            ; "sub rsp, 8" before each call
; struct pt_regs offsets (include/asm/ptrace.h, the push order above)
%define PT_R15 0
%define PT_R14 8
%define PT_R13 16
%define PT_R12 24
%define PT_RBP 32
%define PT_RBX 40
%define PT_R11 48
%define PT_R10 56
%define PT_R9 64
%define PT_R8 72
%define PT_RAX 80
%define PT_RCX 88
%define PT_RDX 96
%define PT_RSI 104
%define PT_RDI 112
%define PT_RIP 128
%define PT_RSP 152

; DW_OP_breg7 (rsp + REGS_ABOVE_RSP + %1): 3 bytes, the offset as a
; two-byte SLEB128 (every offset here is below 8192).
%macro BREG_RSP_REGS 1
	db DW_OP_breg7, ((REGS_ABOVE_RSP + %1) & 0x7f) | 0x80, (REGS_ABOVE_RSP + %1) >> 7
%endmacro
; Register %1 (DWARF number) was saved in pt_regs at offset %2.
%macro SAVED_IN_REGS 2
	db DW_CFA_expression, %1, 3
	BREG_RSP_REGS %2
%endmacro
%macro CIE_HEADER 1                              ; %1: augmentation string
	dd DW_CIE_ID
	db DW_CIE_VERSION
	db %1, 0
	db 1                             ; code alignment factor (ULEB128)
	db 0x78                          ; data alignment factor -8 (SLEB128)
	db DWARF_REG_RA
%endmacro
; An FDE of pt_regs_cie for stub %1's REGS_CFI_BEGIN..REGS_CFI_END.
%macro PT_REGS_FDE 1
	dd %%end - %%start
%%start:
	dd pt_regs_cie                   ; CIE pointer: an offset in .debug_frame
	dq %1 + %{1}_cfi_begin           ; initial location
	dq %{1}_cfi_end - %{1}_cfi_begin ; address range
	align 8, db DW_CFA_nop
%%end:
%endmacro

section .debug_frame progbits noalloc noexec nowrite align=8
pt_regs_cie:
	dd .end - .start
.start:
	CIE_HEADER "S"
	db DW_CFA_def_cfa_expression, 4  ; CFA = regs->rsp
	BREG_RSP_REGS PT_RSP
	db DW_OP_deref
	SAVED_IN_REGS 0, PT_RAX
	SAVED_IN_REGS 1, PT_RDX
	SAVED_IN_REGS 2, PT_RCX
	SAVED_IN_REGS 3, PT_RBX
	SAVED_IN_REGS 4, PT_RSI
	SAVED_IN_REGS 5, PT_RDI
	SAVED_IN_REGS 6, PT_RBP
	SAVED_IN_REGS 8, PT_R8
	SAVED_IN_REGS 9, PT_R9
	SAVED_IN_REGS 10, PT_R10
	SAVED_IN_REGS 11, PT_R11
	SAVED_IN_REGS 12, PT_R12
	SAVED_IN_REGS 13, PT_R13
	SAVED_IN_REGS 14, PT_R14
	SAVED_IN_REGS 15, PT_R15
	SAVED_IN_REGS DWARF_REG_RA, PT_RIP
	align 8, db DW_CFA_nop
.end:
	PT_REGS_FDE common_interrupt
	PT_REGS_FDE entry_SYSCALL_64
	PT_REGS_FDE ret_from_kernel_thread
	PT_REGS_FDE ret_from_fork

user_space_cie:
	dd .end - .start
.start:
	CIE_HEADER ""
	db DW_CFA_def_cfa, DWARF_REG_RSP, 8  ; CFA = rsp + 8, as at any call
	align 8, db DW_CFA_nop
.end:
user_space_fde:
	dd .end - .start
.start:
	dd user_space_cie
	dq 0                             ; initial location
	dq USER_SPACE_END                ; address range
	db DW_CFA_undefined, DWARF_REG_RA ; no caller: the outermost frame
	align 8, db DW_CFA_nop
.end:
