/*
 * POSIX record locks (fcntl F_SETLK / F_GETLK, Linux fs/locks.c
 * posix_lock_inode): one process's locks on byte ranges, as another
 * process (a fork's child, which owns none of them) sees them through
 * F_GETLK:
 *   adjacent read locks merge; a write lock inside a read lock splits it;
 *   an unlock in the middle cuts the ranges it covers; a write lock over a
 *   read piece and a write piece converts and merges them;
 *   l_len 0 runs to the end of the file, SEEK_END and SEEK_CUR count from
 *   the size and the offset, a negative l_len is the bytes before l_start;
 *   F_GETLK names the holder's pid;
 *   the child's conflicting F_SETLK is EAGAIN, its read lock over the
 *   parent's read lock is granted and F_GETLK for it says F_UNLCK;
 *   an unlock of everything (l_len 0 from 0) leaves nothing.
 * build: musl glibc
 */
#include "lockutil.h"

static void child_probes(int fd)
{
	pid_t parent = getpid();

	if (fork() == 0) {
		struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 16, .l_len = 4 };

		lk("child: F_SETLK F_WRLCK [0,5) (parent's write lock)", fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 5);
		lk("child: F_SETLK F_WRLCK [16,20) (parent's read lock)", fd, F_SETLK, F_WRLCK, SEEK_SET, 16, 4);
		lk("child: F_SETLK F_RDLCK [16,20) (parent's read lock)", fd, F_SETLK, F_RDLCK, SEEK_SET, 16, 4);
		fcntl(fd, F_GETLK, &fl);
		printf("child: F_GETLK F_RDLCK [16,20): %s\n", lock_type_name(fl.l_type));
		fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 13, .l_len = 1 };
		fcntl(fd, F_GETLK, &fl);
		printf("child: F_GETLK F_WRLCK [13,14): %s start %lld len %lld pid is the parent's: %s\n",
		       lock_type_name(fl.l_type), (long long)fl.l_start, (long long)fl.l_len,
		       fl.l_pid == parent ? "yes" : "no");
		_exit(0);
	}
	wait(NULL);
}

int main(void)
{
	char buf[100] = { 0 };
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	fd = open("lockfile", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, buf, sizeof buf);		/* 100 bytes: SEEK_END counts from there */

	lk("F_WRLCK [0,10)", fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10);
	lk("F_RDLCK [10,20)", fd, F_SETLK, F_RDLCK, SEEK_SET, 10, 10);
	show_locks_from_child("seen", fd);
	lk("F_RDLCK [20,30) touches [10,20)", fd, F_SETLK, F_RDLCK, SEEK_SET, 20, 10);
	show_locks_from_child("merged", fd);
	lk("F_WRLCK [14,16) inside the read lock", fd, F_SETLK, F_WRLCK, SEEK_SET, 14, 2);
	show_locks_from_child("split", fd);
	lk("F_UNLCK [5,12)", fd, F_SETLK, F_UNLCK, SEEK_SET, 5, 7);
	show_locks_from_child("cut", fd);
	child_probes(fd);
	lk("F_WRLCK [12,16) over r[12,14) and w[14,16)", fd, F_SETLK, F_WRLCK, SEEK_SET, 12, 4);
	show_locks_from_child("converted", fd);
	lk("F_RDLCK from 40, l_len 0", fd, F_SETLK, F_RDLCK, SEEK_SET, 40, 0);
	show_locks_from_child("to EOF", fd);
	lk("F_WRLCK SEEK_END -10, l_len 5", fd, F_SETLK, F_WRLCK, SEEK_END, -10, 5);
	show_locks_from_child("from the end", fd);
	lseek(fd, 50, SEEK_SET);
	lk("F_WRLCK SEEK_CUR (50) +0, l_len -5", fd, F_SETLK, F_WRLCK, SEEK_CUR, 0, -5);
	show_locks_from_child("before the offset", fd);
	lk("F_RDLCK [0,5) over the process's own write lock", fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 5);
	lk("F_RDLCK [5,12) touching it", fd, F_SETLK, F_RDLCK, SEEK_SET, 5, 7);
	show_locks_from_child("downgraded", fd);
	lk("F_UNLCK all (l_len 0 from 0)", fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
	show_locks_from_child("none", fd);
	unlink("lockfile");
	return 0;
}
