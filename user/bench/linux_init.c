/*
 * user/bench/linux_init.c - /init of the initramfs that tools/bench.py boots
 * on Debian's Linux kernel: run every program in /bench in name order, each in
 * a child (fork, execve, waitpid), with the same framing as faultline's
 * "init --run-tests":
 *
 *     @@@ BEGIN name
 *     ...the program's stdout and stderr...
 *     [exit N]  or  [signal N]
 *     @@@ DONE
 *
 * then power off.  The kernel opens /dev/console (a device node in the
 * initramfs; console=ttyS0) as fds 0-2 for /init; when that failed, mount
 * devtmpfs and open the console there.
 *
 * Before the programs run, vm.max_map_count goes from Linux's default 65530
 * to MAX_MAP_COUNT, so that the 100,000-VMA benchmarks can build their VMAs
 * (faultline has no such limit); a failure is printed, and those programs
 * then report ENOMEM themselves.  vm.dirty_background_ratio and
 * vm.dirty_ratio go from 10 and 20 (% of available memory) to 60 and 80,
 * so that 16 MiB of dirty pages (file_write_16m_per_4k) in this 256 MiB
 * guest neither wake the flusher nor throttle the writer inside a timed
 * round: faultline has no background write-back (it writes back at sync,
 * fsync and last close), and the line compares write() with write(); with
 * Debian's values Linux's count also holds part of the write-back to the
 * RAM disk (about 4,070 instructions per page instead of 2,440).
 *
 * The file benchmarks need faultline's root image (tools/bench.py gives it
 * as the virtio disk /dev/vda) mounted as ext2 on /mnt; they get
 * BENCH_DIR=/mnt/tmp (on faultline they use /tmp of the same image).
 * Debian builds the drivers as modules: /modules/load.list names the .ko
 * files in /modules, dependencies first (virtio, virtio_pci, virtio_blk,
 * ext4, which also mounts ext2, brd...), and they are loaded in that order
 * with finit_module(2).  benchdisk (a kernel parameter, which Linux hands
 * to /init as an environment variable) says what is mounted:
 *   brd     (the default) the image copied into a RAM disk, /dev/ram0
 *           (brd, Linux's RAM-disk driver, sized to the image), as faultline
 *           reads its root image from memory (drivers/block/brd.c).  A major
 *           fault then reads memory on both kernels, synchronously.
 *   virtio  /dev/vda itself.  QEMU completes a virtio request
 *           asynchronously; the guest idles until then, and with -icount
 *           the idle time advances the clock as host time (sleep=on), so a
 *           major fault's count includes host I/O time, not instructions.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define DIR_NAME "/bench"
#define MAX_PROGS 64
#define MAX_MAP_COUNT "262144"
#define DIRTY_RATIO "80"		/* Debian: 20 */
#define DIRTY_BACKGROUND_RATIO "60"	/* Debian: 10 */
#define DISK "/dev/vda"
#define RAMDISK "/dev/ram0"
#define MNT "/mnt"
#define BENCH_DIR_ENV "BENCH_DIR=/mnt/tmp"
#define COPY_CHUNK (1 << 20)

static void console_fds(void)
{
	int fd;
	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

/* vm.NAME = value, through /proc/sys/vm/NAME; a failure is printed. */
static void set_vm_sysctl(const char *name, const char *value)
{
	char path[128];
	int fd, n = strlen(value);
	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, value, n) != n)
		printf("linux_init: cannot set vm.%s: %s\n", name, strerror(errno));
	else
		printf("linux_init: vm.%s = %s\n", name, value);
	if (fd >= 0)
		close(fd);
}

static void set_sysctls(void)
{
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	set_vm_sysctl("max_map_count", MAX_MAP_COUNT);
	set_vm_sysctl("dirty_ratio", DIRTY_RATIO);
	set_vm_sysctl("dirty_background_ratio", DIRTY_BACKGROUND_RATIO);
}

/* Wait (up to ~5 s) for a device node devtmpfs creates when its driver probes. */
static int open_dev(const char *path, int flags)
{
	for (int i = 0; i < 50; i++) {
		int fd = open(path, flags);
		if (fd >= 0 || errno != ENOENT)
			return fd;
		usleep(100000);
	}
	return -1;
}

/* finit_module(/modules/NAME, params); a module already there is fine. */
static int load_module(const char *name, const char *params)
{
	char path[128];
	int fd, err = 0;
	snprintf(path, sizeof(path), "/modules/%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0 || (syscall(SYS_finit_module, fd, params, 0) && errno != EEXIST)) {
		err = -1;
		printf("linux_init: loading %s: %s\n", path, strerror(errno));
	}
	if (fd >= 0)
		close(fd);
	return err;
}

