/*
 * lseek_data_hole - SEEK_DATA and SEEK_HOLE on files without holes, where
 * every Linux file system agrees (ext2's generic_file_llseek_size, ext4's
 * iomap, tmpfs): data is at any offset inside the file, the next hole is
 * the virtual one at the end (i_size), and an offset at or past the end,
 * or a negative one, is ENXIO; an empty file has neither.  The file offset
 * moves to the answer.  A sparse file is not shown: there ext4 and tmpfs
 * find the real holes and ext2 does not.
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "fsutil.h"
#include <fcntl.h>

#define SIZE 10000

int main(void)
{
	char path[] = "/tmp/lseek_data_hole.XXXXXX", buf[SIZE];
	int fd = mkstemp(path), empty, p[2];

	memset(buf, 'x', sizeof(buf));
	if (fd < 0 || write(fd, buf, SIZE) != SIZE || pipe(p))
		return 1;
	SHOWN("SEEK_DATA 0", lseek(fd, 0, SEEK_DATA));
	SHOWN("SEEK_DATA 5000", lseek(fd, 5000, SEEK_DATA));
	SHOWN("SEEK_DATA size-1", lseek(fd, SIZE - 1, SEEK_DATA));
	SHOWN("SEEK_DATA size", lseek(fd, SIZE, SEEK_DATA));
	SHOWN("SEEK_DATA past the end", lseek(fd, SIZE + 4096, SEEK_DATA));
	SHOWN("SEEK_DATA -1", lseek(fd, -1, SEEK_DATA));
	SHOWN("SEEK_HOLE 0", lseek(fd, 0, SEEK_HOLE));
	SHOWN("the offset after SEEK_HOLE", lseek(fd, 0, SEEK_CUR));
	SHOWN("SEEK_HOLE 9000", lseek(fd, 9000, SEEK_HOLE));
	SHOWN("SEEK_HOLE size", lseek(fd, SIZE, SEEK_HOLE));
	SHOWN("SEEK_HOLE -5", lseek(fd, -5, SEEK_HOLE));
	SHOWN("the offset after the refusals", lseek(fd, 0, SEEK_CUR));
	SHOWN("whence 5", lseek(fd, 0, 5));
	SHOWN("SEEK_DATA on a pipe", lseek(p[0], 0, SEEK_DATA));
	empty = open(path, O_RDWR | O_TRUNC);
	SHOWN("SEEK_DATA 0 of an empty file", lseek(empty, 0, SEEK_DATA));
	SHOWN("SEEK_HOLE 0 of an empty file", lseek(empty, 0, SEEK_HOLE));
	unlink(path);
	return 0;
}
