/*
 * ipc/sem.c - System V semaphores: semget, semop, semtimedop, semctl
 * (Linux: ipc/sem.c).
 *
 * A set holds nsems counters, each 0..SEMVMX.  semop applies a list of
 * operations atomically - all of them or none:
 *
 *   sem_op > 0     add it (ERANGE past SEMVMX)
 *   sem_op < 0     subtract it, waiting while the value would go below 0
 *   sem_op == 0    wait until the value is 0
 *
 * The operations are tried in order on the live values and taken back if
 * one cannot go on (Linux perform_atomic_semop_slow, which also serves
 * several operations on one semaphore).  The one that would wait is the
 * call's "blocking" operation: with IPC_NOWAIT in its flags the call is
 * EAGAIN, else the task sleeps on the set, counted by GETNCNT (sem_op < 0)
 * or GETZCNT (0) of that semaphore.  Every change to a set's values wakes
 * its sleepers and each tries again.  (Linux's waker performs the
 * sleepers' operations itself, update_queue; a sleeper that can go on
 * when woken goes on here, so the outcome is the same.)  A signal ends
 * the sleep with EINTR (never restarted, signal(7)), semtimedop's timeout
 * with EAGAIN, IPC_RMID with EIDRM; the set's memory stays until its last
 * sleeper left.
 *
 * SEM_UNDO keeps, per process and set, the sum of what the process did
 * (Linux struct sem_undo's semadj, -SEMAEM-1..SEMAEM, else ERANGE); when
 * the process's last thread exits it is subtracted again, each value
 * clamped to 0..SEMVMX (exit_sem).  SETVAL and SETALL zero it.
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <cred.h>
#include <mm.h>
#include <time.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <list.h>
#include <proc_fs.h>
#include <init.h>
#include <ipc.h>
#include "uapi/linux/sem.h"
#include "util.h"

#define SEMOPM_FAST 64			/* Linux: so many operations need no kmalloc */

struct sem {
	int semval;
	int sempid;			/* the last process to change it */
};

struct sem_array {
	struct kern_ipc_perm sem_perm;
	s64 sem_otime, sem_ctime;
	int sem_nsems;
	struct list_head pending;	/* sem_queues of the tasks asleep in semop; also the wait channel */
	struct sem sems[];
};

/* A task asleep in semop, and the operation it waits for. */
struct sem_queue {
	struct list_head list;
	const struct sembuf *blocking;
};

/* One process's adjustments to one set (Linux struct sem_undo; here all
 * of them are on one list, found by tgid: a process's threads share them,
 * as with CLONE_SYSVSEM). */
struct sem_undo {
	struct list_head list;
	int tgid, semid;
	short semadj[];
};

static struct ipc_ids sem_ids = { .next_id = -1 };
static LIST_HEAD(undo_list);

/* /proc/sys/kernel/sem: semmsl, semmns, semopm, semmni (Linux: ipc_namespace's sc_sem*). */
static int sc_sem[4] = { SEMMSL, SEMMNS, SEMOPM, SEMMNI };
#define sc_semmsl sc_sem[0]
#define sc_semmns sc_sem[1]
#define sc_semopm sc_sem[2]
#define sc_semmni sc_sem[3]
static int used_sems;

static struct sem_array *sma_of(struct kern_ipc_perm *p)
{
	return p ? container_of(p, struct sem_array, sem_perm) : NULL;
}

static struct sem_array *sem_lookup(int id) { return sma_of(ipc_obtain_object_check(&sem_ids, id)); }

/* ------------------------------------------------------------ undo */

static struct sem_undo *lookup_undo(int tgid, int semid)
{
	struct sem_undo *un;

	list_for_each_entry(un, &undo_list, list)
		if (un->tgid == tgid && un->semid == semid)
			return un;
	return NULL;
}

/* Linux find_alloc_undo: this process's record for the set, made on first use. */
static struct sem_undo *find_alloc_undo(int semid)
{
	struct sem_undo *un = lookup_undo(current->tgid, semid);
	struct sem_array *sma;

