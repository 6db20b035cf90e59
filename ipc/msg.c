/*
 * ipc/msg.c - System V message queues: msgget, msgsnd, msgrcv, msgctl
 * (Linux: ipc/msg.c).
 *
 * A queue is a list of messages, each a type (> 0) and up to msgmax bytes
 * of text, in the order they were sent.  msgrcv takes the first message
 * that matches msgtyp:
 *
 *   msgtyp == 0                 the first message
 *   msgtyp > 0                  the first of that type (MSG_EXCEPT: of another type)
 *   msgtyp < 0                  the first of the lowest type <= -msgtyp
 *   MSG_COPY                    a copy of message number msgtyp (from 0), left queued
 *
 * A queue holds at most q_qbytes bytes (kernel.msgmnb when made) and as
 * many messages (Linux msg_fits_inqueue).  A sender finding it full, and
 * a receiver finding nothing, sleep (unless IPC_NOWAIT: EAGAIN, ENOMSG)
 * on the queue's channel for their side; every send wakes the receivers,
 * every receive and IPC_SET the senders, and each looks again.  (Linux
 * hands a message straight to a sleeping receiver, pipelined_send; here
 * the woken receiver takes it from the queue itself: the same messages
 * arrive, in the same order.)  A signal ends the sleep (ERESTARTNOHAND:
 * EINTR after a handler, SA_RESTART or not; signal(7)); IPC_RMID ends it
 * with EIDRM, and the queue's memory stays until its last sleeper left.
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <cred.h>
#include <mm.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <list.h>
#include <proc_fs.h>
#include <init.h>
#include "uapi/linux/msg.h"
#include "util.h"

struct msg_msg {
	struct list_head m_list;
	long m_type;
	size_t m_ts;			/* the text's size */
	char m_text[];
};

struct msg_queue {
	struct kern_ipc_perm q_perm;
	s64 q_stime, q_rtime, q_ctime;
	unsigned long q_cbytes, q_qnum, q_qbytes;
	int q_lspid, q_lrpid;
	struct list_head q_messages;
	int q_sleepers;			/* tasks asleep in msgsnd or msgrcv: they free a removed queue */
	char q_receivers, q_senders;	/* the two wait channels (their addresses) */
};

static struct ipc_ids msg_ids = { .next_id = -1 };

/* /proc/sys/kernel/msg{max,mnb,mni} (Linux: ipc_namespace's msg_ctl*) and MSG_INFO's totals. */
static unsigned long msg_ctlmax = MSGMAX, msg_ctlmnb = MSGMNB, msg_ctlmni = MSGMNI;
static unsigned long msg_hdrs, msg_bytes;

static struct msg_queue *msq_of(struct kern_ipc_perm *p)
{
	return p ? container_of(p, struct msg_queue, q_perm) : NULL;
}

static struct msg_queue *msq_lookup(int id) { return msq_of(ipc_obtain_object_check(&msg_ids, id)); }

/* Sleep on @chan until woken or a signal.  -EIDRM if the queue was removed
 * meanwhile (the last sleeper frees it), -EINTR on a signal, else 0. */
static int msg_sleep(struct msg_queue *msq, void *chan)
{
	int sig;

	msq->q_sleepers++;
	sig = sleep_on(chan);
	msq->q_sleepers--;
	if (msq->q_perm.deleted) {
		if (!msq->q_sleepers)
			kfree(msq);
		return -EIDRM;
	}
	return sig;
}

/* ------------------------------------------------------------ msgget */

/* Linux newque. */
static int msg_new(struct ipc_ids *ids, const struct ipc_params *p)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq));
	int id;

	if (!msq)
		return -ENOMEM;
	msq->q_perm.key = p->key;
	msq->q_perm.mode = p->flg & S_IRWXUGO;
	msq->q_ctime = ipc_now();
	msq->q_qbytes = msg_ctlmnb;
	INIT_LIST_HEAD(&msq->q_messages);
	if ((id = ipc_addid(ids, &msq->q_perm, msg_ctlmni)) < 0)
		kfree(msq);
	return id;
}

static const struct ipc_ops msg_ops = { .getnew = msg_new };

SYSCALL_DEFINE2(msgget, int, key, int, msgflg)
{
	struct ipc_params p = { .key = key, .flg = msgflg };

	return ipcget(&msg_ids, &msg_ops, &p);
}

/* ------------------------------------------------------------ msgsnd */

static bool msg_fits_inqueue(const struct msg_queue *msq, size_t msgsz)
{
	return msgsz + msq->q_cbytes <= msq->q_qbytes && 1 + msq->q_qnum <= msq->q_qbytes;
}

/* Linux load_msg: the text, copied before the queue is looked at. */
static struct msg_msg *load_msg(long type, const void __user *src, size_t len)
{
	struct msg_msg *msg = kmalloc(sizeof(*msg) + len, 0);

