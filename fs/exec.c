/*
 * fs/exec.c - execve: replace the address space with a static ELF
 * program (ET_EXEC, or a static PIE) and build the System V initial stack
 * (docs/linux-abi.md §1 and §9; Linux: fs/exec.c, fs/binfmt_elf.c).
 *
 *   1. copy argv/envp strings into the kernel (the old mm is about to go);
 *   2. open the file (a "#!" script opens its interpreter instead,
 *      fs/binfmt_script.c), check the ELF header (fs/binfmt_elf.c) and build a new mm: one file-backed
 *      private VMA per PT_LOAD (pages come later, through filemap_fault),
 *      anonymous VMAs for .bss, and a small VM_GROWSDOWN stack VMA;
 *   3. point of no return: switch to the new mm, drop the old one, write
 *      the stack image through copy_to_user (demand-faulting it in); a
 *      segment that could not be mapped kills the new program with SIGSEGV
 *      here, as in Linux (before this point, errors return to the caller);
 *   4. reset signal handlers, close-on-exec files, and the registers.
 *
 * Initial stack, from high to low addresses:
 *   STACK_TOP-8: 8 zero bytes; execfn; envp strings; argv strings;
 *   padding to 16; "x86_64"; 16 AT_RANDOM bytes; padding;
 *   auxv pairs, NULL; envp[], NULL; argv[], NULL; argc  <- rsp (16-aligned)
 */
#include <syscalls.h>
#include <sched.h>
#include <ipc.h>
#include <mm_types.h>
#include <mman.h>
#include <fs.h>
#include <elf.h>
#include <binfmts.h>
#include <uaccess.h>
#include <cred.h>
#include <uapi/linux/prctl.h>
#include <uapi/linux/personality.h>
#include <signal.h>
#include <printk.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <asm/processor.h>

#define ARG_BUF_SIZE (2UL << 20)          /* argv+envp bytes: Linux allows 1/4 of the 8 MiB RLIMIT_STACK */
#define MAX_ARG_STRLEN (32 * PAGE_SIZE)   /* one string (Linux: MAX_ARG_STRLEN) */
#define STACK_INITIAL_EXTRA (128 * 1024)  /* docs/linux-abi.md §9: strings + 128 KiB */
#define ELF_ET_DYN_BRK 0x555555555000UL   /* static PIE brk: PAGE_ALIGN(2/3 TASK_SIZE) */
#define HDR_BUF_SIZE 4096
#define PLATFORM "x86_64"
#define CLK_TCK 100

struct linux_binprm {
	char *buf;                 /* argv strings, then envp strings, NUL-separated */
	size_t argv_len, envp_len;
	int argc, envc;
	char filename[PATH_MAX];   /* as execve was given it: comm, AT_EXECFN, a script's argv */
	char interp[PATH_MAX];     /* what is opened: filename, or a script's interpreter */
	int depth;                 /* scripts run through scripts so far */
	struct file *file;
	struct elf_info elf;
	u8 hdr[HDR_BUF_SIZE];
	size_t hdr_len;
	u64 load_bias, entry, brk, phdr;
	struct mm_struct *mm;
	struct cred *cred;          /* the new program's credentials, until committed */
	bool secureexec;           /* AT_SECURE: ids or capabilities changed (set-user-ID) */
};

/* ---------------------------------------------------------------- strings */
/* Bytes argv+envp may still use: a quarter of RLIMIT_STACK, at most the buffer. */
static u64 arg_room(struct linux_binprm *b)
{
	u64 lim = current->signal->rlim[RLIMIT_STACK].rlim_cur / 4;
	lim = MIN(MAX(lim, 128 * 1024UL), ARG_BUF_SIZE);
	return lim - MIN(lim, b->argv_len + b->envp_len);
}

