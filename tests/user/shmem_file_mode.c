/*
 * The kernel's own shmem files are made mode 0777 (Linux
 * __shmem_file_setup: S_IFREG | S_IRWXUGO), whatever the memory's
 * permissions: stat() through /proc/self/map_files shows 0100777 for
 * shared anonymous memory and for a SysV shm segment of any shmget mode
 * (its permissions are its ipc_perm's: IPC_STAT keeps them), and fstat of
 * a memfd shows 0100777. Size and link count (0: unlinked) too.
 * build: musl glibc
 */
#include "ftest.h"
#include <sys/shm.h>
#include <sys/stat.h>

static void show(const char *what, void *p, size_t len)
{
	char path[80];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx", (unsigned long)p, (unsigned long)p + len);
	if (stat(path, &st)) {
		printf("%s: stat %s\n", what, errno_name(errno));
		return;
	}
	printf("%s: mode %o size %ld nlink %ld\n", what, (unsigned)st.st_mode, (long)st.st_size, (long)st.st_nlink);
}

static void sysv(const char *what, int mode, int shmflg)
{
	int id = shmget(IPC_PRIVATE, PAGE_SIZE, IPC_CREAT | mode);
	struct shmid_ds ds;
	void *p;

	if (id < 0 || (p = shmat(id, NULL, shmflg)) == (void *)-1) {
		printf("%s: %s\n", what, errno_name(errno));
		return;
	}
	show(what, p, PAGE_SIZE);
	shmctl(id, IPC_STAT, &ds);
	printf("%s: ipc mode %o\n", what, (unsigned)ds.shm_perm.mode & 0777);
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
}

int main(void)
{
	void *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	void *r = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct stat st;
	int m;

	show("shared anon rw", p, 2 * PAGE_SIZE);
	show("shared anon ro", r, PAGE_SIZE);
	sysv("sysv 0600", 0600, 0);
	sysv("sysv 0640 rdonly", 0640, SHM_RDONLY);
	m = memfd_create("mode", 0);
	fstat(m, &st);
	printf("memfd: mode %o nlink %ld\n", (unsigned)st.st_mode, (long)st.st_nlink);
	return 0;
}
