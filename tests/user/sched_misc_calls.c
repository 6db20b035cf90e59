/*
 * sched_misc_calls - small calls real programs make (Linux kernel/sched/
 * core.c, kernel/exec_domain.c, kernel/fork.c ksys_unshare):
 *   personality: 0xffffffff asks without changing, a set returns the old;
 *   getcpu: CPU and node of a one-CPU machine; sched_setaffinity: a mask
 *   with CPU 0 is fine, an empty one EINVAL; sched_getparam/setparam under
 *   SCHED_OTHER (priority 0 only); unshare: unknown bits EINVAL, CLONE_VM
 *   or CLONE_THREAD in a process with threads EINVAL and alone 0, and
 *   unshare(CLONE_FILES) in a thread gives it a descriptor table of its
 *   own: a file it opens afterwards is not open in the main thread.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/personality.h>

static void show(const char *what, long r)
{
	printf("%-44s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

static int thread_fd = -1;
static long thread_unshare = -2, vm_in_thread = -2;

static void *unsharer(void *arg)
{
	(void)arg;
	vm_in_thread = syscall(SYS_unshare, CLONE_VM) < 0 ? -errno : 0;
	thread_unshare = syscall(SYS_unshare, CLONE_FILES);
	thread_fd = open("/", O_RDONLY);
	return NULL;
}

int main(void)
{
	unsigned cpu = 99, node = 99;
	unsigned long mask;
	struct sched_param sp = { 7 };
	pthread_t th;
	long old;

	setvbuf(stdout, NULL, _IONBF, 0);
	old = syscall(SYS_personality, 0xffffffffUL);
	show("personality(query)", old);
	show("personality(ADDR_NO_RANDOMIZE) returns the old", syscall(SYS_personality, old | ADDR_NO_RANDOMIZE));
	show("personality(query) now has it", (syscall(SYS_personality, 0xffffffffUL) & ADDR_NO_RANDOMIZE) != 0);
	syscall(SYS_personality, old);
	mask = 1;
	show("sched_setaffinity(CPU 0)", syscall(SYS_sched_setaffinity, 0, sizeof mask, &mask));
	show("getcpu (pinned to CPU 0)", syscall(SYS_getcpu, &cpu, &node, NULL));
	printf("cpu %u node %u\n", cpu, node);
	mask = 0;
	show("sched_setaffinity(no CPU)", syscall(SYS_sched_setaffinity, 0, sizeof mask, &mask));
	show("sched_getparam", syscall(SYS_sched_getparam, 0, &sp));
	printf("priority %d\n", sp.sched_priority);
	show("sched_setparam(priority 0)", syscall(SYS_sched_setparam, 0, &sp));
	sp.sched_priority = 5;
	show("sched_setparam(priority 5)", syscall(SYS_sched_setparam, 0, &sp));
	show("sched_getparam(NULL)", syscall(SYS_sched_getparam, 0, NULL));
	show("unshare(0)", syscall(SYS_unshare, 0));
	show("unshare(0x1: not a clone flag)", syscall(SYS_unshare, 1));
	show("unshare(CLONE_VM) alone", syscall(SYS_unshare, CLONE_VM));
	show("unshare(CLONE_FILES | CLONE_FS) alone", syscall(SYS_unshare, CLONE_FILES | CLONE_FS));
	pthread_create(&th, NULL, unsharer, NULL);
	pthread_join(th, NULL);
	printf("in a thread: unshare(CLONE_VM) %s, unshare(CLONE_FILES) %ld\n",
	       vm_in_thread ? errno_name((int)-vm_in_thread) : "0", thread_unshare);
	printf("the thread's new fd %d open in main: %d\n", thread_fd >= 0, fcntl(thread_fd, F_GETFD) >= 0);
	return 0;
}
