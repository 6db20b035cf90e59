/*
 * proc_fdinfo_anon - what /proc/self/fdinfo/N adds after pos/flags/mnt_id/
 * ino for the anon-inode files (Linux f_op->show_fdinfo):
 *   eventfd   eventfd-count (hex, space-padded to 16), eventfd-id,
 *             eventfd-semaphore
 *   signalfd  sigmask: the signals it reads, SIGKILL/SIGSTOP dropped
 *   timerfd   clockid, ticks not yet read, settime flags (octal),
 *             it_value and it_interval as "(sec, nsec)"; a fired periodic
 *             timer shows it_value 0 until a read or gettime moves it on
 *   epoll     a "tfd:" line per watched file: fd, events (with EPOLLERR
 *             and EPOLLHUP added; a fired EPOLLONESHOT keeps only its
 *             private bits), data, pos, ino, sdev
 * The eventfd id and the ino/sdev numbers differ from system to system
 * and epoll's lines come in struct-file-address order, so those are
 * blanked and the tfd lines sorted.
 *
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

static int cmp_lines(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* fdinfo/@fd from its fourth line on (after pos, flags, mnt_id, ino), ids blanked */
static void show(const char *tag, int fd)
{
	static char copies[64][160];
	char path[64], buf[4096], *lines[64], *line, *p;
	int n, i = 0, count = 0;

	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
	int f = open(path, O_RDONLY);
	n = read(f, buf, sizeof buf - 1);
	close(f);
	buf[n > 0 ? n : 0] = 0;
	printf("%s:\n", tag);
	for (line = strtok(buf, "\n"); line && count < 64; line = strtok(NULL, "\n"), i++) {
		if (i < 4)
			continue;
		line = strncpy(copies[count], line, sizeof copies[0] - 32);	/* room for the blanking */
		if (!strncmp(line, "eventfd-id:", 11))
			strcpy(line + 11, " ID");
		if ((p = strstr(line, " ino:")))
			strcpy(p, " ino:INO sdev:DEV");
		if (!strncmp(line, "it_value: (", 11) && atol(line + 11) > 0)	/* to the minute */
			sprintf(line + 11, "about %ld min)", (atol(line + 11) + 30) / 60);
		lines[count++] = line;
	}
	qsort(lines, count, sizeof lines[0], cmp_lines);
	for (i = 0; i < count; i++)
		printf("  [%s]\n", lines[i]);
}

int main(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };
	struct epoll_event ev, out[4];
	uint64_t v = 5;
	sigset_t mask;
	int efd, sem, sfd, tfd, ep;

	efd = eventfd(0, 0);
	show("eventfd 0", efd);
	write(efd, &v, sizeof v);
	show("eventfd after write 5", efd);
	sem = eventfd(0xfedcba98, EFD_SEMAPHORE | EFD_NONBLOCK);
	read(sem, &v, sizeof v);
	show("semaphore eventfd after a read", sem);

	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGKILL);
	sigaddset(&mask, SIGSTOP);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGRTMAX);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	show("signalfd USR1 KILL STOP CHLD RTMAX", sfd);
	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	signalfd(sfd, &mask, 0);
	show("signalfd changed to HUP", sfd);

	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	show("timerfd new", tfd);
	its.it_value.tv_nsec = 10 * 1000 * 1000;
	its.it_interval.tv_sec = 3600;
	its.it_interval.tv_nsec = 250;
	timerfd_settime(tfd, 0, &its, NULL);
	usleep(50 * 1000);
	show("timerfd 10 ms, then hourly, 50 ms on: fired, not moved on", tfd);
	timerfd_gettime(tfd, &its);
	show("after gettime", tfd);
	read(tfd, &v, sizeof v);
	printf("read: %lu\n", (unsigned long)v);
	show("after read", tfd);
	its.it_value.tv_sec = 0;
	its.it_value.tv_nsec = 1;
	timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);	/* past: fires at once */
	show("absolute, long past", tfd);
	its.it_interval.tv_sec = its.it_interval.tv_nsec = 0;
	its.it_value.tv_sec = 0;
	its.it_value.tv_nsec = 0;
	timerfd_settime(tfd, 0, &its, NULL);
	show("timerfd disarmed", tfd);
	close(tfd);
	tfd = timerfd_create(CLOCK_REALTIME, 0);
	its.it_value.tv_sec = 1;
	timerfd_settime(tfd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
	show("realtime timerfd, ABSTIME|CANCEL_ON_SET, at 1970", tfd);

	ep = epoll_create1(0);
	show("empty epoll", ep);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.u64 = 0x1122334455667788ULL;
	epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 7;
	epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
	ev.events = EPOLLOUT;
	ev.data.u64 = 0;
	epoll_ctl(ep, EPOLL_CTL_ADD, sem, &ev);
	show("epoll of three", ep);
	printf("epoll_wait: %d\n", epoll_wait(ep, out, 4, 0));
	show("after the one-shot fired", ep);
	ev.events = EPOLLPRI;
	epoll_ctl(ep, EPOLL_CTL_MOD, tfd, &ev);
	epoll_ctl(ep, EPOLL_CTL_DEL, sem, NULL);
	show("one modified, one removed", ep);
	return 0;
}
