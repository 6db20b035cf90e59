/*
 * net/unix/af_unix.c - Unix-domain socket pairs (Linux: net/unix/af_unix.c).
 *
 * socketpair(AF_UNIX, type) gives two connected sockets; what one sends
 * waits in the other's receive queue until it is received.  The queue is a
 * list of buffers, one per send:
 *   SOCK_STREAM     a byte stream: a receive takes bytes across buffers;
 *   SOCK_DGRAM,     messages: a receive takes one buffer, and cuts what
 *   SOCK_SEQPACKET  does not fit (MSG_TRUNC tells how long it was).
 * A sender blocks (or gets EAGAIN) while the peer holds more than
 * UNIX_RCVBUF bytes; a receiver while the queue is empty and the peer can
 * still send.  After the peer closes or shuts down its sending side a
 * receive returns 0; a send to a peer that is gone or has shut down its
 * receiving side gets EPIPE and SIGPIPE (unless MSG_NOSIGNAL).  Open
 * files ride along with a buffer (SCM_RIGHTS, struct unix_fds): each holds
 * a reference while in flight, and the receiver gets new descriptors for
 * them.  Named sockets (bind, connect, listen) are not here yet, nor the
 * garbage collector Linux has for sockets sent over themselves.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <net.h>
#include <uapi/asm-generic/poll.h>

#define UNIX_RCVBUF (208 * 1024)	/* Linux: net.core.wmem_default, 212992 */
#define UNIX_MSG_MAX (208 * 1024)	/* a datagram larger than the buffer: EMSGSIZE */
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
#define RCV_SHUTDOWN 1			/* Linux sk_shutdown bits */
#define SEND_SHUTDOWN 2

struct unix_skb {
	struct list_head list;
	size_t len, off;		/* bytes in data, bytes already taken (streams) */
	struct unix_fds *fds;		/* files passed with it (SCM_RIGHTS), or NULL */
	u8 data[];
};

/* A buffer goes, and the references of files nobody received with it. */
static void free_skb(struct unix_skb *skb)
{
	unix_fds_put(skb->fds);
	kfree(skb);
}

struct unix_sock {
	int type;
	int shutdown;			/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	struct unix_sock *peer;		/* NULL once the peer is closed */
	struct list_head queue;		/* what the peer sent us */
	size_t queued;			/* bytes in queue */
};

static struct unix_sock *unix_sk(struct file *f) { return f->private_data; }

static bool is_stream(const struct unix_sock *u) { return u->type == SOCK_STREAM; }

/* ---------------------------------------------------------------- send */
/* Could the peer take n more bytes now? */
static bool peer_has_room(const struct unix_sock *peer, size_t n)
{
	return peer->queued + n <= UNIX_RCVBUF || !peer->queued;
}

static int send_closed(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		send_signal_thread(current, SIGPIPE, NULL);
	return -EPIPE;
}

/* Gather the sender's buffers into one queued skb of len bytes. */
static struct unix_skb *skb_from_iov(const struct iovec *iov, int iovcnt, size_t len)
{
	struct unix_skb *skb = kmalloc(sizeof(*skb) + len, 0);
	size_t done = 0;
	if (!skb)
		return ERR_PTR(-ENOBUFS);
	for (int i = 0; i < iovcnt && done < len; i++) {
		size_t n = MIN(iov[i].iov_len, len - done);
		if (copy_from_user(skb->data + done, iov[i].iov_base, n)) {
			kfree(skb);
			return ERR_PTR(-EFAULT);
		}
		done += n;
	}
	skb->len = len;
	skb->off = 0;
	skb->fds = NULL;
	return skb;
}

/* Wait until the peer can take n bytes: 0, or -EAGAIN / -EPIPE / -ERESTARTSYS. */
static int wait_for_room(struct file *f, struct unix_sock *u, size_t n, int flags)
{
	for (;;) {
		if ((u->shutdown & SEND_SHUTDOWN) || !u->peer || (u->peer->shutdown & RCV_SHUTDOWN))
			return send_closed(flags);
		if (peer_has_room(u->peer, n))
			return 0;
		if ((f->f_flags & O_NONBLOCK) || (flags & MSG_DONTWAIT))
			return -EAGAIN;
		if (sleep_on(u))
			return -ERESTARTSYS;
	}
}

static size_t iov_total(const struct iovec *iov, int iovcnt)
{
	size_t t = 0;
	for (int i = 0; i < iovcnt; i++)
		t += iov[i].iov_len;
	return t;
}

