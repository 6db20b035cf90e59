/*
 * tty_termios - faultline's console as a terminal, without typing.  qrun
 * gives the program /dev/null as stdin and raw ports as stdout and stderr,
 * so it opens /dev/console itself (argv[1] names another terminal, e.g. a
 * pty's slave on Linux, to compare by hand).  Nothing is typed, so every
 * read finds no input.  Expected, from Linux's n_tty.c, tty_ioctl.c and
 * tty_jobctrl.c:
 *   - TCGETS: tty_std_termios of a serial console: icrnl ixon; opost onlcr;
 *     cs8 cread hupcl clocal; isig icanon echo echoe echok echoctl echoke
 *     iexten; intr ^C, quit ^\, erase DEL, kill ^U, eof ^D, susp ^Z, werase
 *     ^W, min 1, time 0; TIOCGWINSZ 80x24 (no ttysize= on qrun's command
 *     line);
 *   - isatty: the console yes, stdout (a raw port) no with ENOTTY;
 *     ttyname(console) is /dev/console;
 *   - cfmakeraw and tcsetattr: TCGETS gives the raw settings back; a raw
 *     read with VMIN 0 VTIME 0 returns 0 at once, VMIN 0 VTIME 2 returns 0
 *     after about 0.2 s; O_NONBLOCK reads are EAGAIN raw and canonical;
 *   - FIONREAD 0, TIOCOUTQ 0, TCFLSH TCIOFLUSH ok and 7 EINVAL, TCXONC
 *     TCOOFF/TCOON ok, TIOCGETD N_TTY;
 *   - with no controlling terminal: TIOCGPGRP and TIOCGSID ENOTTY, and
 *     /dev/tty unusable (ENXIO: Linux's open fails, faultline's calls do);
 *   - a session leader (setsid) takes it with TIOCSCTTY; TIOCGSID and
 *     TIOCGPGRP then give its pid, /dev/tty works, a second TIOCSCTTY is
 *     0 and one from a non-leader EPERM; TIOCSWINSZ 100x40 sends SIGWINCH;
 *   - a background process group of the session: tcsetattr stops it with
 *     SIGTTOU, a read with SIGTTIN; with SIGTTOU ignored tcsetattr goes
 *     ahead; with SIGTTIN ignored a read is EIO; a write goes ahead
 *     without TOSTOP and stops it with SIGTTOU under TOSTOP; made the
 *     foreground with tcsetpgrp, its read is EAGAIN (O_NONBLOCK);
 *     TIOCSPGRP to a group that does not exist is ESRCH;
 *   - an orphaned background group's read is EIO, not a stop;
 *   - TIOCNOTTY by the leader gives the terminal up, and its foreground
 *     group (the leader's own here) gets SIGHUP: TIOCGSID then ENOTTY.
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>

static const char *dev = "/dev/console";
static volatile sig_atomic_t winch;

static volatile sig_atomic_t hup;

static void on_winch(int sig) { winch++; }
static void on_hup(int sig) { hup++; }

static const char *err_of(int r) { return r < 0 ? errno_name(errno) : "ok"; }

static int open_tty(int flags)
{
	int fd = open(dev, flags | O_NOCTTY);
	if (fd < 0) {
		printf("open %s: %s\n", dev, errno_name(errno));
		exit(1);
	}
	return fd;
}

static void show_defaults(int fd)
{
	struct termios t;
	struct winsize ws;
	if (tcgetattr(fd, &t)) {
		printf("tcgetattr: %s\n", errno_name(errno));
		return;
	}
	printf("iflag icrnl %d ixon %d inlcr %d igncr %d\n", !!(t.c_iflag & ICRNL), !!(t.c_iflag & IXON),
	       !!(t.c_iflag & INLCR), !!(t.c_iflag & IGNCR));
	printf("oflag opost %d onlcr %d\n", !!(t.c_oflag & OPOST), !!(t.c_oflag & ONLCR));
	printf("cflag cs8 %d cread %d hupcl %d clocal %d\n", (t.c_cflag & CSIZE) == CS8,
	       !!(t.c_cflag & CREAD), !!(t.c_cflag & HUPCL), !!(t.c_cflag & CLOCAL));
	printf("lflag isig %d icanon %d echo %d echoe %d echok %d echonl %d echoctl %d echoke %d iexten %d tostop %d\n",
	       !!(t.c_lflag & ISIG), !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO), !!(t.c_lflag & ECHOE),
	       !!(t.c_lflag & ECHOK), !!(t.c_lflag & ECHONL), !!(t.c_lflag & ECHOCTL),
	       !!(t.c_lflag & ECHOKE), !!(t.c_lflag & IEXTEN), !!(t.c_lflag & TOSTOP));
	printf("cc intr %d quit %d erase %d kill %d eof %d susp %d werase %d min %d time %d\n",
	       t.c_cc[VINTR], t.c_cc[VQUIT], t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VEOF],
	       t.c_cc[VSUSP], t.c_cc[VWERASE], t.c_cc[VMIN], t.c_cc[VTIME]);
	if (!ioctl(fd, TIOCGWINSZ, &ws))
		printf("winsize %dx%d\n", ws.ws_col, ws.ws_row);
}

static void show_isatty(int fd)
{
	char *name = ttyname(fd);
	printf("isatty console %d\n", isatty(fd));
	errno = 0;
	printf("isatty stdout %d %s\n", isatty(1), errno_name(errno));
	printf("ttyname %s\n", name ? name : errno_name(errno));
}

static long ms_since(struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A read with VMIN 0: its result, and whether it took about 0.1 s * time. */
static void timed_read(int fd, struct termios *raw, int time)
{
	struct timespec t0;
	char c;
	long r, ms;
	raw->c_cc[VMIN] = 0;
	raw->c_cc[VTIME] = time;
	tcsetattr(fd, TCSANOW, raw);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = read(fd, &c, 1);
	ms = ms_since(&t0);
	printf("raw read min 0 time %d: %ld, waited %s\n", time, r,
	       time ? (ms >= time * 100 - 30 && ms < time * 100 + 500 ? "as long" : "wrong") :
		      (ms < 50 ? "not" : "wrong"));
}

