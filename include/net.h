/*
 * include/net.h - what the socket calls (net/socket.c) and the address
 * families (net/unix/) share (Linux: include/linux/net.h, socket.h).
 */
#ifndef _FAULTLINE_NET_H
#define _FAULTLINE_NET_H
#include "types.h"
#include "fs.h"

#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define NPROTO 46			/* Linux AF_MAX: families are below it */
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3			/* AF_UNIX takes it as SOCK_DGRAM (Linux unix_create) */
#define SOCK_SEQPACKET 5
#define SOCK_PACKET 10			/* Linux: AF_INET + SOCK_PACKET is really AF_PACKET */
#define SOCK_MAX 11			/* Linux: SOCK_PACKET + 1; a type at or past it is EINVAL */
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK O_NONBLOCK
#define SOCK_CLOEXEC O_CLOEXEC

#define MSG_OOB 0x1
#define MSG_CTRUNC 0x8
#define MSG_PEEK 0x2
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SCM_RIGHTS 1
#define SCM_MAX_FD 253			/* Linux: files one message may carry */

#define SOMAXCONN 4096			/* Linux: net.core.somaxconn, listen()'s ceiling */
#define UNIX_PATH_MAX 108

/* What bind/connect/sendto name, copied in whole (Linux: struct sockaddr_storage, 128 bytes). */
struct sockaddr_storage {
	u16 ss_family;
	char __data[126];
};

/* AF_UNIX's view of it (Linux: struct sockaddr_un); sun_path[0] == 0 names the abstract namespace. */
struct sockaddr_un {
	u16 sun_family;
	char sun_path[UNIX_PATH_MAX];
};

/* AF_INET's view of it (Linux: struct sockaddr_in); port and address in network order. */
struct sockaddr_in {
	u16 sin_family;
	u16 sin_port;
	u32 sin_addr;
	u8 sin_zero[8];
};

static inline u16 htons(u16 x) { return (u16)((x << 8) | (x >> 8)); }
static inline u16 ntohs(u16 x) { return htons(x); }

/* SO_PEERCRED's answer: who the peer was when it connected (Linux: struct ucred). */
struct ucred {
	u32 pid, uid, gid;
};

/* Files in flight with one message (SCM_RIGHTS), a reference each (Linux: struct scm_fp_list). */
struct unix_fds {
	int count;
	struct file *files[SCM_MAX_FD];
};

/*
 * What an address family does for the socket calls (Linux: struct
 * proto_ops).  net/socket.c finds the table from the file (sock_ops) and
 * has already checked the descriptor and copied the address in.
 *   sendmsg  @to: sendto's address (NULL: the peer's); *fds: SCM_RIGHTS
 *            files, taken if sent (AF_UNIX only: socket.c refuses them
 *            for other families)
 *   recvmsg  @from, *fromlen: the sender's name (len 0: none); from may be NULL
 *   getname  the name's length, or -errno
 *   getsockopt  writes at most SOCKOPT_MAX bytes to @val, returns how many
 *   setsockopt  @val holds MIN(len, SOCKOPT_MAX) bytes; @len is the caller's
 */
#define SOCKOPT_MAX 16
struct proto_ops {
	int family;
	int (*bind)(struct file *f, struct sockaddr_storage *a, int len);
	int (*connect)(struct file *f, struct sockaddr_storage *a, int len);
	int (*listen)(struct file *f, int backlog);
	int (*accept)(struct file *f, u32 flags, struct sockaddr_storage *peer, int *peerlen);
	int (*getname)(struct file *f, struct sockaddr_storage *out, bool peer);
	ssize_t (*sendmsg)(struct file *f, const struct iovec *iov, int iovcnt, int flags, struct unix_fds **fds,
			   struct sockaddr_storage *to, int tolen);
	ssize_t (*recvmsg)(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
			   struct unix_fds **fds, struct sockaddr_storage *from, int *fromlen);
	int (*shutdown)(struct file *f, int how);
	int (*getsockopt)(struct file *f, int level, int optname, void *val);
	int (*setsockopt)(struct file *f, int level, int optname, const void *val, int len);
};

extern const struct proto_ops unix_proto_ops;	/* net/unix/af_unix.c */
extern const struct proto_ops inet_proto_ops;	/* net/ipv4/af_inet.c */
bool is_inet_socket(struct file *f);
int inet_socket_args(int type, int protocol);	/* socket(AF_INET, ...)'s checks (Linux inet_create) */
int inet_create(int type, int protocol, u32 flags);	/* a new socket's descriptor, or -errno */

/* net/iov.c: an iovec array as one run of bytes */
size_t iov_total(const struct iovec *iov, int iovcnt);
int iov_copy_from(void *dst, const struct iovec *iov, int iovcnt, size_t at, size_t len);
int iov_copy_to(const struct iovec *iov, int iovcnt, size_t at, const void *src, size_t n);

/* net/unix/af_unix.c: the data path */
bool is_unix_socket(struct file *f);
int unix_socketpair(int type, u32 flags, int fds[2]);
/* @to: sendto's address (NULL: the peer's); *fds: SCM_RIGHTS files, taken if sent */
ssize_t unix_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, struct unix_fds **fds,
		     struct sockaddr_storage *to, int tolen);
/* @from, *fromlen: the sender's name (len 0: unnamed); from may be NULL */
ssize_t unix_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
		     struct unix_fds **fds, struct sockaddr_storage *from, int *fromlen);
void unix_fds_put(struct unix_fds *fds);
int unix_shutdown(struct file *f, int how);
int unix_type(struct file *f);
int unix_sock_error(struct file *f);		/* SO_ERROR: the pending error, cleared */
void unix_peercred(struct file *f, struct ucred *out);	/* SO_PEERCRED */

/* net/unix/connect.c: socket, listen, connect, accept */
int unix_create(int type, u32 flags);		/* a new socket's descriptor, or -errno */
int unix_listen(struct file *f, int backlog);
int unix_connect(struct file *f, struct sockaddr_storage *a, int len);
int unix_accept(struct file *f, u32 flags, struct sockaddr_storage *peer, int *peerlen);

/* net/unix/addr.c: names */
int unix_bind(struct file *f, struct sockaddr_storage *a, int len);
int unix_getname(struct file *f, struct sockaddr_storage *out, bool peer);	/* its length, or -ENOTCONN */

/*
 * How /proc/net/unix, tcp and udp name a socket in their "%pK" column: Linux
 * prints a hash of the address to a reader without kptr_restrict rights,
 * never the address itself; a multiplicative hash does the same here.
 */
#define GOLDEN_RATIO_64 0x61C8864680B583EBull
static inline u64 sock_hashed_ptr(const void *p)
{
	return ((u64)p * GOLDEN_RATIO_64) >> 32;
}

#endif
