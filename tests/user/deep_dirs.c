/*
 * A deep directory tree, made and removed with relative paths from a
 * working directory that goes down with it: 120 levels of a 24-character
 * name (about 3000 bytes of path, below PATH_MAX).  Each mkdir and chdir
 * works, getcwd gives the whole path (checked by its length beyond the
 * start directory's), a file opens at the bottom, getcwd into a buffer too
 * small is ERANGE, and going back up with "..", each directory is removed.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>

#define DEPTH 120
#define NAME "dir_with_a_longish_name"

int main(void)
{
	char top[4096], buf[4096], small[100];
	int depth, removed = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	mkdir("deep", 0755);
	chdir("deep");
	getcwd(top, sizeof top);
	for (depth = 0; depth < DEPTH; depth++) {
		if (mkdir(NAME, 0755) || chdir(NAME)) {
			printf("failed at depth %d: %s\n", depth, errno_name(errno));
			break;
		}
	}
	printf("depth %d\n", depth);
	const char *got = getcwd(buf, sizeof buf) ? "ok" : errno_name(errno);
	printf("getcwd: %s, %zu bytes below the top\n", got, strlen(buf) - strlen(top));
	errno = 0;
	printf("getcwd into 100 bytes: %s\n", getcwd(small, sizeof small) ? "ok" : errno_name(errno));
	int fd = open("bottom", O_CREAT | O_WRONLY, 0644);
	printf("a file at the bottom: %s\n", fd >= 0 ? "ok" : errno_name(errno));
	close(fd);
	unlink("bottom");
	for (int i = 0; i < depth; i++) {
		chdir("..");
		if (rmdir(NAME) == 0)
			removed++;
	}
	printf("removed %d, back at the top: %d\n", removed, getcwd(buf, sizeof buf) && !strcmp(buf, top));
	chdir("..");
	rmdir("deep");
	return 0;
}
