/*
 * drivers/tty/tty_io.c - the serial ports as character devices: /dev/ttyS0..3,
 * and /dev/console and /dev/tty for the user's port (Linux: drivers/tty/tty_io.c).
 *
 * The interactive console (ttyS0 under "make run") behaves like a terminal:
 * input is echoed and line-edited (backspace), CR becomes NL, output NL
 * becomes CR NL, and TIOCGWINSZ answers 80x24, so musl line-buffers stdout.
 * The other ports are raw byte pipes to the host: no translation, and
 * TIOCGWINSZ fails with ENOTTY, so a program's stdio buffers exactly as it
 * does on Linux when its output goes to a pipe (tools/qrun relies on this).
 */
#include <fs.h>
#include <sched.h>
#include <serial.h>
#include <time.h>
#include <uaccess.h>
#include <errno.h>
#include <cmdline.h>
#include <string.h>
#include <drivers.h>

#define TIOCGWINSZ 0x5413
#define TCGETS 0x5401
#define TTY_COLS 80
#define TTY_ROWS 24
#define CHUNK 256
#define ASCII_DEL 0x7f
#define ASCII_BS 0x08
#define ASCII_EOT 0x04            /* ^D: end of file on an empty line */

#define NR_TTYS 4
#define TTYS_MINOR_BASE 64

static int user_console_port;     /* the port that acts as a terminal */

/* "userconsole=ttyS1": which port is the user's terminal (default ttyS0). */
static int set_userconsole(const char *v)
{
	if (!v || strncmp(v, "ttyS", 4) || v[4] < '0' || v[4] >= '0' + NR_TTYS || v[5])
		return -1;
	user_console_port = v[4] - '0';
	return 0;
}
__setup("userconsole", set_userconsole);

static int tty_port(struct file *f) { return f->f_inode->i_rdev & 3; }
static bool is_terminal(int port) { return port == user_console_port; }

static ssize_t tty_write(struct file *f, const char *ubuf, size_t n)
{
	char buf[CHUNK];
	int port = tty_port(f);
	size_t done = 0;
	while (done < n) {
		size_t chunk = MIN(n - done, sizeof(buf));
		if (copy_from_user(buf, ubuf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		if (is_terminal(port))
			serial_write(port, buf, chunk);       /* ONLCR */
		else
			for (size_t i = 0; i < chunk; i++)
				serial_putc(port, buf[i]);
		done += chunk;
	}
	return done;
}

/* Wait for one byte, sleeping a tick at a time (the UART is polled). */
static int tty_getc(int port)
{
	int c;
	while ((c = serial_getc(port)) < 0) {
		current->wake_at_ns = ktime_get_ns() + NSEC_PER_SEC / HZ;
		if (sleep_on(NULL))
			return -ERESTARTSYS;
	}
	return c;
}

/* Canonical mode: collect a line with echo and backspace, like ICANON. */
static ssize_t tty_read(struct file *f, char *ubuf, size_t n)
{
	char line[CHUNK];
	int port = tty_port(f);
	size_t len = 0;
	while (len < sizeof(line) && len < n) {
		int c = tty_getc(port);
		if (c < 0)
			return len ? (ssize_t)len : c;
		if (!is_terminal(port)) {
			line[len++] = c;
			break;
		}
		if (c == '\r')
			c = '\n';
		if (c == ASCII_EOT && !len)
			return 0;
		if (c == ASCII_DEL || c == ASCII_BS) {
			if (len) {
				len--;
				serial_write(port, "\b \b", 3);
			}
			continue;
		}
		serial_putc(port, c == '\n' ? '\r' : c);
		if (c == '\n')
			serial_putc(port, '\n');
		line[len++] = c;
		if (c == '\n')
			break;
	}
	return copy_to_user(ubuf, line, len) ? -EFAULT : (ssize_t)len;
}

struct winsize { u16 ws_row, ws_col, ws_xpixel, ws_ypixel; };

static long tty_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct winsize ws = { TTY_ROWS, TTY_COLS, 0, 0 };
	if (!is_terminal(tty_port(f)))
		return -ENOTTY;
	if (cmd == TIOCGWINSZ)
		return copy_to_user((void *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	return -ENOTTY;
}

#define POLLIN 0x001
#define POLLOUT 0x004
static unsigned tty_poll(struct file *f)
{
	return POLLOUT | (serial_rx_ready(tty_port(f)) ? POLLIN : 0);
}

static const struct file_operations tty_fops = {
	.read = tty_read, .write = tty_write, .ioctl = tty_ioctl, .poll = tty_poll,
};

static const char *const ttys_names[NR_TTYS] = { "ttyS0", "ttyS1", "ttyS2", "ttyS3" };

/* /dev/ttyS0..3, and the user's port again as /dev/console and /dev/tty
 * (Linux gives those their own numbers, 5:1 and 5:0, that redirect). */
void tty_init(void)
{
	dev_t console = MKDEV(TTY_MAJOR, TTYS_MINOR_BASE + user_console_port);
	for (int i = 0; i < NR_TTYS; i++)
		register_chrdev_node(ttys_names[i], MKDEV(TTY_MAJOR, TTYS_MINOR_BASE + i), &tty_fops);
	register_chrdev_node("console", console, &tty_fops);
	register_chrdev_node("tty", console, &tty_fops);
}
