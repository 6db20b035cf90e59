/*
 * abi_edge_cases - system-call corners where faultline once differed from
 * Linux, found by tools/fuzz diffing each call's outcome on both kernels:
 * the order of checks (which error wins), arguments Linux truncates, and
 * requests every file answers.  Plus what fork does with MADV_DONTFORK
 * (the child has a hole) and MADV_WIPEONFORK (the child's copy is zero).
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/time.h>

#define CLOCK_TAI_ID 11

static void show(const char *what, long r)
{
	printf("%-60s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

/* In a child: read the first byte of p; report the value or the signal. */
static void child_reads(const char *what, volatile char *p)
{
	int status;
	pid_t pid = fork();
	if (pid == 0) {
		int v, sig;
		catch_faults();
		if ((sig = try_read32((uintptr_t)p, &v)))
			_exit(100 + sig);
		_exit(v & 0xff);
	}
	waitpid(pid, &status, 0);
	if (WEXITSTATUS(status) >= 100)
		printf("%-60s : %s\n", what, sig_name(WEXITSTATUS(status) - 100));
	else
		printf("%-60s : reads %d\n", what, WEXITSTATUS(status));
}

int main(void)
{
	struct timespec ts;
	struct iovec iov = { "x", 1 };
	int p[2];
	char d[] = "/tmp/abi_edge_cases.XXXXXX", node[64];

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!mkdtemp(d) || pipe2(p, O_NONBLOCK))
		return 1;
	int dirfd = open(d, O_RDONLY | O_DIRECTORY);

	show("clock_gettime(CLOCK_TAI)", syscall(SYS_clock_gettime, CLOCK_TAI_ID, &ts));
	show("writev(pipe, iov, 0x100000001): the upper half is ignored", syscall(SYS_writev, p[1], &iov, 0x100000001L));
	show("writev(pipe read end, iov, 1025): EBADF before EINVAL", syscall(SYS_writev, p[0], &iov, 1025L));
	show("ioctl(directory, FIOCLEX)", ioctl(dirfd, FIOCLEX));
	show("fcntl(directory, F_GETFD) after FIOCLEX", fcntl(dirfd, F_GETFD));
	show("ioctl(directory, FIONCLEX)", ioctl(dirfd, FIONCLEX));
	show("fcntl(directory, F_GETFD) after FIONCLEX", fcntl(dirfd, F_GETFD));
	int on = 0;
	show("ioctl(pipe, FIONBIO, 0)", ioctl(p[0], FIONBIO, &on));
	show("fcntl(pipe, F_GETFL) & O_NONBLOCK", fcntl(p[0], F_GETFL) & O_NONBLOCK);
	show("mmap(pipe, offset -4096): EOVERFLOW before ENODEV",
	     (long)syscall(SYS_mmap, 0, 0x10000, PROT_READ, MAP_PRIVATE, p[0], -4096L));
	show("statx(\"/\", flags 0x400, buffer 0x1000): EINVAL before EFAULT",
	     syscall(SYS_statx, AT_FDCWD, "/", 0x400, 0, 0x1000));
	struct rlimit rl = { 1 << 21, 1 << 21 };
	show("setrlimit(RLIMIT_NOFILE, 2M): above fs.nr_open", setrlimit(RLIMIT_NOFILE, &rl));
	snprintf(node, sizeof node, "%s/n", d);
	show("mknod(S_IFDIR | 0755)", mknod(node, S_IFDIR | 0755, 0));

	char *m = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(m, 7, 4 * PAGE_SIZE);
	show("madvise(page 1, MADV_DONTFORK)", madvise(m + PAGE_SIZE, PAGE_SIZE, MADV_DONTFORK));
	show("madvise(page 2, MADV_WIPEONFORK)", madvise(m + 2 * PAGE_SIZE, PAGE_SIZE, MADV_WIPEONFORK));
	show("madvise(pages 0-3, MADV_COLD)", madvise(m, 4 * PAGE_SIZE, MADV_COLD));
	show("madvise(pages 0-3, MADV_PAGEOUT)", madvise(m, 4 * PAGE_SIZE, MADV_PAGEOUT));
	show("madvise(pages 0-3, 99): unknown advice", madvise(m, 4 * PAGE_SIZE, 99));
	child_reads("fork: page 0 (plain)", m);
	child_reads("fork: page 1 (MADV_DONTFORK)", m + PAGE_SIZE);
	child_reads("fork: page 2 (MADV_WIPEONFORK)", m + 2 * PAGE_SIZE);
	child_reads("fork: page 3 (plain)", m + 3 * PAGE_SIZE);
	printf("parent still reads pages 1 and 2: %d %d\n", m[PAGE_SIZE], m[2 * PAGE_SIZE]);
	show("madvise(page 1, MADV_DOFORK)", madvise(m + PAGE_SIZE, PAGE_SIZE, MADV_DOFORK));
	show("madvise(page 2, MADV_KEEPONFORK)", madvise(m + 2 * PAGE_SIZE, PAGE_SIZE, MADV_KEEPONFORK));
	child_reads("fork: page 1 after MADV_DOFORK", m + PAGE_SIZE);
	child_reads("fork: page 2 after MADV_KEEPONFORK", m + 2 * PAGE_SIZE);
	char *f = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	show("madvise(shared, MADV_WIPEONFORK): private anonymous only", madvise(f, PAGE_SIZE, MADV_WIPEONFORK));
	show("madvise(shared, MADV_FREE): private anonymous only", madvise(f, PAGE_SIZE, MADV_FREE));
	struct timeval tv;
	show("gettimeofday(&tv, (void *)1): the timezone is written too", syscall(SYS_gettimeofday, &tv, (void *)1));
	show("getpriority(PRIO_PGRP, -1): no such group", syscall(SYS_getpriority, 1, -1));
	show("getpriority(PRIO_USER, -1): no such user", syscall(SYS_getpriority, 2, -1));
	show("newfstatat(\"/\", flags 9999)", syscall(SYS_newfstatat, AT_FDCWD, "/", &(struct stat){0}, 9999));
	char *o = mmap(NULL, 4 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	show("mremap(MREMAP_FIXED) onto an overlapping range",
	     (long)mremap(o, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, o + PAGE_SIZE) == -1 ? -1 : 0);
	int zfd = open("/dev/zero", O_RDONLY);
	char *z = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, zfd, 0);
	show("mmap(/dev/zero opened O_RDONLY, MAP_SHARED, PROT_READ)", z == MAP_FAILED ? -1 : 0);
	show("  then mprotect(PROT_WRITE)", mprotect(z, PAGE_SIZE, PROT_READ | PROT_WRITE));
	show("mmap(/dev/zero opened O_RDONLY, MAP_SHARED, PROT_WRITE)",
	     mmap(NULL, PAGE_SIZE, PROT_WRITE, MAP_SHARED, zfd, 0) == MAP_FAILED ? -1 : 0);
	int q[2];
	char bytes[5000];
	if (pipe(q))
		return 1;
	show("fcntl(pipe, F_GETPIPE_SZ)", fcntl(q[0], F_GETPIPE_SZ));
	show("write 100 bytes", write(q[1], bytes, 100));
	show("fcntl(pipe, F_SETPIPE_SZ, 4096)", fcntl(q[1], F_SETPIPE_SZ, 4096));
	show("fcntl(pipe, F_SETPIPE_SZ, 0): one page at least", fcntl(q[1], F_SETPIPE_SZ, 0));
	show("fcntl(pipe, F_SETPIPE_SZ, 5000): a power-of-two of pages", fcntl(q[1], F_SETPIPE_SZ, 5000));
	show("write 5000 bytes more", write(q[1], bytes, 5000));
	show("fcntl(pipe, F_SETPIPE_SZ, 4096) below what it holds", fcntl(q[1], F_SETPIPE_SZ, 4096));
	show("read it all back", read(q[0], bytes, sizeof bytes) + read(q[0], bytes, sizeof bytes));
	show("fcntl(directory, F_GETPIPE_SZ)", fcntl(dirfd, F_GETPIPE_SZ));
	char link[64], target[64];
	snprintf(link, sizeof link, "%s/l", d);
	symlink("target", link);
	int lfd = open(link, O_PATH | O_NOFOLLOW);
	long n = readlinkat(lfd, "", target, sizeof target);
	show("readlinkat(O_PATH|O_NOFOLLOW fd of a link, \"\")", n);
	printf("  it reads: %.*s\n", n > 0 ? (int)n : 0, target);
	show("readlinkat(directory fd, \"\")", readlinkat(dirfd, "", target, sizeof target));
	show("readlinkat(AT_FDCWD, \"\")", readlinkat(AT_FDCWD, "", target, sizeof target));
	unlink(link);
	rmdir(node);
	rmdir(d);
	return 0;
}
