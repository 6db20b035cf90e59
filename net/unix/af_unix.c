/*
 * net/unix/af_unix.c - the life of a Unix-domain socket (Linux:
 * net/unix/af_unix.c): its making (socketpair; socket() and accept() are
 * net/unix/connect.c), its references, its close, shutdown and the socket
 * options it answers.  What it sends and receives is net/unix/msg.c, its
 * names net/unix/addr.c.
 *
 * Two connected sockets point at each other (u->peer), each holding a
 * reference.  When a connected stream or seqpacket socket closes, its
 * peer is shut down both ways (a receive returns 0, a send gets EPIPE)
 * and gets ECONNRESET first if data was left unread or the connection was
 * never accepted (unix_release_sock).  A datagram socket's peer only
 * learns of the close at its next send (ECONNREFUSED, net/unix/msg.c):
 * the struct stays until the last reference goes.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <cred.h>
#include <proc_fs.h>
#include <init.h>
#include <string.h>
#include <errno.h>
#include "af_unix.h"

#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
#define SOL_SOCKET 1
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_PEERCRED 17
#define SO_DOMAIN 39
#define SOCKBUF_DEFAULT 212992		/* Linux: net.core.[rw]mem_default */
#define NO_ID ((u32)-1)			/* Linux cred_to_ucred: no credentials give uid and gid -1 */

struct unix_sock *unix_sk(struct file *f) { return f->private_data; }

/* ---------------------------------------------------------------- life */
static LIST_HEAD(unix_sockets);		/* every socket, oldest first (Linux: the unix_socket_table) */

struct unix_sock *unix_alloc(int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));
	if (u) {
		list_add_tail(&u->node, &unix_sockets);
		u->refcnt = 1;
		u->type = type;
		u->state = TCP_CLOSE;
		INIT_LIST_HEAD(&u->queue);
		INIT_LIST_HEAD(&u->accept_q);
		INIT_LIST_HEAD(&u->accept_node);
		INIT_LIST_HEAD(&u->bound);
	}
	return u;
}

/* A buffer goes, with the references of files nobody received. */
void unix_free_skb(struct unix_skb *skb)
{
	unix_fds_put(skb->fds);
	unix_addr_put(skb->from);
	kfree(skb);
}

void unix_purge_queue(struct unix_sock *u)
{
	while (!list_empty(&u->queue)) {
		struct unix_skb *skb = list_first_entry(&u->queue, struct unix_skb, list);
		list_del(&skb->list);
		unix_free_skb(skb);
	}
	u->queued = 0;
	u->qlen = 0;
	wake_up(&u->queue);		/* room for blocked senders */
}

void sock_hold(struct unix_sock *u) { u->refcnt++; }

/* The last reference: Linux unix_sock_destructor. */
void sock_put(struct unix_sock *u)
{
	if (--u->refcnt)
		return;
	unix_purge_queue(u);
	unix_addr_put(u->addr);
	unix_free(u);
}

void unix_free(struct unix_sock *u)
{
	if (!u)
		return;
	list_del(&u->node);
	kfree(u);
}

/*
 * Linux unix_release_sock: the file is closed (or, @embryo, the listener
 * that held a connection nobody accepted).  The name is free again at
 * once; the struct lives on while a peer still points at it.
 */
void unix_release_sock(struct unix_sock *u, bool embryo)
{
	struct unix_sock *skpair = u->peer;

	unix_unbind(u);
	u->dead = true;
	u->shutdown = SHUTDOWN_MASK;
	u->state = TCP_CLOSE;
	u->peer = NULL;
	if (skpair) {
		if (unix_connection_based(u)) {
			skpair->shutdown = SHUTDOWN_MASK;	/* no more reads, no more writes */
			if (!list_empty(&u->queue) || embryo)
				skpair->err = ECONNRESET;
		}
		wake_up(skpair);
		wake_up(&skpair->queue);
		sock_put(skpair);
	}
	unix_purge_queue(u);
	while (!list_empty(&u->accept_q)) {	/* a listener: its pending connections go too */
		struct unix_sock *e = list_first_entry(&u->accept_q, struct unix_sock, accept_node);
		list_del(&e->accept_node);
		u->accept_qlen--;
		unix_release_sock(e, true);
	}
	wake_up(u);
	wake_up(&u->accept_q);			/* connects waiting for backlog room */
	sock_put(u);
}

