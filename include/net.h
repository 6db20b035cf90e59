/*
 * include/net.h - what the socket calls (net/socket.c) and the address
 * families (net/unix/) share (Linux: include/linux/net.h, socket.h).
 */
#ifndef _FAULTLINE_NET_H
#define _FAULTLINE_NET_H
#include "types.h"
#include "fs.h"

#define AF_UNIX 1
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK O_NONBLOCK
#define SOCK_CLOEXEC O_CLOEXEC

#define MSG_CTRUNC 0x8
#define MSG_PEEK 0x2
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SCM_RIGHTS 1
#define SCM_MAX_FD 253			/* Linux: files one message may carry */

/* Files in flight with one message (SCM_RIGHTS), a reference each (Linux: struct scm_fp_list). */
struct unix_fds {
	int count;
	struct file *files[SCM_MAX_FD];
};

/* net/unix/af_unix.c */
bool is_unix_socket(struct file *f);
int unix_socketpair(int type, u32 flags, int fds[2]);
ssize_t unix_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, struct unix_fds **fds);
ssize_t unix_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
		     struct unix_fds **fds);
void unix_fds_put(struct unix_fds *fds);
int unix_shutdown(struct file *f, int how);
int unix_type(struct file *f);

#endif
