/*
 * proc_read_pieces - a /proc file read in small pieces is one snapshot
 * (Linux seq_read_iter over single_open: the text is made at the read from
 * position 0 and the reads that go on from where the last ended copy the
 * rest of it; EOF once it is all read).  /proc/self/io's rchar grows with
 * every read, so remaking the text at each read would tear it.  Checked:
 *   /proc/self/io read 5 bytes at a time: 7 well-formed "name: N" lines,
 *     and after EOF a further read is still 0;
 *   /proc/self/status read 64 bytes at a time: every line "Name:\tvalue";
 *   /proc/self/stat read 3 bytes at a time: 52 fields, one final newline;
 *   lseek to 0 makes the text again (rchar grew), pread at 0 too.
 *
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>

static int read_pieces(int fd, char *buf, int size, int piece)
{
	int len = 0, n;

	while (len + piece < size && (n = read(fd, buf + len, piece)) > 0)
		len += n;
	buf[len] = 0;
	return len;
}

static void check_io(const char *buf, const char *what)
{
	static const char *const names[] = { "rchar", "wchar", "syscr", "syscw", "read_bytes",
					     "write_bytes", "cancelled_write_bytes" };
	const char *p = buf;
	int good = 0;

	for (int i = 0; i < 7; i++) {
		size_t l = strlen(names[i]);
		char *end;

		if (strncmp(p, names[i], l) || p[l] != ':' || p[l + 1] != ' ')
			break;
		strtoul(p + l + 2, &end, 10);
		if (end == p + l + 2 || *end != '\n')
			break;
		p = end + 1;
		good++;
	}
	printf("%s: %d good lines, %s after them\n", what, good, *p ? "junk" : "nothing");
}

static unsigned long rchar(const char *buf)
{
	return strtoul(buf + strlen("rchar: "), NULL, 10);
}

int main(void)
{
	char buf[8192], again[8192];
	int fd, n, bad = 0, lines = 0;

	fd = open("/proc/self/io", O_RDONLY);
	read_pieces(fd, buf, sizeof buf, 5);
	check_io(buf, "io in 5-byte pieces");
	printf("read after EOF: %zd\n", read(fd, again, sizeof again));
	lseek(fd, 0, SEEK_SET);
	read_pieces(fd, again, sizeof again, 4096);
	check_io(again, "io again from 0");
	printf("rchar grew across lseek(0): %s\n", rchar(again) > rchar(buf) ? "yes" : "no");
	n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = 0;
	printf("rchar grew for pread(0): %s\n", rchar(buf) > rchar(again) ? "yes" : "no");
	close(fd);

	fd = open("/proc/self/status", O_RDONLY);
	read_pieces(fd, buf, sizeof buf, 64);
	close(fd);
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char *colon = strchr(line, ':');

		lines++;
		if (!colon || colon == line || (colon[1] && colon[1] != '\t'))
			bad++;
	}
	printf("status in 64-byte pieces: %s lines, %d malformed\n", lines > 40 ? "over 40" : "few", bad);

	fd = open("/proc/self/stat", O_RDONLY);
	n = read_pieces(fd, buf, sizeof buf, 3);
	close(fd);
	lines = 0;
	for (char *p = strrchr(buf, ')') + 1; *p; p++)
		lines += *p == ' ';
	printf("stat in 3-byte pieces: %d fields, ends in newline: %s, newlines: %d\n", lines + 2,
	       n && buf[n - 1] == '\n' ? "yes" : "no", (int)(strchr(buf, '\n') == buf + n - 1));
	return 0;
}
