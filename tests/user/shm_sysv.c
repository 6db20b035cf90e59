/*
 * System V shared memory (Linux ipc/shm.c): a segment is shmem file memory
 * attached with a shared mapping, so its pages arrive through the fault
 * path and every attach sees the same page.
 *   shmget/shmat of 10000 bytes: writes at two offsets fault pages in; a
 *     fork's child sees them, attaches a second time elsewhere, writes, and
 *     the parent sees that; IPC_STAT: size, mode, creator pid, nattch (1
 *     once the child is gone); maps names it "/SYSV00000000 (deleted)" rw-s;
 *   keys: IPC_CREAT|IPC_EXCL twice is EEXIST, asking for more than the size
 *     is EINVAL, the same key gives the same id, an unknown key ENOENT;
 *   size 0: EINVAL; shmat of a bad id EINVAL, of an unaligned address
 *     EINVAL unless SHM_RND; a SHM_RDONLY attach faults on a write
 *     (SIGSEGV SEGV_ACCERR); shmdt of a non-attach address EINVAL, after
 *     shmdt the address faults (SEGV_MAPERR);
 *   IPC_SET changes the mode; IPC_RMID while attached marks it SHM_DEST
 *     with key 0 and it can still be attached; after the last detach
 *     IPC_STAT is EINVAL; an unknown command EINVAL; IPC_INFO's limits;
 *   as user 65534: shmat of a 0600 segment EACCES, IPC_RMID EPERM.
 * build: musl glibc
 */
#include "ftest.h"
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>

static void show(const char *what, long r)
{
	printf("%s: %s\n", what, r < 0 ? errno_name(errno) : "ok");
}

/* A child touches @p; how it ended. */
static void touch_in_child(const char *what, volatile char *p, int write)
{
	int st;
	if (fork() == 0) {
		if (write)
			p[0] = 1;
		else
			(void)p[0];
		_exit(0);
	}
	wait(&st);
	printf("%s: %s\n", what, WIFSIGNALED(st) ? (WTERMSIG(st) == SIGSEGV ? "SIGSEGV" : "other signal") : "ok");
}

static void maps_line(void *addr)
{
	char line[512];
	unsigned long lo, hi;
	FILE *f = fopen("/proc/self/maps", "r");

	while (fgets(line, sizeof line, f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo == (unsigned long)addr) {
			char perms[8];
			sscanf(line, "%*s %7s", perms);
			printf("maps: %s %s", perms, strchr(line, '/') ? strchr(line, '/') : "?\n");
		}
	fclose(f);
}

static int fresh_key(void)
{
	for (int k = 0x5eed0000 + (getpid() & 0xffff); ; k += 0x10000) {
		int id = shmget(k, 4096, IPC_CREAT | IPC_EXCL | 0640);
		if (id >= 0) {
			shmctl(id, IPC_RMID, NULL);
			return k;
		}
	}
}

int main(void)
{
	struct shmid_ds ds;
	int id, st;
	char *p, *q;

	setvbuf(stdout, NULL, _IONBF, 0);
	id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
	show("shmget IPC_PRIVATE 10000", id);
	p = shmat(id, NULL, 0);
	show("shmat", p == (void *)-1 ? -1 : 0);
	strcpy(p, "page0");
	strcpy(p + 8192, "page2");
	maps_line(p);
	if (fork() == 0) {
		q = shmat(id, NULL, 0);
		printf("child: sees \"%s\" \"%s\", second attach elsewhere %d\n", p, p + 8192, q != p);
		strcpy(q + 4096, "child");
		shmctl(id, IPC_STAT, &ds);
		printf("child: nattch %lu\n", (unsigned long)ds.shm_nattch);
		_exit(0);
	}
	wait(&st);
	printf("parent: sees \"%s\"\n", p + 4096);
	shmctl(id, IPC_STAT, &ds);
	printf("IPC_STAT: size %zu mode %o cpid is me %d nattch %lu\n", (size_t)ds.shm_segsz,
	       ds.shm_perm.mode & 0777, ds.shm_cpid == getpid(), (unsigned long)ds.shm_nattch);

	int key = fresh_key();
	int kid = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0640);
	show("shmget key IPC_CREAT|IPC_EXCL", kid);
	show("again", shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0640));
	show("same key, more than its size", shmget(key, 8192, 0));
	printf("same key: same id %d\n", shmget(key, 100, 0) == kid);
	show("unknown key without IPC_CREAT", shmget(key + 1, 100, 0));
	shmctl(kid, IPC_RMID, NULL);
	show("size 0", shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600));

	show("shmat bad id", (long)shmat(0x7fff0000, NULL, 0) == -1 ? -1 : 0);
	errno = 0;
	show("shmat unaligned", (long)shmat(id, (void *)0x70000001, 0) == -1 ? -1 : 0);
	q = shmat(id, (void *)0x70000123, SHM_RND);
	printf("shmat unaligned with SHM_RND: %s\n", q == (void *)0x70000000 ? "rounded down" : "?");
	shmdt(q);
	q = shmat(id, NULL, SHM_RDONLY);
	printf("SHM_RDONLY attach reads \"%s\"\n", q);
	touch_in_child("write to the SHM_RDONLY attach", q, 1);
	shmdt(q);
	show("shmdt p+4096", shmdt(p + 4096));
	show("shmdt of a non-attach address", shmdt((void *)&st));

	ds.shm_perm.mode = 0644;
	show("IPC_SET mode 0644", shmctl(id, IPC_SET, &ds));
	shmctl(id, IPC_STAT, &ds);
	printf("mode now %o\n", ds.shm_perm.mode & 0777);

	int secret = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (fork() == 0) {
		setgid(65534);
		setuid(65534);
		show("nobody: shmat of a 0600 segment", (long)shmat(secret, NULL, 0) == -1 ? -1 : 0);
		show("nobody: IPC_RMID", shmctl(secret, IPC_RMID, NULL));
		_exit(0);
	}
	wait(&st);
	shmctl(secret, IPC_RMID, NULL);

	show("IPC_RMID while attached", shmctl(id, IPC_RMID, NULL));
	shmctl(id, IPC_STAT, &ds);
	printf("SHM_DEST %d key %d nattch %lu\n", !!(ds.shm_perm.mode & 01000), ds.shm_perm.__key,
	       (unsigned long)ds.shm_nattch);
	q = shmat(id, NULL, 0);
	printf("attach after IPC_RMID: %s, sees \"%s\"\n", q == (void *)-1 ? errno_name(errno) : "ok", q);
	shmdt(q);
	show("shmdt p", shmdt(p));
	touch_in_child("touch after shmdt", p, 0);
	show("IPC_STAT after the last detach", shmctl(id, IPC_STAT, &ds));
	show("unknown command", shmctl(id, 99, &ds));

	struct shminfo si;
	show("IPC_INFO", shmctl(0, IPC_INFO, (struct shmid_ds *)&si));
	printf("shmmin %lu shmmni %lu shmmax is ULONG_MAX-2^24 %d\n", (unsigned long)si.shmmin,
	       (unsigned long)si.shmmni, si.shmmax == ~0UL - (1UL << 24));
	return 0;
}
