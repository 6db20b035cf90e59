/*
 * fs/binfmt_elf.c - is this file a program exec can load?
 *
 * elf_check() only reads and decides; exec does the mapping from the
 * struct elf_info it fills. The header comes from the file, so it is
 * untrusted: each field is checked before the next check relies on it, and
 * nothing is read outside [hdr, hdr + len). Fields are copied out with memcpy
 * because the program header table need not be aligned in the buffer.
 *
 * Two kinds of "bad", as in Linux's load_elf_binary, which exec treats
 * differently:
 *  - refused before exec commits (-ENOEXEC, the old program carries on):
 *    not the ELF magic, not x86-64, not ET_EXEC or ET_DYN, e_phentsize not
 *    56, 0 or more than 64 program headers, or a table outside the buffer.
 *    Like Linux, the class, byte order and version bytes are not checked:
 *    e_machine already says x86-64;
 *  - found bad only when mapping, after the point of no return: a PT_LOAD
 *    with p_filesz > p_memsz, p_offset and p_vaddr not equal modulo the page
 *    size, or a range that wraps or leaves user space.  elf_check notes it
 *    in info->bad_load and exec kills the new program with SIGSEGV, as
 *    Linux does.  No PT_LOAD at all is fine here too: the entry point then
 *    faults.
 * A PT_INTERP (a dynamic program) is noted for exec, which opens the
 * interpreter (a missing one is ENOENT, as on Linux) and then refuses: a
 * loader for dynamic programs is not written yet.  Section headers are
 * ignored, as by Linux.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#define ELF64_MAX (~(u64)0)		/* largest address or offset */

/* Linux load_elf_binary checks the magic alone of e_ident (elf_check_arch does the rest). */
static bool ident_ok(const Elf64_Ehdr *eh)
{
	return !memcmp(eh->e_ident, ELFMAG, SELFMAG);
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
	if (!load_ok(ph)) {
		info->bad_load = true;		/* Linux finds it in elf_map, past the point of no return */
		return 0;
	}
	if (info->nload >= ELF_MAX_LOAD)
		return -ENOEXEC;
	if (info->nload == 0 || ph->p_vaddr < info->load_lo)
		info->load_lo = ph->p_vaddr;
	if (info->nload == 0 || ph->p_vaddr + ph->p_memsz > info->load_hi)
		info->load_hi = ph->p_vaddr + ph->p_memsz;
	note_phdr_vaddr(info, ph);
	info->load[info->nload++] = *ph;
	return 0;
}

/* Linux: the interpreter's path is 2..PATH_MAX bytes including its NUL. */
static int take_interp(struct elf_info *info, const Elf64_Phdr *ph)
{
	if (ph->p_filesz < 2 || ph->p_filesz > ELF_INTERP_MAX)
		return -ENOEXEC;
	info->has_interp = true;
	info->interp_offset = ph->p_offset;
	info->interp_size = ph->p_filesz;
	return 0;
}

/* One program header: PT_LOAD is kept, PT_INTERP and a few others noted, the rest ignored. */
static int take_phdr(struct elf_info *info, const Elf64_Phdr *ph)
{
	switch (ph->p_type) {
	case PT_LOAD:
		return take_load(info, ph);
	case PT_INTERP:
		return take_interp(info, ph);
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
	return 0;
}
