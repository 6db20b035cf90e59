/*
 * System V semaphores (Linux ipc/sem.c): a set's operations are applied
 * all together or not at all.
 *   semget: nsems 0 (new), -1 and past SEMMSL 32000 are EINVAL, as is a
 *     key's set asked for with more semaphores; IPC_CREAT|IPC_EXCL twice
 *     is EEXIST;
 *   semctl: SETVAL, GETVAL, SETALL, GETALL; SETVAL 32768 is ERANGE, a
 *     semaphore past the set EINVAL;
 *   semop of {-1 on 0, -5 on 1 IPC_NOWAIT} is EAGAIN with sem 0 unchanged,
 *     {-1 on 0, -2 on 1} is done at once; GETPID is us; +32767 is ERANGE,
 *     501 operations E2BIG, sem_num 3 EFBIG, nsops 0 EINVAL;
 *   across fork: a wait-for-zero sleeps (GETZCNT 1) until the value is 0,
 *     a -1 sleeps (GETNCNT 1) until a +1;
 *   SEM_UNDO: a child's +4 goes when it exits; a child's +3 after the
 *     parent took 3 leaves 0 (clamped, not -3);
 *   semtimedop: EAGAIN after its timeout, EINVAL for tv_nsec 1e9; a signal
 *     ends a wait with EINTR even with SA_RESTART; IPC_RMID with EIDRM;
 *   IPC_STAT (nsems, mode, otime set), IPC_INFO and /proc/sys/kernel/sem;
 *   as user 65534 a 0600 set is EACCES to semop, IPC_RMID is EPERM; after
 *     IPC_RMID GETVAL is EINVAL.
 * build: musl
 */
#include "ftest.h"
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, errno_name(errno));
	else
		printf("%s: %ld\n", what, r);
}

static void getall(int id)
{
	unsigned short v[3];

	if (semctl(id, 0, GETALL, (union semun){ .array = v }) < 0)
		printf("GETALL: %s\n", errno_name(errno));
	else
		printf("GETALL: %u %u %u\n", v[0], v[1], v[2]);
}

static long op1(int id, int num, int op, int flg)
{
	struct sembuf s = { .sem_num = num, .sem_op = op, .sem_flg = flg };

	return semop(id, &s, 1);
}

/* Wait until process @pid sleeps (state S in /proc/PID/stat). */
static void wait_asleep(pid_t pid)
{
	char path[64], buf[256], *p;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	for (int i = 0; i < 500; i++) {
		FILE *f = fopen(path, "r");
		buf[0] = 0;
		if (f) {
			if (!fgets(buf, sizeof buf, f))
				buf[0] = 0;
			fclose(f);
		}
		if ((p = strrchr(buf, ')')) && p[2] == 'S')
			return;
		usleep(10000);
	}
	printf("child never slept\n");
}

/* A child whose output the parent prints after it ended, so the lines of
 * the two come in one order whichever runs first after a wake-up. */
static int child_out[2];

static pid_t child_start(void)
{
	pid_t pid;

	if (pipe(child_out) < 0)
		return -1;
	if ((pid = fork()) == 0) {
		dup2(child_out[1], 1);
		close(child_out[0]);
		return 0;
	}
	close(child_out[1]);
	return pid;
}

static void child_end(pid_t pid)
{
	char buf[512];
	ssize_t n;

	waitpid(pid, NULL, 0);
	while ((n = read(child_out[0], buf, sizeof buf)) > 0)
		fwrite(buf, 1, n, stdout);
	close(child_out[0]);
}

static void on_alarm(int sig) { (void)sig; }

static void get_rules(void)
{
	int key, a;

	show("semget IPC_PRIVATE nsems 0", semget(IPC_PRIVATE, 0, 0600));
	show("semget nsems -1", semget(IPC_PRIVATE, -1, 0600));
	show("semget nsems 32001", semget(IPC_PRIVATE, 32001, 0600));
	for (key = 0x5e3a0000 + (getpid() & 0xffff); (a = semget(key, 2, IPC_CREAT | IPC_EXCL | 0600)) < 0;)
		key += 0x10000;
	show("semget key IPC_CREAT|IPC_EXCL again", semget(key, 2, IPC_CREAT | IPC_EXCL | 0600));
	show("semget key nsems 3 (has 2)", semget(key, 3, 0));
	printf("semget key nsems 0: %s\n", semget(key, 0, 0) == a ? "same id" : "other");
	semctl(a, 0, IPC_RMID);
	show("semget removed key", semget(key, 0, 0));
}

static void values(int id)
{
	show("SETVAL 0 = 5", semctl(id, 0, SETVAL, (union semun){ .val = 5 }));
	show("GETVAL 0", semctl(id, 0, GETVAL));
	show("SETVAL 32768", semctl(id, 0, SETVAL, (union semun){ .val = 32768 }));
	show("SETVAL sem 3", semctl(id, 3, SETVAL, (union semun){ .val = 1 }));
	show("SETALL 1 2 3", semctl(id, 0, SETALL, (union semun){ .array = (unsigned short[]){ 1, 2, 3 } }));
	getall(id);
}

