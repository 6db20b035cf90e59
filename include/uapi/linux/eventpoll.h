/*
 * include/uapi/linux/eventpoll.h - epoll's numbers (Linux: the same path):
 * the epoll_ctl operations, the event bits (the poll bits, plus the flags
 * in the top bits that change how an item is reported). struct epoll_event
 * (packed on x86-64: 12 bytes) is fs/eventpoll.c's.
 */
#ifndef _UAPI_LINUX_EVENTPOLL_H
#define _UAPI_LINUX_EVENTPOLL_H
#include "../asm-generic/fcntl.h"

#define EPOLL_CLOEXEC O_CLOEXEC

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

#define EPOLLIN 0x00000001
#define EPOLLPRI 0x00000002
#define EPOLLOUT 0x00000004
#define EPOLLERR 0x00000008
#define EPOLLHUP 0x00000010
#define EPOLLNVAL 0x00000020
#define EPOLLRDNORM 0x00000040
#define EPOLLRDBAND 0x00000080
#define EPOLLWRNORM 0x00000100
#define EPOLLWRBAND 0x00000200
#define EPOLLMSG 0x00000400
#define EPOLLRDHUP 0x00002000
#define EPOLLEXCLUSIVE (1U << 28)	/* wake one waiter only (ADD only) */
#define EPOLLWAKEUP (1U << 29)		/* hold a wakeup source (needs CAP_BLOCK_SUSPEND) */
#define EPOLLONESHOT (1U << 30)		/* report once, then wait for EPOLL_CTL_MOD */
#define EPOLLET (1U << 31)		/* report changes, not levels */

#endif