static long copy_strings(struct linux_binprm *b, u64 uvec, size_t *used, int *count)
{
	for (int i = 0; uvec; i++) {
		u64 uptr;
		long n;
		if (get_user(uptr, (u64 *)uvec + i))
			return -EFAULT;
		if (!uptr)
			break;
		n = strncpy_from_user(b->buf + b->argv_len + b->envp_len, (const char *)uptr,
				      MIN(MAX_ARG_STRLEN, arg_room(b)));
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return n;
		*used += n + 1;
		(*count)++;
		/* Each pointer on the new stack counts against the limit too (Linux). */
		if (arg_room(b) < (u64)(b->argc + b->envc + 2) * sizeof(u64))
			return -E2BIG;
	}
	return 0;
}

/* An empty argv becomes { "" }, so argv[0] always exists (Linux >= 5.18:
 * "exec: Force single empty string when argv is empty"). */
static void add_empty_argv0(struct linux_binprm *b)
{
	memmove(b->buf + 1, b->buf, b->envp_len);
	b->buf[0] = 0;
	b->argv_len = 1;
	b->argc = 1;
}

/* ---------------------------------------------------------------- mapping */
static u64 elf_prot(u32 pflags)
{
	return (pflags & PF_R ? PROT_READ : 0) | (pflags & PF_W ? PROT_WRITE : 0) |
	       (pflags & PF_X ? PROT_EXEC : 0);
}

