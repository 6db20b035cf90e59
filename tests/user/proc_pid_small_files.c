/*
 * The small files of /proc/PID, read and written as on Linux (fs/proc/
 * pid_misc.c; Linux fs/proc/base.c, kernel/user_namespace.c):
 *   - personality follows personality(2), "%08x";
 *   - timens_offsets, uid_map, gid_map, projid_map, setgroups show the
 *     initial namespaces, which cannot be written (EACCES, EPERM);
 *   - wchan of a running task is "0", with no newline; sessionid unset;
 *   - oom_adj is oom_score_adj on the old -17..15 scale, both ways
 *     (15 means the maximum, 1000); 16 is EINVAL;
 *   - coredump_filter starts at 0x33, takes hex or decimal, keeps only the
 *     nine filter bits, is inherited by fork;
 *   - io counts read(2)/write(2) bytes and calls: three reads of 100 bytes
 *     and two writes of 50 are +300/+3 and +100/+2 (plus the read that
 *     fetched the first snapshot), a readv of three segments one call, and
 *     a reaped child's 1000 written bytes join the parent's count.
 * Nothing is lowered (oom_score_adj below 0 needs CAP_SYS_RESOURCE, which
 * a container's root may lack).
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/personality.h>
#include <sys/uio.h>
#include <stdlib.h>

static int slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);	/* one read: the io test counts it */
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static void show(const char *name)
{
	char path[64], buf[256];

	snprintf(path, sizeof(path), "/proc/self/%s", name);
	if (slurp(path, buf, sizeof(buf)) < 0)
		printf("%s: %s\n", name, errno_name(errno));
	else
		printf("%s: [%s]\n", name, buf);
}

static void put(const char *name, const char *val)
{
	char path[64];
	int fd, r;

	snprintf(path, sizeof(path), "/proc/self/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		printf("open %s for writing: %s\n", name, errno_name(errno));
		return;
	}
	r = write(fd, val, strlen(val));
	printf("write %s to %s: %s\n", val[strlen(val) - 1] == '\n' ? "(line)" : val, name,
	       r < 0 ? errno_name(errno) : "ok");
	close(fd);
}

struct io { long rchar, wchar, syscr, syscw; int len; };

static struct io io_now(void)
{
	char buf[512];
	struct io v;

	v.len = slurp("/proc/self/io", buf, sizeof(buf));
	sscanf(buf, "rchar: %ld wchar: %ld syscr: %ld syscw: %ld", &v.rchar, &v.wchar, &v.syscr, &v.syscw);
	return v;
}

static void io_test(void)
{
	int z = open("/dev/zero", O_RDONLY), nul = open("/dev/null", O_WRONLY), st;
	char buf[100];
	struct iovec iov[3] = { { buf, 10 }, { buf + 10, 20 }, { buf + 30, 30 } };
	struct io a, b;

	a = io_now();
	for (int i = 0; i < 3; i++)
		read(z, buf, sizeof(buf));
	write(nul, buf, 50);
	write(nul, buf, 50);
	b = io_now();
	printf("io: rchar +%ld, syscr +%ld, wchar +%ld, syscw +%ld (after 3 reads of 100, 2 writes of 50)\n",
	       b.rchar - a.rchar - a.len, b.syscr - a.syscr - 1, b.wchar - a.wchar, b.syscw - a.syscw);
	a = io_now();
	readv(z, iov, 3);
	b = io_now();
	printf("io: readv of 3 segments: rchar +%ld, syscr +%ld\n", b.rchar - a.rchar - a.len, b.syscr - a.syscr - 1);
	a = io_now();
	if (fork() == 0) {
		char big[1000] = { 0 };

		write(nul, big, sizeof(big));
		_exit(0);
	}
	wait(&st);
	b = io_now();
	printf("io: a reaped child's 1000 bytes written count as ours: %s\n",
	       b.wchar - a.wchar == 1000 ? "yes" : "no");
	close(z);
	close(nul);
}

int main(void)
{
	int st;

	show("personality");
	personality(ADDR_NO_RANDOMIZE);
	show("personality");
	personality(0);
	show("timens_offsets");
	put("timens_offsets", "monotonic 1 0\n");
	show("wchan");
	show("sessionid");
	show("uid_map");
	show("gid_map");
	show("projid_map");
	show("setgroups");
	put("uid_map", "0 0 1\n");
	put("setgroups", "deny\n");

	show("oom_adj");
	put("oom_adj", "16");
	put("oom_adj", "5");
	show("oom_score_adj");
	put("oom_score_adj", "500");
	show("oom_adj");
	put("oom_adj", "15");
	show("oom_score_adj");
	show("oom_adj");

	show("coredump_filter");
	put("coredump_filter", "0x7\n");
	show("coredump_filter");
	put("coredump_filter", "35");
	show("coredump_filter");
	put("coredump_filter", "0xffffffff");
	show("coredump_filter");
	put("coredump_filter", "xyz");
	put("coredump_filter", "0x41");
	fflush(stdout);
	if (fork() == 0) {
		show("coredump_filter");	/* the child's own copy */
		fflush(stdout);
		_exit(0);
	}
	wait(&st);

	io_test();
	return 0;
}
