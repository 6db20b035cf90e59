/*
 * net/ipv4/af_inet.c - the AF_INET family over loopback (Linux:
 * net/ipv4/af_inet.c): socket(), the life of a socket (references,
 * close), its queue, its names (getsockname, getpeername), shutdown, the
 * ioctls and the struct proto_ops net/socket.c calls.  Ports and bind are
 * inet_hashtables.c, the stream side tcp.c, datagrams udp.c, options
 * sockopt.c.  inet_sock.h tells the model: no packets, only lo.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <cred.h>
#include <string.h>
#include <uaccess.h>
#include <errno.h>
#include <uapi/asm-generic/poll.h>
#include "inet_sock.h"

#define IPPROTO_UDPLITE 136
#define SHUT_RD 0
#define SHUT_RDWR 2
#define SIOCINQ 0x541B			/* FIONREAD */
#define SIOCOUTQ 0x5411			/* TIOCOUTQ */

/* ---------------------------------------------------------------- socket() */
/*
 * Linux inet_create: the protocol's range, then the table of what each
 * type offers (inetsw): TCP for SOCK_STREAM, UDP for SOCK_DGRAM, 0 meaning
 * "the type's own".  What Linux has and this kernel does not answers as a
 * Linux built without it would: MPTCP and UDP-Lite EPROTONOSUPPORT, ping
 * sockets EACCES (net.ipv4.ping_group_range is "1 0", nobody), raw sockets
 * EPERM without CAP_NET_RAW and EPROTONOSUPPORT with it.
 */
int inet_socket_args(int type, int protocol)
{
	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	switch (type) {
	case SOCK_STREAM:
		return protocol == IPPROTO_IP || protocol == IPPROTO_TCP ? 0 : -EPROTONOSUPPORT;
	case SOCK_DGRAM:
		if (protocol == IPPROTO_ICMP)
			return -EACCES;
		return protocol == IPPROTO_IP || protocol == IPPROTO_UDP ? 0 : -EPROTONOSUPPORT;
	case SOCK_RAW:
		if (protocol == IPPROTO_IP)
			return -EPROTONOSUPPORT;
		return capable(CAP_NET_RAW) ? -EPROTONOSUPPORT : -EPERM;
	case SOCK_PACKET:			/* Linux hands it to AF_PACKET, which needs CAP_NET_RAW */
		return capable(CAP_NET_RAW) ? -EAFNOSUPPORT : -EPERM;
	default:
		return -ESOCKTNOSUPPORT;
	}
}

int inet_create(int type, int protocol, u32 flags)
{
	struct inet_sock *sk = inet_alloc(type, type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP);
	int fd;
	if (!sk)
		return -ENOMEM;
	if ((fd = inet_install(sk, flags)) < 0)
		kfree(sk);
	return fd;
}

/* ---------------------------------------------------------------- life */
struct inet_sock *inet_sk(struct file *f) { return f->private_data; }

struct inet_sock *inet_alloc(int type, int protocol)
{
	struct inet_sock *sk = kzalloc(sizeof(*sk));
	if (!sk)
		return NULL;
	sk->refcnt = 1;
	sk->type = type;
	sk->protocol = protocol;
	sk->state = TCP_CLOSE;
	sk->ss = SS_UNCONNECTED;
	sk->uid = current_cred()->euid;
	INIT_LIST_HEAD(&sk->queue);
	INIT_LIST_HEAD(&sk->accept_q);
	INIT_LIST_HEAD(&sk->accept_node);
	INIT_LIST_HEAD(&sk->bind_node);
	inet_opts_init(sk);
	return sk;
}

void inet_sock_hold(struct inet_sock *sk) { sk->refcnt++; }

void inet_sock_put(struct inet_sock *sk)
{
	if (--sk->refcnt)
		return;
	inet_purge_queue(sk);
	kfree(sk);
}

/* The pending error, as the next call reports it (Linux sock_error). */
int inet_sock_error(struct inet_sock *sk)
{
	int err = sk->err;
	sk->err = 0;
	return -err;
}

