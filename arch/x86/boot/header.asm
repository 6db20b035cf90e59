; arch/x86/boot/header.asm - the multiboot2 header GRUB looks for in the first 32 KiB.
; Spec: multiboot2 §3.1 (magic 0xe85250d6, arch 0 = i386 protected mode,
; checksum makes the four header fields sum to zero, tags end with type 0).

MB2_MAGIC        equ 0xe85250d6
MB2_ARCH_I386    equ 0
MB2_TAG_END      equ 0
MB2_TAG_ALIGN    equ 6        ; "module alignment": load modules page-aligned
MB2_TAG_OPTIONAL equ 1

section .multiboot2 progbits alloc noexec nowrite align=8
header_start:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd header_end - header_start
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (header_end - header_start))
	; module alignment tag: the RAM disk is then page aligned, so the
	; direct map hands it out page by page without copying.
	align 8
	dw MB2_TAG_ALIGN, 0
	dd 8
	; end tag
	align 8
	dw MB2_TAG_END, 0
	dd 8
header_end:
