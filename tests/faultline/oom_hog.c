/*
 * oom_hog - running out of user memory (mm/oom_kill.c). A child touches
 * anonymous memory until none is left. faultline has no swap, so reclaim
 * finds nothing and the OOM killer must choose the task with the largest
 * resident set, the child, and kill it with SIGKILL, printing Linux's
 * "Out of memory: Killed process N (oom_hog)" line; the parent and the
 * kernel go on. faultline only: on the host this would eat the host's
 * memory. Expected output written from those rules.
 *
 * qrun-args: --mem 80M --disk-size 1M
 * log-expect: Out of memory: Killed process \d+ \(oom_hog\) total-vm:\d+kB, anon-rss:\d+kB
 */
#include "ftest.h"
#include <sys/wait.h>

#define CHUNK (1 << 20)

int main(void)
{
	int status;
	pid_t child = fork();

	setvbuf(stdout, NULL, _IONBF, 0);
	if (child == 0) {
		for (;;) {
			char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				_exit(3);	/* mmap itself refused: not what is tested */
			for (int i = 0; i < CHUNK; i += PAGE_SIZE)
				p[i] = 1;
		}
	}
	waitpid(child, &status, 0);
	printf("child killed by signal: %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	printf("parent goes on: a new page works: %d\n", ((char *)mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))[0] == 0);
	return 0;
}