static void unix_release(struct file *f)
{
	unix_release_sock(unix_sk(f), false);
}

const struct file_operations unix_socket_ops = {
	.read = unix_read, .write = unix_write, .poll = unix_poll, .release = unix_release,
};

/* ---------------------------------------------------------------- socket calls */
bool is_unix_socket(struct file *f) { return f && f->f_op == &unix_socket_ops; }

/* Drop files nobody will receive, and their list (NULL: nothing). */
void unix_fds_put(struct unix_fds *fds)
{
	if (!fds)
		return;
	for (int i = 0; i < fds->count; i++)
		if (fds->files[i])
			fput(fds->files[i]);
	kfree(fds);
}

/* Linux unix_shutdown: a connected stream or seqpacket peer sees the other half. */
int unix_shutdown(struct file *f, int how)
{
	struct unix_sock *u = unix_sk(f), *other = u->peer;
	int mode;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	mode = how + 1;				/* SHUT_RD -> RCV_SHUTDOWN, ... */
	u->shutdown |= mode;
	wake_up(u);
	wake_up(&u->queue);
	if (other && unix_connection_based(u)) {
		other->shutdown |= (mode & RCV_SHUTDOWN ? SEND_SHUTDOWN : 0) | (mode & SEND_SHUTDOWN ? RCV_SHUTDOWN : 0);
		wake_up(other);
		wake_up(&other->queue);
	}
	return 0;
}

int unix_type(struct file *f) { return unix_sk(f)->type; }

/* Linux init_peercred: the calling process, and its effective ids. */
void init_peercred(struct unix_sock *u)
{
	u->peercred = (struct ucred){ current->tgid, current_cred()->euid, current_cred()->egid };
	u->has_peercred = true;
}

/* Linux sk_getsockopt SO_PEERCRED: nobody (pid 0, ids -1) before a connection. */
void unix_peercred(struct file *f, struct ucred *out)
{
	struct unix_sock *u = unix_sk(f);
	*out = u->has_peercred ? u->peercred : (struct ucred){ 0, NO_ID, NO_ID };
}

int unix_sock_error(struct file *f)
{
	struct unix_sock *u = unix_sk(f);
	int err = u->err;
	u->err = 0;
	return err;
}

/* The socket options AF_UNIX answers (Linux sk_getsockopt); other levels are
 * EOPNOTSUPP, as unix_stream_ops has no getsockopt of its own. */
static int unix_getsockopt(struct file *f, int level, int optname, void *val)
{
	int *v = val;
	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	switch (optname) {
	case SO_PEERCRED: unix_peercred(f, val); return sizeof(struct ucred);
	case SO_TYPE: *v = unix_type(f); break;
	case SO_ERROR: *v = unix_sock_error(f); break;
	case SO_DOMAIN: *v = AF_UNIX; break;
	case SO_SNDBUF: case SO_RCVBUF: *v = SOCKBUF_DEFAULT; break;
	default: return -ENOPROTOOPT;
	}
	return sizeof(int);
}

static int unix_setsockopt(struct file *f, int level, int optname, const void *val, int len)
{
	if (level == SOL_SOCKET && (optname == SO_SNDBUF || optname == SO_RCVBUF))
		return 0;			/* accepted; the buffer stays its size */
	return level == SOL_SOCKET ? -ENOPROTOOPT : -EOPNOTSUPP;
}

