/*
 * futex_shared_file - a futex in a MAP_SHARED file mapping is named by the
 * file and the offset, not by the address (Linux get_futex_key: the key of
 * a shared page is its inode and page index).  A child maps the same file
 * at a different address (and through a different mapping offset) and
 * waits on a word; the parent wakes it through its own mapping:
 *   - shared FUTEX_WAKE through another address wakes the waiter (1);
 *   - FUTEX_WAKE_PRIVATE from the other process finds nobody (0), and the
 *     waiter's timeout ends its wait (ETIMEDOUT);
 *   - two processes that open the file separately (the child reopens it
 *     by name) meet on the same futex too;
 *   - a MAP_SHARED|MAP_ANONYMOUS page shared across fork works the same.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <time.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_PRIVATE_FLAG 128
#define WORD_OFF (PAGE_SIZE + 64)	/* a word in the file's second page */

static long futex(void *uaddr, int op, unsigned val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

/* In the child: map the file's second page alone (offset PAGE_SIZE) at
 * some other address, wait on the word, exit with what the wait said. */
static void child_wait(int fd, const char *path, long timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000 };
	void *pad = mmap(NULL, 5 * PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p;
	long r;

	(void)pad;			/* so the new mapping cannot land where the parent's is */
	if (path) {
		close(fd);
		fd = open(path, O_RDWR);
	}
	p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE_SIZE);
	if (p == MAP_FAILED)
		_exit(100);
	r = futex(p + 64, FUTEX_WAIT, 0, timeout_ms ? &ts : NULL);
	_exit(r == 0 ? 0 : errno == ETIMEDOUT ? 1 : errno == EAGAIN ? 2 : 3);
}

static const char *const outcome[] = { "woken", "timed out", "EAGAIN", "other error" };

/* Fork a waiter, give it time to sleep, wake with op, report both sides. */
static void round_trip(const char *label, int fd, char *word, int op, const char *reopen, long timeout_ms)
{
	struct timespec nap = { 0, 100 * 1000 * 1000 };
	int st;
	long woken;
	pid_t pid;

	*(volatile unsigned *)word = 0;
	if ((pid = fork()) == 0)
		child_wait(fd, reopen, timeout_ms);
	nanosleep(&nap, NULL);
	woken = futex(word, op, 1, NULL);
	waitpid(pid, &st, 0);
	printf("%-44s wake returned %ld, waiter %s\n", label, woken,
	       WIFEXITED(st) && WEXITSTATUS(st) < 4 ? outcome[WEXITSTATUS(st)] : "failed");
}

int main(void)
{
	const char *path = "futex_shared_file.tmp";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *map, *anon;
	int st;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (fd < 0 || ftruncate(fd, 2 * PAGE_SIZE)) {
		printf("setup failed: %s\n", errno_name(errno));
		return 1;
	}
	map = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	round_trip("shared wake through another address:", fd, map + WORD_OFF, FUTEX_WAKE, NULL, 0);
	round_trip("private wake from another process:", fd, map + WORD_OFF,
		   FUTEX_WAKE | FUTEX_PRIVATE_FLAG, NULL, 300);
	round_trip("the file opened again by name:", fd, map + WORD_OFF, FUTEX_WAKE, path, 0);

	anon = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*(volatile unsigned *)anon = 0;
	if ((pid = fork()) == 0)
		_exit(futex(anon, FUTEX_WAIT, 0, NULL) == 0 ? 0 : 3);
	{
		struct timespec nap = { 0, 100 * 1000 * 1000 };
		nanosleep(&nap, NULL);
	}
	printf("%-44s wake returned %ld, ", "MAP_SHARED|MAP_ANONYMOUS across fork:", futex(anon, FUTEX_WAKE, 1, NULL));
	waitpid(pid, &st, 0);
	printf("waiter %s\n", WIFEXITED(st) && WEXITSTATUS(st) < 4 ? outcome[WEXITSTATUS(st)] : "failed");
	unlink(path);
	return 0;
}
