/*
 * drivers/tty/tty_io.c - the serial ports as character devices (Linux:
 * drivers/tty/tty_io.c): /dev/ttyS0..3 (4:64..67), /dev/tty (5:0, the
 * caller's controlling terminal) and /dev/console (5:1, the user's port).
 *
 * The user's port (ttyS0, or "userconsole=ttyS1") is a terminal: a struct
 * tty_struct with the N_TTY line discipline (n_tty.c), termios
 * (tty_ioctl.c) and job control (tty_jobctrl.c); its bytes arrive by
 * interrupt.  The other ports are raw byte pipes to the host: no
 * translation, and every terminal ioctl (TCGETS, TIOCGWINSZ) fails with
 * ENOTTY, so a program's stdio buffers exactly as it does on Linux when
 * its output goes to a pipe (tools/qrun relies on this).
 *
 * /dev/tty is the caller's controlling terminal: without one, open fails
 * with ENXIO (Linux: tty_open_current_tty).  It is looked up again at each
 * call, so a descriptor kept after the session lost its terminal gets
 * ENXIO from its calls too.
 */
#include <tty.h>
#include <fs.h>
#include <sched.h>
#include <serial.h>
#include <time.h>
#include <uaccess.h>
#include <errno.h>
#include <cmdline.h>
#include <string.h>
#include <drivers.h>
#include "uapi/asm-generic/poll.h"

#define NR_TTYS 4
#define TTYS_MINOR_BASE 64
#define TTYAUX_MAJOR 5                  /* Linux: /dev/tty 5:0, /dev/console 5:1 */
#define TTYAUX_MINOR_TTY 0
#define TTYAUX_MINOR_CONSOLE 1
#define RAW_CHUNK 256

static int user_console_port;     /* the port that acts as a terminal */
static struct tty_struct console_tty;

/* "userconsole=ttyS1": which port is the user's terminal (default ttyS0). */
static int set_userconsole(const char *v)
{
	if (!v || strncmp(v, "ttyS", 4) || v[4] < '0' || v[4] >= '0' + NR_TTYS || v[5])
		return -1;
	user_console_port = v[4] - '0';
	return 0;
}
__setup("userconsole", set_userconsole);

static bool is_dev_tty(struct file *f)
{
	return f->f_inode->i_rdev == MKDEV(TTYAUX_MAJOR, TTYAUX_MINOR_TTY);
}

/* The caller's controlling terminal, or NULL (Linux: get_current_tty). */
struct tty_struct *get_current_tty(void)
{
	return tty_is_ctty(&console_tty) ? &console_tty : NULL;
}

/* The terminal behind f; NULL for a raw port or /dev/tty without a terminal. */
struct tty_struct *tty_of_file(struct file *f)
{
	dev_t rdev = f->f_inode->i_rdev;
	if (is_dev_tty(f))
		return get_current_tty();
	if (rdev == MKDEV(TTYAUX_MAJOR, TTYAUX_MINOR_CONSOLE))
		return &console_tty;
	return (int)(rdev & 3) == user_console_port ? &console_tty : NULL;
}

static int raw_port(struct file *f) { return f->f_inode->i_rdev & 3; }

/* A byte from the UART's interrupt (Linux: tty_insert_flip_char + flush_to_ldisc). */
void tty_receive_byte(int port, u8 c)
{
	if (port == console_tty.port)
		n_tty_receive_char(&console_tty, c);
}

/* ---------------------------------------------------------------- raw ports */

static ssize_t raw_write(int port, const char __user *ubuf, size_t n)
{
	char buf[RAW_CHUNK];
	size_t done = 0;
	while (done < n) {
		size_t chunk = MIN(n - done, sizeof(buf));
		if (copy_from_user(buf, ubuf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		for (size_t i = 0; i < chunk; i++)
			serial_putc(port, buf[i]);
		done += chunk;
	}
	return done;
}

/* One byte, waiting a tick at a time (these ports are polled). */
static ssize_t raw_read(int port, char __user *ubuf, size_t n)
{
	int c;
	if (!n)
		return 0;
	while ((c = serial_getc(port)) < 0) {
		current->wake_at_ns = ktime_get_ns() + NSEC_PER_SEC / HZ;
		if (sleep_on(NULL))
			return -ERESTARTSYS;
	}
	char ch = c;
	return copy_to_user(ubuf, &ch, 1) ? -EFAULT : 1;
}

/* ---------------------------------------------------------------- file operations */

static ssize_t tty_read(struct file *f, char *ubuf, size_t n)
{
	struct tty_struct *tty = tty_of_file(f);
	if (tty)
		return n_tty_read(tty, f, ubuf, n);
	return is_dev_tty(f) ? -ENXIO : raw_read(raw_port(f), ubuf, n);
}

static ssize_t tty_write(struct file *f, const char *ubuf, size_t n)
{
	struct tty_struct *tty = tty_of_file(f);
	if (tty)
		return n_tty_write(tty, f, ubuf, n);
	return is_dev_tty(f) ? -ENXIO : raw_write(raw_port(f), ubuf, n);
}

/* Job control first, then termios and the rest (Linux: tty_ioctl). */
static long tty_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct tty_struct *tty = tty_of_file(f);
	long ret;
	if (!tty)
		return is_dev_tty(f) ? -ENXIO : -ENOTTY;
	ret = tty_jobctrl_ioctl(tty, f, cmd, arg);
	return ret != -ENOIOCTLCMD ? ret : tty_mode_ioctl(tty, f, cmd, arg);
}

static unsigned tty_poll(struct file *f)
{
	struct tty_struct *tty = tty_of_file(f);
	if (tty)
		return n_tty_poll(tty);
	if (is_dev_tty(f))
		return POLLERR;
	return POLLOUT | (serial_rx_ready(raw_port(f)) ? POLLIN : 0);
}

/* epoll's edge trigger: each input event counts (fs/eventpoll.c). */
static u64 tty_poll_seq(struct file *f, unsigned events)
{
	struct tty_struct *tty = tty_of_file(f);
	return tty && (events & POLLIN) ? tty->seq_in : 0;
}

static int tty_open(struct file *f)
{
	return is_dev_tty(f) && !get_current_tty() ? -ENXIO : 0;
}

static const struct file_operations tty_fops = {
	.open = tty_open, .read = tty_read, .write = tty_write, .ioctl = tty_ioctl, .poll = tty_poll,
	.poll_seq = tty_poll_seq,
};

static const char *const ttys_names[NR_TTYS] = { "ttyS0", "ttyS1", "ttyS2", "ttyS3" };

/* The user's port becomes a terminal; the devices get their names. */
void tty_init(void)
{
	console_tty.port = user_console_port;
	tty_std_termios(&console_tty.termios);
	tty_default_winsize(&console_tty.winsize);
	n_tty_open(&console_tty);
	serial_enable_rx_interrupt(user_console_port);
	for (int i = 0; i < NR_TTYS; i++)
		register_chrdev_node(ttys_names[i], MKDEV(TTY_MAJOR, TTYS_MINOR_BASE + i), &tty_fops);
	register_chrdev_node("console", MKDEV(TTYAUX_MAJOR, TTYAUX_MINOR_CONSOLE), &tty_fops);
	register_chrdev_node("tty", MKDEV(TTYAUX_MAJOR, TTYAUX_MINOR_TTY), &tty_fops);
}
