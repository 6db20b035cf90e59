/*
 * include/uapi/asm-generic/poll.h - the poll(2) event bits (Linux: the
 * same path; x86-64 uses the generic values). f_op->poll returns them, and
 * epoll's EPOLL* bits of the same names have the same values.
 */
#ifndef _UAPI_ASM_GENERIC_POLL_H
#define _UAPI_ASM_GENERIC_POLL_H

#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG 0x0400
#define POLLREMOVE 0x1000
#define POLLRDHUP 0x2000

#endif
