/*
 * Bulk data through pipes (docs/linux-abi.md §11; pipe capacity 65536 as in
 * pipe_flags).  A blocking pipe moves every byte in order, whatever the
 * sizes of the writes and reads:
 *   1. a child writes 1 MiB of a position-dependent pattern in writes of
 *      varying sizes (1 byte to 100 KiB); the parent reads with varying
 *      buffer sizes and checks every byte; both compute an FNV-1a hash;
 *   2. one write() of 1 MiB (16 times the capacity): it blocks until the
 *      reader has drained it and then returns 1048576 - a blocking pipe
 *      write is never short; the reader gets it all;
 *   3. a read asks for more than is there: it returns what is there (10
 *      bytes), it does not wait for the rest;
 *   4. two writers (children) each send 200 KiB in 4096-byte writes
 *      (PIPE_BUF: each is atomic, so 4096-byte records never interleave);
 *      the parent reads until EOF, which comes only after both have closed
 *      their ends, and counts records from each writer;
 *   5. a writer blocked on a full pipe is woken when the reader closes: its
 *      write returns -1 EPIPE (SIGPIPE ignored) after the 65536 bytes that
 *      fit.
 */
#include "ftest.h"
#include <sched.h>
#include <stdlib.h>

#define TOTAL (1024 * 1024)

static unsigned char pat(size_t i) { return (unsigned char)((i * 131) ^ (i >> 9)); }

static unsigned fnv(unsigned h, const unsigned char *p, size_t n)
{
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static ssize_t write_all(int fd, const void *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = write(fd, (const char *)buf + done, n - done);
		if (r <= 0)
			return -1;
		done += r;
	}
	return done;
}

int main(void)
{
	static unsigned char buf[TOTAL], rbuf[200000];
	int p[2], status;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (size_t i = 0; i < TOTAL; i++)
		buf[i] = pat(i);
	unsigned want_hash = fnv(2166136261u, buf, TOTAL);

	/* 1 */
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		static const size_t sizes[] = { 1, 7, 4096, 4097, 65536, 100000, 333, 70000 };
		size_t off = 0;
		int k = 0;

		close(p[0]);
		while (off < TOTAL) {
			size_t n = sizes[k++ % 8];
			if (n > TOTAL - off)
				n = TOTAL - off;
			if (write_all(p[1], buf + off, n) < 0)
				_exit(1);
			off += n;
		}
		_exit(0);
	}
	close(p[1]);
	{
		static const size_t rsizes[] = { 3, 65536, 1000, 150000, 4096, 1 };
		size_t got = 0, bad = 0;
		unsigned h = 2166136261u;
		ssize_t n;
		int k = 0;

		while ((n = read(p[0], rbuf, rsizes[k++ % 6])) > 0) {
			for (ssize_t i = 0; i < n; i++)
				bad += rbuf[i] != pat(got + i);
			h = fnv(h, rbuf, n);
			got += n;
		}
		waitpid(pid, &status, 0);
		printf("varied sizes: got %zu bytes, %zu wrong, hash matches %d, last read %zd\n",
		       got, bad, h == want_hash, n);
		print_wait_status("varied sizes: writer", status);
	}
	close(p[0]);

	/* 2 */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		ssize_t r = write(p[1], buf, TOTAL);
		_exit(r == TOTAL ? 0 : 1);
	}
	close(p[1]);
	{
		size_t got = 0;
		unsigned h = 2166136261u;
		ssize_t n;

		while ((n = read(p[0], rbuf, sizeof rbuf)) > 0) {
			h = fnv(h, rbuf, n);
			got += n;
		}
		waitpid(pid, &status, 0);
		printf("one 1 MiB write: got %zu bytes, hash matches %d\n", got, h == want_hash);
		print_wait_status("one 1 MiB write: writer (0 = write returned 1 MiB)", status);
	}
	close(p[0]);

	/* 3 */
	pipe(p);
	write(p[1], "0123456789", 10);
	printf("read(100) with 10 bytes there: %zd\n", read(p[0], rbuf, 100));
	close(p[0]);
	close(p[1]);

	/* 4 */
	pipe(p);
	pid_t w[2];
	for (int k = 0; k < 2; k++) {
		w[k] = fork();
		if (w[k] == 0) {
			unsigned char rec[4096];

			close(p[0]);
			memset(rec, 'A' + k, sizeof rec);
			for (int i = 0; i < 50; i++) {
				rec[0] = (unsigned char)i;
				if (write(p[1], rec, sizeof rec) != sizeof rec)
					_exit(1);
				if (i % 8 == 0)
					sched_yield();
			}
			_exit(0);
		}
	}
	close(p[1]);
	{
		unsigned char rec[4096];
		int count[2] = { 0, 0 }, torn = 0, order_ok = 1, next[2] = { 0, 0 };
		size_t have = 0;
		ssize_t n;

		/* read exactly record by record (short reads are stitched) */
		while ((n = read(p[0], rec + have, sizeof rec - have)) > 0) {
			have += n;
			if (have < sizeof rec)
				continue;
			have = 0;
			int k = rec[1] - 'A';
			if (k < 0 || k > 1) {
				torn++;
				continue;
			}
			for (size_t i = 1; i < sizeof rec; i++)
				if (rec[i] != 'A' + k) {
					torn++;
					break;
				}
			if (rec[0] != next[k])
				order_ok = 0;
			next[k]++;
			count[k]++;
		}
		for (int k = 0; k < 2; k++)
			waitpid(w[k], &status, 0);
		printf("two writers: records A %d B %d torn %d in order %d leftover %zu\n", count[0],
		       count[1], torn, order_ok, have);
	}
	close(p[0]);

	/* 5 */
	signal(SIGPIPE, SIG_IGN);
	pipe(p);
	int sync[2];
	pipe(sync);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		close(sync[0]);
		write(sync[1], "s", 1);
		ssize_t r = write(p[1], buf, 100000);	/* fills 65536, then blocks */
		_exit(r < 0 && errno == EPIPE ? 0 : r > 0 ? 2 : 1);
	}
	close(p[1]);
	close(sync[1]);
	{
		char c;
		read(sync[0], &c, 1);
		usleep(200000);		/* let the writer fill the pipe and block */
		close(p[0]);
		waitpid(pid, &status, 0);
		print_wait_status("blocked writer, reader closes (0 = EPIPE, 2 = short count)", status);
	}
	return 0;
}
