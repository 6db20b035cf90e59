/* The multiboot2 boot information GRUB hands us (multiboot2 spec §3.6). */
#ifndef _FAULTLINE_MULTIBOOT2_H
#define _FAULTLINE_MULTIBOOT2_H
#include <types.h>

#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289
#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_BOOTLOADER 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_TAG_EFI64 12
#define MB2_TAG_ALIGN 8
#define MB2_MEMORY_AVAILABLE 1
#define MB2_MEMORY_RESERVED 2
#define MB2_MEMORY_ACPI_RECLAIMABLE 3
#define MB2_MEMORY_NVS 4
#define MB2_MEMORY_BADRAM 5

struct mb2_tag { u32 type, size; };
struct mb2_tag_string { u32 type, size; char string[]; };
struct mb2_tag_module { u32 type, size; u32 mod_start, mod_end; char cmdline[]; };
struct mb2_mmap_entry { u64 addr, len; u32 type, zero; };
struct mb2_tag_mmap { u32 type, size, entry_size, entry_version; struct mb2_mmap_entry entries[]; };

#define COMMAND_LINE_SIZE 2048   /* Linux x86: COMMAND_LINE_SIZE */
#define MAX_MODULES 8
#define MAX_MEMMAP 64

struct boot_module { u64 start, end; char name[64]; };
struct boot_params {
	char cmdline[COMMAND_LINE_SIZE];
	bool cmdline_truncated;
	char bootloader[64];
	int nr_modules;
	struct boot_module modules[MAX_MODULES];
	int nr_memmap;
	struct mb2_mmap_entry memmap[MAX_MEMMAP];
	bool efi;
	u64 info_start, info_end;   /* the boot information itself, physical */
};

extern struct boot_params boot_params;
int parse_boot_info(u32 magic, u64 info_phys);

#endif
