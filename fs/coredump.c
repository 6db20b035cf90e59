/*
 * fs/coredump.c - a signal whose default action is "core" (SIGQUIT, SIGILL,
 * SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS)
 * writes an ELF core file before the process dies (Linux: fs/coredump.c
 * do_coredump, fs/binfmt_elf.c elf_core_dump).  The wait status then has
 * 0x80 (WCOREDUMP) and waitid says CLD_DUMPED: exactly when the file was
 * really begun (docs/linux-abi.md §0.1), so LTP's waitpid01, kill11 and waitid10
 * see what Linux shows.
 *
 * The rules are Linux's (core_uses_pid 0), the file named by core_pattern
 * ("core" at boot; a pattern that pipes to a program dumps nothing here):
 *  - a process that is not dumpable (prctl PR_SET_DUMPABLE 0, a set-user-ID
 *    program, a uid change: kernel/prctl.c) writes nothing
 *    (Linux: __get_dumpable, with suid_dumpable 0);
 *  - RLIMIT_CORE below one page (binfmt->min_coredump) writes nothing;
 *  - the file is the pattern with its %-names filled in (format_corename),
 *    relative to the working directory: whatever had that name
 *    is unlinked first (a file, a symlink; a directory stays and the dump
 *    fails), then it is created O_CREAT|O_EXCL|O_WRONLY|O_NOFOLLOW, mode
 *    0600, owned by the dumper's fsuid (Linux: do_unlinkat, then
 *    filp_open; the checks after it can then only fail on a race);
 *  - the file is an ELF ET_CORE: a PT_NOTE with NT_PRSTATUS (the signal,
 *    the ids and the user registers), then one PT_LOAD per VMA.  Anonymous
 *    and written-private VMAs carry their pages (coredump_filter 0x33);
 *    a page never touched is a hole, as get_dump_page leaves it, so a dump
 *    never allocates the memory it describes;
 *  - writing stops at RLIMIT_CORE, and a truncated dump still counts as
 *    dumped (elf_core_dump sets has_dumped before it writes).
 */
#include <coredump.h>
#include <sched.h>
#include <cred.h>
#include <fs.h>
#include <mm.h>
#include <mm_types.h>
#include <asm/pgtable.h>
#include <elf.h>
#include <string.h>
#include <errno.h>
#include <printk.h>
#include <proc_fs.h>
#include <init.h>
#include <time.h>
#include <utsname.h>
#include <uapi/asm-generic/fcntl.h>
#include <uapi/linux/prctl.h>

#define RLIMIT_CORE 4
#define CORE_MIN_LIMIT ELF_EXEC_PAGESIZE	/* Linux elf_format.min_coredump */
#define CORE_FILE_MODE 0600
#define CORE_NAME "core"			/* Linux's default core_pattern */
#define CORENAME_MAX_SIZE 128			/* Linux: the pattern holds at most 127 bytes */
#define NT_PRSTATUS 1
#define CORE_NOTE_NAME "CORE"
#define ELF_NGREG 27				/* Linux user_regs_struct: 27 longs */

/* Linux include/uapi/linux/elfcore.h, x86-64 layout (336 bytes). */
struct elf_prstatus {
	struct { int si_signo, si_code, si_errno; } pr_info;
	short pr_cursig;
	unsigned long pr_sigpend, pr_sighold;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	struct { long tv_sec, tv_usec; } pr_utime, pr_stime, pr_cutime, pr_cstime;
	unsigned long pr_reg[ELF_NGREG];
	int pr_fpvalid;
};
_Static_assert(sizeof(struct elf_prstatus) == 336, "elf_prstatus is 336 bytes on x86-64");

struct core_note {
	Elf64_Word namesz, descsz, type;
	char name[8];				/* "CORE" padded to 4 bytes */
	struct elf_prstatus prstatus;
};

/* Where the dump is going and how much it may still write. */
struct coredump_params {
	struct file *file;
	u64 limit;
	u64 written;
};

/* Linux dump_emit: false once the limit would be passed (the dump stops). */
static bool dump_emit(struct coredump_params *cprm, const void *buf, size_t n)
{
	if (cprm->written + n > cprm->limit)
		return false;
	if (generic_file_write_kernel(cprm->file, buf, n) != (ssize_t)n)
		return false;
	cprm->written += n;
	return true;
}

/* Linux vma_dump_size with the default coredump_filter (0x33): anonymous
 * memory, private or shared (a shared one is an unlinked shmem file), and
 * private file mappings once written (approximated by VM_WRITE: faultline
 * has no anon_vma); shared mappings of named files are left out, and so
 * is whatever madvise(MADV_DONTDUMP) marked. */
