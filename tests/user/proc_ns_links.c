/*
 * /proc/PID/ns (Linux fs/proc/namespaces.c, fs/nsfs.c): one link per kind
 * of namespace.  A process of the initial namespaces (Linux booted
 * without containers, and every faultline task) sees:
 *   - ten links, named as Linux names them; readlink gives "type:[inum]"
 *     with the initial namespaces' numbers;
 *   - stat() follows each link to an inode whose st_ino is that number,
 *     and lstat() shows the link itself (mode 0777); the directory's mode
 *     is 0511;
 *   - a fork child is in the same namespaces: same texts, same st_ino;
 *   - a link opens (a descriptor holding the namespace), reading it is
 *     EINVAL, mapping it ENODEV, and fstat gives the same inode;
 *   - a /proc file cannot be mapped either (ENODEV): it has no pages.
 */
#include "ftest.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

static const char *const names[] = { "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children",
				      "time", "time_for_children", "user", "uts" };
#define NR_NAMES (int)(sizeof(names) / sizeof(names[0]))

static void link_of(const char *name, char *text, size_t size, ino_t *ino)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	memset(text, 0, size);
	readlink(path, text, size - 1);
	*ino = stat(path, &st) ? 0 : st.st_ino;
}

int main(void)
{
	char text[NR_NAMES][64];
	ino_t ino[NR_NAMES];
	DIR *d = opendir("/proc/self/ns");
	struct dirent *e;
	struct stat st;
	int n = 0, fds[2], same = 1;

	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	printf("entries: %d\n", n);
	for (int i = 0; i < NR_NAMES; i++) {
		unsigned long num = 0;

		link_of(names[i], text[i], sizeof(text[i]), &ino[i]);
		sscanf(strchr(text[i], '[') ? strchr(text[i], '[') + 1 : "", "%lu", &num);
		printf("%s -> %s, stat st_ino is that number: %s\n", names[i], text[i], ino[i] == num ? "yes" : "no");
	}
	lstat("/proc/self/ns/pid", &st);
	printf("lstat: a link %s, mode %o\n", S_ISLNK(st.st_mode) ? "yes" : "no", st.st_mode & 0777);
	stat("/proc/self/ns", &st);
	printf("directory mode %o\n", st.st_mode & 07777);
	pipe(fds);
	if (fork() == 0) {
		for (int i = 0; i < NR_NAMES; i++) {
			char t[64];
			ino_t x;

			link_of(names[i], t, sizeof(t), &x);
			same &= !strcmp(t, text[i]) && x == ino[i];
		}
		write(fds[1], &same, sizeof(same));
		_exit(0);
	}
	read(fds[0], &same, sizeof(same));
	wait(NULL);
	printf("a child is in the same namespaces: %s\n", same ? "yes" : "no");
	n = open("/proc/self/ns/pid", O_RDONLY);
	printf("open: %s\n", n < 0 ? errno_name(errno) : "ok");
	if (n >= 0) {
		char b[4];

		printf("read: %s\n", read(n, b, sizeof(b)) < 0 ? errno_name(errno) : "data");
		printf("mmap: %s\n", mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, n, 0) == MAP_FAILED ?
		       errno_name(errno) : "mapped");
		fstat(n, &st);
		printf("fstat: regular %s, mode %o, st_ino the pid namespace's %s\n", S_ISREG(st.st_mode) ? "yes" : "no",
		       st.st_mode & 0777, st.st_ino == ino[4] ? "yes" : "no");
		close(n);
	}
	n = open("/proc/self/status", O_RDONLY);
	printf("mmap of /proc/self/status: %s\n", mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, n, 0) == MAP_FAILED ?
	       errno_name(errno) : "mapped");
	return 0;
}
