/*
 * net/ipv4/proc.c - /proc/net/tcp and /proc/net/udp: the IPv4 sockets
 * (Linux: net/ipv4/tcp_ipv4.c tcp4_seq_show, net/ipv4/udp.c
 * udp4_seq_show), which netstat and ss read.
 *
 * One line per socket, padded with spaces to a fixed width (149 and 127
 * characters, Linux's seq_setwidth), addresses as the 32-bit word of
 * network order printed in hex (127.0.0.1 is 0100007F on x86) and ports
 * in host order.  TCP lists listeners and connections (a connection not
 * accepted yet has no file: inode 0), not sockets that are only bound;
 * UDP lists every bound socket.  faultline has no packets, so the
 * retransmit timer, its count and the congestion window are always at
 * their start values, and a sent byte is acknowledged at once (the send
 * queue is always 0).
 */
#include <fs.h>
#include <proc_fs.h>
#include <init.h>
#include "inet_sock.h"

#define TCP_LINE_WIDTH 149		/* Linux: TMPSZ - 1 */
#define UDP_LINE_WIDTH 127
#define TCP_RTO_CLOCK_T 100		/* TCP_TIMEOUT_INIT, 1 s, in USER_HZ ticks */
#define TCP_INIT_CWND 10
#define UDP_HTABLE_MASK 255		/* Linux: UDP_HTABLE_SIZE_MIN - 1 on a small machine */

static bool tcp_listed(const struct inet_sock *sk)
{
	return is_tcp(sk) && !sk->dead && sk->state != TCP_CLOSE;
}

/* Linux get_tcp4_sock: a listener's receive queue is its accept backlog; ssthresh is -1 in slow start. */
static void tcp_sock_line(struct seq_file *m, const struct inet_sock *sk, int i)
{
	bool listen = sk->state == TCP_LISTEN;

	seq_printf(m, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %016lx %lu %lu %u %u %d",
		   i, sk->saddr, sk->sport, sk->daddr, sk->dport, sk->state, 0,
		   listen ? sk->accept_qlen : (int)sk->queued, 0, 0UL, 0, sk->uid, 0, sk->ino, sk->refcnt,
		   sock_hashed_ptr(sk), (u64)TCP_RTO_CLOCK_T, 0UL, 0, TCP_INIT_CWND, listen ? 0 : -1);
	seq_pad(m, TCP_LINE_WIDTH, '\n');
}

static void tcp4_seq_show(struct seq_file *m)
{
	struct inet_sock *sk = NULL;
	int i = 0;

	seq_puts(m, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode");
	seq_pad(m, TCP_LINE_WIDTH, '\n');
	while ((sk = inet_next_bound(sk)))
		if (tcp_listed(sk))
			tcp_sock_line(m, sk, i++);
}

/* Linux udp4_format_sock: the hash bucket of the port, the receive memory the datagrams take. */
static void udp_sock_line(struct seq_file *m, const struct inet_sock *sk)
{
	u64 rmem = sk->queued + (u64)sk->qlen * UDP_SKB_OVERHEAD;

	seq_printf(m, "%5d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %016lx %u",
		   sk->sport & UDP_HTABLE_MASK, sk->saddr, sk->sport, sk->daddr, sk->dport, sk->state, 0, (u32)rmem,
		   0, 0UL, 0, sk->uid, 0, sk->ino, sk->refcnt, sock_hashed_ptr(sk), 0);
	seq_pad(m, UDP_LINE_WIDTH, '\n');
}

static void udp4_seq_show(struct seq_file *m)
{
	struct inet_sock *sk = NULL;

	seq_puts(m, "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops");
	seq_pad(m, UDP_LINE_WIDTH, '\n');
	while ((sk = inet_next_bound(sk)))
		if (!is_tcp(sk) && !sk->dead)
			udp_sock_line(m, sk);
}

static int inet_proc_init(void)
{
	return proc_create_single("net/tcp", tcp4_seq_show) || proc_create_single("net/udp", udp4_seq_show);
}
fs_initcall(inet_proc_init);
