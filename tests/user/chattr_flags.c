/*
 * chattr_flags - FS_IOC_GETFLAGS/SETFLAGS on a tmpfs of its own and what
 * the immutable and append-only flags forbid (Linux fs/ioctl.c
 * ioctl_setflags, mm/shmem.c shmem_fileattr_set, fs/namei.c may_delete,
 * may_open, vfs_link, fs/attr.c notify_change, fs/open.c truncate,
 * fs/fcntl.c setfl; LTP unlink09):
 *   - tmpfs keeps only IMMUTABLE, APPEND, NODUMP and NOATIME; another
 *     flag is EOPNOTSUPP; only the owner may set flags (EPERM);
 *   - an immutable file cannot be written, truncated, unlinked, renamed,
 *     linked or chmod'ed (EPERM), but can be read;
 *   - an append-only file opens for writing only with O_APPEND, never with
 *     O_TRUNC, keeps O_APPEND (F_SETFL), cannot be truncated, unlinked,
 *     renamed, linked or chmod'ed; in an append-only directory names can
 *     be added but not removed;
 *   - a pipe has no flags: ENOTTY.
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "credutil.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/mount.h>

/* Linux uapi/linux/fs.h (musl has no kernel headers) */
#define FS_IOC_GETFLAGS 0x80086601
#define FS_IOC_SETFLAGS 0x40086602
#define FS_SYNC_FL 0x08
#define FS_IMMUTABLE_FL 0x10
#define FS_APPEND_FL 0x20
#define FS_NODUMP_FL 0x40
#define FS_NOATIME_FL 0x80

static char dir[64] = "/tmp/chattrXXXXXX";
static char file[128], other[128], sub[128], subf[128];

static const char *res(long r) { return r < 0 ? errno_name(errno) : "ok"; }

static void set_flags(const char *what, const char *path, int flags)
{
	int fd = open(path, O_RDONLY);

	printf("%-40s %s\n", what, res(ioctl(fd, FS_IOC_SETFLAGS, &flags)));
	close(fd);
}

static void show_flags(const char *path)
{
	int fd = open(path, O_RDONLY), flags = -1;
	long r = ioctl(fd, FS_IOC_GETFLAGS, &flags);

	printf("%-40s %s %#x\n", "  FS_IOC_GETFLAGS", res(r), r ? 0 : flags);
	close(fd);
}

static void try_open(const char *what, int flags)
{
	int fd = open(file, flags);

	printf("%-40s %s\n", what, res(fd));
	if (fd >= 0)
		close(fd);
}

/* What the flag forbids, one call each; each that succeeds is undone. */
static void forbidden(void)
{
	long r;

	try_open("  open O_RDONLY", O_RDONLY);
	try_open("  open O_WRONLY", O_WRONLY);
	try_open("  open O_WRONLY|O_APPEND", O_WRONLY | O_APPEND);
	try_open("  open O_WRONLY|O_APPEND|O_TRUNC", O_WRONLY | O_APPEND | O_TRUNC);
	printf("%-40s %s\n", "  truncate", res(truncate(file, 0)));
	printf("%-40s %s\n", "  chmod", res(chmod(file, 0644)));
	printf("%-40s %s\n", "  utimes(NULL)", res(utimes(file, NULL)));
	r = unlink(file);
	printf("%-40s %s\n", "  unlink", res(r));
	if (!r)
		close(open(file, O_CREAT | O_WRONLY, 0600));
	r = rename(file, other);
	printf("%-40s %s\n", "  rename", res(r));
	if (!r)
		rename(other, file);
	r = link(file, other);
	printf("%-40s %s\n", "  link", res(r));
	if (!r)
		unlink(other);
}

static void nobody_sets(void)
{
	int fd = open(file, O_RDONLY), flags = FS_NODUMP_FL;

	printf("%-40s %s\n", "nobody: FS_IOC_SETFLAGS NODUMP", res(ioctl(fd, FS_IOC_SETFLAGS, &flags)));
}

static void append_fd(void)
{
	int fd = open(file, O_WRONLY | O_APPEND);

	printf("%-40s %s\n", "  write with O_APPEND", res(write(fd, "x", 1)));
	printf("%-40s %s\n", "  F_SETFL without O_APPEND", res(fcntl(fd, F_SETFL, 0)));
	printf("%-40s %s\n", "  ftruncate", res(ftruncate(fd, 0)));
	close(fd);
}

int main(void)
{
	int p[2], flags, fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!mkdtemp(dir) || mount("tmpfs", dir, "tmpfs", 0, NULL) < 0) {
		printf("no tmpfs: %s\n", errno_name(errno));
		return 1;
	}
	chmod(dir, 0755);
	snprintf(file, sizeof(file), "%s/f", dir);
	snprintf(other, sizeof(other), "%s/g", dir);
	snprintf(sub, sizeof(sub), "%s/d", dir);
	snprintf(subf, sizeof(subf), "%s/d/x", dir);
	close(open(file, O_CREAT | O_WRONLY, 0644));
	show_flags(file);
	set_flags("FS_IOC_SETFLAGS SYNC (not on tmpfs)", file, FS_SYNC_FL);
	set_flags("FS_IOC_SETFLAGS NODUMP|NOATIME", file, FS_NODUMP_FL | FS_NOATIME_FL);
	show_flags(file);
	as_nobody("nobody", nobody_sets);

	set_flags("FS_IOC_SETFLAGS IMMUTABLE", file, FS_IMMUTABLE_FL);
	show_flags(file);
	forbidden();
	set_flags("FS_IOC_SETFLAGS APPEND", file, FS_APPEND_FL);
	show_flags(file);
	forbidden();
	append_fd();
	set_flags("FS_IOC_SETFLAGS 0", file, 0);
	forbidden();

	mkdir(sub, 0755);
	set_flags("FS_IOC_SETFLAGS APPEND on a directory", sub, FS_APPEND_FL);
	show_flags(sub);
	fd = open(subf, O_CREAT | O_WRONLY, 0600);
	printf("%-40s %s\n", "  create in it", res(fd));
	close(fd);
	printf("%-40s %s\n", "  unlink in it", res(unlink(subf)));
	set_flags("FS_IOC_SETFLAGS 0 on the directory", sub, 0);
	printf("%-40s %s\n", "  unlink in it", res(unlink(subf)));

	if (pipe(p))
		return 1;
	printf("%-40s %s\n", "FS_IOC_GETFLAGS on a pipe", res(ioctl(p[0], FS_IOC_GETFLAGS, &flags)));
	close(p[0]);
	close(p[1]);
	rmdir(sub);
	unlink(file);
	printf("%-40s %s\n", "umount", res(umount(dir)));
	rmdir(dir);
	return 0;
}
