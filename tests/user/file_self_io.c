/*
 * File I/O on the program's own binary, argv[0] (docs/linux-abi.md §2, §3, §11):
 * open O_RDONLY works; the first 4 bytes read are "\x7fELF" and the file
 * offset is then 4 (lseek SEEK_CUR); lseek(SEEK_END) equals fstat's st_size
 * and stat()'s, st_ino agrees, S_ISREG; pread at offset 1 gives "ELF" and
 * leaves the offset alone; a read at EOF returns 0; lseek past EOF works and
 * reads 0; lseek to a negative offset -> EINVAL, bad whence -> EINVAL;
 * write on the O_RDONLY fd -> EBADF; read/lseek/fstat on a closed fd ->
 * EBADF; open O_WRONLY of a running binary is not tried.
 * Open errors: nonexistent file -> ENOENT; nonexistent directory in the
 * path -> ENOENT; O_DIRECTORY on a regular file -> ENOTDIR; a path through
 * a regular file (argv[0] "/x") -> ENOTDIR; empty path -> ENOENT.
 * lseek on a pipe -> ESPIPE.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

static void show_ok(const char *label, long r)
{
	if (r >= 0)
		printf("%s: ok\n", label);
	else
		show(label, r);
}

int main(int argc, char **argv)
{
	char buf[16] = { 0 }, path[4096];
	struct stat st, st2;
	int p[2];

	setvbuf(stdout, NULL, _IONBF, 0);
	int fd = open(argv[0], O_RDONLY);
	show_ok("open argv[0]", fd);
	show("read 4", read(fd, buf, 4));
	printf("magic is \\x7fELF %d\n", memcmp(buf, "\x7f" "ELF", 4) == 0);
	show("lseek SEEK_CUR", lseek(fd, 0, SEEK_CUR));
	off_t end = lseek(fd, 0, SEEK_END);
	show("fstat", fstat(fd, &st));
	show("stat", stat(argv[0], &st2));
	printf("size > 0 %d, SEEK_END == st_size %d, stat size == fstat size %d\n",
	       end > 0, end == st.st_size, st.st_size == st2.st_size);
	printf("S_ISREG %d same st_ino %d st_nlink %lu\n", S_ISREG(st.st_mode),
	       st.st_ino == st2.st_ino, (unsigned long)st.st_nlink);
	show("read at EOF", read(fd, buf, 4));
	lseek(fd, 8, SEEK_SET);
	memset(buf, 0, sizeof buf);
	show("pread 3 at 1", pread(fd, buf, 3, 1));
	printf("pread data \"%s\"\n", buf);
	show("lseek SEEK_CUR after pread", lseek(fd, 0, SEEK_CUR));
	printf("lseek past EOF == size+100 %d\n",
	       lseek(fd, end + 100, SEEK_SET) == end + 100);
	show("read past EOF", read(fd, buf, 4));
	show("lseek to -1", lseek(fd, -1, SEEK_SET));
	show("lseek whence 7", lseek(fd, 0, 7));
	show("write on O_RDONLY fd", write(fd, "x", 1));
	close(fd);
	show("read closed fd", read(fd, buf, 1));
	show("lseek closed fd", lseek(fd, 0, SEEK_SET));
	show("fstat closed fd", fstat(fd, &st));
	show("close closed fd", close(fd));

	show("open nonexistent", open("/nonexistent-faultline", O_RDONLY));
	show("open in nonexistent dir", open("/nonexistent-faultline/x", O_RDONLY));
	show("open O_DIRECTORY on a file", open(argv[0], O_RDONLY | O_DIRECTORY));
	snprintf(path, sizeof path, "%s/x", argv[0]);
	show("open through a file", open(path, O_RDONLY));
	show("open empty path", open("", O_RDONLY));
	show("stat nonexistent", stat("/nonexistent-faultline", &st));

	pipe(p);
	show("lseek on a pipe", lseek(p[0], 0, SEEK_SET));
	return 0;
}
