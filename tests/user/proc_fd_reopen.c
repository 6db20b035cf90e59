/*
 * Opening /proc/self/fd/N opens the file descriptor N refers to - the open
 * file's own inode - not the path `readlink` shows (Linux: proc_fd_link and
 * nd_jump_link, a "magic" link).  So what has no path can be opened again:
 *   - either end of a pipe, in any mode, without waiting for a partner
 *     (an anonymous pipe never waits, unlike a FIFO), and a write through
 *     the new descriptor is read from the old one;
 *   - a deleted file (readlink says "(deleted)"), whose data is still there;
 *   - a memfd, a directory, a file first opened O_PATH or write-only;
 *   - as root, a file whose mode is 000;
 * while a socket or an eventfd gives ENXIO (no open method).  Each new
 * descriptor is a new open file: same inode, own offset.  /dev/stdin,
 * /dev/stdout, /dev/stderr and /dev/fd are the links into /proc/self/fd
 * every Linux system has, so `echo x > /dev/stderr` works on a pipe.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>

static int reopen(int fd, int flags)
{
	char p[64];

	snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	return open(p, flags);
}

static void try(const char *what, int fd, int flags)
{
	int r = reopen(fd, flags);
	struct stat a, b;

	if (r < 0) {
		printf("%s: %s\n", what, errno_name(errno));
		return;
	}
	fstat(fd, &a);
	fstat(r, &b);
	printf("%s: opened, same inode %s, own offset %s\n", what,
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev ? "yes" : "no",
	       lseek(r, 0, SEEK_CUR) == 0 || errno == ESPIPE ? "yes" : "no");
	close(r);
}

static void link_text(const char *path)
{
	char l[128] = { 0 };

	if (readlink(path, l, sizeof(l) - 1) < 0)
		printf("readlink %s: %s\n", path, errno_name(errno));
	else
		printf("%s -> %s\n", path, l);
}

int main(void)
{
	int pf[2], sv[2], w, f, m, n;
	char buf[16] = { 0 };

	pipe(pf);
	try("pipe read end, O_RDONLY", pf[0], O_RDONLY);
	try("pipe write end, O_WRONLY", pf[1], O_WRONLY);
	try("pipe read end, O_RDWR", pf[0], O_RDWR);
	try("pipe write end, O_WRONLY|O_NONBLOCK", pf[1], O_WRONLY | O_NONBLOCK);
	w = reopen(pf[0], O_WRONLY);
	write(w, "hey", 3);
	close(w);
	n = read(pf[0], buf, sizeof(buf) - 1);
	printf("written through a reopened read end, read back: %.*s\n", n, buf);
	close(pf[1]);
	try("pipe read end with no writer left, O_RDONLY", pf[0], O_RDONLY);

	try("eventfd", eventfd(0, 0), O_RDWR);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	try("socket", sv[0], O_RDWR);

	f = open("/tmp/proc_fd_reopen.tmp", O_CREAT | O_RDWR | O_TRUNC, 0600);
	write(f, "data", 4);
	unlink("/tmp/proc_fd_reopen.tmp");
	try("deleted file", f, O_RDONLY);
	memset(buf, 0, sizeof(buf));
	n = read(reopen(f, O_RDONLY), buf, sizeof(buf) - 1);
	printf("deleted file reads: %.*s\n", n > 0 ? n : 0, buf);

	m = memfd_create("m", 0);
	write(m, "memf", 4);
	try("memfd", m, O_RDONLY);
	try("directory", open("/tmp", O_RDONLY | O_DIRECTORY), O_RDONLY);
	try("O_PATH file", open("/etc/passwd", O_PATH), O_RDONLY);
	f = open("/tmp/proc_fd_reopen.y", O_CREAT | O_WRONLY | O_TRUNC, 0600);
	try("write-only file, O_RDONLY", f, O_RDONLY);
	fchmod(f, 0);
	try("mode 000 file (as root)", f, O_RDONLY);
	unlink("/tmp/proc_fd_reopen.y");
	try("O_NOFOLLOW", f, O_RDONLY | O_NOFOLLOW);

	link_text("/dev/stdin");
	link_text("/dev/stdout");
	link_text("/dev/stderr");
	link_text("/dev/fd");
	pipe(pf);
	dup2(pf[1], 2);
	f = open("/dev/stderr", O_WRONLY | O_CREAT | O_TRUNC, 0644);	/* a shell's 2> /dev/stderr */
	write(f, "via /dev/stderr\n", 16);
	memset(buf, 0, sizeof(buf));
	n = read(pf[0], buf, sizeof(buf));
	printf("/dev/stderr on a pipe: %.*s", n > 0 ? n : 0, buf);
	return 0;
}