static u64 vma_dump_size(struct vm_area_struct *v)
{
	u64 whole = v->vm_end - v->vm_start;

	if (v->vm_flags & VM_DONTDUMP)
		return 0;

	if (!v->vm_file)
		return whole;
	if (v->vm_flags & VM_SHARED)
		return v->vm_file->f_inode->i_nlink ? 0 : whole;
	return (v->vm_flags & VM_WRITE) ? whole : 0;
}

/* The page behind a user address if it is in memory (Linux get_dump_page
 * with FOLL_DUMP: NULL for a page never touched, which becomes a hole). */
static void *dump_page_address(struct mm_struct *mm, u64 addr)
{
	pteval_t *pte = pt_walk(mm->pgd, addr, PT_PTE, false, 0);

	if (!pte || !pte_present(*pte))
		return NULL;
	return page_address(pfn_to_page(pte_pfn(*pte)));
}

static bool dump_vma(struct coredump_params *cprm, struct vm_area_struct *v, const void *zero)
{
	u64 end = v->vm_start + vma_dump_size(v);

	for (u64 addr = v->vm_start; addr < end; addr += PAGE_SIZE) {
		void *page = dump_page_address(v->vm_mm, addr);

		if (!dump_emit(cprm, page ? page : zero, PAGE_SIZE))
			return false;
	}
	return true;
}

static void fill_prstatus(struct elf_prstatus *p, int sig)
{
	struct pt_regs *regs = task_pt_regs(current);

	memset(p, 0, sizeof(*p));
	p->pr_info.si_signo = p->pr_cursig = sig;
	p->pr_pid = current->pid;
	p->pr_ppid = current->parent ? current->parent->tgid : 0;
	p->pr_pgrp = current->signal->pgrp;
	p->pr_sid = current->signal->session;
	p->pr_sighold = current->blocked;
	memcpy(p->pr_reg, regs, sizeof(*regs));	/* pt_regs is user_regs_struct's first 21 */
}

static void fill_phdr(Elf64_Phdr *ph, u32 type, u64 off, u64 vaddr, u64 filesz, u64 memsz)
{
	memset(ph, 0, sizeof(*ph));
	ph->p_type = type;
	ph->p_offset = off;
	ph->p_vaddr = vaddr;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
}

static u32 vma_pflags(struct vm_area_struct *v)
{
	return (v->vm_flags & VM_READ ? PF_R : 0) | (v->vm_flags & VM_WRITE ? PF_W : 0) |
	       (v->vm_flags & VM_EXEC ? PF_X : 0);
}

/* Headers (ELF, PT_NOTE, one PT_LOAD per VMA), the note, then the memory:
 * Linux elf_core_dump's order, data page-aligned after the headers. */
static void elf_core_dump(struct coredump_params *cprm, int sig)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *v;
	int nload = mm->map_count;
	u64 hdr = sizeof(Elf64_Ehdr) + (nload + 1) * sizeof(Elf64_Phdr);
	u64 data = ALIGN_UP(hdr + sizeof(struct core_note), (u64)ELF_EXEC_PAGESIZE);
	Elf64_Ehdr eh = { .e_type = ET_CORE, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
			  .e_phoff = sizeof(Elf64_Ehdr), .e_ehsize = sizeof(Elf64_Ehdr),
			  .e_phentsize = sizeof(Elf64_Phdr), .e_phnum = nload + 1 };
	struct core_note *note = kmalloc(sizeof(*note), 0);
	void *zero = kzalloc(PAGE_SIZE);
	Elf64_Phdr ph;
	u64 off = data;

	if (!note || !zero)
		goto out;
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	if (!dump_emit(cprm, &eh, sizeof(eh)))
		goto out;
	fill_phdr(&ph, PT_NOTE, hdr, 0, sizeof(*note), 0);
	if (!dump_emit(cprm, &ph, sizeof(ph)))
		goto out;
	list_for_each_entry(v, &mm->mmap, vm_list) {
		u64 size = vma_dump_size(v);

		fill_phdr(&ph, PT_LOAD, off, v->vm_start, size, v->vm_end - v->vm_start);
		ph.p_flags = vma_pflags(v);
		ph.p_align = ELF_EXEC_PAGESIZE;
		off += size;
		if (!dump_emit(cprm, &ph, sizeof(ph)))
			goto out;
	}
	memset(note, 0, sizeof(*note));
	note->namesz = sizeof(CORE_NOTE_NAME);
	note->descsz = sizeof(note->prstatus);
	note->type = NT_PRSTATUS;
	memcpy(note->name, CORE_NOTE_NAME, sizeof(CORE_NOTE_NAME));
	fill_prstatus(&note->prstatus, sig);
	if (!dump_emit(cprm, note, sizeof(*note)) || !dump_emit(cprm, zero, data - hdr - sizeof(*note)))
		goto out;
	list_for_each_entry(v, &mm->mmap, vm_list)
		if (!dump_vma(cprm, v, zero))
			break;
