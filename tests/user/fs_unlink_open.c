/*
 * Unlinking files that are still in use, hard links, and unlink's errors
 * (docs/linux-abi.md §2: 87 unlink, 263 unlinkat, 86 link, 265 linkat).
 *   A file open and mapped MAP_SHARED is unlinked: stat by name -> ENOENT,
 *   fstat shows st_nlink 0 and the old size; pread, pwrite, a store through
 *   the mapping and ftruncate all still work and see each other; after
 *   close the mapping still holds the data.  A second fd from dup() before
 *   the unlink reads the same bytes.
 *   link() gives st_nlink 2 on both names with one st_ino; data written
 *   under one name is read under the other; link onto an existing name ->
 *   EEXIST, link of a directory -> EPERM, link of a missing file -> ENOENT;
 *   unlinking one name leaves nlink 1 and the data.
 *   unlinkat(dirfd, "d", AT_REMOVEDIR) removes an empty directory;
 *   unlinkat AT_REMOVEDIR of a file -> ENOTDIR; unlink of a directory ->
 *   EISDIR (Linux's choice; POSIX says EPERM); unlink of a missing name ->
 *   ENOENT; "file/x" -> ENOTDIR; unlinkat with flags 1 -> EINVAL.
 */
#include "fsutil.h"

int main(void)
{
	char dir[64], a[96], b[96], c[96], d[96], fx[96], buf[64];
	struct stat st, st2;
	int fd, fd2, dfd;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "fs_unlink_open");
	path_in(a, sizeof a, dir, "a");
	path_in(b, sizeof b, dir, "b");
	path_in(c, sizeof c, dir, "c");
	path_in(d, sizeof d, dir, "d");
	path_in(fx, sizeof fx, dir, "b/x");

	/* unlink while open and mapped */
	fd = open(a, O_RDWR | O_CREAT | O_EXCL, 0600);
	write(fd, "data1234", 8);
	fd2 = dup(fd);
	char *p = show_map("mmap",
			 mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	if (p == MAP_FAILED)
		return 1;
	SHOW("unlink open+mapped file", unlink(a));
	SHOW("stat by name", stat(a, &st));
	SHOW("fstat", fstat(fd, &st));
	printf("st_nlink %ld st_size %lld\n", (long)st.st_nlink, (long long)st.st_size);
	memset(buf, 0, sizeof buf);
	SHOWN("pread", pread(fd, buf, sizeof buf, 0));
	printf("read \"%s\"\n", buf);
	CHECK("mapping shows it", memcmp(p, "data1234", 8) == 0);
	SHOWN("pwrite XY at 0", pwrite(fd, "XY", 2, 0));
	CHECK("mapping sees the pwrite", memcmp(p, "XYta1234", 8) == 0);
	p[2] = 'Z';
	memset(buf, 0, sizeof buf);
	pread(fd2, buf, sizeof buf, 0);
	printf("dup fd reads \"%s\"\n", buf);
	SHOW("ftruncate 6", ftruncate(fd, 6));
	fstat(fd, &st);
	printf("st_size %lld\n", (long long)st.st_size);
	CHECK("mapping zero past 6", p[6] == 0 && p[7] == 0);
	close(fd);
	close(fd2);
	CHECK("after close the mapping holds XYZa12", memcmp(p, "XYZa12", 6) == 0);
	munmap(p, PAGE_SIZE);

	/* hard links */
	fd = open(b, O_RDWR | O_CREAT | O_EXCL, 0600);
	SHOW("link b c", link(b, c));
	fstat(fd, &st);
	stat(c, &st2);
	printf("nlink %ld and %ld, same st_ino %d\n", (long)st.st_nlink,
	       (long)st2.st_nlink, st.st_ino == st2.st_ino);
	write(fd, "shared", 6);
	fd2 = open(c, O_RDONLY);
	memset(buf, 0, sizeof buf);
	read(fd2, buf, sizeof buf);
	printf("c reads \"%s\"\n", buf);
	close(fd2);
	SHOW("link onto an existing name", link(b, c));
	SHOW("link of a directory", link(dir, d));
	SHOW("link of a missing file", link(a, d));
	SHOW("unlink b", unlink(b));
	fstat(fd, &st);
	printf("nlink after unlink b: %ld\n", (long)st.st_nlink);
	fd2 = open(c, O_RDONLY);
	memset(buf, 0, sizeof buf);
	read(fd2, buf, sizeof buf);
	printf("c still reads \"%s\"\n", buf);
	close(fd2);
	close(fd);

	/* unlinkat and errors */
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	SHOW("mkdir d", mkdir(d, 0700));
	SHOW("unlink of a directory", unlink(d));
	SHOW("unlinkat(d, 0)", unlinkat(dfd, "d", 0));
	SHOW("unlinkat(c, AT_REMOVEDIR)", unlinkat(dfd, "c", AT_REMOVEDIR));
	SHOW("unlinkat(d, flags 1)", unlinkat(dfd, "d", 1));
	SHOW("unlinkat(d, AT_REMOVEDIR)", unlinkat(dfd, "d", AT_REMOVEDIR));
	SHOW("stat d after", stat(d, &st));
	SHOW("unlink missing", unlink(a));
	SHOW("unlink in missing dir", unlink(fx));
	fd = open(b, O_RDWR | O_CREAT | O_EXCL, 0600);
	close(fd);
	SHOW("unlink file/x", unlink(fx));
	SHOW("unlinkat(b, 0)", unlinkat(dfd, "b", 0));
	SHOW("unlinkat(c, 0)", unlinkat(dfd, "c", 0));
	close(dfd);
	SHOW("rmdir", rmdir(dir));
	cleanup(dir);
	return 0;
}
