/*
 * include/elf.h - ELF64 as the exec loader needs it (System V gABI, x86-64
 * psABI; names as in Linux include/uapi/linux/elf.h), and elf_check(), which
 * decides whether a file header is a program faultline can load.
 */
#ifndef _FAULTLINE_ELF_H
#define _FAULTLINE_ELF_H
#include "types.h"

typedef u64 Elf64_Addr;
typedef u64 Elf64_Off;
typedef u16 Elf64_Half;
typedef u32 Elf64_Word;
typedef s32 Elf64_Sword;
typedef u64 Elf64_Xword;
typedef s64 Elf64_Sxword;

/* e_ident[] */
#define EI_NIDENT 16
#define EI_MAG0 0
#define EI_MAG1 1
#define EI_MAG2 2
#define EI_MAG3 3
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define EI_OSABI 7
#define ELFMAG "\177ELF"
#define SELFMAG 4
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2
#define EV_CURRENT 1

/* e_type */
#define ET_NONE 0
#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3
#define ET_CORE 4

/* e_machine */
#define EM_X86_64 62

/* p_type */
#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_SHLIB 5
#define PT_PHDR 6
#define PT_TLS 7
#define PT_GNU_EH_FRAME 0x6474e550
#define PT_GNU_STACK 0x6474e551
#define PT_GNU_RELRO 0x6474e552
#define PT_GNU_PROPERTY 0x6474e553

/* p_flags */
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

/* Auxiliary vector types (Linux include/uapi/linux/auxvec.h; docs/linux-abi.md §9). */
#define AT_NULL 0
#define AT_IGNORE 1
#define AT_EXECFD 2
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_NOTELF 10
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_BASE_PLATFORM 24
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_RSEQ_FEATURE_SIZE 27
#define AT_RSEQ_ALIGN 28
#define AT_EXECFN 31
#define AT_SYSINFO_EHDR 33
#define AT_MINSIGSTKSZ 51

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	Elf64_Half e_type;
	Elf64_Half e_machine;
	Elf64_Word e_version;
	Elf64_Addr e_entry;
	Elf64_Off e_phoff;
	Elf64_Off e_shoff;
	Elf64_Word e_flags;
	Elf64_Half e_ehsize;
	Elf64_Half e_phentsize;
	Elf64_Half e_phnum;
	Elf64_Half e_shentsize;
	Elf64_Half e_shnum;
	Elf64_Half e_shstrndx;
} Elf64_Ehdr;
_Static_assert(sizeof(Elf64_Ehdr) == 64, "ELF64 file header is 64 bytes");

typedef struct {
	Elf64_Word p_type;
	Elf64_Word p_flags;
	Elf64_Off p_offset;
	Elf64_Addr p_vaddr;
	Elf64_Addr p_paddr;
	Elf64_Xword p_filesz;
	Elf64_Xword p_memsz;
	Elf64_Xword p_align;
} Elf64_Phdr;
_Static_assert(sizeof(Elf64_Phdr) == 56, "ELF64 program header is 56 bytes");

#define ELF_EXEC_PAGESIZE 4096		/* Linux asm/elf.h: the mapping granule for segments */
#define ELF_USER_TOP 0x7ffffffff000UL	/* = TASK_SIZE_MAX: a segment must end at or below it */
#define ELF_MAX_PHNUM 64		/* more program headers than any sane static binary has */
#define ELF_MAX_LOAD 16			/* PT_LOAD segments kept in struct elf_info */
#define ELF_INTERP_MAX 4096		/* PATH_MAX: the longest PT_INTERP path, NUL included */

/* What exec needs to know about a checked program; no pointers into the file but phdr_table. */
struct elf_info {
	u16 type;			/* ET_EXEC or ET_DYN */
	u64 entry;			/* e_entry; for ET_DYN relative to the load base */
	u64 phoff;			/* e_phoff */
	u16 phnum;			/* e_phnum (AT_PHNUM) */
	const void *phdr_table;		/* the table inside the caller's buffer; may be unaligned */
	u64 phdr_vaddr;			/* where the table is mapped (AT_PHDR, before the ET_DYN base), 0 if not */
	u32 nload;
	Elf64_Phdr load[ELF_MAX_LOAD];	/* PT_LOAD entries, in file order */
	u64 load_lo;			/* lowest p_vaddr of a PT_LOAD */
	u64 load_hi;			/* highest p_vaddr + p_memsz of a PT_LOAD (not page-rounded) */
	bool has_dynamic;		/* PT_DYNAMIC: a static PIE relocates itself through it */
	bool has_tls;
	Elf64_Phdr tls;			/* PT_TLS, valid if has_tls */
	bool exec_stack;		/* PT_GNU_STACK has PF_X; absent means not executable */
	bool bad_load;			/* a PT_LOAD that cannot be mapped: fatal after exec commits */
	bool has_interp;		/* PT_INTERP: a dynamic program */
	u64 interp_offset, interp_size;	/* where its path is in the file (with the NUL) */
};

/*
 * Check the file header and program header table at the start of a file.
 * @hdr: the first @len bytes of the file (at least the header and the whole
 * program header table, which usually sits right after it).
 * => 0 and *out filled (out->bad_load and out->has_interp for exec to act
 *    on), or -ENOEXEC: not an x86-64 ELF executable or static PIE.
 */
int elf_check(const void *hdr, size_t len, struct elf_info *out);

#endif