	if (un)
		return un;
	if (!(sma = sem_lookup(semid)))
		return ERR_PTR(-EINVAL);
	if (!(un = kzalloc(sizeof(*un) + sma->sem_nsems * sizeof(short))))
		return ERR_PTR(-ENOMEM);
	un->tgid = current->tgid;
	un->semid = semid;
	list_add_tail(&un->list, &undo_list);
	return un;
}

/* SETVAL and SETALL start the adjustments over: @semnum's, or all (-1). */
static void clear_undos(const struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &undo_list, list)
		if (un->semid == sma->sem_perm.id) {
			if (semnum < 0)
				memset(un->semadj, 0, sma->sem_nsems * sizeof(short));
			else
				un->semadj[semnum] = 0;
		}
}

static void free_undos(int semid)
{
	struct list_head *p, *n;

	list_for_each_safe(p, n, &undo_list) {
		struct sem_undo *un = list_entry(p, struct sem_undo, list);
		if (un->semid == semid) {
			list_del(&un->list);
			kfree(un);
		}
	}
}

/* Linux exit_sem: the process's last thread is gone; what it did with
 * SEM_UNDO is taken back, each value clamped to 0..SEMVMX. */
void exit_sem(int tgid)
{
	struct list_head *p, *n;

	list_for_each_safe(p, n, &undo_list) {
		struct sem_undo *un = list_entry(p, struct sem_undo, list);
		struct sem_array *sma;
		if (un->tgid != tgid)
			continue;
		if ((sma = sem_lookup(un->semid))) {
			for (int i = 0; i < sma->sem_nsems; i++) {
				struct sem *s = &sma->sems[i];
				if (!un->semadj[i])
					continue;
				s->semval += un->semadj[i];
				s->semval = s->semval < 0 ? 0 : s->semval > SEMVMX ? SEMVMX : s->semval;
				s->sempid = tgid;
			}
			sma->sem_otime = ipc_now();	/* Linux: do_smart_update(.., otime = 1) */
			wake_up(&sma->pending);
		}
		list_del(&un->list);
		kfree(un);
	}
}

/* ------------------------------------------------------------ semget */

/* Linux newary. */
static int sem_new(struct ipc_ids *ids, const struct ipc_params *p)
{
	int nsems = p->arg, id;
	struct sem_array *sma;

	if (!nsems)
		return -EINVAL;
	if (used_sems + nsems > sc_semmns)
		return -ENOSPC;
	if (!(sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem))))
		return -ENOMEM;
	sma->sem_perm.key = p->key;
	sma->sem_perm.mode = p->flg & S_IRWXUGO;
	sma->sem_nsems = nsems;
	sma->sem_ctime = ipc_now();
	INIT_LIST_HEAD(&sma->pending);
	if ((id = ipc_addid(ids, &sma->sem_perm, sc_semmni)) < 0) {
		kfree(sma);
		return id;
	}
	used_sems += nsems;
	return id;
}

/* Linux sem_more_checks: an existing set with fewer semaphores than asked for. */
static int sem_more_checks(struct kern_ipc_perm *perm, const struct ipc_params *p)
{
	return (int)p->arg > sma_of(perm)->sem_nsems ? -EINVAL : 0;
}

static const struct ipc_ops sem_ops = { .getnew = sem_new, .more_checks = sem_more_checks };

SYSCALL_DEFINE3(semget, int, key, int, nsems, int, semflg)
{
	struct ipc_params p = { .key = key, .flg = semflg, .arg = nsems };

	if (nsems < 0 || nsems > sc_semmsl)
		return -EINVAL;
	return ipcget(&sem_ids, &sem_ops, &p);
}

/* ------------------------------------------------------------ semop */

/* Linux perform_atomic_semop_slow: 0 when every operation was done; 1 when
 * *@blocking must wait; -EAGAIN (it has IPC_NOWAIT) or -ERANGE, with
 * nothing changed. */