	if (!msg)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(msg->m_text, src, len)) {
		kfree(msg);
		return ERR_PTR(-EFAULT);
	}
	msg->m_type = type;
	msg->m_ts = len;
	return msg;
}

/* Linux do_msgsnd's loop: 0 when @msgsz fits, or why not. */
static int msgsnd_wait_room(struct msg_queue *msq, size_t msgsz, int msgflg)
{
	int err;

	for (;;) {
		if (!ipcperms(&msq->q_perm, S_IWUGO))
			return -EACCES;
		if (msg_fits_inqueue(msq, msgsz))
			return 0;
		if (msgflg & IPC_NOWAIT)
			return -EAGAIN;
		if ((err = msg_sleep(msq, &msq->q_senders)) == -EIDRM)
			return err;
		if (err || signal_pending())
			return -ERESTARTNOHAND;
	}
}

static long do_msgsnd(int msqid, long mtype, const void __user *mtext, size_t msgsz, int msgflg)
{
	struct msg_queue *msq;
	struct msg_msg *msg;
	int err;

	if (msgsz > msg_ctlmax || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	msg = load_msg(mtype, mtext, msgsz);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	err = -EINVAL;
	if (!(msq = msq_lookup(msqid)) || (err = msgsnd_wait_room(msq, msgsz, msgflg))) {
		kfree(msg);
		return err;
	}
	msq->q_lspid = current->tgid;
	msq->q_stime = ipc_now();
	list_add_tail(&msg->m_list, &msq->q_messages);
	msq->q_cbytes += msgsz;
	msq->q_qnum++;
	msg_bytes += msgsz;
	msg_hdrs++;
	wake_up(&msq->q_receivers);
	return 0;
}

/* The type is read first (Linux ksys_msgsnd: EFAULT before EINVAL). */
SYSCALL_DEFINE4(msgsnd, int, msqid, const void __user *, msgp, size_t, msgsz, int, msgflg)
{
	long mtype;

	if (get_user(mtype, (const long __user *)msgp))
		return -EFAULT;
	return do_msgsnd(msqid, mtype, (const char __user *)msgp + sizeof(long), msgsz, msgflg);
}

/* ------------------------------------------------------------ msgrcv */

enum search_mode { SEARCH_ANY, SEARCH_EQUAL, SEARCH_NOTEQUAL, SEARCH_LESSEQUAL, SEARCH_NUMBER };

/* Linux convert_mode: which messages msgtyp and the flags ask for. */
static enum search_mode convert_mode(long *msgtyp, int msgflg)
{
	if (msgflg & MSG_COPY)
		return SEARCH_NUMBER;
	if (*msgtyp == 0)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		*msgtyp = *msgtyp == -0x7fffffffffffffffL - 1 ? 0x7fffffffffffffffL : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	return (msgflg & MSG_EXCEPT) ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
}

static bool testmsg(const struct msg_msg *msg, long type, enum search_mode mode)
{
	switch (mode) {
	case SEARCH_EQUAL: return msg->m_type == type;
	case SEARCH_NOTEQUAL: return msg->m_type != type;
	case SEARCH_LESSEQUAL: return msg->m_type <= type;
	default: return true;
	}
}

/* Linux find_msg: the first match; for LESSEQUAL the first of the lowest
 * type (each lower type found narrows the search); for NUMBER the
 * msgtyp'th message. */
static struct msg_msg *find_msg(struct msg_queue *msq, long msgtyp, enum search_mode mode)
{
	struct msg_msg *msg, *found = NULL;
	long count = 0;

	list_for_each_entry(msg, &msq->q_messages, m_list) {
		if (!testmsg(msg, msgtyp, mode))
			continue;
		if (mode == SEARCH_LESSEQUAL && msg->m_type != 1) {
			msgtyp = msg->m_type - 1;
			found = msg;
		} else if (mode == SEARCH_NUMBER) {
			if (msgtyp == count)
				return msg;
		} else {
			return msg;
		}
		count++;
	}
	return found;
}

/* The message leaves the queue (Linux do_msgrcv's found case). */
static void msg_unlink(struct msg_queue *msq, struct msg_msg *msg)
{
	list_del(&msg->m_list);
	msq->q_qnum--;
	msq->q_rtime = ipc_now();
	msq->q_lrpid = current->tgid;
	msq->q_cbytes -= msg->m_ts;
	msg_bytes -= msg->m_ts;
	msg_hdrs--;
	wake_up(&msq->q_senders);
}

/* A copy of @msg, for MSG_COPY: the queue keeps the original. */
static struct msg_msg *copy_msg(const struct msg_msg *msg, size_t room)
{
	struct msg_msg *c;

	if (msg->m_ts > room)
		return ERR_PTR(-EINVAL);	/* Linux copy_msg: the copy buffer is too small */
	if (!(c = kmalloc(sizeof(*c) + msg->m_ts, 0)))
		return ERR_PTR(-ENOMEM);
	memcpy(c, msg, sizeof(*c) + msg->m_ts);
	return c;
}

/* Linux do_msgrcv's loop: the message taken off the queue (or copied), or why none. */
static struct msg_msg *msgrcv_take(struct msg_queue *msq, size_t bufsz, long msgtyp, int msgflg)
{
	enum search_mode mode = convert_mode(&msgtyp, msgflg);
	struct msg_msg *msg;
	int err;

	for (;;) {
		if (!ipcperms(&msq->q_perm, S_IRUGO))
			return ERR_PTR(-EACCES);
		if ((msg = find_msg(msq, msgtyp, mode))) {
			if (bufsz < msg->m_ts && !(msgflg & MSG_NOERROR))
				return ERR_PTR(-E2BIG);
			if (msgflg & MSG_COPY)
				return copy_msg(msg, bufsz < msg_ctlmax ? bufsz : msg_ctlmax);
			msg_unlink(msq, msg);
			return msg;
		}
		if (msgflg & IPC_NOWAIT)
			return ERR_PTR(-ENOMSG);
		if ((err = msg_sleep(msq, &msq->q_receivers)) == -EIDRM)
			return ERR_PTR(err);
		if (err || signal_pending())
			return ERR_PTR(-ERESTARTNOHAND);
	}
}

static long do_msgrcv(int msqid, void __user *msgp, size_t bufsz, long msgtyp, int msgflg)
{
	struct msg_queue *msq;
	struct msg_msg *msg;
	size_t n;
	long r;

	if (msqid < 0 || (long)bufsz < 0)
		return -EINVAL;
	if ((msgflg & MSG_COPY) && ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT)))
		return -EINVAL;		/* Linux: a copy never waits, and counts every message */
	if (!(msq = msq_lookup(msqid)))
		return -EINVAL;
	msg = msgrcv_take(msq, bufsz, msgtyp, msgflg);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	/* Linux do_msg_fill: the type, then at most bufsz bytes (MSG_NOERROR cuts the rest). */
	n = bufsz < msg->m_ts ? bufsz : msg->m_ts;
	r = n;
	if (put_user(msg->m_type, (long __user *)msgp) ||
	    copy_to_user((char __user *)msgp + sizeof(long), msg->m_text, n))
		r = -EFAULT;
	kfree(msg);
	return r;
}

