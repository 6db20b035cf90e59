/*
 * An open file keeps the name its path resolved to, symlinks followed
 * (Linux: the file's dentry, printed by d_path).  /proc/self/fd/N and
 * /proc/self/maps show that name, not the symlink's:
 *   a file opened through "link" -> "target_file": fd/N and its mapping
 *     in maps name target_file;
 *   through "dirlink/../target_file" where dirlink -> "sub": the walk goes
 *     into sub, up again, and finds target_file in the start directory;
 *   /proc/self/exe opened and mapped: maps names the program's own file
 *     (what readlink("/proc/self/exe") says), not /proc/self/exe;
 *   O_PATH|O_NOFOLLOW on the link: fd/N names the link itself.
 * Only the last path component is printed: the scratch directory differs.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static void show_fd(const char *what, int fd)
{
	char link[64], name[512];

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, name, sizeof name - 1);
	name[n > 0 ? n : 0] = '\0';
	printf("%s: fd names %s\n", what, n > 0 ? base(name) : "?");
}

/* The file name of the maps line that holds @addr, or "?". */
static void show_mapping(const char *what, void *addr, const char *want)
{
	char line[640], *path = NULL;
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;

	while (f && fgets(line, sizeof line, f)) {
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo <= (unsigned long)addr && (unsigned long)addr < hi) {
			line[strcspn(line, "\n")] = '\0';
			path = strchr(line, '/');
			break;
		}
	}
	if (want)
		printf("%s: maps names the program's file: %s\n", what, path && !strcmp(path, want) ? "yes" : "no");
	else
		printf("%s: maps names %s\n", what, path ? base(path) : "?");
	if (f)
		fclose(f);
}

int main(void)
{
	static char page[4096];
	char exe[512];
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	memset(page, 'x', sizeof page);
	fd = open("target_file", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, page, sizeof page);
	close(fd);
	mkdir("sub", 0755);
	symlink("target_file", "link");
	symlink("sub", "dirlink");

	fd = open("link", O_RDONLY);
	show_fd("link", fd);
	void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	show_mapping("link", m, NULL);
	close(fd);

	fd = open("dirlink/../target_file", O_RDONLY);
	show_fd("dirlink/../target_file", fd);
	close(fd);

	fd = open("link", O_PATH | O_NOFOLLOW);
	show_fd("O_PATH|O_NOFOLLOW link", fd);
	close(fd);

	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	fd = open("/proc/self/exe", O_RDONLY);
	show_fd("/proc/self/exe", fd);
	m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	show_mapping("/proc/self/exe", m, exe);
	close(fd);

	unlink("link");
	unlink("dirlink");
	unlink("target_file");
	rmdir("sub");
	return 0;
}
