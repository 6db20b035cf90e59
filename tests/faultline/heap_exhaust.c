/*
 * heap_exhaust - running out of kernel memory.  A pipe's 64 KiB buffer is
 * kernel heap (fs/pipe.c kmalloc, an order-4 block of the page allocator),
 * taken when the pipe is made; children each make pipes until the kernel
 * cannot find one more buffer.  Kernel allocations never call the OOM
 * killer here (mm/page_alloc.c: only user pages keep a reserve): the
 * caller must get ENOMEM, and the kernel must stay healthy - no panic, no
 * oops (tools/qrun fails the run on either).  With the heap gone, a user
 * page fault finds no page either and the OOM killer runs (for a child:
 * the parent writes -1000 to its oom_score_adj and each child 0 to its
 * own, Linux's rule for who may be chosen);
 * a child writes errno before it starts, so its own copy of that page
 * exists before memory runs out.  Once the children are killed
 * and reaped, every buffer comes back: MemFree in /proc/meminfo is within
 * 1 MiB of what it was before (nothing leaked), and pipe() works again.
 * faultline only: Linux allocates pipe buffers page by page as data comes
 * and would OOM-kill instead.  Expected output written from those rules.
 *
 * qrun-args: --mem 80M --disk-size 1M
 */
#include "ftest.h"
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>

#define MAX_KIDS 64
#define SLACK_KB 1024

struct shared {
	volatile int done;		/* the child that hit the limit */
	volatile int err;		/* pipe()'s errno there */
	volatile int holding;		/* children that hold their pipes */
};

static long mem_free_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* Make pipes until pipe() fails: EMFILE means "hold them and let the next
 * child go on"; anything else is the answer. */
static void child(struct shared *s)
{
	int fds[2], adj = open("/proc/self/oom_score_adj", O_WRONLY);

	if (adj < 0 || write(adj, "0", 1) != 1)	/* not the parent's -1000 */
		_exit(4);
	close(adj);
	errno = 0;		/* the copy-on-write fault of errno's page, now */
	for (;;) {
		if (pipe(fds) == 0)
			continue;
		if (errno != EMFILE) {
			s->err = errno;
			s->done = 1;
		}
		s->holding++;
		for (;;)
			pause();
	}
}

int main(void)
{
	struct shared *s = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t kids[MAX_KIDS];
	int n = 0, reaped = 0, status, fds[2];
	long before;

	int adj = open("/proc/self/oom_score_adj", O_WRONLY);

	setvbuf(stdout, NULL, _IONBF, 0);
	if (adj < 0 || write(adj, "-1000", 5) != 5)
		return 4;
	close(adj);
	before = mem_free_kb();
	while (!s->done && n < MAX_KIDS) {
		int holding = s->holding;
		if ((kids[n] = fork()) == 0)
			child(s);
		if (kids[n] < 0)
			break;
		n++;
		while (s->holding == holding)
			usleep(10000);
	}
	printf("pipe() once the kernel heap is exhausted: %s\n", s->done ? errno_name(s->err) : "never failed");
	printf("it took more than one child: %d\n", n > 1);
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		reaped += waitpid(kids[i], &status, 0) == kids[i] && WIFSIGNALED(status);
	printf("every child reaped: %d\n", reaped == n);
	printf("MemFree back within 1 MiB of before: %d\n", mem_free_kb() >= before - SLACK_KB);
	printf("pipe() works again: %d\n", pipe(fds) == 0);
	return 0;
}
