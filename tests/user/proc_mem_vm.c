/*
 * Another process's memory: /proc/PID/mem (Linux fs/proc/base.c mem_rw)
 * and process_vm_readv/writev (Linux mm/process_vm_access.c), both through
 * get_user_pages_remote (mm/gup.c): a page the target never touched is
 * faulted in on its behalf.
 * A region of 4 anonymous pages is mapped before fork; the child writes
 * page 0 only, then waits while the parent:
 *   reads page 0 through /proc/CHILD/mem (the child's bytes) and page 2
 *     (zeros; the child then finds that page resident, mincore 1);
 *   writes page 1 through /proc/CHILD/mem (the child sees it);
 *   reads an address with nothing mapped: EIO;
 *   process_vm_readv: page 0 into two local buffers; a remote vector of a
 *     good range then an unmapped one (the good part only); an unmapped
 *     first range (EFAULT); flags 1 (EINVAL); 1025 vectors (EINVAL); a pid
 *     that does not exist (ESRCH); no local bytes (0);
 *   process_vm_writev into page 3 (the child sees it);
 *   as user 65534: open /proc/CHILD/mem is EACCES, process_vm_readv EPERM.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/uio.h>
#include <sys/wait.h>

static char *region;
static int to_child[2], to_parent[2];

static void child(void)
{
	char cmd;
	unsigned char vec[4];

	memset(region, 'A', PAGE_SIZE);
	write(to_parent[1], "r", 1);
	while (read(to_child[0], &cmd, 1) == 1) {
		if (cmd == 'm') {
			mincore(region, 4 * PAGE_SIZE, vec);
			printf("child: resident %d %d %d %d\n", vec[0] & 1, vec[1] & 1, vec[2] & 1, vec[3] & 1);
		} else if (cmd == 'p') {
			printf("child: page 1 starts \"%.5s\", page 3 starts \"%.5s\"\n", region + PAGE_SIZE,
			       region + 3 * PAGE_SIZE);
		} else {
			break;
		}
		write(to_parent[1], "k", 1);
	}
	_exit(0);
}

static void ask(char c)
{
	char k;
	write(to_child[1], &c, 1);
	read(to_parent[0], &k, 1);
}

static void show_result(const char *what, long r)
{
	printf("%s: %ld %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

static void vm_reads(pid_t pid)
{
	char a[10], b[20], big[200];
	struct iovec local[2] = { { a, sizeof a }, { b, sizeof b } };
	struct iovec remote = { region, 30 }, one = { big, sizeof big };
	struct iovec holes[2] = { { region + PAGE_SIZE - 50, 50 }, { (void *)0x10000, 100 } };
	static struct iovec many[1025];

	errno = 0;
	show_result("process_vm_readv page 0 into 10+20 bytes", process_vm_readv(pid, local, 2, &remote, 1, 0));
	printf("  \"%.3s\" \"%.3s\"\n", a, b + 17);
	errno = 0;
	show_result("process_vm_readv good range then unmapped", process_vm_readv(pid, &one, 1, holes, 2, 0));
	errno = 0;
	show_result("process_vm_readv unmapped first", process_vm_readv(pid, &one, 1, holes + 1, 1, 0));
	errno = 0;
	show_result("process_vm_readv flags 1", process_vm_readv(pid, &one, 1, &remote, 1, 1));
	for (int i = 0; i < 1025; i++)
		many[i] = (struct iovec){ big, 1 };
	errno = 0;
	show_result("process_vm_readv 1025 remote vectors", process_vm_readv(pid, &one, 1, many, 1025, 0));
	errno = 0;
	show_result("process_vm_readv no such pid", process_vm_readv(4000000, &one, 1, &remote, 1, 0));
	struct iovec empty = { big, 0 };
	errno = 0;
	show_result("process_vm_readv no local bytes", process_vm_readv(pid, &empty, 1, &remote, 1, 0));
}

static void as_nobody(pid_t pid, const char *path)
{
	if (fork() == 0) {
		char c;
		struct iovec l = { &c, 1 }, r = { region, 1 };
		if (setgid(65534) || setuid(65534)) {
			printf("setuid failed\n");
			_exit(1);
		}
		errno = 0;
		int fd = open(path, O_RDONLY);
		printf("nobody: open mem: %s\n", fd >= 0 ? "ok" : errno_name(errno));
		errno = 0;
		show_result("nobody: process_vm_readv", process_vm_readv(pid, &l, 1, &r, 1, 0));
		_exit(0);
	}
	wait(NULL);
}

int main(void)
{
	char path[64], buf[16];
	pid_t pid;
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	region = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pipe(to_child);
	pipe(to_parent);
	if ((pid = fork()) == 0)
		child();
	read(to_parent[0], buf, 1);
	snprintf(path, sizeof path, "/proc/%d/mem", pid);
	fd = open(path, O_RDWR);
	printf("open /proc/CHILD/mem: %s\n", fd >= 0 ? "ok" : errno_name(errno));

	memset(buf, 0, sizeof buf);
	show_result("pread page 0", pread(fd, buf, 8, (off_t)(uintptr_t)region));
	printf("  \"%.8s\"\n", buf);
	memset(buf, 'x', sizeof buf);
	show_result("pread page 2 (never touched)", pread(fd, buf, 8, (off_t)(uintptr_t)(region + 2 * PAGE_SIZE)));
	printf("  all zero %d\n", !memcmp(buf, "\0\0\0\0\0\0\0\0", 8));
	ask('m');
	show_result("pwrite page 1", pwrite(fd, "hello", 5, (off_t)(uintptr_t)(region + PAGE_SIZE)));
	errno = 0;
	show_result("pread at an unmapped address", pread(fd, buf, 8, 0x10000));

	vm_reads(pid);
	struct iovec l = { "world", 5 }, r = { region + 3 * PAGE_SIZE, 5 };
	errno = 0;
	show_result("process_vm_writev page 3", process_vm_writev(pid, &l, 1, &r, 1, 0));
	ask('p');
	as_nobody(pid, path);

	write(to_child[1], "q", 1);
	waitpid(pid, NULL, 0);
	return 0;
}
