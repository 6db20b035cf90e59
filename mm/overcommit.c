/*
 * mm/overcommit.c - how much memory processes have been promised, and when
 * a new promise is refused (Linux: mm/util.c __vm_enough_memory and
 * vm_commit_limit; Documentation/mm/overcommit-accounting.rst).
 *
 * Memory a process may later write without asking again is "committed" when
 * it is mapped: a private writable mapping, the heap, the stack, a VMA fork
 * copies.  Such a VMA carries VM_ACCOUNT; its pages are added to
 * vm_committed_pages when it is made or grows and taken off when it goes
 * (remove_vma).  Read-only and shared file mappings commit nothing: their
 * pages can always be dropped and read again.  MAP_NORESERVE opts out,
 * except in mode 2.
 *
 * Whether a promise is kept is vm.overcommit_memory's choice:
 *   0 (guess)  refuse one request larger than all of RAM and swap;
 *   1 (always) never refuse; the OOM killer settles it later;
 *   2 (never)  refuse once the total would pass CommitLimit,
 *              overcommit_ratio% of RAM (or overcommit_kbytes) plus swap,
 *              less admin_reserve_kbytes for non-root and a little of the
 *              caller's own size (user_reserve_kbytes).
 * /proc/meminfo shows the total as Committed_AS and the limit as CommitLimit.
 */
#include <mm_types.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <cred.h>
#include <printk.h>
#include <errno.h>
#include <init.h>
#include <proc_fs.h>
#include <time.h>

#define KIB_PER_PAGE (PAGE_SIZE / 1024)
#define USER_RESERVE_MAX_KB (128UL << 10)	/* Linux init_user_reserve: at most 128 MiB */
#define ADMIN_RESERVE_MAX_KB (8UL << 10)	/* Linux init_admin_reserve: at most 8 MiB */
#define RESERVE_SHARE 32			/* both reserves: 1/32 (3%) of free memory at boot */

int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
unsigned long sysctl_overcommit_ratio = 50;	/* percent of RAM in mode 2 */
unsigned long sysctl_overcommit_kbytes;		/* if set, replaces the ratio */
static unsigned long sysctl_user_reserve_kbytes;
static unsigned long sysctl_admin_reserve_kbytes;
static long vm_committed_pages;				/* Linux: vm_committed_as */

void vm_acct_memory(long pages) { vm_committed_pages += pages; }
void vm_unacct_memory(long pages) { vm_committed_pages -= pages; }
u64 vm_memory_committed(void) { return vm_committed_pages > 0 ? (u64)vm_committed_pages : 0; }

/* Linux vm_commit_limit: what mode 2 lets everyone commit together (no swap here). */
u64 vm_commit_limit(void)
{
	if (sysctl_overcommit_kbytes)
		return sysctl_overcommit_kbytes / KIB_PER_PAGE;
	return nr_total_pages() * sysctl_overcommit_ratio / 100;
}

/* Mode 2's limit for this caller (Linux __vm_enough_memory's reserves). */
static long strict_allowance(struct mm_struct *mm, bool admin)
{
	long allowed = (long)vm_commit_limit();

	if (!admin)
		allowed -= (long)(sysctl_admin_reserve_kbytes / KIB_PER_PAGE);
	if (mm)
		allowed -= MIN((long)(mm_total_vm(mm) / RESERVE_SHARE),
			       (long)(sysctl_user_reserve_kbytes / KIB_PER_PAGE));
	return allowed;
}

/* Linux pr_warn_ratelimited's default: at most 10 lines in any 5 seconds
 * (a fuzzer asks for absurd sizes all the time; the serial console is slow). */
#define RATELIMIT_INTERVAL_NS (5 * NSEC_PER_SEC)
#define RATELIMIT_BURST 10

static bool warn_ratelimit(void)
{
	static u64 begin;
	static int printed;
	u64 now = ktime_get_ns();

	if (!begin || now - begin >= RATELIMIT_INTERVAL_NS) {
		begin = now;
		printed = 0;
	}
	return printed++ < RATELIMIT_BURST;
}