static void raw_mode(int fd)
{
	struct termios saved, raw, back;
	char c;
	int fl;
	tcgetattr(fd, &saved);
	raw = saved;
	cfmakeraw(&raw);
	printf("tcsetattr raw: %s\n", err_of(tcsetattr(fd, TCSAFLUSH, &raw)));
	tcgetattr(fd, &back);
	printf("raw read back: icanon %d echo %d isig %d opost %d icrnl %d cs8 %d min %d time %d\n",
	       !!(back.c_lflag & ICANON), !!(back.c_lflag & ECHO), !!(back.c_lflag & ISIG),
	       !!(back.c_oflag & OPOST), !!(back.c_iflag & ICRNL), (back.c_cflag & CSIZE) == CS8,
	       back.c_cc[VMIN], back.c_cc[VTIME]);
	fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	printf("raw nonblocking read: %s\n", err_of(read(fd, &c, 1)));
	fcntl(fd, F_SETFL, fl);
	timed_read(fd, &raw, 0);
	timed_read(fd, &raw, 2);
	tcsetattr(fd, TCSANOW, &saved);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	printf("canonical nonblocking read: %s\n", err_of(read(fd, &c, 1)));
	fcntl(fd, F_SETFL, fl);
}

static void buffer_ioctls(int fd)
{
	int n = -1, q = -1, ld = -1;
	const char *e = err_of(ioctl(fd, FIONREAD, &n));
	printf("FIONREAD %s %d\n", e, n);
	e = err_of(ioctl(fd, TIOCOUTQ, &q));
	printf("TIOCOUTQ %s %d\n", e, q);
	e = err_of(ioctl(fd, TIOCGETD, &ld));
	printf("TIOCGETD %s %d\n", e, ld);
	printf("TCFLSH TCIOFLUSH %s\n", err_of(ioctl(fd, TCFLSH, TCIOFLUSH)));
	printf("TCFLSH 7 %s\n", err_of(ioctl(fd, TCFLSH, 7)));
	printf("TCXONC off %s\n", err_of(ioctl(fd, TCXONC, TCOOFF)));
	printf("TCXONC on %s\n", err_of(ioctl(fd, TCXONC, TCOON)));
}

