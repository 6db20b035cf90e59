/*
 * System V message queues (Linux ipc/msg.c): typed messages in send order.
 *   msgget: IPC_PRIVATE; a key with IPC_CREAT|IPC_EXCL twice is EEXIST, the
 *     same key gives the same id, an unknown key ENOENT;
 *   four messages of types 2 1 3 2: IPC_STAT counts them (qnum, cbytes,
 *     qbytes 16384, lspid is us, lrpid 0); msgrcv type -2 takes the first
 *     of the lowest type <= 2, type 2 the first type 2, MSG_EXCEPT 2 the
 *     first of another type, type 0 the first left; an empty queue with
 *     IPC_NOWAIT is ENOMSG; lrpid is us;
 *   sizes: a message longer than the buffer is E2BIG (and stays), with
 *     MSG_NOERROR cut to the buffer; msgsz past msgmax 8192 and type 0 are
 *     EINVAL; MSG_COPY copies message number n and leaves it (EINVAL
 *     without IPC_NOWAIT);
 *   a full queue (IPC_SET msg_qbytes 100) is EAGAIN with IPC_NOWAIT; a
 *     blocked sender goes on once a receiver made room, a blocked receiver
 *     once a message of its type came (across fork); a signal ends a
 *     wait with EINTR, even with SA_RESTART; IPC_RMID ends it with EIDRM;
 *   IPC_INFO's and /proc/sys/kernel/msgmax's limits; as user 65534 a 0600
 *     queue is EACCES to msgsnd, and IPC_RMID is EPERM; after IPC_RMID the
 *     id is EINVAL.
 * build: musl
 */
#include "ftest.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>

#ifndef MSG_COPY
#define MSG_COPY 040000		/* Linux: include/uapi/linux/msg.h (musl lacks it) */
#endif

struct m {
	long type;
	char text[200];
};

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, errno_name(errno));
	else
		printf("%s: ok\n", what);
}

static void snd(int id, long type, const char *text, int flg)
{
	struct m m = { .type = type };
	char what[96];

	strcpy(m.text, text);
	snprintf(what, sizeof what, "msgsnd type %ld \"%.20s\" (%zu bytes)", type, text, strlen(text) + 1);
	show(what, msgsnd(id, &m, strlen(text) + 1, flg));
}

static void rcv(int id, size_t size, long type, int flg, const char *label)
{
	struct m m = { 0 };
	long n = msgrcv(id, &m, size, type, flg);

	if (n < 0)
		printf("msgrcv %s: %s\n", label, errno_name(errno));
	else
		printf("msgrcv %s: %ld bytes, type %ld \"%.*s\"\n", label, n, m.type, n < 20 ? (int)n : 20, m.text);
}

