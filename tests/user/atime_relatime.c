/*
 * atime_relatime - what a read does to atime under relatime, Linux's
 * default mount option (fs/inode.c touch_atime, relatime_need_update):
 *   atime not after mtime: a read sets it to now;
 *   then, a second read leaves it (it is after mtime and ctime, and less
 *     than a day old); utimensat moves ctime to now, so after it a read
 *     renews atime again;
 *   atime after mtime but two days old: a read renews it;
 *   O_NOATIME: a read leaves it;
 *   a directory's atime is renewed by readdir by the same rule.
 * Times are set with utimensat and compared, never printed.
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#define DAY 86400

static time_t atime_of(const char *path)
{
	struct stat st;

	stat(path, &st);
	return st.st_atime;
}

static void set_times(const char *path, time_t atime, time_t mtime)
{
	struct timespec ts[2] = { { atime, 0 }, { mtime, 0 } };

	utimensat(AT_FDCWD, path, ts, 0);
}

static void read_it(const char *path, int flags)
{
	char c;
	int fd = open(path, O_RDONLY | flags);

	read(fd, &c, 1);
	close(fd);
}

int main(void)
{
	char dir[] = "/tmp/atime_relatime.XXXXXX", file[64];
	time_t now = time(NULL), before;
	int fd;
	DIR *d;

	if (!mkdtemp(dir))
		return 1;
	snprintf(file, sizeof(file), "%s/f", dir);
	fd = open(file, O_CREAT | O_WRONLY, 0644);
	write(fd, "x", 1);
	close(fd);

	set_times(file, now - 100, now - 50);
	read_it(file, 0);
	printf("atime before mtime, read: renewed %d\n", atime_of(file) >= now - 5);
	before = atime_of(file);
	read_it(file, 0);
	printf("atime now after mtime and ctime, read again: kept %d\n", atime_of(file) == before);
	set_times(file, now - 10, now - 50);
	read_it(file, 0);
	printf("utimensat moved ctime past atime, read: renewed %d\n", atime_of(file) >= now - 5);
	set_times(file, now - 2 * DAY, now - 3 * DAY);
	read_it(file, 0);
	printf("atime two days old, read: renewed %d\n", atime_of(file) >= now - 5);
	set_times(file, now - 100, now - 50);
	before = atime_of(file);
	read_it(file, O_NOATIME);
	printf("O_NOATIME read: kept %d\n", atime_of(file) == before);

	set_times(dir, now - 100, now - 50);
	d = opendir(dir);
	while (readdir(d))
		;
	closedir(d);
	printf("directory listed: renewed %d\n", atime_of(dir) >= now - 5);
	unlink(file);
	rmdir(dir);
	return 0;
}