static int map_segment(struct linux_binprm *b, const Elf64_Phdr *ph)
{
	u64 start = b->load_bias + ph->p_vaddr;
	u64 page = ALIGN_DOWN(start, PAGE_SIZE);
	u64 file_end = start + ph->p_filesz, mem_end = start + ph->p_memsz;
	u64 prot = elf_prot(ph->p_flags);
	long r;
	if (ph->p_filesz) {
		r = do_mmap(b->mm, page, PAGE_ALIGN(file_end) - page, prot, MAP_PRIVATE | MAP_FIXED,
			    b->file, (ph->p_offset - (start - page)) >> PAGE_SHIFT);
		if (r < 0)
			return r;
	}
	if (PAGE_ALIGN(mem_end) > PAGE_ALIGN(file_end)) {     /* .bss beyond the file's pages */
		u64 s = ph->p_filesz ? PAGE_ALIGN(file_end) : page;
		r = do_mmap(b->mm, s, PAGE_ALIGN(mem_end) - s, prot, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, NULL, 0);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Static PIE: place the whole image where mmap would put it (docs/linux-abi.md §1). */
static int choose_load_bias(struct linux_binprm *b)
{
	u64 span, addr;
	if (b->elf.type != ET_DYN)
		return 0;
	span = PAGE_ALIGN(b->elf.load_hi) - ALIGN_DOWN(b->elf.load_lo, PAGE_SIZE);
	addr = get_unmapped_area(b->mm, 0, span, 0);
	if (IS_ERR_VALUE(addr))
		return (long)addr;
	b->load_bias = addr - ALIGN_DOWN(b->elf.load_lo, PAGE_SIZE);
	return 0;
}

static int map_stack_vma(struct linux_binprm *b)
{
	u64 size = PAGE_ALIGN(b->argv_len + b->envp_len + strlen(b->filename) + 1 + 64) + STACK_INITIAL_EXTRA;
	long r = do_mmap(b->mm, STACK_TOP - size, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN, NULL, 0);
	struct vm_area_struct *v;
	if (r < 0)
		return r;
	v = find_vma(b->mm, STACK_TOP - 1);
	v->vm_name = "[stack]";
	b->mm->start_stack = STACK_TOP;
	return 0;
}

static int build_mm(struct linux_binprm *b)
{
	int err;
	b->mm->mmap_base = mmap_base_for(current->signal->rlim[RLIMIT_STACK].rlim_cur);
	if ((err = choose_load_bias(b)))
		return err;
	for (u32 i = 0; i < b->elf.nload; i++)
		if ((err = map_segment(b, &b->elf.load[i])))
			return err;
	b->entry = b->load_bias + b->elf.entry;
	b->phdr = b->load_bias + b->elf.phdr_vaddr;
	b->brk = b->elf.type == ET_DYN ? ELF_ET_DYN_BRK : PAGE_ALIGN(b->load_bias + b->elf.load_hi);
	b->mm->start_brk = b->mm->brk = b->brk;
	return map_stack_vma(b);
}

/*
 * Zero the part of the last file page that lies beyond p_filesz (.bss
 * start).  In a segment that is not writable this can fail; Linux ignores
 * that ("this bss-zeroing can fail if the ELF file specifies odd
 * protections"), and only a writable segment's failure is fatal.
 */
static int clear_bss_tails(struct linux_binprm *b)
{
	for (u32 i = 0; i < b->elf.nload; i++) {
		const Elf64_Phdr *ph = &b->elf.load[i];
		u64 file_end = b->load_bias + ph->p_vaddr + ph->p_filesz;
		u64 tail = PAGE_ALIGN(file_end) - file_end;
		if (ph->p_memsz > ph->p_filesz && ph->p_filesz && tail &&
		    clear_user((void *)file_end, MIN(tail, ph->p_memsz - ph->p_filesz)) &&
		    (ph->p_flags & PF_W))
			return -EFAULT;
	}
	return 0;
}

/* ---------------------------------------------------------------- stack */
static int push_bytes(u64 *sp, const void *src, size_t n)
{
	*sp -= n;
	return copy_to_user((void *)*sp, src, n) ? -EFAULT : 0;
}

#define NR_AUXV SAVED_AUXV_PAIRS

/* Pointers to each NUL-terminated string in buf[0..len), as user addresses. */
static int string_pointers(const char *buf, size_t len, u64 ubase, u64 *out)
{
	int n = 0;
	for (size_t off = 0; off < len; off += strlen(buf + off) + 1)
		out[n++] = ubase + off;
	out[n++] = 0;
	return n;
}

/* x86's AT_HWCAP is CPUID leaf 1's EDX feature word (Linux: ELF_HWCAP). */
static u64 elf_hwcap(void)
{
	u32 a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	return d;
}

static int fill_auxv(struct linux_binprm *b, u64 *v, u64 random, u64 platform, u64 execfn)
{
	const struct cred *cred = current_cred();	/* the new program's: committed already */
	/* Linux 6.x order (docs/linux-abi.md §9), without the vDSO (musl then uses syscalls). */
	const u64 aux[][2] = {
		{ AT_MINSIGSTKSZ, MINSIGSTKSZ }, { AT_HWCAP, elf_hwcap() }, { AT_PAGESZ, PAGE_SIZE },
		{ AT_CLKTCK, CLK_TCK }, { AT_PHDR, b->phdr }, { AT_PHENT, sizeof(Elf64_Phdr) },
		{ AT_PHNUM, b->elf.phnum }, { AT_BASE, 0 }, { AT_FLAGS, 0 }, { AT_ENTRY, b->entry },
		{ AT_UID, cred->uid }, { AT_EUID, cred->euid }, { AT_GID, cred->gid }, { AT_EGID, cred->egid },
		{ AT_SECURE, b->secureexec },
		{ AT_RANDOM, random }, { AT_EXECFN, execfn }, { AT_PLATFORM, platform }, { AT_NULL, 0 },
	};
	_Static_assert(ARRAY_SIZE(aux) <= NR_AUXV, "mm->saved_auxv is too small");
	memcpy(v, aux, sizeof(aux));
	return ARRAY_SIZE(aux) * 2;
}

/* Write the string area and the pointer/auxv area; return the new rsp. */
static long create_elf_tables(struct linux_binprm *b)
{
	u64 sp = STACK_TOP - 8, execfn, strs, platform, random, *vec;
	u8 rnd[16];
	int k = 0, n, nvec = 1 + (b->argc + 1) + (b->envc + 1) + 2 * NR_AUXV;
	long ret = -EFAULT;

	if (push_bytes(&sp, b->filename, strlen(b->filename) + 1))
		return -EFAULT;
	execfn = sp;
	if (push_bytes(&sp, b->buf, b->argv_len + b->envp_len))
		return -EFAULT;
	strs = sp;
	sp = ALIGN_DOWN(sp, 16);
	if (push_bytes(&sp, PLATFORM, sizeof(PLATFORM)))
		return -EFAULT;
	platform = sp;
	for (int i = 0; i < 16; i++)                 /* AT_RANDOM: not cryptographic */
		rnd[i] = (u8)(rdtsc() >> ((i % 4) * 3)) ^ (u8)(i * 37);
	if (push_bytes(&sp, rnd, sizeof(rnd)))
		return -EFAULT;
	random = sp;
	vec = kmalloc(nvec * sizeof(u64), 0);
	if (!vec)
		return -ENOMEM;
	vec[k++] = b->argc;
	k += string_pointers(b->buf, b->argv_len, strs, vec + k);
	k += string_pointers(b->buf + b->argv_len, b->envp_len, strs + b->argv_len, vec + k);
	n = fill_auxv(b, vec + k, random, platform, execfn);
	memcpy(current->mm->saved_auxv, vec + k, n * sizeof(u64));	/* Linux: mm->saved_auxv */
	current->mm->saved_auxv_len = n * sizeof(u64);
	k += n;
	sp = ALIGN_DOWN(sp - k * sizeof(u64), 16);     /* rsp is 16-aligned at _start */
	if (!copy_to_user((void *)sp, vec, k * sizeof(u64)))
		ret = (long)sp;
	kfree(vec);
	current->mm->arg_start = strs;
	current->mm->arg_end = strs + b->argv_len;
	current->mm->env_start = current->mm->arg_end;
	current->mm->env_end = current->mm->env_start + b->envp_len;
	return ret;
}

/* ---------------------------------------------------------------- the steps */
/*
 * Open what b->interp names and read its first bytes. Linux do_open_execat:
 * the open asks for MAY_EXEC, not MAY_READ (a mode 0711 program runs), and
 * only a regular file may run (fs/namei.c may_open: EACCES otherwise).
 */
static int open_exec(struct linux_binprm *b)
{
	int err;
	ssize_t n;
	if (b->file)
		fput(b->file);
	b->file = filp_open(b->interp, O_RDONLY | __FMODE_EXEC, 0, &err);
	if (!b->file)
		return err;
	n = kernel_read(b->file, 0, b->hdr, sizeof(b->hdr));
	if (n < 0)
		return n;
	b->hdr_len = n;
	return 0;
}

/* Replace argv[0] by [interp, arg?, script path] (Linux load_script). */
static int script_argv(struct linux_binprm *b, const struct script_line *sl)
{
	size_t first = strnlen(b->buf, b->argv_len) + 1;	/* argv[0] and its NUL */
	size_t il = strlen(sl->interp) + 1, al = sl->has_arg ? strlen(sl->arg) + 1 : 0;
	size_t fl = strlen(b->filename) + 1, add = il + al + fl;
	size_t rest = b->argv_len + b->envp_len - first;
	if (add > first && arg_room(b) < add - first)
		return -E2BIG;
	memmove(b->buf + add, b->buf + first, rest);
	memcpy(b->buf, sl->interp, il);
	memcpy(b->buf + il, sl->arg, al);
	memcpy(b->buf + il + al, b->filename, fl);
	b->argv_len = b->argv_len - first + add;
	b->argc += sl->has_arg ? 2 : 1;
	return 0;
}

/* A "#!" file: start over with its interpreter (1: it is not a script). */
static int load_script(struct linux_binprm *b)
{
	struct script_line *sl = kmalloc(sizeof(*sl), 0);
	int err;
	if (!sl)
		return -ENOMEM;
	err = script_parse(b->hdr, b->hdr_len, sl);
	if (!err && ++b->depth > BINPRM_MAX_RECURSION)
		err = -ELOOP;
	if (!err)
		err = script_argv(b, sl);
	if (!err)
		strlcpy(b->interp, sl->interp, sizeof(b->interp));
	kfree(sl);
	return err ? err : open_exec(b);
}

/*
 * A dynamic program: Linux opens its interpreter (ld.so) before the point
 * of no return, so a missing one is that open's error (ENOENT).  One that
 * exists is refused all the same: there is no dynamic loader here yet.
 */
static int check_interp(struct linux_binprm *b)
{
	char *path;
	struct file *f;
	int err = -ENOEXEC;
	if (!b->elf.has_interp)
		return 0;
	if (!(path = kzalloc(ELF_INTERP_MAX)))
		return -ENOMEM;
	if (kernel_read(b->file, b->elf.interp_offset, path, b->elf.interp_size) ==
	    (ssize_t)b->elf.interp_size && !path[b->elf.interp_size - 1]) {
		/* The errno is Linux's (ENOENT for a missing interpreter); the log
		 * line says why a dynamic program cannot run here either way. */
		pr_info("%s: faultline runs static programs only (PT_INTERP %s)\n", b->filename, path);
		f = filp_open(path, O_RDONLY, 0, &err);
		if (f) {
			fput(f);
			err = -ENOEXEC;
		}
	}
	kfree(path);
	return err;
}

/*
 * Linux bprm_fill_uid: a set-user-ID file runs with its owner as euid; a
 * set-group-ID file with its group as egid, but only if it is also
 * group-executable (setgid without group-x means mandatory locking).
 * For a script, the bits of the interpreter count (b->file), not the
 * script's: Linux ignores set-user-ID scripts.  Under no_new_privs
 * (prctl PR_SET_NO_NEW_PRIVS) the bits are ignored.
 */
static void bprm_fill_uid(struct linux_binprm *b)
{
	const struct inode *inode = b->file->f_inode;

	if (current->no_new_privs || sb_flag(inode, SB_NOSUID))
		return;			/* Linux bprm_fill_uid: mnt_may_suid */
	if (inode->i_mode & S_ISUID)
		b->cred->euid = inode->i_uid;
	if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		b->cred->egid = inode->i_gid;
}

/*
 * Linux bprm_creds_from_file and cap_bprm_creds_from_file: the new
 * program's ids and capabilities (kernel/capability.c cap_bprm_creds:
 * the saved and fs ids become the effective ones); AT_SECURE is set when euid is not the old real uid or
 * egid not the old real gid (Linux also when a non-root program gains
 * capabilities, which needs file capabilities: there are none here).
 */
static int bprm_creds_from_file(struct linux_binprm *b)
{
	const struct cred *old = current_cred();
	struct cred *new = prepare_creds();

	if (!new)
		return -ENOMEM;
	b->cred = new;
	bprm_fill_uid(b);
	cap_bprm_creds(new, old, current->no_new_privs);
	b->secureexec = new->euid != old->uid || new->egid != old->gid;
	return 0;
}

/* The file exec will run: a script's interpreter, checked as an ELF program. */
static int prepare_binprm(struct linux_binprm *b)
{
	int err;
	strlcpy(b->interp, b->filename, sizeof(b->interp));
	if ((err = open_exec(b)))
		return err;
	while ((err = load_script(b)) == 0)
		;
	if (err < 0)
		return err;
	if ((err = elf_check(b->hdr, b->hdr_len, &b->elf)))
		return err;
	if ((err = check_interp(b)))
		return err;
	return bprm_creds_from_file(b);
}

/* What exec resets in the task (Linux: flush_signal_handlers, setup_new_exec). */
static void flush_old_exec(struct linux_binprm *b)
{
	const char *base = b->filename;
	for (const char *p = b->filename; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	strlcpy(current->comm, base, sizeof(current->comm));
	current->did_exec = true;            /* Linux: PF_FORKNOEXEC cleared; setpgid then says EACCES */
	/* Linux load_elf_binary: PF_RANDOMIZE unless the personality asks not */
	current->randomize = !(current->personality & ADDR_NO_RANDOMIZE);
	for (int sig = 1; sig <= _NSIG; sig++) {
		struct k_sigaction *ka = &current->sighand->action[sig - 1];
		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->mask = 0;
		ka->restorer = 0;
	}
	current->sas.ss_sp = 0;              /* the old altstack is gone; flags stay (Linux) */
	current->sas.ss_size = 0;
	flush_thread();                      /* the CPU's per-task state: FS base, FPU */
	do_close_on_exec();
	exit_posix_timers(current);
}


/* Only the leader is left, or nobody else (Linux: thread_group_empty). */
static bool others_left(struct task_struct *me)
{
	struct task_struct *t;
	for_each_thread(me, t)
		if (t != me && !(t == me->group_leader && t->state == TASK_ZOMBIE))
			return true;
	return false;
}

/* A thread other than the leader exec'd: it becomes the leader, with the
 * process's pid and place under the parent; the old leader goes. */
static void take_over_leader(struct task_struct *me)
{
	struct task_struct *leader = me->group_leader;
	int tid = me->pid;
	me->pid = leader->pid;
	leader->pid = tid;
	me->parent = leader->parent;
	me->exit_signal = leader->exit_signal;
	list_add_tail(&me->sibling, &leader->sibling);
	while (!list_empty(&leader->children))      /* its children are ours now */
		list_move_tail(leader->children.next, &me->children);
	me->group_leader = me;
	leader->group_leader = me;
	release_task(leader);
}

/*
 * execve in a multi-threaded process: every other thread dies, and the
 * exec'ing one carries on as the whole process (Linux: de_thread).
 */
static int de_thread(struct task_struct *me)
{
	struct signal_struct *sg = me->signal;
	if (!others_left(me) && thread_group_leader(me))
		return 0;
	if ((sg->flags & SIGNAL_GROUP_EXIT) || sg->group_exec_task)
		return -EAGAIN;			/* someone else is ending the process first */
	sg->group_exec_task = me;
	zap_other_threads(me);
	while (others_left(me))
		sleep_on_uninterruptible(&sg->group_exec_task);
	if (!thread_group_leader(me))
		take_over_leader(me);
	sg->group_exec_task = NULL;
	return 0;
}

/*
 * Linux begin_new_exec: the new image is dumpable unless the old ids were
 * mixed (euid != uid or egid != gid: a set-id program running) or the
 * caller may not read the file it runs (would_dump), judged with the old
 * credentials; commit_creds then takes it away if the ids change.  A
 * privileged exec also forgets the parent-death signal.
 */
static void exec_privileges(struct linux_binprm *b)
{
	const struct cred *c = current_cred();
	bool unreadable = inode_permission(b->file->f_inode, MAY_READ) < 0;

	current->mm->dumpable = (unreadable || c->euid != c->uid || c->egid != c->gid) ?
				SUID_DUMP_DISABLE : SUID_DUMP_USER;
	if (b->secureexec)
		current->pdeath_signal = 0;
	commit_creds(b->cred);               /* the new ids from here on */
	b->cred = NULL;
}

/* After this, the old program is gone: failures kill the task (Linux:
 * force_fatal_sig(SIGSEGV) once bprm->point_of_no_return is set). */
static int exec_commit(struct linux_binprm *b, struct pt_regs *regs, bool doomed)
{
	struct mm_struct *old = current->mm;
	long sp;
	/* A descriptor or handler table still shared with another process (clone
	 * without CLONE_THREAD) gets a copy of its own (Linux: unshare_files, unshare_sighand). */
	if (de_thread(current) || unshare_files() || unshare_sighand())
		doomed = true;
	mm_release(current);                 /* robust futexes, clear_child_tid, a vfork parent */
	rseq_execve(current);
	if (old) {				/* Linux mm_init: MMF_INIT_MASK carries these */
		b->mm->disable_thp = old->disable_thp;
		b->mm->coredump_filter = old->coredump_filter;
	}
	current->mm = b->mm;
	b->mm = NULL;
	switch_mm(current->mm);
	exec_privileges(b);
	if (old)
		mmput(old);
	exit_shm();                          /* the old image's System V attaches are gone (ipc/shm.c) */
	flush_old_exec(b);
	if (doomed || clear_bss_tails(b) < 0 || (sp = create_elf_tables(b)) < 0) {
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return 0;
	}
	current->mm->start_stack = sp;       /* Linux: where argc is (/proc/PID/stat, "[stack]") */
	start_thread(regs, b->entry, sp);
	return 0;
}

static void free_binprm(struct linux_binprm *b)
{
	if (b->mm)
		mmput(b->mm);
	if (b->file)
		fput(b->file);
	if (b->cred)
		abort_creds(b->cred);
	kfree(b->buf);
	kfree(b);
}

int do_execve(const char *filename, u64 uargv, u64 uenvp, const char *const *kargv, struct pt_regs *regs)
{
	struct linux_binprm *b = kzalloc(sizeof(*b));
	int err = -ENOMEM;
	if (!b || !(b->buf = kmalloc(ARG_BUF_SIZE, 0)))
		goto out;
	strlcpy(b->filename, filename, sizeof(b->filename));
	if (kargv) {                                /* the kernel starting init */
		for (; kargv[b->argc]; b->argc++) {
			size_t n = strlen(kargv[b->argc]) + 1;
			memcpy(b->buf + b->argv_len, kargv[b->argc], n);
			b->argv_len += n;
		}
	} else if ((err = copy_strings(b, uargv, &b->argv_len, &b->argc)) ||
		   (err = copy_strings(b, uenvp, &b->envp_len, &b->envc))) {
		goto out;
	}
	if (!b->argc)
		add_empty_argv0(b);
	if ((err = prepare_binprm(b)))
		goto out;
	err = -ENOMEM;
	if (!(b->mm = mm_alloc()) || (err = set_mm_exe_file(b->mm, b->file)))
		goto out;
	/* A segment that cannot be mapped is found past the point of no return. */
	err = exec_commit(b, regs, b->elf.bad_load || build_mm(b));
out:
	if (b)
		free_binprm(b);
	return err;
}

SYSCALL_DEFINE3(execve, const char __user *, ufilename, const char __user *const __user *, uargv,
		const char __user *const __user *, uenvp)
{
	char *path = kmalloc(PATH_MAX, 0);
	long n;
	if (!path)
		return -ENOMEM;
	n = strncpy_from_user(path, ufilename, PATH_MAX);
	if (n >= 0)
		n = do_execve(path, (u64)uargv, (u64)uenvp, NULL, current_pt_regs());
	kfree(path);
	return n;
}

/*
 * The path execveat(2) means (Linux do_open_execat): an *at path, or with
 * AT_EMPTY_PATH and "" the file dfd names (an O_PATH descriptor will do).
 * faultline finds files by path, so dfd's file is opened again by the path
 * it was opened by; and AT_EXECFN and a script's argv get that path where
 * Linux gives "/dev/fd/N" or "/dev/fd/N/name".
 */
static int execveat_path(int dfd, const char __user *ufilename, int flags, char *path)
{
	struct inode *inode;
	struct file *f;
	int err;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	if ((err = user_path_at(dfd, ufilename, path, PATH_MAX)))
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		if (!(f = dfd == AT_FDCWD ? NULL : fget_raw(dfd)))
			return dfd == AT_FDCWD ? -EACCES : -EBADF;	/* the cwd is a directory */
		if (!f->f_path)
			return -ENOENT;
		strlcpy(path, f->f_path, PATH_MAX);
		return 0;
	}
	if (!(flags & AT_SYMLINK_NOFOLLOW))
		return 0;
	/* Linux: AT_SYMLINK_NOFOLLOW makes a final symlink ELOOP (open's O_NOFOLLOW). */
	if ((err = path_lookupat(path, 0, &inode)))
		return err;
	err = S_ISLNK(inode->i_mode) ? -ELOOP : 0;
	iput(inode);
	return err;
}

SYSCALL_DEFINE5(execveat, int, dfd, const char __user *, ufilename,
		const char __user *const __user *, uargv, const char __user *const __user *, uenvp, int, flags)
{
	char *path = kmalloc(PATH_MAX, 0);
	long n;
	if (!path)
		return -ENOMEM;
	n = execveat_path(dfd, ufilename, flags, path);
	if (!n)
		n = do_execve(path, (u64)uargv, (u64)uenvp, NULL, current_pt_regs());
	kfree(path);
	return n;
}
