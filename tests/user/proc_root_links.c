/*
 * /proc/net and /proc/mounts are symbolic links into the reader's own
 * process directory (Linux: fs/proc/proc_net.c proc_net_init makes
 * "net -> self/net", fs/proc_namespace.c "mounts -> self/mounts"):
 * readlink gives the target, lstat says link and stat says directory or
 * file, getdents lists both as DT_LNK, and reading through them gives the
 * reader's own files (the root line of /proc/mounts is the one of
 * /proc/self/mounts; /proc/net/unix starts with unix_seq_show's header).
 * self and thread-self are listed as links too.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>

static void link_of(const char *path)
{
	char buf[64];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);
	struct stat l, s;

	if (n < 0) {
		printf("readlink %s: %s\n", path, errno_name(errno));
		return;
	}
	buf[n] = '\0';
	lstat(path, &l);
	stat(path, &s);
	printf("%s -> %s: lstat %s, stat %s\n", path, buf, S_ISLNK(l.st_mode) ? "link" : "not a link",
	       S_ISDIR(s.st_mode) ? "directory" : S_ISREG(s.st_mode) ? "file" : "other");
}

static void first_line(const char *path, char *line, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, line, size - 1);

	line[n > 0 ? n : 0] = '\0';
	if (strchr(line, '\n'))
		*strchr(line, '\n') = '\0';
	if (fd >= 0)
		close(fd);
}

static void listed_as(const char *name)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	while ((e = readdir(d)))
		if (!strcmp(e->d_name, name)) {
			printf("/proc lists %s as %s\n", name, e->d_type == DT_LNK ? "DT_LNK" : e->d_type == DT_DIR ? "DT_DIR" : "DT_REG or other");
			closedir(d);
			return;
		}
	printf("/proc does not list %s\n", name);
	closedir(d);
}

int main(void)
{
	char a[256], b[256];

	link_of("/proc/net");
	link_of("/proc/mounts");
	link_of("/proc/self/net");
	link_of("/proc/self/mounts");
	listed_as("net");
	listed_as("mounts");
	listed_as("self");
	listed_as("thread-self");
	first_line("/proc/mounts", a, sizeof(a));
	first_line("/proc/self/mounts", b, sizeof(b));
	printf("/proc/mounts and /proc/self/mounts start alike: %s\n", strcmp(a, b) ? "no" : "yes");
	first_line("/proc/net/unix", a, sizeof(a));
	printf("/proc/net/unix: %s\n", a);
	first_line("/proc/net/../mounts", a, sizeof(a));
	printf("/proc/net/../mounts is self/mounts: %s\n", strcmp(a, b) ? "no" : "yes");
	return 0;
}
