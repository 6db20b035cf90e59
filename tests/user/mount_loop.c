/*
 * mount_loop - a file as a disk, a file system made on it, mounted and
 * taken off again (Linux drivers/block/loop.c, block/fops.c,
 * fs/namespace.c), as root:
 *   loop-control: LOOP_CTL_GET_FREE names a free /dev/loopN, a block
 *     device of major 7;
 *   the loop device: LOOP_GET_STATUS64 unbound is ENXIO; LOOP_SET_FD binds
 *     a file (again: EBUSY); BLKGETSIZE64, BLKSSZGET and lseek(SEEK_END)
 *     give the file's size; bytes written at an odd offset land in the
 *     file (after fsync: Linux keeps a page cache for the device); past the end a write is ENOSPC and a read 0; LOOP_SET_STATUS64's
 *     lo_offset shifts the device into the file;
 *   mkfs.ext2 (found in PATH) formats it; mount(2) of ext2 on a new
 *     directory: a new st_dev, root inode 2, f_type EXT2_SUPER_MAGIC, a
 *     /proc/mounts line and a /proc/self/mountinfo line; ".." leads back out; rename and link across the
 *     boundary are EXDEV, rmdir of the mountpoint EBUSY;
 *   mount errors: ENODEV (no such type), EINVAL for an option ext2 does
 *     not take (noacl, bogus), ENOTBLK (a regular file as the
 *     source), ENOENT (no such directory), ENOTDIR (a file as the target);
 *   umount2: EBUSY while a file is open or a working directory is inside,
 *     EINVAL for unknown flags or a directory that is not a mount,
 *     MNT_EXPIRE first EAGAIN then done; what was written is there after
 *     mounting again read-only (writes EROFS, statfs ST_RDONLY), and
 *     writable again after MS_REMOUNT;
 *   noexec, nodev, nosuid: exec EACCES, mmap(PROT_EXEC) EPERM, mprotect
 *     to PROT_EXEC EACCES, a device node's open EACCES, the ST_* flags;
 *   LOOP_CLR_FD unbinds (then ENXIO).
 * Only facts independent of the loop device's number and of the two
 * mkfs programs' choices are printed.
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

/* Linux include/uapi/linux/loop.h and fs.h (musl has no kernel headers) */
#define LOOP_SET_FD 0x4c00
#define LOOP_CLR_FD 0x4c01
#define LOOP_SET_STATUS64 0x4c04
#define LOOP_GET_STATUS64 0x4c05
#define LOOP_CTL_GET_FREE 0x4c82
#define ST_RDONLY 1
#define ST_NOSUID 2
#define ST_NODEV 4
#define ST_NOEXEC 8
struct loop_info64 {
	unsigned long long lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
	unsigned lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
	unsigned char lo_file_name[64], lo_crypt_name[64], lo_encrypt_key[32];
	unsigned long long lo_init[2];
};

#define IMG_SIZE (2 << 20)
#define EXT2_SUPER_MAGIC 0xef53
#define LOOP_MAJOR 7
#define ODD_OFFSET 1000
#define SHIFT 4096

static char dir[64], img[96], mnt[96], dev[32];

static void show(const char *label, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %ld\n", label, r);
}

static void path_in(char *buf, size_t size, const char *base, const char *name)
{
	snprintf(buf, size, "%s/%s", base, name);
}

