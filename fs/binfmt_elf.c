/*
 * fs/binfmt_elf.c - is this file a program exec can load?
 *
 * elf_check() only reads and decides; exec does the mapping from the
 * struct elf_info it fills. The header comes from the file, so it is
 * untrusted: each field is checked before the next check relies on it, and
 * nothing is read outside [hdr, hdr + len). Fields are copied out with memcpy
 * because the program header table need not be aligned in the buffer.
 *
 * What is accepted (faultline runs static binaries only, linux-abi.md 1):
 *  - ELF64, little-endian, version 1, x86-64, ET_EXEC or ET_DYN (static PIE);
 *  - e_phentsize 56, 1..64 program headers, all inside the buffer;
 *  - every PT_LOAD with p_filesz <= p_memsz, p_offset and p_vaddr equal modulo
 *    the page size (else the file page cannot be mapped at that address), and
 *    p_vaddr + p_memsz neither wrapping nor above the user address space;
 *  - at least one PT_LOAD and no PT_INTERP (that is a dynamic program, which
 *    needs a loader we do not have).
 * Like Linux's binfmt_elf, the section headers are ignored.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#define ELF64_MAX (~(u64)0)		/* largest address or offset */

/* gABI: magic, class, byte order and version in e_ident, then e_version again. */
static bool ident_ok(const Elf64_Ehdr *eh)
{
	return !memcmp(eh->e_ident, ELFMAG, SELFMAG) && eh->e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh->e_ident[EI_DATA] == ELFDATA2LSB && eh->e_ident[EI_VERSION] == EV_CURRENT &&
	       eh->e_version == EV_CURRENT;
}

static bool type_ok(const Elf64_Ehdr *eh)
{
	return eh->e_machine == EM_X86_64 && (eh->e_type == ET_EXEC || eh->e_type == ET_DYN);
}

/* Linux load_elf_phdrs: one phdr size, a bounded count, and the table inside what was read. */
static bool phdr_table_ok(const Elf64_Ehdr *eh, size_t len)
{
	u64 table_bytes = (u64)eh->e_phnum * sizeof(Elf64_Phdr);

	return eh->e_phentsize == sizeof(Elf64_Phdr) && eh->e_phnum >= 1 && eh->e_phnum <= ELF_MAX_PHNUM &&
	       eh->e_phoff <= len && table_bytes <= len - eh->e_phoff;
}

/* A segment must be mappable: file page and memory page line up, and the range fits user space. */
static bool load_ok(const Elf64_Phdr *ph)
{
	if (ph->p_filesz > ph->p_memsz)
		return false;
	if (ph->p_offset % ELF_EXEC_PAGESIZE != ph->p_vaddr % ELF_EXEC_PAGESIZE)
		return false;
	if (ph->p_memsz > ELF64_MAX - ph->p_vaddr || ph->p_filesz > ELF64_MAX - ph->p_offset)
		return false;
	/* ET_DYN is placed at base + p_vaddr with base >= 0, so the same bound applies before the base. */
	return ph->p_vaddr + ph->p_memsz <= ELF_USER_TOP;
}

/* Linux load_elf_binary: AT_PHDR is where the PT_LOAD covering e_phoff puts the table. */
static void note_phdr_vaddr(struct elf_info *info, const Elf64_Phdr *ph)
{
	if (ph->p_offset <= info->phoff && info->phoff - ph->p_offset < ph->p_filesz)
		info->phdr_vaddr = ph->p_vaddr + (info->phoff - ph->p_offset);
}

static int take_load(struct elf_info *info, const Elf64_Phdr *ph)
{
	if (!load_ok(ph) || info->nload >= ELF_MAX_LOAD)
		return -ENOEXEC;
	if (info->nload == 0 || ph->p_vaddr < info->load_lo)
		info->load_lo = ph->p_vaddr;
	if (info->nload == 0 || ph->p_vaddr + ph->p_memsz > info->load_hi)
		info->load_hi = ph->p_vaddr + ph->p_memsz;
	note_phdr_vaddr(info, ph);
	info->load[info->nload++] = *ph;
	return 0;
}

/* One program header: PT_LOAD is kept, PT_INTERP refused, a few others noted, the rest ignored. */
static int take_phdr(struct elf_info *info, const Elf64_Phdr *ph)
{
	switch (ph->p_type) {
	case PT_LOAD:
		return take_load(info, ph);
	case PT_INTERP:
		return -ENOEXEC;
	case PT_DYNAMIC:
		info->has_dynamic = true;
		return 0;
	case PT_TLS:
		info->has_tls = true;
		info->tls = *ph;
		return 0;
	case PT_GNU_STACK:
		info->exec_stack = (ph->p_flags & PF_X) != 0;
		return 0;
	default:
		return 0;
	}
}

static void info_init(struct elf_info *info, const Elf64_Ehdr *eh, const void *hdr)
{
	memset(info, 0, sizeof(*info));
	info->type = eh->e_type;
	info->entry = eh->e_entry;
	info->phoff = eh->e_phoff;
	info->phnum = eh->e_phnum;
	info->phdr_table = (const u8 *)hdr + eh->e_phoff;
}

int elf_check(const void *hdr, size_t len, struct elf_info *out)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int i, err;

	if (len < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, hdr, sizeof(eh));
	if (!ident_ok(&eh) || !type_ok(&eh) || !phdr_table_ok(&eh, len))
		return -ENOEXEC;
	info_init(out, &eh, hdr);
	for (i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, (const u8 *)out->phdr_table + i * sizeof(ph), sizeof(ph));
		err = take_phdr(out, &ph);
		if (err)
			return err;
	}
	return out->nload ? 0 : -ENOEXEC;
}
