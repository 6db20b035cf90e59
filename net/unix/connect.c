/*
 * net/unix/connect.c - socket(), listen, connect and accept for AF_UNIX
 * (Linux: net/unix/af_unix.c unix_create, unix_listen,
 * unix_stream_connect, unix_dgram_connect, unix_accept).
 *
 * A stream or seqpacket connection is made Linux's way: connect() makes
 * the server's end at once (an "embryo": a socket with no file yet),
 * connects the caller to it and queues it on the listener, so the client
 * may send before anyone accepts; accept() takes the oldest embryo and
 * gives it a file.  A listener takes backlog + 1 embryos (Linux
 * unix_recvq_full: "more than backlog" is full); a connect beyond that
 * sleeps until an accept makes room, or, non-blocking, fails with EAGAIN
 * (never EINPROGRESS: a Unix connect does not half-complete).
 * A datagram connect only sets the peer that send() and recv() use;
 * AF_UNSPEC undoes it.
 */
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <errno.h>
#include "af_unix.h"

#define CONNECT_RETRY 1

/* Linux unix_create (net/socket.c has checked family, type and protocol). */
int unix_create(int type, u32 flags)
{
	struct unix_sock *u = unix_alloc(type == SOCK_RAW ? SOCK_DGRAM : type);
	int fd;
	if (!u)
		return -ENOMEM;
	if ((fd = unix_install(u, flags)) < 0)
		unix_free(u);
	return fd;
}

/* Linux unix_listen: a named stream or seqpacket socket, not connected. */
int unix_listen(struct file *f, int backlog)
{
	struct unix_sock *u = unix_sk(f);
	if (!unix_connection_based(u))
		return -EOPNOTSUPP;
	if (!u->addr)
		return -EINVAL;
	if (u->state != TCP_CLOSE && u->state != TCP_LISTEN)
		return -EINVAL;
	if (backlog > u->backlog)
		wake_up(&u->accept_q);		/* room for waiting connects */
	u->backlog = backlog;
	u->state = TCP_LISTEN;
	init_peercred(u);			/* Linux update_peercred: what clients will see */
	return 0;
}

/* One try to connect u to the listener other: 0, CONNECT_RETRY after a sleep, or -errno. */
static int connect_to(struct file *f, struct unix_sock *u, struct unix_sock *other)
{
	struct unix_sock *newsk;
	if (other->state != TCP_LISTEN || (other->shutdown & RCV_SHUTDOWN))
		return -ECONNREFUSED;
	if (other->accept_qlen > other->backlog) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		return sleep_on(&other->accept_q) ? -ERESTARTSYS : CONNECT_RETRY;
	}
	if (u->state != TCP_CLOSE)
		return u->state == TCP_ESTABLISHED ? -EISCONN : -EINVAL;
	if (!(newsk = unix_alloc(u->type)))
		return -ENOMEM;
	newsk->state = TCP_ESTABLISHED;
	init_peercred(newsk);			/* the server learns who connected */
	u->peercred = other->peercred;		/* Linux copy_peercred: the client learns the listener */
	u->has_peercred = true;
	newsk->addr = unix_addr_get(other->addr);	/* an accepted socket has the listener's name */
	newsk->peer = u;
	sock_hold(u);
	u->peer = newsk;
	sock_hold(newsk);			/* one for the listener's queue, one for u->peer */
	u->state = TCP_ESTABLISHED;
	list_add_tail(&newsk->accept_node, &other->accept_q);
	other->accept_qlen++;
	wake_up(other);
	return 0;
}

/* Linux unix_stream_connect: look the name up again after each sleep (the listener may go). */
static int unix_stream_connect(struct file *f, struct sockaddr_storage *a, int len)
{
	struct unix_sock *u = unix_sk(f), *other;
	int err;
	if ((err = unix_validate_addr(a, len)))
		return err;
	do {
		if (!(other = unix_find_other(a, len, u->type, &err)))
			return err;
		err = connect_to(f, u, other);
		sock_put(other);
	} while (err == CONNECT_RETRY);
	return err;
}

/* Linux unix_dgram_connect: a new peer (or none, AF_UNSPEC); a new one drops what the old sent. */
static int unix_dgram_connect(struct file *f, struct sockaddr_storage *a, int len)
{
	struct unix_sock *u = unix_sk(f), *other = NULL, *old;
	int err;
	if (len < (int)sizeof(a->ss_family))
		return -EINVAL;
	if (a->ss_family != AF_UNSPEC) {
		if ((err = unix_validate_addr(a, len)))
			return err;
		if (!(other = unix_find_other(a, len, u->type, &err)))
			return err;
		if (other->peer && other->peer != u) {	/* unix_may_send */
			sock_put(other);
			return -EPERM;
		}
	}
	old = u->peer;
	u->peer = other;			/* the reference from unix_find_other */
	u->state = other ? TCP_ESTABLISHED : TCP_CLOSE;
	if (old) {
		if (old != other)
			unix_dgram_disconnected(u, old);
		sock_put(old);
	}
	return 0;
}

int unix_connect(struct file *f, struct sockaddr_storage *a, int len)
{
	return unix_sk(f)->type == SOCK_DGRAM ? unix_dgram_connect(f, a, len) : unix_stream_connect(f, a, len);
}

/* Linux unix_accept: the oldest connection gets a file; *peer is the client's name. */
int unix_accept(struct file *f, u32 flags, struct sockaddr_storage *peer, int *peerlen)
{
	struct unix_sock *u = unix_sk(f), *newsk;
	int fd;
	if (!unix_connection_based(u))
		return -EOPNOTSUPP;
	if (u->state != TCP_LISTEN)
		return -EINVAL;
	while (list_empty(&u->accept_q)) {
		if (u->shutdown & RCV_SHUTDOWN)
			return -EINVAL;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(u))
			return -ERESTARTSYS;
		if (u->state != TCP_LISTEN)
			return -EINVAL;
	}
	newsk = list_first_entry(&u->accept_q, struct unix_sock, accept_node);
	if ((fd = unix_install(newsk, flags)) < 0)
		return fd;			/* EMFILE: the connection stays queued */
	list_del(&newsk->accept_node);		/* the queue's reference is the file's now */
	u->accept_qlen--;
	wake_up(&u->accept_q);
	if (peer)
		*peerlen = unix_name_of(newsk->peer, peer);
	return fd;
}
