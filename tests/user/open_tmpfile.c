/*
 * open(O_TMPFILE): a regular file with no name, in the directory's file
 * system (Linux do_tmpfile, vfs_tmpfile; ext2_tmpfile, shmem_tmpfile).
 * Checked, in /tmp and in /dev/shm:
 *   - it reads back what was written; fstat says a regular file with
 *     st_nlink 0 and the mode asked less the umask; no directory lists it;
 *   - readlink of /proc/self/fd/N is "DIR/#<inode number> (deleted)";
 *   - linkat(fd, "", ..., AT_EMPTY_PATH) and linkat of /proc/self/fd/N with
 *     AT_SYMLINK_FOLLOW give it a name (same inode, st_nlink 1, the data);
 *     with O_EXCL it can never be named (ENOENT);
 *   - errors in Linux's order: O_RDONLY or O_CREAT with it is EINVAL, a
 *     file is ENOTDIR, a missing directory ENOENT, a directory of /proc
 *     EOPNOTSUPP, and a directory a non-root user may not write EACCES.
 * build: musl glibc
 */
#include "ftest.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#ifndef O_TMPFILE
#define O_TMPFILE (020000000 | O_DIRECTORY)
#endif
#define NOBODY 65534

static void fd_link(int fd, const char *dir)
{
	char p[64], l[256] = { 0 }, want[64];
	struct stat st;

	snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	readlink(p, l, sizeof(l) - 1);
	fstat(fd, &st);
	snprintf(want, sizeof(want), "%s/#%lu (deleted)", dir, (unsigned long)st.st_ino);
	printf("  readlink is DIR/#<inode> (deleted): %s\n", strcmp(l, want) ? l : "yes");
}

static int listed(const char *dir, ino_t ino)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	while ((e = readdir(d)))
		found |= e->d_ino == ino;
	closedir(d);
	return found;
}

static void named(const char *name, ino_t ino)
{
	struct stat st;
	char buf[16] = { 0 };
	int fd = open(name, O_RDONLY);

	read(fd, buf, sizeof(buf) - 1);
	close(fd);
	stat(name, &st);
	printf("  named: same inode %s, st_nlink %lu, reads \"%s\"\n", st.st_ino == ino ? "yes" : "no",
	       (unsigned long)st.st_nlink, buf);
	unlink(name);
}

static void in_dir(const char *dir)
{
	char name[128], p[64], buf[16] = { 0 };
	struct stat st;
	int fd, r;

	printf("%s:\n", dir);
	fd = open(dir, O_TMPFILE | O_RDWR, 0666);
	if (fd < 0) {
		printf("  open: %s\n", errno_name(errno));
		return;
	}
	write(fd, "hello", 5);
	pread(fd, buf, 5, 0);
	fstat(fd, &st);
	printf("  reads \"%s\", regular %s, st_nlink %lu, mode %o, listed %s\n", buf, S_ISREG(st.st_mode) ? "yes" : "no",
	       (unsigned long)st.st_nlink, st.st_mode & 07777, listed(dir, st.st_ino) ? "yes" : "no");
	fd_link(fd, dir);
	snprintf(name, sizeof(name), "%s/open_tmpfile.a", dir);
	r = linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH);
	printf("  linkat AT_EMPTY_PATH: %s\n", r ? errno_name(errno) : "ok");
	if (!r)
		named(name, st.st_ino);
	close(fd);

	fd = open(dir, O_TMPFILE | O_WRONLY, 0600);
	write(fd, "world", 5);
	fstat(fd, &st);
	snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	snprintf(name, sizeof(name), "%s/open_tmpfile.b", dir);
	r = linkat(AT_FDCWD, p, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
	printf("  linkat /proc/self/fd/N AT_SYMLINK_FOLLOW: %s\n", r ? errno_name(errno) : "ok");
	if (!r)
		named(name, st.st_ino);
	close(fd);

	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL, 0600);
	snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	r = linkat(AT_FDCWD, p, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
	printf("  O_EXCL, then linkat: %s\n", r ? errno_name(errno) : "ok");
	r = linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH);
	printf("  O_EXCL, then linkat AT_EMPTY_PATH: %s\n", r ? errno_name(errno) : "ok");
	close(fd);
}

static void expect(const char *what, const char *path, int flags)
{
	int fd = open(path, flags, 0600);

	printf("%s: %s\n", what, fd >= 0 ? "opened" : errno_name(errno));
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	int st;

	umask(022);
	in_dir("/tmp");
	in_dir("/dev/shm");
	expect("O_TMPFILE|O_RDONLY", "/tmp", O_TMPFILE | O_RDONLY);
	expect("O_TMPFILE|O_CREAT", "/tmp", O_TMPFILE | O_CREAT | O_RDWR);
	expect("O_TMPFILE on a file", "/etc/passwd", O_TMPFILE | O_RDWR);
	expect("O_TMPFILE in a missing directory", "/tmp/open_tmpfile.none", O_TMPFILE | O_RDWR);
	expect("O_TMPFILE in /proc", "/proc", O_TMPFILE | O_RDWR);
	mkdir("/tmp/open_tmpfile.ro", 0755);
	fflush(stdout);
	if (fork() == 0) {
		setuid(NOBODY);
		expect("O_TMPFILE in a directory nobody may not write", "/tmp/open_tmpfile.ro", O_TMPFILE | O_RDWR);
		expect("O_TMPFILE in /tmp as nobody", "/tmp", O_TMPFILE | O_RDWR);
		fflush(stdout);
		_exit(0);
	}
	wait(&st);
	rmdir("/tmp/open_tmpfile.ro");
	return 0;
}
