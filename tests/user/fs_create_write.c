/*
 * Creating and writing regular files (docs/linux-abi.md §2: 2 open, 85 creat,
 * 1 write, 18 pwrite64, 20 writev, 0 read, 17 pread64, 19 readv, 8 lseek,
 * 5 fstat, 95 umask).  With umask(0) in a fresh mkdtemp directory:
 *   O_CREAT|O_EXCL makes a 0640 regular file, size 0, nlink 1; again ->
 *   EEXIST; O_CREAT alone on it keeps the mode; write/pread/pwrite/writev/
 *   readv move (or do not move) the offset as Linux's do and read back the
 *   exact bytes; O_TRUNC empties it; O_APPEND writes go to the end even
 *   after lseek(0), and pwrite on an O_APPEND fd appends too (Linux's
 *   documented bug); creat() gives an O_WRONLY fd (read -> EBADF) and
 *   truncates; a write past the end leaves a hole that reads as zeros.
 *   Big offsets, for ext2 with 4 KiB blocks (12 direct blocks = 48 KiB;
 *   double-indirect from (12+1024)*4096 = 4243456; triple-indirect from
 *   (12+1024+1024*1024)*4096 = 4299210752): one 100 KiB write from offset
 *   1000 across the direct/indirect boundary, 64 KiB across each of the
 *   other two, and 10000 bytes at 4400000123; each reads back as written,
 *   the holes between read as zeros, and st_size is the end of the last.
 */
#include "fsutil.h"
#include <sys/uio.h>

#define DIND_START 4243456LL
#define TIND_START 4299210752LL
#define FAR_OFF 4400000123LL

/* The byte stored at file offset off: depends on the offset and page. */
static unsigned char pat(long long off)
{
	return (unsigned char)(off * 7 + (off >> 12) * 13 + 1);
}

static char big[100 * 1024];

/* Write n pattern bytes at off in one pwrite; print and check them. */
static void region(int fd, const char *label, long long off, size_t n)
{
	char l[96];

	for (size_t i = 0; i < n; i++)
		big[i] = pat(off + i);
	snprintf(l, sizeof l, "pwrite %s", label);
	SHOWN(l, pwrite(fd, big, n, off));
	memset(big, 0, n);
	snprintf(l, sizeof l, "pread %s", label);
	SHOWN(l, pread(fd, big, n, off));
	int same = 1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)big[i] != pat(off + i))
			same = 0;
	snprintf(l, sizeof l, "%s reads back", label);
	CHECK(l, same);
}

/* n bytes at off read as zeros (a hole). */
static void hole(int fd, const char *label, long long off, size_t n)
{
	memset(big, 0x55, n);
	ssize_t r = pread(fd, big, n, off);
	printf("hole %s reads zeros: %d\n", label,
	       r == (ssize_t)n && all_bytes(big, n, 0));
}

