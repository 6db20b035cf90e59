/*
 * A file written on faultline must be readable on the host: this writes
 * /tmp/hostcheck.txt (three lines, then a 20000-byte pattern), fsyncs it,
 * reads it back, and prints "written".  The test harness saves the RAM disk
 * after the run (tools/qemu-boot --save-disk) and reads the file out of the
 * image with debugfs; tests/harness/diskcheck.py builds the same content and
 * the two must be equal byte for byte.  Keep HEADER and pattern_byte() in
 * step with diskcheck.py.
 *
 * The file is removed first, if it is there (on Linux, linux-expect runs
 * this against the host's own /tmp), and left in place at the end.
 */
#include "ftest.h"
#include <fcntl.h>

#define PATH "/tmp/hostcheck.txt"
#define HEADER "faultline host check\n" \
	"written by tests/user/disk_hostcheck on the guest\n" \
	"then 20000 bytes: 'a' + (i * 7) % 26, a newline after every 100th\n"
#define TAIL_BYTES 20000
#define CHUNK 3000		/* writes that straddle 4 KiB blocks */

static char content[sizeof(HEADER) - 1 + TAIL_BYTES];

static char pattern_byte(int i)
{
	return i % 100 == 99 ? '\n' : 'a' + (i * 7) % 26;
}

static void fail(const char *what)
{
	printf("%s: %s\n", what, errno_name(errno));
}

int main(void)
{
	static char back[sizeof(content) + 1];
	size_t len = sizeof(HEADER) - 1, done = 0;
	ssize_t n;
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	memcpy(content, HEADER, len);
	for (int i = 0; i < TAIL_BYTES; i++)
		content[len + i] = pattern_byte(i);
	len += TAIL_BYTES;

	if (unlink(PATH) && errno != ENOENT)
		fail("unlink " PATH);
	fd = open(PATH, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		fail("open " PATH);
		return 1;
	}
	while (done < len) {
		size_t want = len - done < CHUNK ? len - done : CHUNK;
		if ((n = write(fd, content + done, want)) <= 0) {
			fail("write");
			return 1;
		}
		done += n;
	}
	if (fsync(fd))
		fail("fsync");
	if (close(fd))
		fail("close");
	printf("written\n");

	fd = open(PATH, O_RDONLY);
	if (fd < 0) {
		fail("open " PATH " again");
		return 1;
	}
	for (done = 0; (n = read(fd, back + done, sizeof(back) - done)) > 0;)
		done += n;
	if (n < 0)
		fail("read");
	close(fd);
	printf("read back %zu bytes: %s\n", done,
	       done == len && !memcmp(back, content, len) ? "same" : "DIFFERENT");
	return 0;
}