static int perform_atomic_semop(struct sem_array *sma, const struct sembuf *sops, int nsops,
				struct sem_undo *un, const struct sembuf **blocking)
{
	const struct sembuf *sop;
	int result, err;

	for (sop = sops; sop < sops + nsops; sop++) {
		struct sem *curr = &sma->sems[sop->sem_num];
		result = curr->semval;
		if (!sop->sem_op && result)
			goto would_block;
		result += sop->sem_op;
		if (result < 0)
			goto would_block;
		err = -ERANGE;
		if (result > SEMVMX)
			goto undo;
		if (sop->sem_flg & SEM_UNDO) {
			int adj = un->semadj[sop->sem_num] - sop->sem_op;
			if (adj < -SEMAEM - 1 || adj > SEMAEM)
				goto undo;
			un->semadj[sop->sem_num] = adj;
		}
		curr->semval = result;
	}
	for (sop = sops; sop < sops + nsops; sop++)
		sma->sems[sop->sem_num].sempid = current->tgid;
	return 0;

would_block:
	*blocking = sop;
	err = (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
undo:
	while (--sop >= sops) {
		sma->sems[sop->sem_num].semval -= sop->sem_op;
		if (sop->sem_flg & SEM_UNDO)
			un->semadj[sop->sem_num] += sop->sem_op;
	}
	return err;
}

/* Sleep until the set changes, the deadline (0: none) or a signal.
 * -EIDRM if the set was removed meanwhile (the last sleeper frees it). */
static int sem_sleep(struct sem_array *sma, const struct sembuf *blocking, u64 deadline)
{
	struct sem_queue q = { .blocking = blocking };

	list_add_tail(&q.list, &sma->pending);
	current->wake_at_ns = deadline;
	sleep_on(&sma->pending);
	list_del(&q.list);
	if (sma->sem_perm.deleted) {
		if (list_empty(&sma->pending))
			kfree(sma);
		return -EIDRM;
	}
	return 0;
}

/* Linux do_semtimedop's loop: try, and sleep while the operations cannot go on. */
static long semop_wait(struct sem_array *sma, const struct sembuf *sops, int nsops, struct sem_undo *un,
		       bool alter, bool timed, u64 deadline)
{
	const struct sembuf *blocking;
	int r;

	for (;;) {
		r = perform_atomic_semop(sma, sops, nsops, un, &blocking);
		if (r == 0) {
			sma->sem_otime = ipc_now();
			if (alter)
				wake_up(&sma->pending);
			return 0;
		}
		if (r < 0)
			return r;
		if (signal_pending())
			return -EINTR;
		if (timed && ktime_get_ns() >= deadline)
			return -EAGAIN;
		if ((r = sem_sleep(sma, blocking, deadline)))
			return r;
	}
}

/* The operations' facts that decide the checks (Linux do_semtimedop's scan). */
static void scan_sops(const struct sembuf *sops, int nsops, int *max, bool *undos, bool *alter)
{
	*max = 0;
	*undos = *alter = false;
	for (int i = 0; i < nsops; i++) {
		if (sops[i].sem_num > *max)
			*max = sops[i].sem_num;
		*undos |= (sops[i].sem_flg & SEM_UNDO) != 0;
		*alter |= sops[i].sem_op != 0;
	}
}

/* The relative timeout as a ktime_get_ns() deadline. */
static int semtimedop_deadline(const struct timespec __user *timeout, u64 *deadline)
{
	struct timespec ts;

	if (copy_from_user(&ts, timeout, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(ts))
		return -EINVAL;
	*deadline = ktime_get_ns() + timespec_to_ns(ts);
	return 0;
}

static long semop_checked(int semid, const struct sembuf *sops, int nsops, bool timed, u64 deadline)
{
	struct sem_undo *un = NULL;
	struct sem_array *sma;
	bool undos, alter;
	int max;

	scan_sops(sops, nsops, &max, &undos, &alter);
	if (undos && IS_ERR(un = find_alloc_undo(semid)))
		return PTR_ERR(un);
	if (!(sma = sem_lookup(semid)))
		return -EINVAL;
	if (max >= sma->sem_nsems)
		return -EFBIG;
	if (!ipcperms(&sma->sem_perm, alter ? S_IWUGO : S_IRUGO))
		return -EACCES;
	return semop_wait(sma, sops, nsops, un, alter, timed, deadline);
}

static long do_semtimedop(int semid, const struct sembuf __user *tsops, unsigned nsops,
			  const struct timespec __user *timeout)
{
	struct sembuf fast[SEMOPM_FAST], *sops = fast;
	u64 deadline = 0;
	long r;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > (unsigned)sc_semopm)
		return -E2BIG;
	if (nsops > SEMOPM_FAST && !(sops = kmalloc(nsops * sizeof(*sops), 0)))
		return -ENOMEM;
	r = -EFAULT;
	if (!copy_from_user(sops, tsops, nsops * sizeof(*sops)) &&
	    !(timeout && (r = semtimedop_deadline(timeout, &deadline))))
		r = semop_checked(semid, sops, nsops, timeout != NULL, deadline);
	if (sops != fast)
		kfree(sops);
	return r;
}

SYSCALL_DEFINE4(semtimedop, int, semid, const struct sembuf __user *, tsops, unsigned int, nsops,
		const struct timespec __user *, timeout)
{
	return do_semtimedop(semid, tsops, nsops, timeout);
}

SYSCALL_DEFINE3(semop, int, semid, const struct sembuf __user *, tsops, unsigned int, nsops)
{
	return do_semtimedop(semid, tsops, nsops, NULL);
}

/* ------------------------------------------------------------ semctl */

/* IPC_INFO: the limits; SEM_INFO: sets and semaphores in use.  Both return the highest index. */
static long semctl_info(int cmd, void __user *buf)
{
	struct seminfo si = { .semmni = sc_semmni, .semmns = sc_semmns, .semmsl = sc_semmsl,
			      .semopm = sc_semopm, .semvmx = SEMVMX, .semmnu = SEMMNU, .semmap = SEMMAP,
			      .semume = SEMUME };
	int max = ipc_get_maxidx(&sem_ids);

	if (cmd == SEM_INFO) {
		si.semusz = sem_ids.in_use;
		si.semaem = used_sems;
	} else {
		si.semusz = SEMUSZ;
		si.semaem = SEMAEM;
	}
	if (copy_to_user(buf, &si, sizeof(si)))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

/* IPC_STAT; SEM_STAT and SEM_STAT_ANY (no read check) take an index and return the id. */
static long semctl_stat(int semid, int cmd, void __user *buf)
{
	struct sem_array *sma = cmd == IPC_STAT ? sem_lookup(semid) : sma_of(ipc_obtain_object_idx(&sem_ids, semid));
	struct semid64_ds ds;

	if (!sma)
		return -EINVAL;
	if (cmd != SEM_STAT_ANY && !ipcperms(&sma->sem_perm, S_IRUGO))
		return -EACCES;
	memset(&ds, 0, sizeof(ds));
	kernel_to_ipc64_perm(&sma->sem_perm, &ds.sem_perm);
	ds.sem_otime = sma->sem_otime;
	ds.sem_ctime = sma->sem_ctime;
	ds.sem_nsems = sma->sem_nsems;
	if (copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return cmd == IPC_STAT ? 0 : sma->sem_perm.id;
}

/* Linux count_semcnt: the sleepers whose blocking operation waits on
 * @semnum to fall (GETNCNT) or to be 0 (GETZCNT). */
static int count_semcnt(struct sem_array *sma, int semnum, bool count_zero)
{
	struct sem_queue *q;
	int n = 0;

	list_for_each_entry(q, &sma->pending, list)
		if (q->blocking->sem_num == semnum && (count_zero ? q->blocking->sem_op == 0 : q->blocking->sem_op < 0))
			n++;
	return n;
}

/* The values go through a kernel copy, as in Linux: a fault on the user's
 * array may sleep, and the set may be gone when it returns. */
static long semctl_getall(struct sem_array *sma, unsigned short __user *array)
{
	size_t size = sma->sem_nsems * sizeof(unsigned short);
	unsigned short *v = kmalloc(size, 0);
	long r = 0;

	if (!v)
		return -ENOMEM;
	for (int i = 0; i < sma->sem_nsems; i++)
		v[i] = sma->sems[i].semval;
	if (copy_to_user(array, v, size))
		r = -EFAULT;
	kfree(v);
	return r;
}

static long semctl_setall(int semid, struct sem_array *sma, const unsigned short __user *array)
{
	unsigned short *v = kmalloc(sma->sem_nsems * sizeof(*v), 0);
	long r = 0;

	if (!v)
		return -ENOMEM;
	if (copy_from_user(v, array, sma->sem_nsems * sizeof(*v)))
		r = -EFAULT;
	else if (sem_lookup(semid) != sma)
		r = -EIDRM;		/* removed while the copy slept (Linux: ipc_valid_object) */
	for (int i = 0; !r && i < sma->sem_nsems; i++)
		if (v[i] > SEMVMX)
			r = -ERANGE;
	if (!r) {
		clear_undos(sma, -1);
		for (int i = 0; i < sma->sem_nsems; i++) {
			sma->sems[i].semval = v[i];
			sma->sems[i].sempid = current->tgid;
		}
		sma->sem_ctime = ipc_now();
		wake_up(&sma->pending);
	}
	kfree(v);
	return r;
}

/* Linux semctl_main: GETALL, SETALL and the one-semaphore reads. */
static long semctl_main(int semid, int semnum, int cmd, unsigned long arg)
{
	struct sem_array *sma = sem_lookup(semid);

	if (!sma)
		return -EINVAL;
	if (!ipcperms(&sma->sem_perm, cmd == SETALL ? S_IWUGO : S_IRUGO))
		return -EACCES;
	if (cmd == GETALL)
		return semctl_getall(sma, (unsigned short __user *)arg);
	if (cmd == SETALL)
		return semctl_setall(semid, sma, (const unsigned short __user *)arg);
	if (semnum < 0 || semnum >= sma->sem_nsems)
		return -EINVAL;
	switch (cmd) {
	case GETVAL: return sma->sems[semnum].semval;
	case GETPID: return sma->sems[semnum].sempid;
	case GETNCNT: return count_semcnt(sma, semnum, false);
	default: return count_semcnt(sma, semnum, true);
	}
}

/* Linux semctl_setval. */
static long semctl_setval(int semid, int semnum, int val)
{
	struct sem_array *sma;

	if (val > SEMVMX || val < 0)
		return -ERANGE;
	if (!(sma = sem_lookup(semid)))
		return -EINVAL;
	if (semnum < 0 || semnum >= sma->sem_nsems)
		return -EINVAL;
	if (!ipcperms(&sma->sem_perm, S_IWUGO))
		return -EACCES;
	clear_undos(sma, semnum);
	sma->sems[semnum].semval = val;
	sma->sems[semnum].sempid = current->tgid;
	sma->sem_ctime = ipc_now();
	wake_up(&sma->pending);
	return 0;
}

/* Linux freeary: the set leaves; sleepers wake to EIDRM and the last frees it. */
static void freeary(struct sem_array *sma)
{
	ipc_rmid(&sem_ids, &sma->sem_perm);
	free_undos(sma->sem_perm.id);
	used_sems -= sma->sem_nsems;
	wake_up(&sma->pending);
	if (list_empty(&sma->pending))
		kfree(sma);
}

/* Linux semctl_down: IPC_SET and IPC_RMID, for the owner or creator. */
static long semctl_down(int semid, int cmd, const struct semid64_ds *ds)
{
	struct sem_array *sma = sem_lookup(semid);

	if (!sma)
		return -EINVAL;
	if (!ipc_owner(&sma->sem_perm))
		return -EPERM;
	if (cmd == IPC_RMID) {
		freeary(sma);
		return 0;
	}
	ipc_update_perm(&ds->sem_perm, &sma->sem_perm);
	sma->sem_ctime = ipc_now();
	return 0;
}

/* @arg is semctl's union semun, passed by value: an int or a pointer. */
SYSCALL_DEFINE4(semctl, int, semid, int, semnum, int, cmd, unsigned long, arg)
{
	void __user *p = (void __user *)arg;
	struct semid64_ds ds;

	if (semid < 0)
		return -EINVAL;
	cmd &= ~IPC_64;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(cmd, p);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return semctl_stat(semid, cmd, p);
	case GETALL:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETALL:
		return semctl_main(semid, semnum, cmd, arg);
	case SETVAL:
		return semctl_setval(semid, semnum, (int)arg);
	case IPC_SET:
		if (copy_from_user(&ds, p, sizeof(ds)))
			return -EFAULT;
		return semctl_down(semid, cmd, &ds);
	case IPC_RMID:
		return semctl_down(semid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ /proc */

/* Linux sysvipc_sem_proc_show: one line a set, under a header. */
static void sysvipc_sem_show(struct seq_file *m)
{
	int max = ipc_get_maxidx(&sem_ids);

	seq_printf(m, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n");
	for (int i = 0; i <= max; i++) {
		struct sem_array *s = sma_of(ipc_obtain_object_idx(&sem_ids, i));
		if (!s)
			continue;
		seq_printf(m, "%10d %10d  %4o %10u %5u %5u %5u %5u %10ld %10ld\n", s->sem_perm.key, s->sem_perm.id,
			   s->sem_perm.mode, s->sem_nsems, s->sem_perm.uid, s->sem_perm.gid, s->sem_perm.cuid,
			   s->sem_perm.cgid, s->sem_otime, s->sem_ctime);
	}
}

static void sem_show(struct seq_file *m)
{
	seq_printf(m, "%d\t%d\t%d\t%d\n", sc_semmsl, sc_semmns, sc_semopm, sc_semmni);
}

/* Four numbers; Linux takes them as proc_dointvec does and refuses semmni past IPCMNI. */
static int sem_write(const char *buf, size_t n)
{
	long v[4];
	int i = 0;

	(void)n;
	while (i < 4) {
		bool neg = false;
		while (*buf == ' ' || *buf == '\t')
			buf++;
		if ((neg = *buf == '-'))
			buf++;
		if (*buf < '0' || *buf > '9')
			break;
		for (v[i] = 0; *buf >= '0' && *buf <= '9'; buf++)
			if ((v[i] = v[i] * 10 + (*buf - '0')) > INT_MAX)
				return -EINVAL;
		v[i] = neg ? -v[i] : v[i];
		i++;
	}
	if (!i)
		return -EINVAL;
	if (i == 4 && (v[3] < 0 || v[3] > IPCMNI))
		return -EINVAL;
	for (int k = 0; k < i; k++)
		sc_sem[k] = v[k];
	return 0;
}

static void sem_next_id_show(struct seq_file *m) { seq_printf(m, "%ld\n", sem_ids.next_id); }
static int sem_next_id_write(const char *buf, size_t n) { (void)n; return ipc_next_id_write(&sem_ids, buf); }

static int sem_proc_init(void)
{
	return proc_create_single("sysvipc/sem", sysvipc_sem_show) ||
	       proc_create_rw("sys/kernel/sem", sem_show, sem_write) ||
	       proc_create_rw("sys/kernel/sem_next_id", sem_next_id_show, sem_next_id_write);
}
fs_initcall(sem_proc_init);