static void no_ctty(int fd)
{
	int v, t;
	char c;
	printf("no ctty: TIOCGPGRP %s\n", err_of(ioctl(fd, TIOCGPGRP, &v)));
	printf("no ctty: TIOCGSID %s\n", err_of(ioctl(fd, TIOCGSID, &v)));
	t = open("/dev/tty", O_RDWR | O_NONBLOCK);
	printf("no ctty: /dev/tty %s\n", t < 0 ? errno_name(errno) : err_of(read(t, &c, 1)));
	if (t >= 0)
		close(t);
}

/* How a child ended or stopped: "stopped SIGTTOU", "exit 3". */
static void show_wait(const char *what, pid_t pid)
{
	int st;
	waitpid(pid, &st, WUNTRACED);
	if (WIFSTOPPED(st)) {
		printf("%s: stopped %s\n", what, WSTOPSIG(st) == SIGTTOU ? "SIGTTOU" :
		       WSTOPSIG(st) == SIGTTIN ? "SIGTTIN" : "other");
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	} else if (WIFEXITED(st)) {
		printf("%s: exit %d\n", what, WEXITSTATUS(st));
	} else {
		printf("%s: signal %d\n", what, WTERMSIG(st));
	}
}

enum bg_action { BG_TCSETATTR, BG_READ, BG_WRITE };

/* A child in a background group of our session does one thing; it exits
 * 0 if the call succeeded, 10 + errno-ish code if it failed. */
static void background(const char *what, int fd, enum bg_action act, int ignore)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct termios t;
		char c = '.';
		long r;
		setpgid(0, 0);
		if (ignore)
			signal(ignore, SIG_IGN);
		tcgetattr(fd, &t);
		r = act == BG_TCSETATTR ? tcsetattr(fd, TCSANOW, &t) : act == BG_READ ? read(fd, &c, 1) :
		    write(fd, &c, 1);
		_exit(r < 0 ? (errno == EIO ? 5 : 9) : 0);
	}
	setpgid(pid, pid);
	show_wait(what, pid);
}

static void set_tostop(int fd, int on)
{
	struct termios t;
	tcgetattr(fd, &t);
	t.c_lflag = on ? t.c_lflag | TOSTOP : t.c_lflag & ~TOSTOP;
	tcsetattr(fd, TCSANOW, &t);
}

/* The background group made the foreground: its read no longer stops it. */
static void foreground_child(int fd)
{
	int pfd[2];
	char c;
	pid_t pid;
	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		read(pfd[0], &c, 1);            /* wait until we are the foreground */
		fcntl(fd, F_SETFL, O_RDWR | O_NONBLOCK);
		_exit(read(fd, &c, 1) < 0 && errno == EAGAIN ? 11 : 9);
	}
	setpgid(pid, pid);
	signal(SIGTTOU, SIG_IGN);
	printf("tcsetpgrp child: %s\n", err_of(tcsetpgrp(fd, pid)));
	printf("tcgetpgrp is child: %d\n", tcgetpgrp(fd) == pid);
	write(pfd[1], "x", 1);
	show_wait("foreground read (11 = EAGAIN)", pid);
	printf("tcsetpgrp back: %s\n", err_of(tcsetpgrp(fd, getpgrp())));
	signal(SIGTTOU, SIG_DFL);
	fcntl(fd, F_SETFL, O_RDWR);
	close(pfd[0]);
	close(pfd[1]);
}