static void stat_line(int id)
{
	struct msqid_ds ds;

	if (msgctl(id, IPC_STAT, &ds) < 0) {
		printf("IPC_STAT: %s\n", errno_name(errno));
		return;
	}
	printf("IPC_STAT: qnum %lu cbytes %lu qbytes %lu lspid %s lrpid %s mode %o stime %s\n",
	       (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes,
	       ds.msg_lspid == getpid() ? "me" : ds.msg_lspid ? "other" : "0",
	       ds.msg_lrpid == getpid() ? "me" : ds.msg_lrpid ? "other" : "0", ds.msg_perm.mode & 0777,
	       ds.msg_stime ? "set" : "0");
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

static void on_alarm(int sig) { (void)sig; }

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

static int fresh_key(void)
{
	for (int k = 0x3e5a0000 + (getpid() & 0xffff); ; k += 0x10000) {
		int id = msgget(k, IPC_CREAT | IPC_EXCL | 0600);
		if (id >= 0) {
			msgctl(id, IPC_RMID, NULL);
			return k;
		}
	}
}

static void keys(void)
{
	int key = fresh_key();
	int a = msgget(key, IPC_CREAT | IPC_EXCL | 0640);

	show("msgget key IPC_CREAT|IPC_EXCL", a);
	show("msgget key IPC_CREAT|IPC_EXCL again", msgget(key, IPC_CREAT | IPC_EXCL | 0640));
	printf("msgget key again: %s\n", msgget(key, 0) == a ? "same id" : "other");
	msgctl(a, IPC_RMID, NULL);
	show("msgget removed key", msgget(key, 0));
}

static void types(int id)
{
	snd(id, 2, "two-a", 0);
	snd(id, 1, "one", 0);
	snd(id, 3, "three", 0);
	snd(id, 2, "two-b", 0);
	stat_line(id);
	rcv(id, 200, -2, 0, "type -2");
	rcv(id, 200, 2, 0, "type 2");
	rcv(id, 200, 2, MSG_EXCEPT, "MSG_EXCEPT 2");
	rcv(id, 200, 0, 0, "type 0");
	rcv(id, 200, 0, IPC_NOWAIT, "empty IPC_NOWAIT");
	stat_line(id);
}

static void sizes(int id)
{
	struct m m = { .type = 1 };

	snd(id, 7, "a rather long message", 0);
	rcv(id, 5, 7, IPC_NOWAIT, "5-byte buffer");
	rcv(id, 5, 7, IPC_NOWAIT | MSG_NOERROR, "5-byte buffer MSG_NOERROR");
	show("msgsnd 8193 bytes", msgsnd(id, &m, 8193, 0));
	m.type = 0;
	show("msgsnd type 0", msgsnd(id, &m, 1, 0));
	show("msgsnd bad id", msgsnd(12345678, &m, 1, 0));
	snd(id, 4, "first", 0);
	snd(id, 5, "second", 0);
	rcv(id, 200, 1, IPC_NOWAIT | MSG_COPY, "MSG_COPY 1");
	rcv(id, 200, 1, MSG_COPY, "MSG_COPY without IPC_NOWAIT");
	rcv(id, 200, 2, IPC_NOWAIT | MSG_COPY, "MSG_COPY 2");
	stat_line(id);
	rcv(id, 200, 0, IPC_NOWAIT, "type 0");
	rcv(id, 200, 0, IPC_NOWAIT, "type 0");
}

/* A full queue: EAGAIN, then a sender blocked until a receive makes room. */
static void full(int id)
{
	struct msqid_ds ds;
	char big[61];

	msgctl(id, IPC_STAT, &ds);
	ds.msg_qbytes = 100;
	show("IPC_SET msg_qbytes 100", msgctl(id, IPC_SET, &ds));
	memset(big, 'x', 60);
	big[60] = 0;
	snd(id, 1, big, 0);
	snd(id, 1, big, IPC_NOWAIT);
	pid_t pid = child_start();
	if (pid == 0) {
		struct m m = { .type = 9 };
		memset(m.text, 'y', 49);	/* 50 bytes: 61 + 50 > 100 */
		show("child msgsnd (blocks)", msgsnd(id, &m, strlen(m.text) + 1, 0));
		_exit(0);
	}
	wait_asleep(pid);
	rcv(id, 200, 1, 0, "parent type 1");
	child_end(pid);
	rcv(id, 200, 0, IPC_NOWAIT, "type 0");
	ds.msg_qbytes = 16384;
	msgctl(id, IPC_SET, &ds);
}

/* A receiver blocked until its type comes; the other types stay. */
static void blocked_receiver(int id)
{
	pid_t pid = child_start();

	if (pid == 0) {
		rcv(id, 200, 5, 0, "child type 5 (blocks)");
		_exit(0);
	}
	wait_asleep(pid);
	snd(id, 4, "not yet", 0);
	snd(id, 5, "for the child", 0);
	child_end(pid);
	rcv(id, 200, 0, IPC_NOWAIT, "type 0");
}

static void interrupted(int id)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	struct itimerval it = { .it_value = { 0, 50000 } };

	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	rcv(id, 200, 0, 0, "with SIGALRM (SA_RESTART)");
}

static void removed_while_waiting(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	pid_t pid = child_start();

	if (pid == 0) {
		rcv(id, 200, 0, 0, "child while IPC_RMID");
		_exit(0);
	}
	wait_asleep(pid);
	show("IPC_RMID", msgctl(id, IPC_RMID, NULL));
	child_end(pid);
	stat_line(id);
}

static void limits(void)
{
	struct msginfo mi;
	char buf[32] = "";
	FILE *f = fopen("/proc/sys/kernel/msgmax", "r");

	if (f) {
		if (!fgets(buf, sizeof buf, f))
			buf[0] = 0;
		fclose(f);
	}
	printf("/proc/sys/kernel/msgmax: %s", buf);
	msgctl(0, IPC_INFO, (struct msqid_ds *)&mi);
	printf("IPC_INFO: msgmax %d msgmnb %d msgmni %d msgssz %d msgseg %u\n", mi.msgmax, mi.msgmnb,
	       mi.msgmni, mi.msgssz, mi.msgseg);
}

static void as_nobody(int id)
{
	if (fork() == 0) {
		struct m m = { .type = 1 };
		setuid(65534);
		show("nobody msgsnd 0600", msgsnd(id, &m, 1, 0));
		show("nobody IPC_RMID", msgctl(id, IPC_RMID, NULL));
		_exit(0);
	}
	wait(NULL);
}

int main(void)
{
	int id;

	setvbuf(stdout, NULL, _IONBF, 0);
	id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	show("msgget IPC_PRIVATE", id);
	if (id < 0)
		return 1;
	keys();
	types(id);
	sizes(id);
	full(id);
	blocked_receiver(id);
	interrupted(id);
	removed_while_waiting();
	limits();
	as_nobody(id);
	show("IPC_RMID", msgctl(id, IPC_RMID, NULL));
	stat_line(id);
	return 0;
}
