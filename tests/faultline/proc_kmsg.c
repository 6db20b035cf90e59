/*
 * proc_kmsg - what faultline's /proc and kernel log give that cannot be
 * compared with the host byte for byte (its CPU, its log, its counters),
 * checked against the rules of Linux's formats:
 *   - /dev/kmsg: each read is one record "PRIO,SEQ,USEC,FLAGS;text\n",
 *     sequence numbers increase by one; a write of "<13>text" comes back as
 *     a record of priority 13 (facility user, level notice); a read into a
 *     buffer too small for the record is EINVAL;
 *   - syslog(2): SIZE_BUFFER is positive, READ_ALL gives "<N>[    s.uuuuuu] "
 *     lines that include the record written above, an unknown action is
 *     EINVAL;
 *   - /proc/cpuinfo: "processor\t: 0" first, and the flags fpu and lm
 *     (every x86-64 CPU has them);
 *   - /proc/vmstat: nr_free_pages first; pgfault grows by at least the
 *     pages this program touches;
 *   - /proc/loadavg: five fields, "R/T" with 1 <= R <= T;
 *   - /proc/self/pagemap: a touched anonymous page is present (bit 63),
 *     exclusive (56), not a file page (61); an untouched one is 0; a page of
 *     a file mapping read once has bit 61; soft-dirty (55) and swap (62) 0;
 *   - /proc/sys/kernel/hostname is writable and uname(2) then reports it
 *     (faultline only: on the host it would rename the host);
 *   - /boot/config-RELEASE (RELEASE from uname) is the kernel's .config,
 *     as on Debian, for LTP's tst_kconfig: CONFIG_EVENTFD=y, and
 *     "# CONFIG_SWAP is not set"; /proc/sys/kernel/core_pattern is "core".
 * The expected output is written from those rules.
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/klog.h>
#include <sys/utsname.h>

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define TOUCH_PAGES 64
#define PM_PRESENT (1ULL << 63)
#define PM_SWAP (1ULL << 62)
#define PM_FILE (1ULL << 61)
#define PM_EXCLUSIVE (1ULL << 56)
#define PM_SOFT_DIRTY (1ULL << 55)

static char *slurp(const char *path)
{
	static char buf[1 << 16];
	int fd = open(path, O_RDONLY), n, t = 0;

	buf[0] = '\0';
	while (fd >= 0 && (n = read(fd, buf + t, sizeof(buf) - 1 - t)) > 0)
		t += n;
	buf[t] = '\0';
	if (fd >= 0)
		close(fd);
	return buf;
}

static unsigned long vmstat(const char *name)
{
	char *s = slurp("/proc/vmstat"), *p = strstr(s, name);

	return p ? strtoul(p + strlen(name) + 1, NULL, 10) : 0;
}

static void kmsg_test(void)
{
	int fd = open("/dev/kmsg", O_RDWR | O_NONBLOCK);
	char rec[1024], tiny[4];
	unsigned prio;
	unsigned long seq, prev = 0, usec;
	int n, ok = 1, records = 0, found = 0;

	printf("open /dev/kmsg: %s\n", fd >= 0 ? "ok" : errno_name(errno));
	printf("write <13>: %ld\n", (long)write(fd, "<13>proc_kmsg was here\n", 23));
	printf("tiny read: %s\n", read(fd, tiny, sizeof(tiny)) < 0 ? errno_name(errno) : "accepted");
	while ((n = read(fd, rec, sizeof(rec) - 1)) > 0) {
		rec[n] = '\0';
		if (sscanf(rec, "%u,%lu,%lu,", &prio, &seq, &usec) != 3 || !strchr(rec, ';') || rec[n - 1] != '\n')
			ok = 0;
		if (records++ && seq != prev + 1)
			ok = 0;
		prev = seq;
		if (strstr(rec, ";proc_kmsg was here\n"))
			found = prio;
	}
	printf("end of records: %s\n", n < 0 ? errno_name(errno) : "0");
	printf("records well formed and numbered in order: %s\n", ok && records > 1 ? "yes" : "no");
	printf("our record's priority: %d\n", found);
	close(fd);
}

static void syslog_test(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), n;
	char *buf = malloc(size > 0 ? size : 1);

	printf("SIZE_BUFFER positive: %s\n", size > 0 ? "yes" : "no");
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	buf[n > 0 ? n - 1 : 0] = '\0';
	printf("READ_ALL starts with <N>[: %s\n", n > 0 && buf[0] == '<' && strstr(buf, ">[") ? "yes" : "no");
	printf("READ_ALL has our line: %s\n", n > 0 && strstr(buf, "<13>[") && strstr(buf, "] proc_kmsg was here") ? "yes" : "no");
	printf("action 99: %s\n", klogctl(99, NULL, 0) < 0 ? errno_name(errno) : "accepted");
	free(buf);
}

static void files_test(void)
{
	char *s = slurp("/proc/cpuinfo"), *flags;
	unsigned long before, after;
	int r, t, fields;
	char *p;

	printf("cpuinfo starts with processor 0: %s\n", !strncmp(s, "processor\t: 0\n", 14) ? "yes" : "no");
	flags = strstr(s, "\nflags\t\t:");
	printf("cpuinfo flags fpu and lm: %s\n", flags && strstr(flags, " fpu ") && strstr(flags, " lm ") ? "yes" : "no");
	s = slurp("/proc/vmstat");
	printf("vmstat starts with nr_free_pages: %s\n", !strncmp(s, "nr_free_pages ", 14) ? "yes" : "no");
	before = vmstat("pgfault");
	p = mmap(NULL, TOUCH_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; i < TOUCH_PAGES; i++)
		p[i * PAGE_SIZE] = 1;
	after = vmstat("pgfault");
	printf("pgfault grew by >= %d: %s\n", TOUCH_PAGES, after - before >= TOUCH_PAGES ? "yes" : "no");
	munmap(p, TOUCH_PAGES * PAGE_SIZE);
	s = slurp("/proc/loadavg");
	fields = sscanf(s, "%*s %*s %*s %d/%d %*d", &r, &t);
	printf("loadavg running/total: %s\n", fields == 2 && r >= 1 && r <= t ? "ok" : s);
}

static unsigned long long pagemap(void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned long long e = 0;

	pread(fd, &e, sizeof(e), (unsigned long)addr / PAGE_SIZE * sizeof(e));
	close(fd);
	return e;
}

static void pagemap_test(void)
{
	char *anon = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/proc/self/exe", O_RDONLY);
	volatile char *file = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	unsigned long long e;
	char c;

	anon[0] = 1;
	c = file[0];
	(void)c;
	e = pagemap(anon);
	printf("touched anon: present %d exclusive %d file %d soft-dirty %d swap %d pfn nonzero %d\n", !!(e & PM_PRESENT),
	       !!(e & PM_EXCLUSIVE), !!(e & PM_FILE), !!(e & PM_SOFT_DIRTY), !!(e & PM_SWAP), (e & (PM_SOFT_DIRTY - 1)) != 0);
	printf("untouched anon: %llx\n", pagemap(anon + PAGE_SIZE));
	e = pagemap((void *)file);
	printf("file page read: present %d file %d\n", !!(e & PM_PRESENT), !!(e & PM_FILE));
	{
		int pfd = open("/proc/self/pagemap", O_RDONLY);
		char odd[5];
		printf("read of 5 bytes: %s\n", read(pfd, odd, 5) < 0 ? errno_name(errno) : "accepted");
		close(pfd);
	}
	munmap(anon, 2 * PAGE_SIZE);
	munmap((void *)file, PAGE_SIZE);
	close(fd);
}

static void hostname_test(void)
{
	int fd = open("/proc/sys/kernel/hostname", O_WRONLY);
	struct utsname u;

	printf("write hostname: %ld\n", (long)write(fd, "proc-test\n", 10));
	close(fd);
	uname(&u);
	printf("uname nodename: %s\n", u.nodename);
	printf("hostname file: %s", slurp("/proc/sys/kernel/hostname"));
}

/* Whether FILE has the whole line LINE. */
static int has_line(const char *file, const char *line)
{
	char buf[256];
	FILE *f = fopen(file, "r");
	int found = 0;

	while (f && !found && fgets(buf, sizeof buf, f))
		found = strcmp(strtok(buf, "\n") ? buf : "", line) == 0;
	if (f)
		fclose(f);
	return found;
}

static void kconfig_test(void)
{
	struct utsname u;
	char path[128];

	uname(&u);
	snprintf(path, sizeof path, "/boot/config-%s", u.release);
	printf("/boot/config-RELEASE readable: %d\n", access(path, R_OK) == 0);
	printf("  CONFIG_EVENTFD=y: %d\n", has_line(path, "CONFIG_EVENTFD=y"));
	printf("  CONFIG_SWAP not set: %d\n", has_line(path, "# CONFIG_SWAP is not set"));
	printf("core_pattern: %s", slurp("/proc/sys/kernel/core_pattern"));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	kmsg_test();
	syslog_test();
	files_test();
	pagemap_test();
	hostname_test();
	kconfig_test();
	return 0;
}
