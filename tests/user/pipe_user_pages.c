/*
 * pipe_user_pages - /proc/sys/fs/pipe-user-pages-soft and -hard (Linux
 * fs/pipe.c, proc_doulongvec_minmax): soft is 16384 pages by default
 * (PIPE_DEF_BUFFERS * INR_OPEN_CUR), hard 0 (no limit); both take any
 * decimal unsigned long, and a write that is no number is EINVAL and
 * changes nothing.  LTP pipe15 reads the soft limit, then makes that many
 * pages of pipes as root, whom neither limit binds.  Values are put back.
 * build: musl
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <fcntl.h>

#define SOFT "/proc/sys/fs/pipe-user-pages-soft"
#define HARD "/proc/sys/fs/pipe-user-pages-hard"
#define NPIPES 3

static void show(const char *path)
{
	char v[64] = "";
	FILE *f = fopen(path, "r");

	printf("%s: %s", path, f && fgets(v, sizeof(v), f) ? v : "unreadable\n");
	if (f)
		fclose(f);
}

/* Write @s (no newline added) and show the result and the file after. */
static void put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	long r = fd < 0 ? -1 : write(fd, s, strlen(s));

	printf("write \"%.*s%s\": %s\n", (int)strcspn(s, "\n"), s, strchr(s, '\n') ? "\\n" : "",
	       r < 0 ? errno_name(errno) : "ok");
	if (fd >= 0)
		close(fd);
	show(path);
}

int main(void)
{
	int p[NPIPES][2];

	setvbuf(stdout, NULL, _IONBF, 0);
	show(SOFT);
	show(HARD);
	put(SOFT, "16\n");
	put(SOFT, "x");
	put(SOFT, "12y");
	put(SOFT, "18446744073709551615");
	put(HARD, "17");
	for (int i = 0; i < NPIPES; i++) {
		if (pipe(p[i])) {
			printf("pipe %d: %s\n", i, errno_name(errno));
			continue;
		}
		printf("root's pipe %d: F_GETPIPE_SZ %d\n", i, fcntl(p[i][1], F_GETPIPE_SZ));
	}
	put(HARD, "0");
	put(SOFT, "16384");
	return 0;
}
