/*
 * net/socket.c - sockets (Linux: net/socket.c). faultline has no address
 * family yet, so socket() and socketpair() answer as a Linux kernel built
 * without any does: EAFNOSUPPORT, not ENOSYS. The difference matters:
 * musl's and glibc's name-service lookups (getpwnam, getgrgid) first try
 * the nscd socket and fall back to /etc/passwd and /etc/group only when the
 * family is unsupported or the daemon absent; ENOSYS makes them fail.
 */
#include <syscalls.h>
#include <errno.h>

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	return -EAFNOSUPPORT;
}

SYSCALL_DEFINE4(socketpair, int, family, int, type, int, protocol, int __user *, usockvec)
{
	return -EAFNOSUPPORT;
}
