/*
 * net/socket.c - the socket system calls (Linux: net/socket.c).  Two
 * address families: AF_UNIX (net/unix/) and AF_INET over loopback only
 * (net/ipv4/); socket() for any other answers EAFNOSUPPORT, as a Linux
 * built without that family does.
 * Each call checks the descriptor the way Linux's sockfd_lookup does: EBADF
 * for no file, ENOTSOCK for a file that is not a socket, then goes to the
 * family's struct proto_ops.  Addresses come in through
 * move_addr_to_kernel and go out through move_addr_to_user, with Linux's
 * rules for their lengths.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <net.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>

#define SOL_SOCKET 1

struct user_msghdr {
	void __user *msg_name;
	int msg_namelen;
	struct iovec __user *msg_iov;
	u64 msg_iovlen;
	void __user *msg_control;
	u64 msg_controllen;
	unsigned msg_flags;
};

/* Linux __sys_socket_create and __sock_create: flags, family range, type range, family. */
static int socket_args(int family, int type, int protocol)
{
	int kind = type & SOCK_TYPE_MASK;
	if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	if (family < 0 || family >= NPROTO)
		return -EAFNOSUPPORT;
	if (kind >= SOCK_MAX)
		return -EINVAL;
	if (family == AF_INET)
		return inet_socket_args(kind, protocol);
	if (family != AF_UNIX)
		return -EAFNOSUPPORT;
	if (protocol && protocol != AF_UNIX)	/* Linux unix_create: 0 or PF_UNIX */
		return -EPROTONOSUPPORT;
	if (kind != SOCK_STREAM && kind != SOCK_DGRAM && kind != SOCK_SEQPACKET && kind != SOCK_RAW)
		return -ESOCKTNOSUPPORT;
	return 0;
}

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	int err = socket_args(family, type, protocol), flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (err)
		return err;
	if (family == AF_INET)
		return inet_create(type & SOCK_TYPE_MASK, protocol, flags);
	return unix_create(type & SOCK_TYPE_MASK, flags);
}

