/*
 * drivers/tty/tty_ioctl.c - termios and the buffer ioctls (Linux:
 * drivers/tty/tty_ioctl.c, and tty_io.c's TIOCGWINSZ/TIOCSWINSZ).
 *
 * TCGETS/TCSETS* exchange the kernel's struct termios (19 control chars):
 * what musl's tcgetattr/tcsetattr pass straight through and glibc 2.36
 * converts; TCGETS2/TCSETS*2 the same with the two speeds.  TCSETSW waits
 * for output to drain (it never waits here: the UART is written
 * synchronously), TCSETSF also flushes input.  Changing termios, flushing
 * and flow control from a background process group raise SIGTTOU first
 * (tty_check_change).  The window size starts at 80x24, or what
 * "ttysize=COLSxROWS" on the kernel command line says (make run passes the
 * host terminal's), and TIOCSWINSZ tells the foreground group with SIGWINCH.
 */
#include <tty.h>
#include <fs.h>
#include <signal.h>
#include <uaccess.h>
#include <errno.h>
#include <string.h>
#include <cmdline.h>

#define DEFAULT_COLS 80
#define DEFAULT_ROWS 24
#define MAX_WINSIZE 10000

/* Linux's INIT_C_CC: ^C ^\ DEL ^U ^D, TIME 0, MIN 1, ^Q ^S ^Z, ^R ^O ^W ^V. */
static const cc_t init_c_cc[NCCS] = {
	[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 004,
	[VTIME] = 0, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
	[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
};

static unsigned short boot_cols = DEFAULT_COLS, boot_rows = DEFAULT_ROWS;

/* "ttysize=COLSxROWS": the terminal's size as TIOCGWINSZ first reports it. */
static int set_ttysize(const char *v)
{
	unsigned long cols = 0, rows = 0;
	while (v && *v >= '0' && *v <= '9')
		cols = cols * 10 + (*v++ - '0');
	if (!v || *v++ != 'x')
		return -1;
	while (*v >= '0' && *v <= '9')
		rows = rows * 10 + (*v++ - '0');
	if (*v || !cols || !rows || cols > MAX_WINSIZE || rows > MAX_WINSIZE)
		return -1;
	boot_cols = cols;
	boot_rows = rows;
	return 0;
}
__setup("ttysize", set_ttysize);

/* A serial console's termios at boot (Linux: tty_std_termios, with the
 * 8250's CLOCAL and the console's 115200 baud). */
void tty_std_termios(struct termios *t)
{
	memset(t, 0, sizeof(*t));
	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	t->c_line = N_TTY;
	memcpy(t->c_cc, init_c_cc, sizeof(t->c_cc));
}

void tty_default_winsize(struct winsize *ws)
{
	*ws = (struct winsize){ .ws_row = boot_rows, .ws_col = boot_cols };
}

/* Install new termios; TCSETSF first empties the input (Linux: set_termios). */
static long set_termios(struct tty_struct *tty, const struct termios *new, bool flush)
{
	struct termios old = tty->termios;
	int err = tty_check_change(tty);
	if (err)
		return err;
	if (flush)
		n_tty_flush_input(tty);
	tty->termios = *new;
	n_tty_set_termios(tty, &old);
	return 0;
}

static long tcsets(struct tty_struct *tty, u64 arg, bool flush)
{
	struct termios t;
	if (copy_from_user(&t, (void __user *)arg, sizeof(t)))
		return -EFAULT;
	return set_termios(tty, &t, flush);
}

/* termios2: the speeds are those of c_cflag's baud; BOTHER's are not kept. */
static long tcsets2(struct tty_struct *tty, u64 arg, bool flush)
{
	struct termios2 t2;
	struct termios t;
	if (copy_from_user(&t2, (void __user *)arg, sizeof(t2)))
		return -EFAULT;
	memcpy(&t, &t2, sizeof(t));
	return set_termios(tty, &t, flush);
}

static long tcgets2(struct tty_struct *tty, u64 arg)
{
	struct termios2 t2 = { 0 };
	memcpy(&t2, &tty->termios, sizeof(tty->termios));
	t2.c_ispeed = t2.c_ospeed = 115200;
	return copy_to_user((void __user *)arg, &t2, sizeof(t2)) ? -EFAULT : 0;
}

/* TIOCSWINSZ: a change is news for the foreground group (Linux: tty_do_resize). */
static long tiocswinsz(struct tty_struct *tty, u64 arg)
{
	struct winsize ws;
	if (copy_from_user(&ws, (void __user *)arg, sizeof(ws)))
		return -EFAULT;
	if (memcmp(&ws, &tty->winsize, sizeof(ws))) {
		tty->winsize = ws;
		tty_isig(tty, SIGWINCH);
	}
	return 0;
}

/* TCFLSH: input is the only queue; output has always gone out already. */
static long tcflsh(struct tty_struct *tty, u64 arg)
{
	int err = tty_check_change(tty);
	if (err)
		return err;
	switch (arg) {
	case TCIFLUSH:
	case TCIOFLUSH:
		n_tty_flush_input(tty);
		return 0;
	case TCOFLUSH:
		return 0;
	}
	return -EINVAL;
}

/* TCXONC: suspend or resume output, or send STOP/START to the other end (Linux: n_tty_ioctl_helper). */
static long tcxonc(struct tty_struct *tty, u64 arg)
{
	int err = tty_check_change(tty);
	if (err)
		return err;
	switch (arg) {
	case TCOOFF:
		stop_tty(tty);
		return 0;
	case TCOON:
		start_tty(tty);
		return 0;
	case TCIOFF:
		tty_put_char(tty, tty->termios.c_cc[VSTOP]);
		return 0;
	case TCION:
		tty_put_char(tty, tty->termios.c_cc[VSTART]);
		return 0;
	}
	return -EINVAL;
}

static long put_int(u64 arg, int v)
{
	return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

/* Everything but job control (Linux: tty_mode_ioctl, n_tty_ioctl, tty_ioctl's rest). */
long tty_mode_ioctl(struct tty_struct *tty, struct file *f, unsigned cmd, u64 arg)
{
	switch (cmd) {
	case TCGETS:
		return copy_to_user((void __user *)arg, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
		return tcsets(tty, arg, false);
	case TCSETSF:
		return tcsets(tty, arg, true);
	case TCGETS2:
		return tcgets2(tty, arg);
	case TCSETS2:
	case TCSETSW2:
		return tcsets2(tty, arg, false);
	case TCSETSF2:
		return tcsets2(tty, arg, true);
	case TIOCGWINSZ:
		return copy_to_user((void __user *)arg, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return tiocswinsz(tty, arg);
	case TCFLSH:
		return tcflsh(tty, arg);
	case TCXONC:
		return tcxonc(tty, arg);
	case TCSBRK:            /* tcdrain (arg 1), or a break: output is never queued */
	case TCSBRKP:
		return 0;
	case FIONREAD:
		return put_int(arg, n_tty_chars_in_buffer(tty));
	case TIOCOUTQ:
		return put_int(arg, 0);
	case TIOCGETD:
		return put_int(arg, N_TTY);
	}
	return -ENOTTY;
}
