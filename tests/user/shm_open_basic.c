/*
 * shm_open_basic - POSIX shared memory (shm_open(3): a file in /dev/shm,
 * which both libcs open with O_NOFOLLOW|O_CLOEXEC): create one, size it
 * with ftruncate, map it MAP_SHARED in a parent and a fork child that
 * opens it again by name, see each other's writes, O_EXCL on an existing
 * name is EEXIST, shm_unlink removes the name (a second open is ENOENT,
 * a second unlink too) while the mappings stay valid; /dev/shm itself is
 * a sticky world-writable directory.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	const char *name = "/ftest_shm_open_basic";
	struct stat st;
	char *p;
	int fd, st_child;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	shm_unlink(name);
	fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	printf("shm_open create: %s\n", fd >= 0 ? "ok" : errno_name(errno));
	printf("ftruncate 2 pages: %d\n", ftruncate(fd, 2 * PAGE_SIZE));
	fstat(fd, &st);
	printf("size %ld, mode %o\n", (long)st.st_size, st.st_mode & 07777);
	printf("FD_CLOEXEC set: %d\n", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
	p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	strcpy(p + PAGE_SIZE, "from the parent");
	if ((pid = fork()) == 0) {
		int cfd = shm_open(name, O_RDWR, 0);
		char *q = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		printf("child reads: %s\n", q + PAGE_SIZE);
		strcpy(q, "from the child");
		_exit(0);
	}
	waitpid(pid, &st_child, 0);
	printf("parent reads: %s\n", p);
	printf("O_EXCL again: %s\n", shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600) < 0 ? errno_name(errno) : "ok");
	printf("shm_unlink: %d\n", shm_unlink(name));
	printf("open after unlink: %s\n", shm_open(name, O_RDWR, 0) < 0 ? errno_name(errno) : "ok");
	printf("unlink again: %s\n", shm_unlink(name) < 0 ? errno_name(errno) : "ok");
	printf("mapping still there: %s\n", p);
	stat("/dev/shm", &st);
	printf("/dev/shm: dir %d mode %o\n", S_ISDIR(st.st_mode), st.st_mode & 07777);
	return 0;
}
