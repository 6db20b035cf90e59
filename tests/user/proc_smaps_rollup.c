/*
 * /proc/self/smaps_rollup (Linux show_smaps_rollup): one "[rollup]" block
 * whose header spans the lowest VMA's start to the highest one's end, with
 * the smaps counts summed over every VMA and the Pss split into anonymous,
 * file and shmem pages.  Checked against /proc/self/smaps read at the same
 * moment (nothing faults in between: both are read into buffers first):
 *   - the field names, in Linux's order;
 *   - header: "---p 00000000 00:00 0" and the name at Linux's column;
 *   - start and end equal the first and last smaps VMA's (not counting
 *     [vsyscall], which is no VMA of the process);
 *   - Rss, Shared/Private Clean/Dirty, Referenced, Anonymous, Locked equal
 *     the sums of smaps' lines; Pss within 1 kB per VMA of the sum (each
 *     VMA's Pss is rounded down on its own);
 *   - Pss_Anon + Pss_File + Pss_Shmem is Pss (within the same rounding);
 *   - 64 pages written to a new anonymous mapping raise Rss and Pss_Anon
 *     by at least 256 kB (a page of the program's text may come in too).
 * The buffers are touched before the first read, so reading does not
 * itself fault pages in between the two files.
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>

#define BUFSZ (256 * 1024)
#define PAGES 64

static char rollup[8192], smaps[BUFSZ];

static int slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	while ((n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* The value of "name:" in text, in kB (-1 if missing). */
static long field(const char *text, const char *name)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\n%s:", name);
	p = strstr(text, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* The sum of "name:" over every VMA of smaps. */
static long sum(const char *name, int *vmas)
{
	char key[64];
	long total = 0;
	const char *p = smaps;

	snprintf(key, sizeof(key), "\n%s:", name);
	*vmas = 0;
	while ((p = strstr(p, key))) {
		p += strlen(key);
		total += strtol(p, NULL, 10);
		++*vmas;
	}
	return total;
}

static void both(void)
{
	slurp("/proc/self/smaps_rollup", rollup, sizeof(rollup));
	slurp("/proc/self/smaps", smaps, sizeof(smaps));
}

int main(void)
{
	static const char *const exact[] = { "Rss", "Shared_Clean", "Shared_Dirty", "Private_Clean",
					     "Private_Dirty", "Referenced", "Anonymous", "Locked" };
	char *line_end, names[512] = "";
	unsigned long r_start, r_end, s_start, s_end, l_start, l_end;
	long before_rss, before_anon, pss, parts;
	int vmas, col;
	char *m;

	memset(rollup, 1, sizeof(rollup));
	memset(smaps, 1, sizeof(smaps));
	both();
	/* field names in order */
	for (char *p = strchr(rollup, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
		strncat(names, p, strcspn(p, ":") + 1);
		strcat(names, " ");
	}
	printf("fields: %s\n", names);
	line_end = strchr(rollup, '\n');
	col = strstr(rollup, "[rollup]") - rollup;
	printf("header: %s, name at column %d\n",
	       strstr(rollup, " ---p 00000000 00:00 0 ") && strstr(rollup, "[rollup]") < line_end ? "---p 00000000 00:00 0 [rollup]" : "wrong", col);
	sscanf(rollup, "%lx-%lx", &r_start, &r_end);
	sscanf(smaps, "%lx-%lx", &s_start, &s_end);
	for (char *p = smaps; *p; p = strchr(p, '\n') + 1) {
		size_t hex = strspn(p, "0123456789abcdef");
		size_t len = strcspn(p, "\n");

		if (hex && p[hex] == '-' && !(len > 10 && !strncmp(p + len - 10, "[vsyscall]", 10)))
			sscanf(p, "%lx-%lx", &l_start, &l_end);	/* a VMA's header line */
		if (!p[len])
			break;
	}
	printf("spans first VMA's start to last VMA's end: %s\n", r_start == s_start && r_end == l_end ? "yes" : "no");
	for (unsigned i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		printf("%s equals the smaps sum: %s\n", exact[i], field(rollup, exact[i]) == sum(exact[i], &vmas) ? "yes" : "no");
	pss = sum("Pss", &vmas);
	printf("Pss within rounding of the smaps sum: %s\n",
	       field(rollup, "Pss") >= pss && field(rollup, "Pss") <= pss + vmas ? "yes" : "no");
	parts = field(rollup, "Pss_Anon") + field(rollup, "Pss_File") + field(rollup, "Pss_Shmem");
	printf("Pss_Anon + Pss_File + Pss_Shmem is Pss: %s\n", parts <= field(rollup, "Pss") && parts + 3 >= field(rollup, "Pss") ? "yes" : "no");

	before_rss = field(rollup, "Rss");
	before_anon = field(rollup, "Pss_Anon");
	m = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; i < PAGES; i++)
		m[i * PAGE_SIZE] = 1;
	both();
	printf("after writing %d new pages: Rss and Pss_Anon grew by at least %lu kB: %s %s\n", PAGES,
	       PAGES * PAGE_SIZE / 1024, field(rollup, "Rss") - before_rss >= (long)(PAGES * PAGE_SIZE / 1024) ? "yes" : "no",
	       field(rollup, "Pss_Anon") - before_anon >= (long)(PAGES * PAGE_SIZE / 1024) ? "yes" : "no");
	return 0;
}