/*
 * Linux __vm_enough_memory: commit @pages for @mm, or refuse with -ENOMEM.
 * The pages are counted first, so that mode 2 sees them in the total.
 */
int vm_enough_memory(struct mm_struct *mm, long pages)
{
	vm_acct_memory(pages);
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;
	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		if ((u64)pages <= nr_total_pages())	/* plus swap, which faultline has none of */
			return 0;
	} else if (vm_committed_pages < strict_allowance(mm, capable(CAP_SYS_ADMIN))) {
		return 0;
	}
	if (warn_ratelimit())
		pr_warn("__vm_enough_memory: pid: %d, comm: %s, bytes: %lu not enough memory for the allocation\n",
			current->pid, current->comm, (unsigned long)pages << PAGE_SHIFT);
	vm_unacct_memory(pages);
	return -ENOMEM;
}

/* Linux accountable_mapping: private and writable, and not MAP_NORESERVE. */
bool accountable_mapping(u64 vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* ---------------------------------------------------------------- sysctl */
static void overcommit_memory_show(struct seq_file *m) { seq_printf(m, "%d\n", sysctl_overcommit_memory); }
static void overcommit_ratio_show(struct seq_file *m) { seq_printf(m, "%lu\n", sysctl_overcommit_ratio); }
static void overcommit_kbytes_show(struct seq_file *m) { seq_printf(m, "%lu\n", sysctl_overcommit_kbytes); }
static void user_reserve_show(struct seq_file *m) { seq_printf(m, "%lu\n", sysctl_user_reserve_kbytes); }
static void admin_reserve_show(struct seq_file *m) { seq_printf(m, "%lu\n", sysctl_admin_reserve_kbytes); }

static int overcommit_memory_write(const char *buf, size_t n)
{
	unsigned long v;
	int err = proc_parse_ulong(buf, OVERCOMMIT_GUESS, OVERCOMMIT_NEVER, &v);	/* Linux: 0..2 */

	(void)n;
	if (!err)
		sysctl_overcommit_memory = (int)v;
	return err;
}

/* Linux overcommit_ratio_handler / overcommit_kbytes_handler: setting one clears the other. */
static int overcommit_ratio_write(const char *buf, size_t n)
{
	int err = proc_parse_ulong(buf, 0, INT_MAX, &sysctl_overcommit_ratio);

	(void)n;
	if (!err)
		sysctl_overcommit_kbytes = 0;
	return err;
}

static int overcommit_kbytes_write(const char *buf, size_t n)
{
	int err = proc_parse_ulong(buf, 0, ~0UL, &sysctl_overcommit_kbytes);

	(void)n;
	if (!err)
		sysctl_overcommit_ratio = 0;
	return err;
}

static int user_reserve_write(const char *buf, size_t n) { (void)n; return proc_parse_ulong(buf, 0, ~0UL, &sysctl_user_reserve_kbytes); }
static int admin_reserve_write(const char *buf, size_t n) { (void)n; return proc_parse_ulong(buf, 0, ~0UL, &sysctl_admin_reserve_kbytes); }

/* Linux init_user_reserve / init_admin_reserve: 3% of free memory, capped. */
static int overcommit_init(void)
{
	u64 free_kb = nr_free_pages() * KIB_PER_PAGE;

	sysctl_user_reserve_kbytes = MIN(free_kb / RESERVE_SHARE, USER_RESERVE_MAX_KB);
	sysctl_admin_reserve_kbytes = MIN(free_kb / RESERVE_SHARE, ADMIN_RESERVE_MAX_KB);
	return proc_create_rw("sys/vm/overcommit_memory", overcommit_memory_show, overcommit_memory_write) ||
	       proc_create_rw("sys/vm/overcommit_ratio", overcommit_ratio_show, overcommit_ratio_write) ||
	       proc_create_rw("sys/vm/overcommit_kbytes", overcommit_kbytes_show, overcommit_kbytes_write) ||
	       proc_create_rw("sys/vm/user_reserve_kbytes", user_reserve_show, user_reserve_write) ||
	       proc_create_rw("sys/vm/admin_reserve_kbytes", admin_reserve_show, admin_reserve_write);
}
fs_initcall(overcommit_init);