/* mkfs.ext2 DEV, quietly; its exit status. */
static int run_mkfs(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		setenv("PATH", "/usr/sbin:/sbin:/usr/bin:/bin", 1);	/* Debian's is in /usr/sbin, faultline's in /sbin */
		execlp("mkfs.ext2", "mkfs.ext2", dev, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int bind_loop(int imgfd)
{
	struct loop_info64 info;
	struct stat st, ist;
	unsigned long long size = 0;
	int ssz = 0, ctl = open("/dev/loop-control", O_RDWR), n, fd;

	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	printf("get_free: %s\n", n >= 0 ? "a device" : errno_name(errno));
	close(ctl);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	stat(dev, &st);
	printf("node: block %d major %u minor_is_n %d\n", S_ISBLK(st.st_mode), major(st.st_rdev),
	       (int)minor(st.st_rdev) == n);
	fd = open(dev, O_RDWR);
	show("status64 unbound", ioctl(fd, LOOP_GET_STATUS64, &info));
	show("set_fd", ioctl(fd, LOOP_SET_FD, imgfd));
	show("set_fd again", ioctl(fd, LOOP_SET_FD, imgfd));
	ioctl(fd, BLKGETSIZE64, &size);
	ioctl(fd, BLKSSZGET, &ssz);
	printf("size %llu sector %d end %ld\n", size, ssz, (long)lseek(fd, 0, SEEK_END));
	memset(&info, 0, sizeof(info));
	show("status64", ioctl(fd, LOOP_GET_STATUS64, &info));
	fstat(imgfd, &ist);
	printf("info: offset %llu limit %llu flags %u name \"%s\" file_matches %d\n", info.lo_offset,
	       info.lo_sizelimit, info.lo_flags, (char *)info.lo_file_name,
	       info.lo_device == ist.st_dev && info.lo_inode == ist.st_ino);
	return fd;
}

static void device_io(int fd, int imgfd)
{
	struct loop_info64 info;
	char buf[16] = "", back[16] = "";
	unsigned long long size = 0;

	show("pwrite odd", pwrite(fd, "through-loop", 12, ODD_OFFSET));
	show("fsync device", fsync(fd));	/* Linux caches the device's pages: this sends them to the file */
	pread(imgfd, back, 12, ODD_OFFSET);
	printf("file has: %s\n", back);
	show("pwrite at end", pwrite(fd, "x", 1, IMG_SIZE));
	show("pwrite over end", pwrite(fd, "0123456789", 10, IMG_SIZE - 4));
	show("pread at end", pread(fd, buf, 1, IMG_SIZE));
	memset(&info, 0, sizeof(info));
	ioctl(fd, LOOP_GET_STATUS64, &info);
	info.lo_offset = SHIFT;
	show("set_status64 offset", ioctl(fd, LOOP_SET_STATUS64, &info));
	ioctl(fd, BLKGETSIZE64, &size);
	pwrite(imgfd, "shifted", 7, SHIFT);
	memset(buf, 0, sizeof(buf));
	pread(fd, buf, 7, 0);
	printf("size %llu, sector 0 reads %s\n", size, buf);
	info.lo_offset = 0;
	ioctl(fd, LOOP_SET_STATUS64, &info);
}

static void show_proc_mounts(void)
{
	char line[512], want[256];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	snprintf(want, sizeof(want), "%s %s ext2 ", dev, mnt);
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, want, strlen(want))) {
			char *opts = line + strlen(want);

			opts[strcspn(opts, ",")] = '\0';
			printf("/proc/mounts: dev mnt ext2 %s\n", opts);
			found = 1;
		}
	if (!found)
		printf("/proc/mounts: no line for it\n");
	if (f)
		fclose(f);
}

/* Its /proc/self/mountinfo line: IDs, MAJ:MIN, root, mountpoint, options, [optional fields] - type source. */
static void show_mountinfo(void)
{
	char line[512], root[256], point[256], type[64], source[64];
	unsigned maj, min;
	FILE *f = fopen("/proc/self/mountinfo", "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f)) {
		char *dash = strstr(line, " - ");

		if (sscanf(line, "%*d %*d %u:%u %255s %255s", &maj, &min, root, point) != 4 || strcmp(point, mnt))
			continue;
		if (!dash || sscanf(dash, " - %63s %63s", type, source) != 2)
			continue;
		printf("mountinfo: major %u, root %s, type %s, source is the device %d\n", maj, root, type,
		       !strcmp(source, dev));
		found = 1;
	}
	if (!found)
		printf("mountinfo: no line for it\n");
	if (f)
		fclose(f);
}

static void mounted_checks(void)
{
	struct stat d, m, up, f;
	struct statfs sf;
	char file[128], other[128], up_path[128];
	int fd;

	stat(dir, &d);
	stat(mnt, &m);
	path_in(up_path, sizeof(up_path), mnt, "..");
	stat(up_path, &up);
	printf("new st_dev %d, root ino %lu, .. is the dir %d\n", m.st_dev != d.st_dev, (unsigned long)m.st_ino,
	       up.st_ino == d.st_ino && up.st_dev == d.st_dev);
	statfs(mnt, &sf);
	printf("f_type %#lx rdonly %d\n", (unsigned long)sf.f_type, !!(sf.f_flags & ST_RDONLY));
	show_proc_mounts();
	show_mountinfo();
	path_in(file, sizeof(file), mnt, "data");
	fd = open(file, O_CREAT | O_WRONLY, 0644);
	show("write in mount", write(fd, "kept-on-disk", 12));
	close(fd);
	stat(file, &f);
	printf("file st_dev is the mount's %d\n", f.st_dev == m.st_dev);
	path_in(other, sizeof(other), dir, "moved");
	show("rename across", rename(file, other));
	show("link across", link(file, other));
	show("rmdir mountpoint", rmdir(mnt));
}

static void mount_errors(void)
{
	char missing[128];

	path_in(missing, sizeof(missing), dir, "missing");
	show("mount no such type", mount(dev, mnt, "nosuchfs", 0, NULL));
	show("mount a file as source", mount(img, mnt, "ext2", 0, NULL));
	show("mount on missing dir", mount(dev, missing, "ext2", 0, NULL));
	show("mount on a file", mount(dev, img, "ext2", 0, NULL));
	show("umount2 bad flags", umount2(mnt, 0x100));
	show("umount not a mount", umount2(dir, 0));
	show("umount missing", umount2(missing, 0));
}