/* A grandchild in its own group, whose parent has gone: an orphaned group. */
static void orphaned_read(int fd)
{
	int pfd[2];
	char res = '?';
	if (pipe(pfd))
		return;
	pid_t mid = fork();
	if (mid == 0) {
		pid_t g = fork();
		if (g == 0) {
			char c;
			setpgid(0, 0);
			usleep(200000);         /* until our parent has exited */
			res = read(fd, &c, 1) < 0 && errno == EIO ? 'E' : 'x';
			write(pfd[1], &res, 1);
			_exit(0);
		}
		_exit(0);
	}
	waitpid(mid, NULL, 0);
	close(pfd[1]);
	read(pfd[0], &res, 1);
	printf("orphaned background read: %s\n", res == 'E' ? "EIO" : "wrong");
	close(pfd[0]);
}

static void job_control(int fd)
{
	struct winsize ws = { .ws_row = 40, .ws_col = 100 }, got, orig;
	int v = -1;
	pid_t nonleader;
	printf("TIOCSCTTY: %s\n", err_of(ioctl(fd, TIOCSCTTY, 0)));
	printf("TIOCGSID is us: %d\n", !ioctl(fd, TIOCGSID, &v) && v == getpid());
	printf("TIOCGPGRP is us: %d\n", !ioctl(fd, TIOCGPGRP, &v) && v == getpid());
	int t = open("/dev/tty", O_RDWR);
	printf("/dev/tty TCGETS: %s\n", t < 0 ? errno_name(errno) : err_of(tcgetattr(t, &(struct termios){ 0 })));
	printf("TIOCSCTTY again: %s\n", err_of(ioctl(fd, TIOCSCTTY, 0)));
	nonleader = fork();
	if (nonleader == 0)
		_exit(ioctl(fd, TIOCSCTTY, 0) < 0 && errno == EPERM ? 1 : 9);
	show_wait("TIOCSCTTY by a non-leader (1 = EPERM)", nonleader);
	signal(SIGWINCH, on_winch);
	ioctl(fd, TIOCGWINSZ, &orig);
	const char *e = err_of(ioctl(fd, TIOCSWINSZ, &ws));
	printf("TIOCSWINSZ: %s, SIGWINCH %d\n", e, winch);
	ioctl(fd, TIOCGWINSZ, &got);
	printf("winsize now %dx%d\n", got.ws_col, got.ws_row);
	ioctl(fd, TIOCSWINSZ, &orig);
	v = 99999;
	printf("TIOCSPGRP to no group: %s\n", err_of(ioctl(fd, TIOCSPGRP, &v)));

	background("background tcsetattr", fd, BG_TCSETATTR, 0);
	background("background tcsetattr, SIGTTOU ignored", fd, BG_TCSETATTR, SIGTTOU);
	background("background read", fd, BG_READ, 0);
	background("background read, SIGTTIN ignored (5 = EIO)", fd, BG_READ, SIGTTIN);
	background("background write", fd, BG_WRITE, 0);
	set_tostop(fd, 1);
	background("background write under TOSTOP", fd, BG_WRITE, 0);
	set_tostop(fd, 0);
	foreground_child(fd);
	orphaned_read(fd);
	signal(SIGHUP, on_hup);                 /* our own group is the foreground */
	e = err_of(ioctl(fd, TIOCNOTTY));
	printf("TIOCNOTTY: %s, SIGHUP %d\n", e, hup);
	printf("after TIOCNOTTY: TIOCGSID %s\n", err_of(ioctl(fd, TIOCGSID, &v)));
	if (t >= 0)
		close(t);
}

int main(int argc, char **argv)
{
	int fd, st;
	pid_t pid;
	if (argc > 1)
		dev = argv[1];
	setvbuf(stdout, NULL, _IONBF, 0);
	fd = open_tty(O_RDWR);
	show_defaults(fd);
	show_isatty(fd);
	raw_mode(fd);
	buffer_ioctls(fd);
	no_ctty(fd);
	pid = fork();
	if (pid == 0) {
		setsid();
		job_control(fd);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("session child: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}
