/*
 * memfd_basic - memfd_create and seals (mm/memfd.c, mm/shmem.c). Expected:
 * a new memfd is an empty regular file, mode 0777, no links, O_RDWR; write,
 * lseek and read work; ftruncate grows it (the new part reads as zeros)
 * and shrinks it; a MAP_SHARED mapping sees write()s and its stores are
 * seen by read(); a fork child's stores through the shared mapping are seen
 * by the parent; past the end of the file a touch is SIGBUS. MFD_CLOEXEC
 * sets FD_CLOEXEC. Unknown flags and a 250-byte name are EINVAL, 249 bytes
 * is fine, a bad name pointer EFAULT. Without MFD_ALLOW_SEALING the seals
 * are F_SEAL_SEAL and F_ADD_SEALS is EPERM; with it: F_SEAL_SHRINK makes a
 * smaller ftruncate EPERM, F_SEAL_GROW makes a bigger one and a write past
 * the end EPERM; F_SEAL_WRITE is EBUSY while a shared writable mapping
 * exists, then makes write() and a shared writable mmap EPERM (a shared
 * read-only one is fine); F_SEAL_SEAL stops more seals (EPERM); unknown
 * seal bits are EINVAL; F_GET_SEALS on a plain file is EINVAL.
 */
#include "fsutil.h"
#include <sys/mman.h>

static int mfd(const char *name, unsigned flags) { return syscall(SYS_memfd_create, name, flags); }

int main(void)
{
	char buf[64] = { 0 }, name[300];
	struct stat st;
	int fd, fd2, r, status;
	char *m;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	fd = mfd("test", 0);
	SHOW("memfd_create(\"test\", 0)", fd);
	SHOW("fstat", fstat(fd, &st));
	printf("S_ISREG %d, mode 0%o, size %ld, nlink %ld\n", S_ISREG(st.st_mode), st.st_mode & 07777,
	       (long)st.st_size, (long)st.st_nlink);
	printf("O_ACCMODE O_RDWR %d, F_GETFD %d\n", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, fcntl(fd, F_GETFD));
	SHOWN("write", write(fd, "hello memfd", 11));
	SHOWN("lseek 0", lseek(fd, 0, SEEK_SET));
	SHOWN("read", read(fd, buf, sizeof buf));
	printf("data: %s\n", buf);
	SHOW("ftruncate 10000", ftruncate(fd, 10000));
	fstat(fd, &st);
	printf("size %ld\n", (long)st.st_size);
	memset(buf, 1, sizeof buf);
	SHOWN("pread at 9000", pread(fd, buf, 16, 9000));
	printf("zeros: %d\n", buf[0] == 0 && buf[15] == 0);

	m = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	show_map("mmap MAP_SHARED 4 pages", m);
	printf("mapping sees the write: %.5s\n", m);
	memcpy(m + 100, "via map", 7);
	pread(fd, buf, 7, 100);
	printf("read sees the store: %.7s\n", buf);
	if (fork() == 0) {
		memcpy(m + 5000, "child", 5);
		_exit(0);
	}
	wait(&status);
	printf("parent sees the child's store: %.5s\n", m + 5000);
	if (sigsetjmp(fault_jmp, 1) == 0) {
		volatile char c = m[3 * PAGE_SIZE + 10];
		(void)c;
		printf("touch past EOF: no fault\n");
	} else {
		printf("touch past EOF: %s %s\n", sig_name(fault.signo), code_name(fault.signo, fault.code));
	}
	SHOW("ftruncate 100", ftruncate(fd, 100));
	if (sigsetjmp(fault_jmp, 1) == 0) {
		volatile char c = m[5000];
		(void)c;
		printf("touch after shrink: no fault\n");
	} else {
		printf("touch after shrink: %s\n", sig_name(fault.signo));
	}
	munmap(m, 4 * PAGE_SIZE);
	SHOWN("F_GET_SEALS", fcntl(fd, F_GET_SEALS));
	SHOW("F_ADD_SEALS without MFD_ALLOW_SEALING", fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	close(fd);

	fd = mfd("c", MFD_CLOEXEC);
	printf("MFD_CLOEXEC: F_GETFD %d\n", fcntl(fd, F_GETFD));
	close(fd);
	SHOW("unknown flag", mfd("x", 0x100));
	memset(name, 'n', sizeof name);
	name[249] = 0;
	SHOW("name of 249 bytes", fd = mfd(name, 0));
	close(fd);
	name[249] = 'n';
	name[250] = 0;
	SHOW("name of 250 bytes", mfd(name, 0));
	SHOW("bad name pointer", mfd((const char *)8, 0));

	fd = mfd("sealed", MFD_ALLOW_SEALING);
	SHOWN("MFD_ALLOW_SEALING: F_GET_SEALS", fcntl(fd, F_GET_SEALS));
	ftruncate(fd, 8192);
	SHOW("add F_SEAL_SHRINK", fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
	SHOW("ftruncate smaller", ftruncate(fd, 4096));
	SHOW("ftruncate bigger", ftruncate(fd, 12288));
	SHOW("add F_SEAL_GROW", fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	SHOW("ftruncate bigger", ftruncate(fd, 16384));
	SHOWN("write past the end", pwrite(fd, "x", 1, 12288));
	SHOWN("write inside", pwrite(fd, "x", 1, 0));
	m = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	SHOW("add F_SEAL_WRITE while mapped shared rw", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	munmap(m, PAGE_SIZE);
	SHOW("add F_SEAL_WRITE after munmap", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	SHOWN("write", pwrite(fd, "x", 1, 0));
	show_map("mmap shared rw", mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	m = show_map("mmap shared ro", mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0));
	SHOW("mprotect it rw", mprotect(m, PAGE_SIZE, PROT_READ | PROT_WRITE));
	show_map("mmap private rw", mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0));
	SHOW("unknown seal", fcntl(fd, F_ADD_SEALS, 0x1000));
	SHOW("add F_SEAL_SEAL", fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
	SHOW("add after F_SEAL_SEAL", fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
	r = fcntl(fd, F_GET_SEALS);
	printf("seals: SEAL %d SHRINK %d GROW %d WRITE %d\n", !!(r & F_SEAL_SEAL), !!(r & F_SEAL_SHRINK),
	       !!(r & F_SEAL_GROW), !!(r & F_SEAL_WRITE));
	fd2 = open("/dev/null", O_RDWR);
	SHOW("F_GET_SEALS on /dev/null", fcntl(fd2, F_GET_SEALS));
	return 0;
}