/*
 * The image on /dev/vda into a new RAM disk: brd with one device of the
 * image's size (rd_size is in KiB).  O_DIRECT on both ends, so neither
 * device keeps a page-cache copy; all-zero chunks are skipped (brd reads
 * unwritten sectors as zeros), so brd holds only the image's used blocks.
 */
static int copy_to_ramdisk(void)
{
	static char buf[COPY_CHUNK] __attribute__((aligned(4096)));
	static const char zero[COPY_CHUNK];
	char params[64];
	unsigned long long size = 0, done;
	int in = open_dev(DISK, O_RDONLY | O_DIRECT), out;
	if (in < 0 || ioctl(in, BLKGETSIZE64, &size)) {
		printf("linux_init: %s: %s\n", DISK, strerror(errno));
		return -1;
	}
	snprintf(params, sizeof(params), "rd_nr=1 max_part=0 rd_size=%llu", (size + 1023) / 1024);
	if (load_module("brd.ko", params))
		return -1;
	out = open_dev(RAMDISK, O_WRONLY | O_DIRECT);
	if (out < 0) {
		printf("linux_init: %s: %s\n", RAMDISK, strerror(errno));
		return -1;
	}
	for (done = 0; done < size; done += COPY_CHUNK) {
		ssize_t n = pread(in, buf, COPY_CHUNK, done);
		if (n <= 0 || n % 512) {
			printf("linux_init: reading %s at %llu: %s\n", DISK, done, n < 0 ? strerror(errno) : "short read");
			return -1;
		}
		if (!memcmp(buf, zero, n))
			continue;
		if (pwrite(out, buf, n, done) != n) {
			printf("linux_init: writing %s at %llu: %s\n", RAMDISK, done, strerror(errno));
			return -1;
		}
	}
	close(in);
	close(out);
	printf("linux_init: %s copied into %s (brd, %llu KiB)\n", DISK, RAMDISK, size / 1024);
	return 0;
}

/* Load the modules, then mount the benchmark disk (see the top comment) as ext2 on /mnt. */
static void mount_bench_disk(void)
{
	const char *how = getenv("benchdisk");
	int virtio = how && !strcmp(how, "virtio");
	const char *dev = virtio ? DISK : RAMDISK;
	char name[128];
	FILE *list = fopen("/modules/load.list", "r");
	if (!list) {
		perror("linux_init: /modules/load.list");
		return;
	}
	while (fscanf(list, "%127s", name) == 1)
		if (strcmp(name, "brd.ko"))
			load_module(name, "");
	fclose(list);
	if (!virtio && copy_to_ramdisk())
		return;
	int fd = open_dev(dev, O_RDONLY);	/* the node is there once the driver probed */
	if (fd >= 0)
		close(fd);
	if (fd < 0 || mount(dev, MNT, "ext2", 0, NULL))
		printf("linux_init: mounting %s as ext2 on %s: %s\n", dev, MNT, strerror(errno));
	else
		printf("linux_init: %s mounted as ext2 on %s; %s\n", dev, MNT, BENCH_DIR_ENV);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

int main(void)
{
	static char *names[MAX_PROGS];
	char path[512];
	int n = 0;
	DIR *d;
	struct dirent *e;

	console_fds();
	setvbuf(stdout, NULL, _IONBF, 0);
	set_sysctls();
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);	/* /dev/vda, /dev/ram0 (EBUSY if console_fds did it) */
	mount_bench_disk();
	d = opendir(DIR_NAME);
	if (!d) {
		perror(DIR_NAME);
	} else {
		while ((e = readdir(d)) && n < MAX_PROGS)
			if (e->d_name[0] != '.')
				names[n++] = strdup(e->d_name);
		closedir(d);
	}
	qsort(names, n, sizeof(names[0]), by_name);
	for (int i = 0; i < n; i++) {
		char *argv[] = { path, NULL };
		char *envp[] = { "PATH=/bench", BENCH_DIR_ENV, NULL };
		int st;
		pid_t pid;
		snprintf(path, sizeof(path), "%s/%s", DIR_NAME, names[i]);
		printf("@@@ BEGIN %s\n", names[i]);
		pid = fork();
		if (pid == 0) {
			execve(path, argv, envp);
			perror(path);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid)
			printf("[fork failed]\n");
		else if (WIFSIGNALED(st))
			printf("[signal %d]\n", WTERMSIG(st));
		else
			printf("[exit %d]\n", WEXITSTATUS(st));
		while (waitpid(-1, &st, WNOHANG) > 0)	/* orphans */
			;
	}
	printf("@@@ DONE\n");
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