/* A stream sends what fits now (at least a byte); a message goes whole or not at all. */
static ssize_t unix_send(struct file *f, const struct iovec *iov, int iovcnt, int flags, struct unix_fds **fds)
{
	struct unix_sock *u = unix_sk(f);
	size_t len = iov_total(iov, iovcnt), piece = len;
	struct unix_skb *skb;
	int err;
	if (!is_stream(u) && len > UNIX_MSG_MAX)
		return -EMSGSIZE;
	if ((err = wait_for_room(f, u, is_stream(u) ? 1 : len, flags)))
		return err;
	if (is_stream(u)) {
		if (!len)
			return 0;
		piece = MIN(len, u->peer->queued ? UNIX_RCVBUF - u->peer->queued : (size_t)UNIX_RCVBUF);
	}
	skb = skb_from_iov(iov, iovcnt, piece);
	if (IS_ERR(skb))
		return PTR_ERR(skb);
	if (fds) {				/* the references move into the buffer */
		skb->fds = *fds;
		*fds = NULL;
	}
	list_add_tail(&skb->list, &u->peer->queue);
	u->peer->queued += piece;
	wake_up(u->peer);
	return piece;
}

/* ---------------------------------------------------------------- receive */
static int wait_for_data(struct file *f, struct unix_sock *u, int flags)
{
	for (;;) {
		if (!list_empty(&u->queue))
			return 1;
		if ((u->shutdown & RCV_SHUTDOWN) || !u->peer || (u->peer->shutdown & SEND_SHUTDOWN))
			return 0;			/* end of file */
		if ((f->f_flags & O_NONBLOCK) || (flags & MSG_DONTWAIT))
			return -EAGAIN;
		if (sleep_on(u))
			return -ERESTARTSYS;
	}
}

static int copy_out(const struct iovec *iov, int iovcnt, size_t at, const u8 *src, size_t n)
{
	for (int i = 0; i < iovcnt && n; i++) {
		size_t skip = MIN(at, iov[i].iov_len), room = iov[i].iov_len - skip, c = MIN(room, n);
		at -= skip;
		if (c && copy_to_user((u8 __user *)iov[i].iov_base + skip, src, c))
			return -EFAULT;
		src += c;
		n -= c;
	}
	return 0;
}

/* Take n bytes of the first buffer; a message is taken whole, even if cut. */
static void consume(struct unix_sock *u, struct unix_skb *skb, size_t n)
{
	if (is_stream(u)) {
		skb->off += n;
		u->queued -= n;
	} else {
		u->queued -= skb->len;
		skb->off = skb->len;
	}
	if (skb->off == skb->len) {
		list_del(&skb->list);
		free_skb(skb);
	}
	if (u->peer)
		wake_up(u->peer);		/* a blocked sender may go on */
}

/* The files riding on skb go to the receiver (not on a peek: they stay). */
static void take_fds(struct unix_skb *skb, int flags, struct unix_fds **out)
{
	if (!out || (flags & MSG_PEEK) || !skb->fds || *out)
		return;
	*out = skb->fds;
	skb->fds = NULL;
}

/* One message: cut to the buffer, MSG_TRUNC in *msg_flags if it was. */
static ssize_t recv_message(struct unix_sock *u, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
			    struct unix_fds **fds)
{
	struct unix_skb *skb = list_first_entry(&u->queue, struct unix_skb, list);
	size_t n = MIN(skb->len, iov_total(iov, iovcnt)), len = skb->len;
	if (copy_out(iov, iovcnt, 0, skb->data, n))
		return -EFAULT;
	if (n < len)
		*msg_flags |= MSG_TRUNC;
	take_fds(skb, flags, fds);
	if (!(flags & MSG_PEEK))
		consume(u, skb, n);
	return (flags & MSG_TRUNC) ? (ssize_t)len : (ssize_t)n;	/* MSG_TRUNC: the real length */
}

/* Bytes of a stream, across buffers; MSG_WAITALL waits until want are there. */
static ssize_t recv_stream(struct file *f, struct unix_sock *u, const struct iovec *iov, int iovcnt, int flags,
			   struct unix_fds **fds)
{
	size_t want = iov_total(iov, iovcnt), got = 0;
	while (got < want) {
		struct unix_skb *skb;
		size_t n;
		if (list_empty(&u->queue)) {
			int r;
			if (!(flags & MSG_WAITALL) || (r = wait_for_data(f, u, flags)) <= 0)
				break;
		}
		skb = list_first_entry(&u->queue, struct unix_skb, list);
		if (got && skb->fds)
			break;			/* Linux: files end a read, they start the next one */
		take_fds(skb, flags, fds);
		n = MIN(skb->len - skb->off, want - got);
		if (copy_out(iov, iovcnt, got, skb->data + skb->off, n))
			return got ? (ssize_t)got : -EFAULT;
		got += n;
		if (flags & MSG_PEEK)
			break;
		consume(u, skb, n);
	}
	return got;
}

