/*
 * errno values of file-system calls on a writable file system
 * (docs/linux-abi.md §2, §3).  In a fresh mkdtemp directory:
 *   EBADF: write to an O_RDONLY fd, read from an O_WRONLY fd, write to a
 *   closed fd, ftruncate of an O_RDONLY fd is EINVAL (Linux) and of a
 *   closed fd EBADF;
 *   EISDIR: open a directory O_WRONLY / O_RDWR, O_CREAT on a directory
 *   (even O_RDONLY, and through a symlink: LTP open11),
 *   read() of a directory fd, truncate() of a directory;
 *   ENOTDIR: a file used as a path component (open, mkdir, O_CREAT),
 *   O_DIRECTORY on a file; ENOENT: open of a missing file, O_CREAT in a
 *   missing directory, the empty path; EEXIST: O_CREAT|O_EXCL on a file, on
 *   a directory, on a symlink; mkdir over a file;
 *   EINVAL: ftruncate to -1, lseek to a negative offset (the offset is
 *   unchanged), lseek whence 7, pwrite at a negative offset;
 *   ELOOP: a symlink to itself; ENAMETOOLONG: a 256-byte name in O_CREAT;
 *   write of 0 bytes -> 0 and the size is unchanged;
 *   ETXTBSY: open(argv[0], O_WRONLY) of this running program (argv[0] is
 *   absolute under both harnesses; "skipped" otherwise).
 */
#include "fsutil.h"

static char dir[64];

static char *P(const char *name)
{
	static char bufs[4][320];
	static int i;
	char *b = bufs[i++ & 3];

	return path_in(b, 320, dir, name);
}

int main(int argc, char **argv)
{
	char buf[16], name[300];
	struct stat st;
	int fd, ro, wo;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "fs_errors");
	fd = open(P("f"), O_RDWR | O_CREAT | O_EXCL, 0600);
	write(fd, "12345", 5);
	close(fd);
	mkdir(P("d"), 0700);
	symlink("f", P("l"));
	symlink("self", P("self"));

	/* EBADF */
	ro = open(P("f"), O_RDONLY);
	wo = open(P("f"), O_WRONLY);
	SHOW("write to O_RDONLY fd", write(ro, "x", 1));
	SHOW("pwrite to O_RDONLY fd", pwrite(ro, "x", 1, 0));
	SHOW("read from O_WRONLY fd", read(wo, buf, 1));
	SHOW("pread from O_WRONLY fd", pread(wo, buf, 1, 0));
	SHOW("ftruncate of O_RDONLY fd", ftruncate(ro, 0));
	SHOWN("write 0 bytes", write(wo, "", 0));
	fstat(wo, &st);
	printf("size after: %lld\n", (long long)st.st_size);

	/* EINVAL */
	SHOW("ftruncate -1", ftruncate(wo, -1));
	SHOWN("lseek 3", lseek(ro, 3, SEEK_SET));
	SHOW("lseek -1 SEEK_SET", lseek(ro, -1, SEEK_SET));
	SHOW("lseek -10 SEEK_END", lseek(ro, -10, SEEK_END));
	SHOW("lseek whence 7", lseek(ro, 0, 7));
	SHOWN("offset unchanged", lseek(ro, 0, SEEK_CUR));
	SHOW("pwrite at -1", pwrite(wo, "x", 1, -1));
	close(ro);
	close(wo);
	SHOW("write to closed fd", write(wo, "x", 1));
	SHOW("ftruncate of closed fd", ftruncate(wo, 0));

	/* EISDIR */
	SHOW("open dir O_WRONLY", open(P("d"), O_WRONLY));
	SHOW("open dir O_RDWR", open(P("d"), O_RDWR));
	SHOW("open dir O_WRONLY|O_CREAT", open(P("d"), O_WRONLY | O_CREAT, 0600));
	SHOW("open dir O_RDONLY|O_CREAT", open(P("d"), O_RDONLY | O_CREAT, 0600));
	symlink("d", P("ld"));
	SHOW("open symlink to dir O_RDONLY|O_CREAT", open(P("ld"), O_RDONLY | O_CREAT, 0600));
	unlink(P("ld"));
	fd = open(P("d"), O_RDONLY);
	SHOW("read of a dir fd", read(fd, buf, 1));
	SHOW("write to a dir fd", write(fd, "x", 1));
	close(fd);
	SHOW("truncate a dir", truncate(P("d"), 0));

	/* ENOTDIR, ENOENT */
	SHOW("open f/x", open(P("f/x"), O_RDONLY));
	SHOW("open f/x O_CREAT", open(P("f/x"), O_WRONLY | O_CREAT, 0600));
	SHOW("mkdir f/x", mkdir(P("f/x"), 0700));
	SHOW("open f O_DIRECTORY", open(P("f"), O_RDONLY | O_DIRECTORY));
	SHOW("open missing", open(P("missing"), O_RDONLY));
	SHOW("open missing/x O_CREAT", open(P("missing/x"), O_WRONLY | O_CREAT, 0600));
	SHOW("open \"\"", open("", O_RDONLY));
	SHOW("stat f/", stat(P("f/"), &st));

	/* EEXIST */
	SHOW("O_CREAT|O_EXCL on a file", open(P("f"), O_WRONLY | O_CREAT | O_EXCL, 0600));
	SHOW("O_CREAT|O_EXCL on a dir", open(P("d"), O_WRONLY | O_CREAT | O_EXCL, 0600));
	SHOW("O_CREAT|O_EXCL on a symlink", open(P("l"), O_WRONLY | O_CREAT | O_EXCL, 0600));
	SHOW("mkdir over a file", mkdir(P("f"), 0700));

	/* ELOOP, ENAMETOOLONG */
	SHOW("open self-loop", open(P("self"), O_RDONLY));
	SHOW("open self-loop O_CREAT", open(P("self"), O_WRONLY | O_CREAT, 0600));
	memset(name, 'x', 256);
	name[256] = 0;
	SHOW("O_CREAT 256-byte name", open(P(name), O_WRONLY | O_CREAT, 0600));

	/* ETXTBSY */
	if (argc > 0 && argv[0][0] == '/')
		SHOW("open running program O_WRONLY", open(argv[0], O_WRONLY));
	else
		printf("open running program O_WRONLY: skipped\n");

	unlink(P("f"));
	unlink(P("l"));
	unlink(P("self"));
	rmdir(P("d"));
	SHOW("rmdir", rmdir(dir));
	cleanup(dir);
	return 0;
}
