/*
 * getrusage and wait4's rusage (docs/linux-abi.md §8, §11):
 *   RUSAGE_CHILDREN before any child was reaped: ru_minflt 0;
 *   a child writes 100 fresh anonymous pages and exits; wait4's rusage
 *   shows ru_minflt >= 100 for it, and RUSAGE_CHILDREN afterwards shows
 *   >= 100 too; a second such child adds another 100 (>= 200);
 *   RUSAGE_SELF: ru_maxrss > 0 (KiB) and ru_minflt > 0; RUSAGE_CHILDREN
 *   ru_maxrss > 0 after the children; RUSAGE_THREAD works;
 *   who = 5 -> EINVAL.
 */
#include "ftest.h"
#include <sys/resource.h>

#define PAGES 100

static pid_t toucher(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		uintptr_t a = map_anon(PAGES, PROT_READ | PROT_WRITE);
		for (int i = 0; i < PAGES; i++)
			poke32(a + i * PAGE_SIZE, i);
		_exit(0);
	}
	return pid;
}

int main(void)
{
	struct rusage ru, self;
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("RUSAGE_CHILDREN before: minflt 0 %d maxrss 0 %d\n",
	       ru.ru_minflt == 0, ru.ru_maxrss == 0);

	pid_t pid = toucher();
	memset(&ru, 0, sizeof ru);
	pid_t got = wait4(pid, &status, 0, &ru);
	printf("wait4: child %d minflt >= 100 %d\n", got == pid,
	       ru.ru_minflt >= PAGES);
	print_wait_status("child 1", status);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("RUSAGE_CHILDREN after 1: minflt >= 100 %d\n",
	       ru.ru_minflt >= PAGES);
	long first = ru.ru_minflt;

	pid = toucher();
	waitpid(pid, &status, 0);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("RUSAGE_CHILDREN after 2: minflt >= 200 %d grew by >= 100 %d maxrss > 0 %d\n",
	       ru.ru_minflt >= 2 * PAGES, ru.ru_minflt - first >= PAGES,
	       ru.ru_maxrss > 0);

	printf("RUSAGE_SELF: %d\n", getrusage(RUSAGE_SELF, &self));
	printf("RUSAGE_SELF: maxrss > 0 %d minflt > 0 %d\n",
	       self.ru_maxrss > 0, self.ru_minflt > 0);
	printf("RUSAGE_THREAD: %d\n", getrusage(RUSAGE_THREAD, &ru));
	errno = 0;
	int r = getrusage(5, &ru);
	printf("who 5: %d %s\n", r, errno_name(errno));
	return 0;
}