static void atomic(int id)
{
	struct sembuf two[2] = { { 0, -1, 0 }, { 1, -5, IPC_NOWAIT } };
	static struct sembuf many[501];

	show("semop {0 -1, 1 -5 IPC_NOWAIT}", semop(id, two, 2));
	getall(id);
	two[1].sem_op = -2;
	show("semop {0 -1, 1 -2}", semop(id, two, 2));
	getall(id);
	printf("GETPID 1: %s\n", semctl(id, 1, GETPID) == getpid() ? "me" : "other");
	show("semop 2 +32767", op1(id, 2, 32767, 0));
	show("semop 501 operations", semop(id, many, 501));
	show("semop sem_num 3", op1(id, 3, 1, 0));
	show("semop nsops 0", semop(id, two, 0));
	getall(id);
}

static void waits(int id)
{
	pid_t pid = child_start();

	if (pid == 0) {
		show("child wait-for-zero on 2 (blocks)", op1(id, 2, 0, 0));
		_exit(0);
	}
	wait_asleep(pid);
	show("GETZCNT 2", semctl(id, 2, GETZCNT));
	show("GETNCNT 2", semctl(id, 2, GETNCNT));
	show("semop 2 -3", op1(id, 2, -3, 0));
	child_end(pid);
	pid = child_start();
	if (pid == 0) {
		show("child 0 -1 (blocks)", op1(id, 0, -1, 0));
		_exit(0);
	}
	wait_asleep(pid);
	show("GETNCNT 0", semctl(id, 0, GETNCNT));
	show("semop 0 +1", op1(id, 0, 1, 0));
	child_end(pid);
	show("GETNCNT 0", semctl(id, 0, GETNCNT));
	getall(id);
}

static void undo(int id)
{
	int go[2], done[2];

	if (fork() == 0) {
		op1(id, 1, 4, SEM_UNDO);
		_exit(0);
	}
	wait(NULL);
	show("GETVAL 1 after a child's +4 SEM_UNDO", semctl(id, 1, GETVAL));
	if (pipe(go) < 0 || pipe(done) < 0)
		return;
	if (fork() == 0) {
		char c;
		op1(id, 1, 3, SEM_UNDO);
		if (write(done[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	char c;
	if (read(done[0], &c, 1) != 1)
		return;
	show("GETVAL 1 while the child holds +3", semctl(id, 1, GETVAL));
	show("semop 1 -3", op1(id, 1, -3, 0));
	if (write(go[1], "x", 1) != 1)
		return;
	wait(NULL);
	show("GETVAL 1 after its exit (clamped)", semctl(id, 1, GETVAL));
}

static void timeouts(int id)
{
	struct sembuf s = { 0, -1, 0 };
	struct timespec ts = { 0, 50000000 };
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	struct itimerval it = { .it_value = { 0, 50000 } };

	show("semtimedop 50 ms", semtimedop(id, &s, 1, &ts));
	ts.tv_nsec = 1000000000;
	show("semtimedop tv_nsec 1e9", semtimedop(id, &s, 1, &ts));
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	show("semop with SIGALRM (SA_RESTART)", semop(id, &s, 1));
}

static void removed_while_waiting(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	pid_t pid = child_start();

	if (pid == 0) {
		show("child semop while IPC_RMID", op1(id, 0, -1, 0));
		_exit(0);
	}
	wait_asleep(pid);
	show("IPC_RMID", semctl(id, 0, IPC_RMID));
	child_end(pid);
}

static void info(int id)
{
	struct semid_ds ds;
	struct seminfo si;
	char buf[64] = "";
	FILE *f = fopen("/proc/sys/kernel/sem", "r");

	if (semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }) < 0)
		printf("IPC_STAT: %s\n", errno_name(errno));
	else
		printf("IPC_STAT: nsems %lu mode %o otime %s ctime %s\n", (unsigned long)ds.sem_nsems,
		       ds.sem_perm.mode & 0777, ds.sem_otime ? "set" : "0", ds.sem_ctime ? "set" : "0");
	semctl(0, 0, IPC_INFO, (union semun){ .__buf = &si });
	printf("IPC_INFO: semmsl %d semmns %d semopm %d semmni %d semvmx %d semaem %d\n", si.semmsl,
	       si.semmns, si.semopm, si.semmni, si.semvmx, si.semaem);
	if (f) {
		if (!fgets(buf, sizeof buf, f))
			buf[0] = 0;
		fclose(f);
	}
	printf("/proc/sys/kernel/sem: %s", buf);
}

static void as_nobody(int id)
{
	if (fork() == 0) {
		setuid(65534);
		show("nobody semop 0600", op1(id, 0, 1, 0));
		show("nobody GETVAL 0600", semctl(id, 0, GETVAL));
		show("nobody IPC_RMID", semctl(id, 0, IPC_RMID));
		_exit(0);
	}
	wait(NULL);
}

int main(void)
{
	int id;

	setvbuf(stdout, NULL, _IONBF, 0);
	id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	printf("semget IPC_PRIVATE 3: %s\n", id < 0 ? errno_name(errno) : "ok");
	if (id < 0)
		return 1;
	getall(id);
	get_rules();
	values(id);
	atomic(id);
	waits(id);
	undo(id);
	timeouts(id);
	removed_while_waiting();
	info(id);
	as_nobody(id);
	show("IPC_RMID", semctl(id, 0, IPC_RMID));
	show("GETVAL after IPC_RMID", semctl(id, 0, GETVAL));
	return 0;
}