static void busy_checks(void)
{
	char file[128];
	int fd;

	path_in(file, sizeof(file), mnt, "data");
	fd = open(file, O_RDONLY);
	show("umount with open file", umount2(mnt, 0));
	close(fd);
	chdir(mnt);
	show("umount with cwd inside", umount2(mnt, 0));
	chdir("/");
	show("expire first", umount2(mnt, MNT_EXPIRE));
	show("expire second", umount2(mnt, MNT_EXPIRE));
	show("mount ext2 -o noacl", mount(dev, mnt, "ext2", 0, "noacl"));
	show("mount ext2 -o bogus", mount(dev, mnt, "ext2", 0, "bogus"));
}

static void readonly_checks(void)
{
	char file[128], buf[16] = "";
	struct statfs sf;
	int fd;

	path_in(file, sizeof(file), mnt, "data");
	show("mount ro", mount(dev, mnt, "ext2", MS_RDONLY, NULL));
	fd = open(file, O_RDONLY);
	read(fd, buf, 12);
	close(fd);
	printf("after remount: %s\n", buf);
	statfs(mnt, &sf);
	printf("rdonly %d\n", !!(sf.f_flags & ST_RDONLY));
	show("open for write ro", open(file, O_WRONLY));
	show("remount rw", mount(NULL, mnt, NULL, MS_REMOUNT, NULL));
	fd = open(file, O_WRONLY | O_APPEND);
	show("open for write rw", fd >= 0 ? 0 : -1);
	close(fd);
	show("umount", umount2(mnt, 0));
}

/* A copy of this program on the mount: exec's status, or -errno. */
static int try_exec(const char *prog)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(prog, prog, "--exit-3", (char *)NULL);
		_exit(100 + errno);
	}
	waitpid(pid, &status, 0);
	return WEXITSTATUS(status) >= 100 ? -(WEXITSTATUS(status) - 100) : WEXITSTATUS(status);
}

static void copy_self(const char *to)
{
	char buf[4096];
	int in = open("/proc/self/exe", O_RDONLY), out = open(to, O_CREAT | O_WRONLY | O_TRUNC, 04755);
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) > 0)
		write(out, buf, n);
	fchmod(out, 04755);
	close(in);
	close(out);
}

static void show_exec(const char *label, int r)
{
	if (r < 0)
		printf("%s: %s\n", label, errno_name(-r));
	else
		printf("%s: exit %d\n", label, r);
}

/*
 * noexec, nodev, nosuid: exec EACCES, mmap(PROT_EXEC) EPERM and a later
 * mprotect(PROT_EXEC) EACCES, a device node EACCES; statfs and /proc/mounts
 * show the flags.  Then the same without them: it runs, the node opens.
 */
static void flag_checks(void)
{
	char prog[128], node[128];
	struct statfs sf;
	void *p;
	int fd;

	path_in(prog, sizeof(prog), mnt, "prog");
	path_in(node, sizeof(node), mnt, "null");
	show("mount noexec,nodev,nosuid", mount(dev, mnt, "ext2", MS_NOEXEC | MS_NODEV | MS_NOSUID, NULL));
	copy_self(prog);
	mknod(node, S_IFCHR | 0666, makedev(1, 3));
	statfs(mnt, &sf);
	printf("st flags: nosuid %d nodev %d noexec %d\n", !!(sf.f_flags & ST_NOSUID), !!(sf.f_flags & ST_NODEV),
	       !!(sf.f_flags & ST_NOEXEC));
	show_exec("exec on noexec", try_exec(prog));
	fd = open(prog, O_RDONLY);
	p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	printf("mmap exec: %s\n", p == MAP_FAILED ? errno_name(errno) : "mapped");
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	show("mprotect exec", mprotect(p, PAGE_SIZE, PROT_READ | PROT_EXEC));
	munmap(p, PAGE_SIZE);
	close(fd);
	show("open device on nodev", open(node, O_RDWR));
	show("umount", umount2(mnt, 0));
	show("mount plain", mount(dev, mnt, "ext2", 0, NULL));
	show_exec("exec", try_exec(prog));
	fd = open(node, O_RDWR);
	show("open device", fd >= 0 ? 0 : -1);
	close(fd);
	unlink(prog);
	unlink(node);
	show("umount", umount2(mnt, 0));
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit-3"))
		return 3;		/* the copy run by try_exec */
	int imgfd, fd;

	strcpy(dir, "/tmp/mount_loop.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	path_in(img, sizeof(img), dir, "disk.img");
	path_in(mnt, sizeof(mnt), dir, "mnt");
	mkdir(mnt, 0755);
	imgfd = open(img, O_CREAT | O_RDWR, 0600);
	ftruncate(imgfd, IMG_SIZE);
	fd = bind_loop(imgfd);
	device_io(fd, imgfd);
	printf("mkfs.ext2: %d\n", run_mkfs());
	show("mount", mount(dev, mnt, "ext2", 0, NULL));
	mounted_checks();
	mount_errors();
	busy_checks();
	readonly_checks();
	flag_checks();
	show("clr_fd", ioctl(fd, LOOP_CLR_FD, 0));
	show("clr_fd again", ioctl(fd, LOOP_CLR_FD, 0));
	close(fd);
	close(imgfd);
	unlink(img);
	rmdir(mnt);
	rmdir(dir);
	return 0;
}