/* ---------------------------------------------------------------- queue */
struct inet_skb *inet_skb_from_iov(const struct iovec *iov, int iovcnt, size_t at, size_t len)
{
	struct inet_skb *skb = kzalloc(sizeof(*skb) + len);
	if (!skb)
		return ERR_PTR(-ENOBUFS);
	if (iov_copy_from(skb->data, iov, iovcnt, at, len)) {
		kfree(skb);
		return ERR_PTR(-EFAULT);
	}
	skb->len = len;
	return skb;
}

void inet_queue_skb(struct inet_sock *to, struct inet_skb *skb)
{
	list_add_tail(&skb->list, &to->queue);
	to->queued += skb->len;
	to->qlen++;
	wake_up(to);
}

/* n bytes of the first buffer are read; a datagram goes whole. */
void inet_consume(struct inet_sock *sk, struct inet_skb *skb, size_t n)
{
	if (is_tcp(sk)) {
		skb->off += n;
		sk->queued -= n;
	} else {
		sk->queued -= skb->len - skb->off;
		skb->off = skb->len;
	}
	if (skb->off == skb->len) {
		list_del(&skb->list);
		sk->qlen--;
		kfree(skb);
	}
	wake_up(&sk->queue);			/* room for a blocked sender */
}

void inet_purge_queue(struct inet_sock *sk)
{
	while (!list_empty(&sk->queue)) {
		struct inet_skb *skb = list_first_entry(&sk->queue, struct inet_skb, list);
		list_del(&skb->list);
		kfree(skb);
	}
	sk->queued = 0;
	sk->qlen = 0;
	wake_up(&sk->queue);
}

/* ---------------------------------------------------------------- names */
void inet_fill_addr(struct sockaddr_storage *out, u32 addr, u16 port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)out;
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr = addr;
}

/* A sockaddr_in of at least its size (Linux: "if (addr_len < sizeof(struct sockaddr_in))
 * return -EINVAL"); the family is the caller's to judge. */
int inet_addr_from(const struct sockaddr_storage *a, int len, u32 *addr, u16 *port)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)a;
	if (len < (int)sizeof(*sin))
		return -EINVAL;
	*addr = sin->sin_addr;
	*port = ntohs(sin->sin_port);
	return 0;
}

/* Linux inet_getname: a peer only while connected (not after a reset). */
static int inet_getname(struct file *f, struct sockaddr_storage *out, bool peer)
{
	struct inet_sock *sk = inet_sk(f);
	if (!peer) {
		inet_fill_addr(out, sk->saddr, sk->sport);
		return sizeof(struct sockaddr_in);
	}
	if (!sk->dport || sk->state == TCP_CLOSE)
		return -ENOTCONN;
	inet_fill_addr(out, sk->daddr, sk->dport);
	return sizeof(struct sockaddr_in);
}

/* ---------------------------------------------------------------- shutdown */
/*
 * Linux inet_shutdown: an unconnected socket answers ENOTCONN but keeps
 * the bits (so poll shows them: "hack to wake up other listeners"); a
 * listener shut for reading stops listening (tcp_disconnect).
 */
static int inet_shutdown(struct file *f, int how)
{
	struct inet_sock *sk = inet_sk(f);
	int err = 0;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	how++;					/* SHUT_RD -> RCV_SHUTDOWN, ... */
	if (sk->ss == SS_CONNECTING)
		sk->ss = SS_CONNECTED;		/* it completed at once */
	if (sk->state == TCP_LISTEN) {
		if (how & RCV_SHUTDOWN)
			err = tcp_disconnect(sk);
		wake_up(sk);
		return err;
	}
	if (sk->state == TCP_CLOSE)
		err = -ENOTCONN;
	sk->shutdown |= how;
	if (is_tcp(sk) && sk->state != TCP_CLOSE)
		tcp_shutdown(sk, how);
	wake_up(sk);
	wake_up(&sk->queue);
	return err;
}

/* ---------------------------------------------------------------- file */
static ssize_t inet_read(struct file *f, char __user *buf, size_t n)
{
	struct iovec iov = { buf, n };
	int mf = 0;
	struct inet_sock *sk = inet_sk(f);
	if (is_tcp(sk))
		return tcp_recvmsg(f, &iov, 1, 0);
	return udp_recvmsg(f, &iov, 1, 0, &mf, NULL, NULL);
}