static ssize_t unix_recv(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
			 struct unix_fds **fds)
{
	struct unix_sock *u = unix_sk(f);
	int r = wait_for_data(f, u, flags);
	if (r <= 0)
		return r;
	return is_stream(u) ? recv_stream(f, u, iov, iovcnt, flags, fds) :
			      recv_message(u, iov, iovcnt, flags, msg_flags, fds);
}

/* ---------------------------------------------------------------- file */
static ssize_t unix_read(struct file *f, char __user *buf, size_t n)
{
	struct iovec iov = { buf, n };
	struct unix_fds *fds = NULL;
	int mf = 0;
	ssize_t r = unix_recv(f, &iov, 1, 0, &mf, &fds);
	unix_fds_put(fds);			/* read(2) has nowhere to put them */
	return r;
}

static ssize_t unix_write(struct file *f, const char __user *buf, size_t n)
{
	struct iovec iov = { (void __user *)buf, n };
	size_t done = 0;
	/* write(2) on a stream sends it all, as Linux's unix_stream_sendmsg loops */
	while (done < n || !n) {
		ssize_t r;
		iov = (struct iovec){ (char __user *)buf + done, n - done };
		r = unix_send(f, &iov, 1, 0, NULL);
		if (r < 0)
			return done ? (ssize_t)done : r;
		done += r;
		if (!is_stream(unix_sk(f)) || !n)
			break;
	}
	return done;
}

static unsigned unix_poll(struct file *f)
{
	struct unix_sock *u = unix_sk(f);
	bool peer_gone = !u->peer || (u->peer->shutdown & SEND_SHUTDOWN);
	unsigned mask = 0;
	if (!list_empty(&u->queue) || (u->shutdown & RCV_SHUTDOWN) || peer_gone)
		mask |= POLLIN | POLLRDNORM;
	if ((u->shutdown & RCV_SHUTDOWN) || peer_gone)
		mask |= POLLRDHUP;
	if (!u->peer || ((u->shutdown & SEND_SHUTDOWN) && peer_gone))
		mask |= POLLHUP;
	if (u->peer && !(u->shutdown & SEND_SHUTDOWN) && peer_has_room(u->peer, 1))
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static void unix_release(struct file *f)
{
	struct unix_sock *u = unix_sk(f);
	while (!list_empty(&u->queue)) {
		struct unix_skb *skb = list_first_entry(&u->queue, struct unix_skb, list);
		list_del(&skb->list);
		free_skb(skb);
	}
	if (u->peer) {
		u->peer->peer = NULL;
		wake_up(u->peer);		/* its reads end, its writes get EPIPE */
	}
	kfree(u);
}

const struct file_operations unix_stream_ops = {
	.read = unix_read, .write = unix_write, .poll = unix_poll, .release = unix_release,
};

/* ---------------------------------------------------------------- socket calls */
bool is_unix_socket(struct file *f) { return f && f->f_op == &unix_stream_ops; }

ssize_t unix_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, struct unix_fds **fds)
{
	return unix_send(f, iov, iovcnt, flags, fds);
}

ssize_t unix_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
		     struct unix_fds **fds)
{
	return unix_recv(f, iov, iovcnt, flags, msg_flags, fds);
}

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

int unix_shutdown(struct file *f, int how)
{
	struct unix_sock *u = unix_sk(f);
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	u->shutdown |= how == SHUT_RD ? RCV_SHUTDOWN : how == SHUT_WR ? SEND_SHUTDOWN : RCV_SHUTDOWN | SEND_SHUTDOWN;
	wake_up(u);
	if (u->peer)
		wake_up(u->peer);
	return 0;
}

int unix_type(struct file *f) { return unix_sk(f)->type; }

static struct unix_sock *unix_alloc(int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));
	if (u) {
		u->type = type;
		INIT_LIST_HEAD(&u->queue);
	}
	return u;
}

/* A socket file at a new descriptor: S_IFSOCK, as fstat shows it on Linux. */
static int install_socket(struct unix_sock *u, u32 flags)
{
	int fd = anon_inode_getfd("socket", &unix_stream_ops, u, O_RDWR | flags);
	if (fd >= 0)
		fget(fd)->f_inode->i_mode = S_IFSOCK | 0777;
	return fd;
}

/* Linux unix_socketpair: two sockets connected to each other. */
int unix_socketpair(int type, u32 flags, int fds[2])
{
	struct unix_sock *a = unix_alloc(type), *b = unix_alloc(type);
	if (!a || !b) {
		kfree(a);
		kfree(b);
		return -ENOMEM;
	}
	a->peer = b;
	b->peer = a;
	if ((fds[0] = install_socket(a, flags)) < 0) {
		kfree(a);
		kfree(b);
		return fds[0];
	}
	if ((fds[1] = install_socket(b, flags)) < 0) {
		close_fd(fds[0]);		/* frees a; b is unlinked from it */
		kfree(b);
		return fds[1];
	}
	return 0;
}
