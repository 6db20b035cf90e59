/*
 * fs_fifo_mknod - named pipes and device nodes on the file system (mknod,
 * mkfifo; fs/pipe.c fifo_open). A FIFO is a pipe with a name: a
 * non-blocking writer with no reader gets ENXIO, a non-blocking reader
 * opens at once and reads end-of-file; a blocking reader waits for a
 * writer, even one that writes and closes before the reader wakes. A
 * character-device node made with mknod opens its driver (1:3 is
 * /dev/null); a regular-file mknod on a taken name is EEXIST.
 */
#include "fsutil.h"
#include <sys/sysmacros.h>
#include <sys/wait.h>

int main(void)
{
	char dir[64], fifo[96], node[96], buf[32] = { 0 };
	struct stat st;
	int r, w, fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof(dir), "fifo");
	path_in(fifo, sizeof(fifo), dir, "f");
	path_in(node, sizeof(node), dir, "n");
	SHOW("mkfifo", mkfifo(fifo, 0644));
	SHOW("stat", stat(fifo, &st));
	printf("S_ISFIFO %d, size %ld\n", S_ISFIFO(st.st_mode), (long)st.st_size);
	w = open(fifo, O_WRONLY | O_NONBLOCK);
	printf("non-blocking writer, no reader: %s\n", w < 0 ? errno_name(errno) : "opened");
	r = open(fifo, O_RDONLY | O_NONBLOCK);
	SHOW("non-blocking reader", r);
	SHOWN("read with no writer", read(r, buf, 5));
	close(r);
	if (fork() == 0) {
		fd = open(fifo, O_WRONLY);
		_exit(write(fd, "hello", 5) == 5 ? 0 : 1);
	}
	r = open(fifo, O_RDONLY);
	SHOWN("blocking reader reads", read(r, buf, sizeof(buf) - 1));
	printf("data: %s\n", buf);
	SHOWN("then end-of-file", read(r, buf, sizeof(buf) - 1));
	close(r);
	wait(NULL);
	SHOW("mkfifo on a taken name", mkfifo(fifo, 0644));
	SHOW("mknod c 1 3", mknod(node, S_IFCHR | 0666, makedev(1, 3)));
	SHOW("stat node", stat(node, &st));
	printf("S_ISCHR %d, rdev %u:%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
	fd = open(node, O_WRONLY);
	SHOWN("write to the node (/dev/null)", write(fd, "xx", 2));
	close(fd);
	SHOW("mknod a regular file on a taken name", mknod(fifo, S_IFREG | 0644, 0));
	SHOW("cleanup", rm_rf(dir));
	return 0;
}