const struct proto_ops unix_proto_ops = {
	.family = AF_UNIX,
	.bind = unix_bind, .connect = unix_connect, .listen = unix_listen, .accept = unix_accept,
	.getname = unix_getname, .sendmsg = unix_sendmsg, .recvmsg = unix_recvmsg, .shutdown = unix_shutdown,
	.getsockopt = unix_getsockopt, .setsockopt = unix_setsockopt,
};

/* A socket file at a new descriptor: S_IFSOCK 0777, as fstat shows it on Linux (sockfs). */
int unix_install(struct unix_sock *u, u32 flags)
{
	int fd = anon_inode_getfd("socket", &unix_socket_ops, u, O_RDWR | flags);
	if (fd >= 0) {
		fget(fd)->f_inode->i_mode = S_IFSOCK | 0777;
		u->ino = fget(fd)->f_inode->i_ino;
	}
	return fd;
}

/* ---------------------------------------------------------------- /proc/net/unix */
#define __SO_ACCEPTCON (1 << 16)	/* Linux: a listening socket's flag */
#define SS_UNCONNECTED 1		/* Linux socket_state */
#define SS_CONNECTING 2
#define SS_CONNECTED 3
#define SS_DISCONNECTING 4

/* Linux unix_seq_show: a socket without a file (not accepted yet, or closed) has no socket state. */
static int unix_ss_state(const struct unix_sock *u)
{
	bool has_file = u->ino && !u->dead;

	if (has_file)
		return u->state == TCP_ESTABLISHED ? SS_CONNECTED : SS_UNCONNECTED;
	return u->state == TCP_ESTABLISHED ? SS_CONNECTING : SS_DISCONNECTING;
}

/* The bound name: a path as is, an abstract name with '@' for its leading NUL and every NUL in it. */
static void unix_show_name(struct seq_file *m, const struct unix_address *a)
{
	int len = a->len - (int)sizeof(a->name.sun_family);
	bool abstract = a->name.sun_path[0] == '\0';

	seq_putc(m, ' ');
	if (!abstract)
		len--;			/* the path's NUL */
	for (int i = 0; i < len; i++)
		seq_putc(m, a->name.sun_path[i] ? a->name.sun_path[i] : '@');
}

static void unix_seq_show(struct seq_file *m)
{
	struct unix_sock *u;

	seq_puts(m, "Num       RefCount Protocol Flags    Type St Inode Path\n");
	list_for_each_entry(u, &unix_sockets, node) {
		seq_printf(m, "%016lx: %08X %08X %08X %04X %02X %5lu", sock_hashed_ptr(u), u->refcnt, 0,
			   u->state == TCP_LISTEN ? __SO_ACCEPTCON : 0, u->type, unix_ss_state(u), u->ino);
		if (u->addr)
			unix_show_name(m, u->addr);
		seq_putc(m, '\n');
	}
}

static int unix_proc_init(void)
{
	return proc_create_single("net/unix", unix_seq_show);
}
fs_initcall(unix_proc_init);

/* Linux unix_socketpair: two sockets connected to each other. */
int unix_socketpair(int type, u32 flags, int fds[2])
{
	struct unix_sock *a = unix_alloc(type), *b = unix_alloc(type);
	if (!a || !b) {
		unix_free(a);
		unix_free(b);
		return -ENOMEM;
	}
	a->peer = b;
	b->peer = a;
	a->refcnt = b->refcnt = 2;		/* its file and its peer */
	a->state = b->state = TCP_ESTABLISHED;
	init_peercred(a);
	init_peercred(b);
	if ((fds[0] = unix_install(a, flags)) < 0) {
		unix_free(a);
		unix_free(b);
		return fds[0];
	}
	if ((fds[1] = unix_install(b, flags)) < 0) {
		close_fd(fds[0]);		/* a goes; b still has its own file's reference */
		unix_release_sock(b, false);
		return fds[1];
	}
	return 0;
}
