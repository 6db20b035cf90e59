/*
 * net/unix/af_unix.h - what the files of net/unix/ share: the socket itself
 * and its name (Linux: include/net/af_unix.h).
 *
 * Who holds a struct unix_sock (refcnt, Linux sock_hold/sock_put):
 *   - its file, from socket()/socketpair()/accept() until close, or, for a
 *     connection not yet accepted (an "embryo"), its listener's queue;
 *   - every socket whose peer it is (u->peer), so a datagram socket may
 *     outlive the close of the one it is connected to and learn of it
 *     (SOCK_DEAD: its next send is ECONNREFUSED, as Linux's).
 * The last sock_put frees it with its queue, its name and its inode.
 * Everything here runs without locks: faultline has one CPU and does not
 * preempt the kernel, so only a sleep lets another task in.
 */
#ifndef _FAULTLINE_NET_UNIX_AF_UNIX_H
#define _FAULTLINE_NET_UNIX_AF_UNIX_H
#include <net.h>
#include <list.h>

/* sk_state (Linux include/net/tcp_states.h, which AF_UNIX reuses) */
#define TCP_ESTABLISHED 1
#define TCP_CLOSE 7
#define TCP_LISTEN 10

#define RCV_SHUTDOWN 1			/* Linux sk_shutdown bits */
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

#define UNIX_RCVBUF (208 * 1024)	/* Linux: net.core.wmem_default, 212992 */
#define UNIX_MAX_DGRAM_QLEN 10		/* Linux: net.unix.max_dgram_qlen */

/* A bound name: what getsockname returns, shared by a listener and the
 * sockets it accepts (Linux: struct unix_address). */
struct unix_address {
	int refcnt;
	int len;			/* bytes of name that count: 2 + path + NUL, or 2 + abstract bytes */
	struct sockaddr_un name;
};

struct unix_sock {
	int refcnt;
	int type;			/* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
	int state;			/* TCP_CLOSE, TCP_LISTEN, TCP_ESTABLISHED */
	int shutdown;			/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	int err;			/* sk_err: ECONNRESET for the next receive or SO_ERROR */
	bool dead;			/* SOCK_DEAD: its file is closed */
	struct unix_sock *peer;		/* connected to (a reference), or NULL */
	struct list_head queue;		/* what others sent us (struct unix_skb) */
	size_t queued;			/* bytes in queue */
	int qlen;			/* buffers in queue */
	/* a listener: connections not accepted yet, oldest first */
	struct list_head accept_q;
	int accept_qlen, backlog;
	struct list_head accept_node;	/* an embryo: its place in the listener's accept_q */
	/* its name (net/unix/addr.c) */
	struct unix_address *addr;	/* NULL: unnamed */
	struct inode *inode;		/* a file-system name: the S_IFSOCK inode (a reference) */
	/* SO_PEERCRED: the peer's process and ids when it connected (Linux sk_peer_pid,
	 * sk_peer_cred); a listener keeps its own, for its clients to copy */
	struct ucred peercred;
	bool has_peercred;
	struct list_head bound;		/* in the table of names, if named */
	struct list_head node;		/* in the list of every socket (/proc/net/unix) */
	u64 ino;			/* its socket file's inode number; 0 before it has a file */
};

/* One send's bytes and what rides with them. */
struct unix_skb {
	struct list_head list;
	size_t len, off;		/* bytes in data, bytes already taken (streams) */
	struct unix_fds *fds;		/* files passed with it (SCM_RIGHTS), or NULL */
	struct unix_address *from;	/* the sender's name, or NULL (recvfrom's address) */
	u8 data[];
};

static inline bool unix_connection_based(const struct unix_sock *u)
{
	return u->type == SOCK_STREAM || u->type == SOCK_SEQPACKET;
}

/* af_unix.c */
extern const struct file_operations unix_socket_ops;
struct unix_sock *unix_sk(struct file *f);
struct unix_sock *unix_alloc(int type);
void unix_free(struct unix_sock *u);	/* one that never got a file, or the last sock_put */
void sock_hold(struct unix_sock *u);
void sock_put(struct unix_sock *u);
void unix_release_sock(struct unix_sock *u, bool embryo);
int unix_install(struct unix_sock *u, u32 flags);	/* a descriptor for u, or -errno */
void unix_purge_queue(struct unix_sock *u);
void unix_free_skb(struct unix_skb *skb);
void init_peercred(struct unix_sock *u);

/* msg.c */
ssize_t unix_read(struct file *f, char __user *buf, size_t n);
ssize_t unix_write(struct file *f, const char __user *buf, size_t n);
unsigned unix_poll(struct file *f);
void unix_dgram_disconnected(struct unix_sock *u, struct unix_sock *old);

/* addr.c (Linux: unix_bind, unix_find_other, unix_getname) */
int unix_validate_addr(const struct sockaddr_storage *a, int len);
struct unix_sock *unix_find_other(struct sockaddr_storage *a, int len, int type, int *err);
void unix_unbind(struct unix_sock *u);
void unix_addr_put(struct unix_address *a);
struct unix_address *unix_addr_get(struct unix_address *a);
int unix_name_of(const struct unix_sock *u, struct sockaddr_storage *out);	/* its length */

#endif