SYSCALL_DEFINE4(socketpair, int, family, int, type, int, protocol, int __user *, usockvec)
{
	int kind = type & SOCK_TYPE_MASK, fds[2], err;
	if ((err = socket_args(family, type, protocol)))
		return err;
	if (family != AF_UNIX)
		return -EOPNOTSUPP;		/* Linux sock_no_socketpair */
	if ((err = unix_socketpair(kind == SOCK_RAW ? SOCK_DGRAM : kind, type & (SOCK_NONBLOCK | SOCK_CLOEXEC), fds)))
		return err;
	if (copy_to_user(usockvec, fds, sizeof(fds))) {
		close_fd(fds[0]);
		close_fd(fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* The family's operations for a socket file; NULL if f is not a socket. */
const struct proto_ops *sock_ops(struct file *f)
{
	if (is_unix_socket(f))
		return &unix_proto_ops;
	return is_inet_socket(f) ? &inet_proto_ops : NULL;
}

/* The socket behind fd (Linux: sockfd_lookup). */
static struct file *sockfd_lookup(int fd, int *err)
{
	struct file *f = fget(fd);
	*err = !f ? -EBADF : !sock_ops(f) ? -ENOTSOCK : 0;
	return *err ? NULL : f;
}

/* Linux move_addr_to_kernel: at most a sockaddr_storage; length 0 copies nothing. */
static int move_addr_to_kernel(void __user *uaddr, int ulen, struct sockaddr_storage *kaddr)
{
	memset(kaddr, 0, sizeof(*kaddr));
	if (ulen < 0 || ulen > (int)sizeof(*kaddr))
		return -EINVAL;
	if (ulen && copy_from_user(kaddr, uaddr, ulen))
		return -EFAULT;
	return 0;
}

/* Linux move_addr_to_user: as much as *ulen allows; *ulen becomes the whole length. */
static int move_addr_to_user(const struct sockaddr_storage *kaddr, int klen, void __user *uaddr, int __user *ulen)
{
	int len;
	if (get_user(len, ulen))
		return -EFAULT;
	len = MIN(len, klen);
	if (len < 0)
		return -EINVAL;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(bind, int, fd, void __user *, umyaddr, int, addrlen)
{
	struct sockaddr_storage a;
	int err;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if ((err = move_addr_to_kernel(umyaddr, addrlen, &a)))
		return err;
	return sock_ops(f)->bind(f, &a, addrlen);
}

SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	int err;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if ((unsigned)backlog > SOMAXCONN)	/* a negative backlog too */
		backlog = SOMAXCONN;
	return sock_ops(f)->listen(f, backlog);
}

SYSCALL_DEFINE3(connect, int, fd, void __user *, uservaddr, int, addrlen)
{
	struct sockaddr_storage a;
	int err;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if ((err = move_addr_to_kernel(uservaddr, addrlen, &a)))
		return err;
	return sock_ops(f)->connect(f, &a, addrlen);
}

/* Linux __sys_accept4: EBADF, then bad flags, then ENOTSOCK. */
static long do_accept4(int fd, void __user *upeer_sockaddr, int __user *upeer_addrlen, int flags)
{
	struct sockaddr_storage a;
	int err, len, newfd;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	if (!sock_ops(f))
		return -ENOTSOCK;
	newfd = sock_ops(f)->accept(f, flags, upeer_sockaddr ? &a : NULL, &len);
	if (newfd >= 0 && upeer_sockaddr && (err = move_addr_to_user(&a, len, upeer_sockaddr, upeer_addrlen))) {
		close_fd(newfd);		/* Linux: the connection is lost with the descriptor */
		return err;
	}
	return newfd;
}

SYSCALL_DEFINE4(accept4, int, fd, void __user *, upeer_sockaddr, int __user *, upeer_addrlen, int, flags)
{
	return do_accept4(fd, upeer_sockaddr, upeer_addrlen, flags);
}

SYSCALL_DEFINE3(accept, int, fd, void __user *, upeer_sockaddr, int __user *, upeer_addrlen)
{
	return do_accept4(fd, upeer_sockaddr, upeer_addrlen, 0);
}

SYSCALL_DEFINE6(sendto, int, fd, void __user *, buff, size_t, len, unsigned, flags, void __user *, addr, int, addr_len)
{
	struct iovec iov = { buff, len };
	struct sockaddr_storage a;
	int err;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if (addr && (err = move_addr_to_kernel(addr, addr_len, &a)))
		return err;
	return sock_ops(f)->sendmsg(f, &iov, 1, flags, NULL, addr && addr_len ? &a : NULL, addr_len);
}

SYSCALL_DEFINE6(recvfrom, int, fd, void __user *, ubuf, size_t, size, unsigned, flags, void __user *, addr,
		int __user *, addr_len)
{
	struct iovec iov = { ubuf, size };
	struct sockaddr_storage from;
	int err, mf = 0, fromlen = 0;
	ssize_t r;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	r = sock_ops(f)->recvmsg(f, &iov, 1, flags, &mf, NULL, &from, &fromlen);
	if (r >= 0 && addr && (err = move_addr_to_user(&from, fromlen, addr, addr_len)))
		return err;
	return r;
}

/* The iovec array of a msghdr, checked as readv's is. */
static int import_msg(const struct user_msghdr *m, struct iovec **iov)
{
	if (m->msg_iovlen > IOV_MAX)
		return -EMSGSIZE;
	if (!(*iov = kmalloc(sizeof(struct iovec) * (m->msg_iovlen ? m->msg_iovlen : 1), 0)))
		return -ENOMEM;
	if (copy_from_user(*iov, m->msg_iov, sizeof(struct iovec) * m->msg_iovlen)) {
		kfree(*iov);
		return -EFAULT;
	}
	return 0;
}

/* ---------------------------------------------------------------- SCM_RIGHTS */
struct cmsghdr_k { u64 cmsg_len; int cmsg_level, cmsg_type; };
#define CMSG_ALIGN_K(n) (((n) + 7) & ~7UL)
#define CMSG_HDR CMSG_ALIGN_K(sizeof(struct cmsghdr_k))
#define OPTMEM_MAX 20480		/* Linux: net.core.optmem_max, the most control data taken */

/* Take a reference on each descriptor of one SCM_RIGHTS message. */
static int add_rights(struct unix_fds **fds, const int *ufds, int n)
{
	if (!*fds && !(*fds = kzalloc(sizeof(**fds))))
		return -ENOMEM;
	if (n <= 0 || (*fds)->count + n > SCM_MAX_FD)
		return -EINVAL;
	for (int i = 0; i < n; i++) {
		struct file *file = fget(ufds[i]);
		if (!file)
			return -EBADF;
		file->f_count++;
		(*fds)->files[(*fds)->count++] = file;
	}
	return 0;
}

/* Walk sendmsg's control data (Linux: __scm_send): SCM_RIGHTS only. */
static int scm_send(const struct user_msghdr *m, struct unix_fds **fds)
{
	u8 *buf;
	size_t off = 0;
	int err = 0;
	if (m->msg_controllen > OPTMEM_MAX)
		return -ENOBUFS;
	if (!(buf = kmalloc(m->msg_controllen, 0)))
		return -ENOMEM;
	if (copy_from_user(buf, m->msg_control, m->msg_controllen))
		err = -EFAULT;
	while (!err && off + sizeof(struct cmsghdr_k) <= m->msg_controllen) {
		struct cmsghdr_k *c = (struct cmsghdr_k *)(buf + off);
		if (c->cmsg_len < sizeof(*c) || c->cmsg_len > m->msg_controllen - off)
			err = -EINVAL;
		else if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			err = -EINVAL;		/* SCM_CREDENTIALS: not yet */
		else
			err = add_rights(fds, (int *)(buf + off + CMSG_HDR), (c->cmsg_len - CMSG_HDR) / sizeof(int));
		off += CMSG_ALIGN_K(c->cmsg_len ? c->cmsg_len : 1);
	}
	kfree(buf);
	return err;
}

/* Give the received files descriptors and write the SCM_RIGHTS message;
 * what does not fit is closed and MSG_CTRUNC set (Linux: scm_detach_fds). */
static int scm_recv(struct user_msghdr __user *umsg, const struct user_msghdr *m, struct unix_fds *fds,
		    int flags, int *mf, u64 *used)
{
	struct cmsghdr_k c = { 0, SOL_SOCKET, SCM_RIGHTS };
	int room = m->msg_controllen >= CMSG_HDR + sizeof(int) ? (m->msg_controllen - CMSG_HDR) / sizeof(int) : 0;
	int n = 0;
	*used = 0;
	if (!fds)
		return 0;
	for (; n < fds->count && n < room; n++) {
		int fd = install_cloexec(fds->files[n], 0, flags & MSG_CMSG_CLOEXEC);
		if (fd < 0 || put_user(fd, (int __user *)((u8 __user *)m->msg_control + CMSG_HDR) + n))
			break;
		fds->files[n] = NULL;		/* the descriptor holds the reference now */
	}
	if (n < fds->count)
		*mf |= MSG_CTRUNC;
	if (!n)
		return 0;
	c.cmsg_len = CMSG_HDR + n * sizeof(int);
	*used = MIN(m->msg_controllen, CMSG_ALIGN_K(c.cmsg_len));
	return copy_to_user(m->msg_control, &c, sizeof(c)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(sendmsg, int, fd, struct user_msghdr __user *, umsg, unsigned, flags)
{
	struct sockaddr_storage a;
	struct unix_fds *fds = NULL;
	struct user_msghdr m;
	struct iovec *iov;
	ssize_t r;
	int err;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if (copy_from_user(&m, umsg, sizeof(m)))
		return -EFAULT;
	if (m.msg_namelen < 0)
		return -EINVAL;
	m.msg_namelen = MIN(m.msg_namelen, (int)sizeof(a));	/* Linux copy_msghdr_from_user */
	if (m.msg_name && m.msg_namelen && (err = move_addr_to_kernel(m.msg_name, m.msg_namelen, &a)))
		return err;
	if ((err = import_msg(&m, &iov)))
		return err;
	if (m.msg_controllen && (err = scm_send(&m, &fds))) {
		unix_fds_put(fds);
		kfree(iov);
		return err;
	}
	if (fds && sock_ops(f)->family != AF_UNIX)
		r = -EINVAL;			/* Linux __scm_send: SCM_RIGHTS is AF_UNIX's */
	else
		r = sock_ops(f)->sendmsg(f, iov, (int)m.msg_iovlen, flags, &fds, m.msg_name && m.msg_namelen ? &a : NULL,
			 m.msg_namelen);
	unix_fds_put(fds);			/* not sent: the references go back */
	kfree(iov);
	return r;
}

SYSCALL_DEFINE3(recvmsg, int, fd, struct user_msghdr __user *, umsg, unsigned, flags)
{
	struct user_msghdr m;
	struct iovec *iov;
	int err, mf = 0;
	ssize_t r;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if (copy_from_user(&m, umsg, sizeof(m)))
		return -EFAULT;
	if ((err = import_msg(&m, &iov)))
		return err;
	struct unix_fds *fds = NULL;
	struct sockaddr_storage from;
	int fromlen = 0;
	u64 used;
	r = sock_ops(f)->recvmsg(f, iov, (int)m.msg_iovlen, flags, &mf, &fds, &from, &fromlen);
	kfree(iov);
	if (r < 0)
		return r;
	err = scm_recv(umsg, &m, fds, flags, &mf, &used);
	unix_fds_put(fds);			/* closes what did not fit */
	/* The sender's name (Linux ____sys_recvmsg: only if msg_name is set); the control
	 * data used; msg_flags says what was cut. */
	if (!err && m.msg_name)
		err = move_addr_to_user(&from, fromlen, m.msg_name, &umsg->msg_namelen);
	if (err)
		return err;
	if (put_user(used, &umsg->msg_controllen) || put_user((unsigned)mf, &umsg->msg_flags))
		return -EFAULT;
	return r;
}

SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	int err;
	struct file *f = sockfd_lookup(fd, &err);
	return f ? sock_ops(f)->shutdown(f, how) : err;
}

/* Linux __sys_getsockopt: the family answers into a kernel buffer; the caller
 * gets as much as its length allows (sk_getsockopt: "if (len > lv) len = lv"). */
SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, optname, void __user *, optval, int __user *, optlen)
{
	u8 val[SOCKOPT_MAX] = { 0 };
	int err, len, n;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if ((n = sock_ops(f)->getsockopt(f, level, optname, val)) < 0)
		return n;
	len = MIN(len, n);
	if (copy_to_user(optval, val, len) || put_user(len, optlen))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, optname, void __user *, optval, int, optlen)
{
	u8 val[SOCKOPT_MAX] = { 0 };
	int err;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if (optlen < 0)
		return -EINVAL;
	if (optlen && copy_from_user(val, optval, MIN(optlen, SOCKOPT_MAX)))
		return -EFAULT;
	return sock_ops(f)->setsockopt(f, level, optname, val, optlen);
}

/* Linux __sys_getsockname / __sys_getpeername. */
static int socket_name(int fd, void __user *uaddr, int __user *ulen, bool peer)
{
	struct sockaddr_storage a;
	int err, len;
	struct file *f = sockfd_lookup(fd, &err);
	if (!f)
		return err;
	if ((len = sock_ops(f)->getname(f, &a, peer)) < 0)
		return len;
	return move_addr_to_user(&a, len, uaddr, ulen);
}

SYSCALL_DEFINE3(getsockname, int, fd, void __user *, usockaddr, int __user *, usockaddr_len)
{
	return socket_name(fd, usockaddr, usockaddr_len, false);
}

SYSCALL_DEFINE3(getpeername, int, fd, void __user *, usockaddr, int __user *, usockaddr_len)
{
	return socket_name(fd, usockaddr, usockaddr_len, true);
}
