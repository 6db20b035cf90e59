/*
 * pipe2_packet - pipe2(O_DIRECT): packet mode, and pipe2's other flags
 * (fs/pipe.c). Expected: F_GETFL shows O_DIRECT on both ends; each write is
 * one packet and a read returns one packet, however big the buffer; a read
 * shorter than the packet gets its start and the rest is thrown away; a
 * 6000-byte write is a 4096-byte packet and a 1904-byte one; a 0-byte
 * write puts no packet in; a non-blocking writer fits 16 one-byte packets
 * (one page each) and then gets EAGAIN. Without O_DIRECT writes merge. A
 * non-blocking write of at most PIPE_BUF bytes goes in whole or not at all
 * (EAGAIN), a longer one goes in partly. F_SETFL can set and clear
 * O_DIRECT on a pipe (it is in Linux's SETFL_MASK). pipe2 with an unknown flag is
 * EINVAL; O_CLOEXEC marks both ends, O_NONBLOCK sets both files.
 */
#include "fsutil.h"

int main(void)
{
	int p[2], q[2], n = 0;
	char buf[8192];

	setvbuf(stdout, NULL, _IONBF, 0);
	SHOW("pipe2(O_DIRECT)", pipe2(p, O_DIRECT));
	printf("O_DIRECT on read end %d, write end %d\n", !!(fcntl(p[0], F_GETFL) & O_DIRECT),
	       !!(fcntl(p[1], F_GETFL) & O_DIRECT));
	write(p[1], "hello", 5);
	write(p[1], "world!", 6);
	SHOWN("read 100 -> one packet", read(p[0], buf, 100));
	SHOWN("read 100 -> the next", read(p[0], buf, 100));
	printf("data: %.6s\n", buf);
	write(p[1], "abcdefgh", 8);
	write(p[1], "XY", 2);
	SHOWN("read 3 of an 8-byte packet", read(p[0], buf, 3));
	printf("data: %.3s\n", buf);
	SHOWN("next read: the next packet", read(p[0], buf, 100));
	printf("data: %.2s\n", buf);
	memset(buf, 'z', sizeof buf);
	SHOWN("write 6000", write(p[1], buf, 6000));
	SHOWN("read 8192", read(p[0], buf, 8192));
	SHOWN("read 8192", read(p[0], buf, 8192));
	SHOWN("write 0", write(p[1], buf, 0));
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	SHOWN("read, nothing there", read(p[0], buf, 10));
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	printf("O_DIRECT after F_SETFL O_NONBLOCK: %d\n", !!(fcntl(p[1], F_GETFL) & O_DIRECT));
	SHOW("F_SETFL O_DIRECT|O_NONBLOCK", fcntl(p[1], F_SETFL, O_DIRECT | O_NONBLOCK));
	while (write(p[1], "x", 1) == 1 && n < 100)
		n++;
	printf("one-byte packets that fit: %d, then %s\n", n, errno_name(errno));
	close(p[0]);
	close(p[1]);
	pipe2(p, O_DIRECT);
	fcntl(p[1], F_SETFL, 0);
	write(p[1], "ab", 2);
	write(p[1], "cd", 2);
	SHOWN("O_DIRECT cleared by F_SETFL: read 100", read(p[0], buf, 100));
	close(p[0]);
	close(p[1]);

	SHOW("pipe2(O_NONBLOCK)", pipe2(q, O_NONBLOCK));
	write(q[1], "ab", 2);
	write(q[1], "cd", 2);
	SHOWN("plain pipe: read 100", read(q[0], buf, 100));
	memset(buf, 'y', sizeof buf);
	for (int i = 0; i < 15; i++)
		write(q[1], buf, 4096);
	SHOWN("write 4095 (fits)", write(q[1], buf, 4095));
	SHOWN("write 2 (PIPE_BUF atomic: no room)", write(q[1], buf, 2));
	SHOWN("write 1", write(q[1], buf, 1));
	SHOWN("write 1 into a full pipe", write(q[1], buf, 1));
	read(q[0], buf, 4096);
	SHOWN("write 5000 after a page was read (partial)", write(q[1], buf, 5000));
	printf("F_GETFL O_NONBLOCK %d %d, F_GETFD %d %d\n", !!(fcntl(q[0], F_GETFL) & O_NONBLOCK),
	       !!(fcntl(q[1], F_GETFL) & O_NONBLOCK), fcntl(q[0], F_GETFD), fcntl(q[1], F_GETFD));
	close(q[0]);
	close(q[1]);
	SHOW("pipe2(O_CLOEXEC)", pipe2(q, O_CLOEXEC));
	printf("F_GETFD %d %d, O_NONBLOCK %d\n", fcntl(q[0], F_GETFD), fcntl(q[1], F_GETFD),
	       !!(fcntl(q[0], F_GETFL) & O_NONBLOCK));
	SHOW("pipe2(O_APPEND)", pipe2(q, O_APPEND));
	SHOW("pipe2(O_NOATIME)", pipe2(q, O_NOATIME));
	return 0;
}