int main(void)
{
	char dir[64], path[96], path2[96], buf[64];
	struct stat st;
	int fd, fd2;

	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "fs_create_write");
	path_in(path, sizeof path, dir, "f");
	path_in(path2, sizeof path2, dir, "g");

	/* O_CREAT, O_EXCL, mode bits */
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0640);
	SHOW("open O_CREAT|O_EXCL 0640", fd);
	fstat(fd, &st);
	printf("S_ISREG %d mode 0%o size %lld nlink %ld\n", S_ISREG(st.st_mode),
	       st.st_mode & 07777, (long long)st.st_size, (long)st.st_nlink);
	SHOW("open O_CREAT|O_EXCL again", open(path, O_RDWR | O_CREAT | O_EXCL, 0600));
	fd2 = open(path, O_RDWR | O_CREAT, 0777);
	SHOW("open O_CREAT on an existing file", fd2);
	fstat(fd2, &st);
	printf("mode still 0%o\n", st.st_mode & 07777);
	close(fd2);

	/* write, read, pread, pwrite and the offset */
	SHOWN("write 11", write(fd, "hello world", 11));
	SHOWN("lseek SEEK_CUR", lseek(fd, 0, SEEK_CUR));
	SHOWN("lseek SEEK_END -5", lseek(fd, -5, SEEK_END));
	memset(buf, 0, sizeof buf);
	SHOWN("read at 6", read(fd, buf, sizeof buf));
	printf("read \"%s\"\n", buf);
	SHOWN("read at EOF", read(fd, buf, sizeof buf));
	SHOWN("pwrite 5 at 6", pwrite(fd, "WORLD", 5, 6));
	SHOWN("lseek SEEK_CUR after pwrite", lseek(fd, 0, SEEK_CUR));
	memset(buf, 0, sizeof buf);
	SHOWN("pread 64 at 0", pread(fd, buf, sizeof buf, 0));
	printf("pread \"%s\"\n", buf);

	/* writev / readv */
	struct iovec wv[3] = {
		{ "abc", 3 }, { "", 0 }, { "defgh", 5 },
	};
	SHOWN("writev 3+0+5 at 11", writev(fd, wv, 3));
	fstat(fd, &st);
	printf("st_size %lld\n", (long long)st.st_size);
	char r1[4] = { 0 }, r2[32] = { 0 };
	struct iovec rv[2] = { { r1, 3 }, { r2, sizeof r2 - 1 } };
	lseek(fd, 8, SEEK_SET);
	SHOWN("readv 3+31 at 8", readv(fd, rv, 2));
	printf("readv \"%s\" \"%s\"\n", r1, r2);

	/* a hole after a write past the end */
	SHOWN("lseek to 10000", lseek(fd, 10000, SEEK_SET));
	SHOWN("write 1 at 10000", write(fd, "Z", 1));
	fstat(fd, &st);
	printf("st_size %lld\n", (long long)st.st_size);
	hole(fd, "19..9999", 19, 10000 - 19);
	close(fd);

	/* O_TRUNC */
	fd = open(path, O_WRONLY | O_TRUNC);
	SHOW("open O_TRUNC", fd);
	fstat(fd, &st);
	printf("st_size after O_TRUNC %lld\n", (long long)st.st_size);
	close(fd);

	/* O_APPEND */
	fd = open(path, O_RDWR | O_APPEND);
	SHOWN("append write abc", write(fd, "abc", 3));
	lseek(fd, 0, SEEK_SET);
	SHOWN("append write def after lseek 0", write(fd, "def", 3));
	SHOWN("lseek SEEK_CUR after append", lseek(fd, 0, SEEK_CUR));
	SHOWN("pwrite X at 0 on O_APPEND", pwrite(fd, "X", 1, 0));
	memset(buf, 0, sizeof buf);
	pread(fd, buf, sizeof buf, 0);
	printf("O_APPEND file \"%s\"\n", buf);
	close(fd);

	/* creat */
	fd = open(path2, O_WRONLY | O_CREAT, 0644);
	write(fd, "old contents", 12);
	close(fd);
	fd = creat(path2, 0600);
	SHOW("creat over an existing file", fd);
	printf("creat fd is O_WRONLY: %d\n", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY);
	SHOW("read from creat fd", read(fd, buf, 1));
	fstat(fd, &st);
	printf("creat truncated: size %lld mode 0%o\n", (long long)st.st_size,
	       st.st_mode & 07777);
	close(fd);

	/* big offsets: ext2 direct, indirect, double and triple indirect */
	fd = open(path2, O_RDWR | O_TRUNC);
	region(fd, "100KiB at 1000", 1000, 100 * 1024);
	region(fd, "64KiB across dind", DIND_START - 32768, 65536);
	region(fd, "64KiB across tind", TIND_START - 32768, 65536);
	region(fd, "10000 at 4400000123", FAR_OFF, 10000);
	hole(fd, "at 0", 0, 1000);
	hole(fd, "at 2 MiB", 2 << 20, 65536);
	hole(fd, "at 1 GiB", 1LL << 30, 65536);
	hole(fd, "at 4.35 GB", 4350000000LL, 65536);
	fstat(fd, &st);
	printf("st_size %lld (= 4400010123: %d)\n", (long long)st.st_size,
	       st.st_size == FAR_OFF + 10000);
	SHOWN("lseek SEEK_END", lseek(fd, 0, SEEK_END));
	SHOWN("read at EOF", read(fd, buf, sizeof buf));
	close(fd);

	SHOW("unlink f", unlink(path));
	SHOW("unlink g", unlink(path2));
	SHOW("rmdir", rmdir(dir));
	cleanup(dir);
	return 0;
}
