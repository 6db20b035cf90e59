/*
 * user/vmadump.c - "vmadump [PID]": a process's address space as text for
 * tools/vmaplot: each line of /proc/PID/maps, followed by which of its
 * pages are resident, from /proc/PID/pagemap (bit 63 of each page's 64-bit
 * entry: "present"; Linux: Documentation/admin-guide/mm/pagemap.rst).
 *
 *   @@@ VMADUMP pid 42 comm sh
 *   00400000-00401000 r--p 00000000 00:01 12   /bin/busybox
 *     resident 0-0
 *   ...
 *   @@@ END VMADUMP
 *
 * "resident A-B C-D" lists runs of resident pages by index in the VMA.
 * Runs on Linux too (a process may read its own pagemap; Linux hides the
 * PFNs from an unprivileged reader but not the present bit).  Without PID,
 * it dumps itself.  In `make run`, `vmadump PID > /dev/ttyS3` puts the dump
 * in build/pftrace.log next to the fault trace.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_SIZE 4096
#define PM_PRESENT (1ULL << 63)
#define MAX_RUNS_SHOWN 64               /* a VMA with more runs than this says "..." */

static int open_proc(const char *pid, const char *file)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%s/%s", pid, file);
	return open(path, O_RDONLY);
}

/* The resident runs of [start, end) as "resident 0-3 7-7", from pagemap. */
static void print_resident(int pagemap, unsigned long start, unsigned long end)
{
	unsigned long pages = (end - start) / PAGE_SIZE, run_start = 0, runs = 0;
	int in_run = 0;

	printf("  resident");
	for (unsigned long i = 0; i <= pages; i++) {
		uint64_t e = 0;
		int present = i < pages &&
			      pread(pagemap, &e, sizeof(e), (start / PAGE_SIZE + i) * sizeof(e)) == sizeof(e) &&
			      (e & PM_PRESENT);

		if (present && !in_run)
			run_start = i;
		if (!present && in_run && runs++ < MAX_RUNS_SHOWN)
			printf(" %lu-%lu", run_start, i - 1);
		in_run = present;
	}
	printf("%s\n", runs > MAX_RUNS_SHOWN ? " ..." : "");
}

static int dump(const char *pid)
{
	char line[512], comm[64] = "?";
	int maps_fd = open_proc(pid, "maps"), pagemap = open_proc(pid, "pagemap"), c = open_proc(pid, "comm");
	FILE *maps = maps_fd >= 0 ? fdopen(maps_fd, "r") : NULL;
	ssize_t n = c >= 0 ? read(c, comm, sizeof(comm) - 1) : -1;

	if (!maps) {
		fprintf(stderr, "vmadump: /proc/%s/maps: %s\n", pid, strerror(errno));
		return 1;
	}
	if (n > 0)
		comm[n - (comm[n - 1] == '\n')] = 0;
	printf("@@@ VMADUMP pid %s comm %s\n", pid, comm);
	while (fgets(line, sizeof(line), maps)) {
		unsigned long start, end;

		fputs(line, stdout);
		if (pagemap >= 0 && sscanf(line, "%lx-%lx", &start, &end) == 2)
			print_resident(pagemap, start, end);
	}
	printf("@@@ END VMADUMP\n");
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	char self[16];

	if (argc > 2 || (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))) {
		fprintf(stderr, "usage: vmadump [PID]   (a process's maps and resident pages, for tools/vmaplot)\n");
		return 2;
	}
	snprintf(self, sizeof(self), "%d", (int)getpid());
	return dump(argc == 2 ? argv[1] : self);
}