out:
	kfree(note);
	kfree(zero);
}

/* Linux do_coredump's checks on the file it opened (or found). */
static bool core_file_ok(struct file *f)
{
	struct inode *inode = f->f_inode;

	return S_ISREG(inode->i_mode) && inode->i_nlink == 1 && inode->i_uid == current_fsuid();
}

static char core_pattern[CORENAME_MAX_SIZE] = CORE_NAME;

/* Append printf output to the name being built; false once it no longer fits. */
static bool cn_printf(char *cn, size_t *len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool cn_printf(char *cn, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(cn + *len, PATH_MAX - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= PATH_MAX - *len)
		return false;
	*len += n;
	return true;
}

/* One %-name of the pattern (Linux format_corename); an unknown one adds nothing. */
static bool cn_specifier(char *cn, size_t *len, char c, int sig)
{
	const struct cred *cred = current_cred();

	switch (c) {
	case '%': return cn_printf(cn, len, "%%");
	case 'p': case 'P': return cn_printf(cn, len, "%d", current->tgid);	/* one pid namespace */
	case 'i': case 'I': return cn_printf(cn, len, "%d", current->pid);
	case 'u': return cn_printf(cn, len, "%u", cred->uid);
	case 'g': return cn_printf(cn, len, "%u", cred->gid);
	case 'd': return cn_printf(cn, len, "%d", current->mm->dumpable);
	case 's': return cn_printf(cn, len, "%d", sig);
	case 't': return cn_printf(cn, len, "%llu", (unsigned long long)ktime_get_real_seconds());
	case 'h': return cn_printf(cn, len, "%s", init_uts_ns.nodename);
	case 'c': return cn_printf(cn, len, "%lu", (unsigned long)current->signal->rlim[RLIMIT_CORE].rlim_cur);
	case 'e': {
		/* Linux cn_esc_printf: a '/' in the name would make a directory */
		size_t start = *len;
		bool ok = cn_printf(cn, len, "%s", current->comm);

		for (size_t i = start; i < *len; i++)
			if (cn[i] == '/')
				cn[i] = '!';
		return ok;
	}
	default: return true;
	}
}

/* The core file's name from core_pattern (Linux format_corename); false if it is too long. */
static bool format_corename(char *cn, int sig)
{
	size_t len = 0;

	cn[0] = '\0';
	for (const char *p = core_pattern; *p; p++) {
		bool ok = *p != '%' ? cn_printf(cn, &len, "%c", *p) : (*++p ? cn_specifier(cn, &len, *p, sig) : true);

		if (!ok)
			return false;
		if (!*p)
			break;
	}
	return true;
}

bool do_coredump(int sig)
{
	struct coredump_params cprm = { .limit = current->signal->rlim[RLIMIT_CORE].rlim_cur };
	char *name;
	int err;

	if (!current->mm || current->mm->dumpable == SUID_DUMP_DISABLE || cprm.limit < CORE_MIN_LIMIT)
		return false;
	if (core_pattern[0] == '|' || !(name = kmalloc(PATH_MAX, 0)))
		return false;			/* no user-mode helper to pipe the dump to */
	if (!format_corename(name, sig)) {
		kfree(name);
		return false;
	}
	kernel_unlink(name);	/* ENOENT or EISDIR are fine: the open decides */
	cprm.file = filp_open(name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_LARGEFILE, CORE_FILE_MODE, &err);
	kfree(name);
	if (!cprm.file)
		return false;
	if (!core_file_ok(cprm.file)) {
		fput(cprm.file);
		return false;
	}
	elf_core_dump(&cprm, sig);
	fput(cprm.file);
	return true;
}

/*
 * /proc/sys/kernel/core_pattern: where cores go.  Linux proc_dostring: the
 * text up to the first newline, at most CORENAME_MAX_SIZE - 1 bytes (the
 * rest is dropped, not refused).
 */
static void core_pattern_show(struct seq_file *m) { seq_printf(m, "%s\n", core_pattern); }

static int core_pattern_write(const char *buf, size_t n)
{
	const char *nl = strchr(buf, '\n');
	size_t len = MIN(nl ? (size_t)(nl - buf) : n, sizeof(core_pattern) - 1);

	memcpy(core_pattern, buf, len);
	core_pattern[len] = '\0';
	return 0;
}

static int coredump_sysctl_init(void)
{
	return proc_create_string("sys/kernel/core_pattern", core_pattern_show, core_pattern_write);
}
fs_initcall(coredump_sysctl_init);
