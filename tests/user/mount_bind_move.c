/*
 * mount_bind_move - MS_BIND and MS_MOVE (Linux fs/namespace.c do_loopback,
 * do_move_mount_old), as root, on tmpfs mounts made in a scratch directory:
 *   a bind mount shows the same files both ways (and the same inode);
 *   a file can be bound over a file, not over a directory (ENOTDIR);
 *   umount of the bind leaves the original;
 *   MS_MOVE takes a mount to another directory, the old place is empty;
 *   moving something that is not a mount's root is EINVAL;
 *   binding a missing path: ENOENT.
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>

static char base[] = "/tmp/mount_bind_move.XXXXXX";

static const char *at(const char *name)
{
	static char bufs[4][128];
	static int i;
	char *b = bufs[i++ % 4];

	snprintf(b, 128, "%s/%s", base, name);
	return b;
}

static void show(const char *label, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %ld\n", label, r);
}

static void put(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	write(fd, text, strlen(text));
	close(fd);
}

static void get(const char *label, const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		printf("%s: %s\n", label, errno_name(errno));
		return;
	}
	read(fd, buf, sizeof(buf) - 1);
	close(fd);
	printf("%s: %s\n", label, buf);
}

int main(void)
{
	struct stat a, b;

	if (!mkdtemp(base))
		return 1;
	mkdir(at("src"), 0755);
	mkdir(at("bind"), 0755);
	mkdir(at("moved"), 0755);
	show("tmpfs on src", mount("tmpfs", at("src"), "tmpfs", 0, NULL));
	put(at("src/f"), "one");
	show("bind src on bind", mount(at("src"), at("bind"), NULL, MS_BIND, NULL));
	get("bind/f", at("bind/f"));
	put(at("bind/g"), "two");
	get("src/g", at("src/g"));
	stat(at("src/f"), &a);
	stat(at("bind/f"), &b);
	printf("same file: %d\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	put(at("src/h"), "file");
	put(at("src/k"), "over");
	show("bind file on file", mount(at("src/h"), at("src/k"), NULL, MS_BIND, NULL));
	get("k now reads", at("src/k"));
	show("umount the file bind", umount2(at("src/k"), 0));
	show("bind file on dir", mount(at("src/h"), at("moved"), NULL, MS_BIND, NULL));
	show("bind missing", mount(at("nope"), at("moved"), NULL, MS_BIND, NULL));
	show("umount bind", umount2(at("bind"), 0));
	get("after: bind/f", at("bind/f"));
	get("after: src/f", at("src/f"));
	show("move a non-mount", mount(at("moved"), at("bind"), NULL, MS_MOVE, NULL));
	show("move src to moved", mount(at("src"), at("moved"), NULL, MS_MOVE, NULL));
	get("moved/f", at("moved/f"));
	get("src/f", at("src/f"));
	show("umount src (no longer a mount)", umount2(at("src"), 0));
	show("umount moved", umount2(at("moved"), 0));
	rmdir(at("src"));
	rmdir(at("bind"));
	rmdir(at("moved"));
	rmdir(base);
	return 0;
}
