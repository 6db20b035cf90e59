/*
 * fs/proc/proc_net.c - /proc/net (Linux: fs/proc/proc_net.c).
 *
 * The network files (net/unix/af_unix.c's "net/unix", net/ipv4/proc.c's
 * "net/tcp" and "net/udp") describe a network namespace, so Linux shows
 * them in each process's /proc/PID/net and makes /proc/net a symbolic
 * link to self/net: a process always reads its own namespace's sockets.
 * faultline has one namespace, but keeps the shape, so `ls -l /proc` and
 * readlink("/proc/net") answer as on Linux.
 */
#include <proc_fs.h>
#include <init.h>

static int proc_net_init(void)
{
	return proc_symlink("net", "self/net");	/* Linux proc_net_init */
}
fs_initcall(proc_net_init);
