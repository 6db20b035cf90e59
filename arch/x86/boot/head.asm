; arch/x86/boot/head.asm - from GRUB's 32-bit protected mode to 64-bit C in the higher half.
;
; GRUB (multiboot2 §3.3) enters startup_32 with paging off, EAX = 0x36d76289 and
; EBX = the physical address of the boot information.  This file:
;   1. checks that the CPU can run us (CPUID, long mode, NX) and says so on COM1 if not;
;   2. builds early 4-level tables that map the first 4 GiB three times:
;      identity (so the instruction after "enable paging" still exists),
;      the direct map at 0xffff888000000000 (Linux's page_offset_base) and
;      the kernel image window at 0xffffffff80000000 (Linux's __START_KERNEL_map);
;   3. turns on PAE, EFER.LME + EFER.NXE and paging, far-jumps into 64-bit code,
;      and then jumps to the higher-half address of startup_64.
; arch/x86/mm/init.c later replaces these tables with ones built in C with least privilege.

%define KERNEL_VIRT      0xffffffff80000000
%define PAGE_OFFSET      0xffff888000000000

CR0_PG      equ 1 << 31
CR0_WP      equ 1 << 16
CR4_PAE     equ 1 << 5
MSR_EFER    equ 0xc0000080
EFER_LME    equ 1 << 8
EFER_NXE    equ 1 << 11
CPUID_EXT_FEATURES equ 0x80000001
CPUID_EXT_LM equ 1 << 29     ; EDX bit 29: long mode
CPUID_EXT_NX equ 1 << 20     ; EDX bit 20: execute disable
EFLAGS_ID   equ 1 << 21
PTE_P       equ 1 << 0
PTE_RW      equ 1 << 1
PTE_PSE     equ 1 << 7
COM1        equ 0x3f8
EARLY_GB    equ 4            ; GiB mapped by the early tables
BOOT_CS     equ 0x10         ; same selector as Linux's __KERNEL_CS
BOOT_DS     equ 0x18

section .boot.text progbits alloc exec nowrite align=16
bits 32
global startup_32
startup_32:
	cli
	cld
	mov esp, boot32_stack_top
	mov [mb_magic], eax              ; kept for start_kernel
	mov [mb_info], ebx
	call serial_init32

	; CPUID exists if EFLAGS.ID can be toggled.
	pushfd
	pop eax
	mov ecx, eax
	xor eax, EFLAGS_ID
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	cmp eax, ecx
	je .no_long_mode

	mov eax, 0x80000000              ; highest extended leaf
	cpuid
	cmp eax, CPUID_EXT_FEATURES
	jb .no_long_mode
	mov eax, CPUID_EXT_FEATURES
	cpuid
	test edx, CPUID_EXT_LM
	jz .no_long_mode
	test edx, CPUID_EXT_NX
	jz .no_nx

	call build_early_tables

	mov eax, cr4
	or eax, CR4_PAE                  ; 64-bit paging needs PAE entries
	mov cr4, eax
	mov eax, early_pml4
	mov cr3, eax
	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME | EFER_NXE      ; long mode + the NX bit in entries
	wrmsr
	mov eax, cr0
	or eax, CR0_PG | CR0_WP          ; paging on: now in compatibility mode
	mov cr0, eax

	lgdt [early_gdt_ptr]
	jmp BOOT_CS:startup_64_low       ; reload CS with a 64-bit code segment

.no_long_mode:
	mov esi, msg_no_lm
	jmp .die
.no_nx:
	mov esi, msg_no_nx
.die:
	call serial_puts32
.halt:
	hlt
	jmp .halt

; Fill early_pml4/early_pdpt/early_pd with 2 MiB pages covering EARLY_GB GiB.
build_early_tables:
	; four page directories, 512 entries each of 2 MiB
	mov edi, early_pd
	mov eax, PTE_P | PTE_RW | PTE_PSE
	xor edx, edx                     ; high dword of the physical address
	mov ecx, 512 * EARLY_GB
.pd_loop:
	mov [edi], eax
	mov [edi + 4], edx
	add eax, 0x200000
	adc edx, 0
	add edi, 8
	loop .pd_loop
	; low PDPT: entries 0..3 point at the four directories
	mov edi, early_pdpt_low
	mov eax, early_pd + (PTE_P | PTE_RW)
	mov ecx, EARLY_GB
.pdpt_loop:
	mov [edi], eax
	add eax, 4096
	add edi, 8
	loop .pdpt_loop
	; high PDPT: entry 510 (0xffffffff80000000) -> first directory (phys 0..1 GiB)
	mov dword [early_pdpt_high + 510 * 8], early_pd + (PTE_P | PTE_RW)
	; PML4: identity, direct map, kernel window
	mov eax, early_pdpt_low + (PTE_P | PTE_RW)
	mov [early_pml4], eax
	mov [early_pml4 + ((PAGE_OFFSET >> 39) & 511) * 8], eax
	mov dword [early_pml4 + 511 * 8], early_pdpt_high + (PTE_P | PTE_RW)
	ret

; 16550 UART on COM1: 115200 baud, 8N1, FIFO on.  Same settings as drivers/tty/serial.c.
serial_init32:
	mov dx, COM1 + 1
	xor al, al
	out dx, al                       ; no interrupts
	mov dx, COM1 + 3
	mov al, 0x80
	out dx, al                       ; DLAB on to set the divisor
	mov dx, COM1
	mov al, 1
	out dx, al                       ; divisor 1 = 115200 baud
	mov dx, COM1 + 1
	xor al, al
	out dx, al
	mov dx, COM1 + 3
	mov al, 0x03
	out dx, al                       ; 8 bits, no parity, 1 stop, DLAB off
	mov dx, COM1 + 2
	mov al, 0xc7
	out dx, al                       ; enable and clear FIFOs
	ret

; Print the NUL-terminated string at ESI on COM1.
serial_puts32:
	lodsb
	test al, al
	jz .done
	mov ah, al
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20                    ; LSR.THRE: transmit holding register empty
	jz .wait
	mov dx, COM1
	mov al, ah
	out dx, al
	jmp serial_puts32
.done:
	ret

bits 64
startup_64_low:
	mov ax, BOOT_DS
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rax, startup_64              ; an absolute higher-half address
	jmp rax

section .boot.data progbits alloc noexec write align=16
msg_no_lm: db "faultline: this CPU has no long mode (x86-64); it cannot run faultline.", 13, 10, 0
msg_no_nx: db "faultline: this CPU has no NX (execute-disable) bit; faultline needs it for W^X.", 13, 10, 0
global mb_magic, mb_info
align 8
mb_magic: dd 0
mb_info:  dd 0
align 16
early_gdt:
	dq 0                              ; null
	dq 0                              ; unused (Linux: __KERNEL32_CS)
	dq 0x00af9a000000ffff             ; 0x10: 64-bit code, DPL 0
	dq 0x00cf92000000ffff             ; 0x18: data, DPL 0
early_gdt_end:
early_gdt_ptr:
	dw early_gdt_end - early_gdt - 1
	dd early_gdt

section .boot.bss nobits alloc noexec write align=4096
global early_pml4
early_pml4:      resb 4096
early_pdpt_low:  resb 4096
early_pdpt_high: resb 4096
early_pd:        resb 4096 * EARLY_GB
boot32_stack:    resb 4096
boot32_stack_top:

; ---------------------------------------------------------------- 64-bit
section .text
global startup_64
extern start_kernel
startup_64:
	mov rsp, init_stack_top          ; higher-half stack with a guard page below
	xor rbp, rbp                     ; terminate frame-pointer backtraces here
	mov edi, [mb_magic]              ; start_kernel(magic, boot info physical address)
	mov esi, [mb_info]
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang

; The first task's kernel stack.  The page below it is left unmapped by
; arch/x86/mm/init.c, so an overflow faults instead of corrupting .bss.
section .bss.stack nobits alloc noexec write align=4096
global init_stack_guard, init_stack, init_stack_top
init_stack_guard: resb 4096
init_stack:       resb 16384
init_stack_top:
