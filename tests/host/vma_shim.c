/*
 * tests/host/vma_shim.c - what mm/vma.c needs from the rest of the kernel,
 * for the host build in tests/host/test_vma.c (Linux does the same for
 * mm/vma.c with tools/testing/vma/vma_internal.h).
 *
 *   kzalloc/kfree   calloc/free, so ASan sees every VMA's lifetime
 *   panic           (BUG_ON) the message on stderr, then abort()
 *   current         one task, whose rlimits the tests set
 *   vm_enough_memory  always grants (overcommit has its ktests)
 *
 * Built like mm/vma.c itself, with the kernel's headers (-D__KERNEL__
 * -Iinclude); the few libc functions used are declared here by hand, since
 * the kernel's headers stand in for libc's.
 */
#include <mm.h>
#include <printk.h>
#include <sched.h>
#include "vma_shim.h"

/* No address-space or data limit, as a Linux task starts (INIT_RLIMITS):
 * may_expand_vm then lets the stack tests reach RLIMIT_STACK alone. */
static struct signal_struct shim_signal = {
	.rlim = {
		[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
	},
};
static struct task_struct shim_task = { .signal = &shim_signal };
struct task_struct *current = &shim_task;

void *kzalloc(size_t size) { return calloc(1, size); }
void kfree(const void *p) { free((void *)p); }

void panic(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf_stderr("panic: %s\n", buf);
	abort();
}

/* The VMA tests map no files: a file reference being dropped is a bug here. */
void fput(struct file *f)
{
	(void)f;
	panic("fput called from a VMA test");
}

/* mm/overcommit.c: stack growth commits memory; the VMA tests are not about that. */
int vm_enough_memory(struct mm_struct *mm, long pages)
{
	(void)mm;
	(void)pages;
	return 0;
}

/* lib/list_debug.c reports a corrupt list with printk and dump_stack. */
int printk(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf_stderr("%s", buf);
	return 0;
}

void dump_stack(void) { abort(); }