SYSCALL_DEFINE5(msgrcv, int, msqid, void __user *, msgp, size_t, msgsz, long, msgtyp, int, msgflg)
{
	return do_msgrcv(msqid, msgp, msgsz, msgtyp, msgflg);
}

/* ------------------------------------------------------------ msgctl */

/* IPC_INFO: the limits; MSG_INFO: what is in use.  Both return the highest index. */
static long msgctl_info(int cmd, void __user *buf)
{
	struct msginfo mi = { .msgmni = msg_ctlmni, .msgmax = msg_ctlmax, .msgmnb = msg_ctlmnb,
			      .msgssz = MSGSSZ, .msgseg = MSGSEG };
	int max = ipc_get_maxidx(&msg_ids);

	if (cmd == MSG_INFO) {
		mi.msgpool = msg_ids.in_use;
		mi.msgmap = msg_hdrs < INT_MAX ? msg_hdrs : INT_MAX;
		mi.msgtql = msg_bytes < INT_MAX ? msg_bytes : INT_MAX;
	} else {
		mi.msgmap = MSGMAP;
		mi.msgpool = MSGPOOL;
		mi.msgtql = MSGTQL;
	}
	if (copy_to_user(buf, &mi, sizeof(mi)))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

/* IPC_STAT; MSG_STAT and MSG_STAT_ANY (no read check) take an index and return the id. */
static long msgctl_stat(int msqid, int cmd, void __user *buf)
{
	struct msg_queue *msq = cmd == IPC_STAT ? msq_lookup(msqid) : msq_of(ipc_obtain_object_idx(&msg_ids, msqid));
	struct msqid64_ds ds;

	if (!msq)
		return -EINVAL;
	if (cmd != MSG_STAT_ANY && !ipcperms(&msq->q_perm, S_IRUGO))
		return -EACCES;
	memset(&ds, 0, sizeof(ds));
	kernel_to_ipc64_perm(&msq->q_perm, &ds.msg_perm);
	ds.msg_stime = msq->q_stime;
	ds.msg_rtime = msq->q_rtime;
	ds.msg_ctime = msq->q_ctime;
	ds.msg_cbytes = msq->q_cbytes;
	ds.msg_qnum = msq->q_qnum;
	ds.msg_qbytes = msq->q_qbytes;
	ds.msg_lspid = msq->q_lspid;
	ds.msg_lrpid = msq->q_lrpid;
	if (copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return cmd == IPC_STAT ? 0 : msq->q_perm.id;
}

/* Linux freeque: the messages go now; sleepers wake to EIDRM and the last frees the queue. */
static void freeque(struct msg_queue *msq)
{
	struct msg_msg *msg;

	ipc_rmid(&msg_ids, &msq->q_perm);
	while (!list_empty(&msq->q_messages)) {
		msg = list_first_entry(&msq->q_messages, struct msg_msg, m_list);
		list_del(&msg->m_list);
		msg_bytes -= msg->m_ts;
		msg_hdrs--;
		kfree(msg);
	}
	wake_up(&msq->q_receivers);
	wake_up(&msq->q_senders);
	if (!msq->q_sleepers)
		kfree(msq);
}

/* Linux msgctl_down: IPC_SET and IPC_RMID, for the owner or creator. */
static long msgctl_down(int msqid, int cmd, const struct msqid64_ds *ds)
{
	struct msg_queue *msq = msq_lookup(msqid);

	if (!msq)
		return -EINVAL;
	if (!ipc_owner(&msq->q_perm))
		return -EPERM;
	if (cmd == IPC_RMID) {
		freeque(msq);
		return 0;
	}
	if (ds->msg_qbytes > msg_ctlmnb && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	ipc_update_perm(&ds->msg_perm, &msq->q_perm);
	msq->q_qbytes = ds->msg_qbytes;
	msq->q_ctime = ipc_now();
	wake_up(&msq->q_receivers);	/* stricter permissions may shut a receiver out (EACCES) */
	wake_up(&msq->q_senders);	/* a bigger queue may take a waiting message */
	return 0;
}

SYSCALL_DEFINE3(msgctl, int, msqid, int, cmd, void __user *, buf)
{
	struct msqid64_ds ds;

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	cmd &= ~IPC_64;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(cmd, buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msgctl_stat(msqid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		return msgctl_down(msqid, cmd, &ds);
	case IPC_RMID:
		return msgctl_down(msqid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ /proc */

/* Linux sysvipc_msg_proc_show: one line a queue, under a header. */
static void sysvipc_msg_show(struct seq_file *m)
{
	int max = ipc_get_maxidx(&msg_ids);

	seq_printf(m, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid"
		      "      stime      rtime      ctime\n");
	for (int i = 0; i <= max; i++) {
		struct msg_queue *q = msq_of(ipc_obtain_object_idx(&msg_ids, i));
		if (!q)
			continue;
		seq_printf(m, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10ld %10ld %10ld\n",
			   q->q_perm.key, q->q_perm.id, q->q_perm.mode, q->q_cbytes, q->q_qnum, q->q_lspid,
			   q->q_lrpid, q->q_perm.uid, q->q_perm.gid, q->q_perm.cuid, q->q_perm.cgid,
			   q->q_stime, q->q_rtime, q->q_ctime);
	}
}

static void msgmax_show(struct seq_file *m) { seq_printf(m, "%lu\n", msg_ctlmax); }
static void msgmnb_show(struct seq_file *m) { seq_printf(m, "%lu\n", msg_ctlmnb); }
static void msgmni_show(struct seq_file *m) { seq_printf(m, "%lu\n", msg_ctlmni); }
static void msg_next_id_show(struct seq_file *m) { seq_printf(m, "%ld\n", msg_ids.next_id); }

/* Linux: msgmax and msgmnb 0..INT_MAX, msgmni 0..IPCMNI. */
static int msgmax_write(const char *buf, size_t n) { (void)n; return proc_parse_ulong(buf, 0, INT_MAX, &msg_ctlmax); }
static int msgmnb_write(const char *buf, size_t n) { (void)n; return proc_parse_ulong(buf, 0, INT_MAX, &msg_ctlmnb); }
static int msgmni_write(const char *buf, size_t n) { (void)n; return proc_parse_ulong(buf, 0, IPCMNI, &msg_ctlmni); }
static int msg_next_id_write(const char *buf, size_t n) { (void)n; return ipc_next_id_write(&msg_ids, buf); }

static int msg_proc_init(void)
{
	return proc_create_single("sysvipc/msg", sysvipc_msg_show) ||
	       proc_create_rw("sys/kernel/msgmax", msgmax_show, msgmax_write) ||
	       proc_create_rw("sys/kernel/msgmnb", msgmnb_show, msgmnb_write) ||
	       proc_create_rw("sys/kernel/msgmni", msgmni_show, msgmni_write) ||
	       proc_create_rw("sys/kernel/msg_next_id", msg_next_id_show, msg_next_id_write);
}
fs_initcall(msg_proc_init);
