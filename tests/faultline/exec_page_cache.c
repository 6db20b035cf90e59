/*
 * exec_page_cache - exec maps a program from the page cache (fs/exec.c:
 * PT_LOAD segments become file VMAs; fs/inode.c keeps an unused file's
 * inode and pages cached). A copy of this program is made in /tmp, the
 * caches are dropped (sync, then 3 into /proc/sys/vm/drop_caches), and the
 * copy is run twice: the first run must read its pages from the disk
 * (major faults, getrusage ru_majflt > 0), the second must find them all
 * in the page cache (no major fault). faultline only (it drops the
 * caches); the expected output is written from those rules.
 * qrun-args: --tmp-on-disk
 * (its copy must be on the disk: a tmpfs /tmp has nothing to read back)
 */
#include "fsutil.h"
#include <sys/resource.h>
#include <sys/wait.h>

static long child_majflt(const char *path)
{
	struct rusage before, after;
	int status;
	pid_t pid;

	getrusage(RUSAGE_CHILDREN, &before);
	pid = fork();
	if (pid == 0) {
		execl(path, path, "child", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	getrusage(RUSAGE_CHILDREN, &after);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? after.ru_majflt - before.ru_majflt : -1;
}

static int copy_file(const char *from, const char *to)
{
	char buf[4096];
	ssize_t n;
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0755);

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	return close(out);
}

int main(int argc, char **argv)
{
	char dir[64], copy[96];
	int fd;
	long first, second;

	if (argc > 1)
		return 0;			/* the child: exec'd, touches its pages, leaves */
	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof(dir), "execcache");
	SHOW("copy this program", copy_file(argv[0], path_in(copy, sizeof(copy), dir, "prog")));
	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	SHOW("drop the caches", fd < 0 ? -1 : write(fd, "3", 1));
	close(fd);
	first = child_majflt(copy);
	second = child_majflt(copy);
	printf("first run read pages from the disk (major faults): %s\n", first > 0 ? "yes" : "no");
	printf("second run found them cached (no major fault): %s\n", second == 0 ? "yes" : "no");
	SHOW("cleanup", rm_rf(dir));
	return 0;
}