static ssize_t inet_write(struct file *f, const char __user *buf, size_t n)
{
	struct iovec iov = { (char __user *)buf, n };
	if (is_tcp(inet_sk(f)))
		return tcp_sendmsg(f, &iov, 1, 0);
	return udp_sendmsg(f, &iov, 1, 0, NULL, 0);
}

static unsigned inet_poll(struct file *f)
{
	struct inet_sock *sk = inet_sk(f);
	return is_tcp(sk) ? tcp_poll(sk) : udp_poll(sk);
}

/* SIOCINQ: unread bytes (TCP) or the next datagram's length (UDP, Linux
 * first_packet_length); SIOCOUTQ: nothing waits to be sent, ever. */
static long inet_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct inet_sock *sk = inet_sk(f);
	int n;
	if (cmd != SIOCINQ && cmd != SIOCOUTQ)
		return -ENOTTY;
	if (sk->state == TCP_LISTEN)
		return -EINVAL;
	n = 0;
	if (cmd == SIOCINQ && !list_empty(&sk->queue))
		n = is_tcp(sk) ? (int)sk->queued : (int)list_first_entry(&sk->queue, struct inet_skb, list)->len;
	return put_user(n, (int __user *)arg) ? -EFAULT : 0;
}

static void inet_release(struct file *f)
{
	struct inet_sock *sk = inet_sk(f);
	sk->dead = true;
	if (is_tcp(sk))
		tcp_close(sk);
	else
		udp_close(sk);
	inet_sock_put(sk);
}

static const struct file_operations inet_socket_ops = {
	.read = inet_read, .write = inet_write, .poll = inet_poll, .ioctl = inet_ioctl,
	.release = inet_release,
};

bool is_inet_socket(struct file *f) { return f && f->f_op == &inet_socket_ops; }

/* A socket file at a new descriptor: S_IFSOCK 0777, as sockfs shows it. */
int inet_install(struct inet_sock *sk, u32 flags)
{
	int fd = anon_inode_getfd("socket", &inet_socket_ops, sk, O_RDWR | flags);
	if (fd >= 0) {
		fget(fd)->f_inode->i_mode = S_IFSOCK | 0777;
		sk->ino = fget(fd)->f_inode->i_ino;
	}
	return fd;
}

/* ---------------------------------------------------------------- dispatch */
/* Linux inet_stream_ops and inet_dgram_ops: UDP has no listen or accept. */
static int inet_listen(struct file *f, int backlog)
{
	return is_tcp(inet_sk(f)) ? tcp_listen(f, backlog) : -EOPNOTSUPP;
}

static int inet_accept(struct file *f, u32 flags, struct sockaddr_storage *peer, int *peerlen)
{
	return is_tcp(inet_sk(f)) ? tcp_accept(f, flags, peer, peerlen) : -EOPNOTSUPP;
}

static int inet_connect(struct file *f, struct sockaddr_storage *a, int len)
{
	return is_tcp(inet_sk(f)) ? tcp_connect(f, a, len) : udp_connect(f, a, len);
}

static ssize_t inet_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, struct unix_fds **fds,
			    struct sockaddr_storage *to, int tolen)
{
	if (is_tcp(inet_sk(f)))
		return tcp_sendmsg(f, iov, iovcnt, flags);	/* a TCP socket ignores sendto's address */
	return udp_sendmsg(f, iov, iovcnt, flags, to, tolen);
}

static ssize_t inet_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
			    struct unix_fds **fds, struct sockaddr_storage *from, int *fromlen)
{
	if (from)
		*fromlen = 0;			/* Linux tcp_recvmsg names no sender: length 0 */
	if (!is_tcp(inet_sk(f)))
		return udp_recvmsg(f, iov, iovcnt, flags, msg_flags, from, fromlen);
	return tcp_recvmsg(f, iov, iovcnt, flags);
}

const struct proto_ops inet_proto_ops = {
	.family = AF_INET,
	.bind = inet_bind, .connect = inet_connect, .listen = inet_listen, .accept = inet_accept,
	.getname = inet_getname, .sendmsg = inet_sendmsg, .recvmsg = inet_recvmsg, .shutdown = inet_shutdown,
	.getsockopt = inet_getsockopt, .setsockopt = inet_setsockopt,
};
