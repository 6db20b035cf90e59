/*
 * drivers/tty/n_tty.c - the line discipline N_TTY (Linux: drivers/tty/n_tty.c).
 *
 * Input arrives one byte at a time from the UART's interrupt
 * (n_tty_receive_char) and goes through termios's input processing: ISTRIP,
 * IXON flow control, ISIG's signal keys, IGNCR/ICRNL/INLCR, then in
 * canonical mode (ICANON) line editing - ERASE, WERASE, KILL, LNEXT,
 * REPRINT - with lines ended by NL, EOL, EOL2 or EOF; echo follows ECHO,
 * ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL, ECHOPRT as Linux's eraser() does.
 * Output goes through OPOST (ONLCR, OCRNL, ONOCR, ONLRET, OLCUC), which also
 * keeps the cursor column that erasing a tab needs.
 *
 * The input ring holds N_TTY_BUF_SIZE bytes, with free-running head/tail
 * counters; read_flags marks the byte that ends a line (N_TTY_EOL), or the
 * EOF key's place-holder, which a read consumes but does not return
 * (N_TTY_EOF).  Everything before canon_head is complete lines.  Linux echoes
 * through a deferred echo buffer; the UART here is polled for output, so
 * echo is written at once, from the interrupt.
 *
 * Reads take one line in canonical mode; otherwise VMIN and VTIME decide
 * (POSIX's four cases, Linux's n_tty_read).  The ring and its counters are
 * touched with interrupts off: the receiver runs in the interrupt.
 */
#include <tty.h>
#include <fs.h>
#include <sched.h>
#include <signal.h>
#include <serial.h>
#include <time.h>
#include <uaccess.h>
#include <errno.h>
#include <string.h>
#include <asm/processor.h>
#include "uapi/asm-generic/poll.h"

#define N_TTY_EOL 1                     /* this byte ends a line */
#define N_TTY_EOF 2                     /* the EOF key's place-holder: ends a line, never returned */
#define MASK(x) ((x) & (N_TTY_BUF_SIZE - 1))
#define DISABLED_CHAR 0                 /* a c_cc slot of 0 is switched off (Linux: __DISABLED_CHAR) */
#define CHUNK 256                       /* bytes moved per step between the ring and user space */
#define CTRL_ECHO_XOR 0100              /* ^C is shown as '^' then 'C' = 0x03 ^ 0100 */
#define TAB_STOP_MASK 7
#define DECISECOND_NS (NSEC_PER_SEC / 10)	/* VTIME's unit */

#define I_FLAG(tty, f) ((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f) ((tty)->termios.c_oflag & (f))
#define L_FLAG(tty, f) ((tty)->termios.c_lflag & (f))
#define CC(tty, v) ((tty)->termios.c_cc[v])

static bool is_cntrl(u8 c) { return c < 0x20 || c == 0x7f; }
static bool is_alnum(u8 c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

/* A UTF-8 continuation byte takes no column (IUTF8; Linux: is_continuation). */
static bool is_continuation(struct tty_struct *tty, u8 c)
{
	return I_FLAG(tty, IUTF8) && (c & 0xc0) == 0x80;
}

/* c is the key of c_cc slot v, and that slot is not switched off. */
static bool is_key(struct tty_struct *tty, u8 c, int v)
{
	return CC(tty, v) != DISABLED_CHAR && c == CC(tty, v);
}

static unsigned read_cnt(struct tty_struct *tty) { return tty->read_head - tty->read_tail; }

/* ---------------------------------------------------------------- output */

void tty_put_char(struct tty_struct *tty, u8 c) { serial_putc(tty->port, c); }

/* One byte through OPOST, keeping the cursor column (Linux: do_output_char). */
static void do_output_char(struct tty_struct *tty, u8 c)
{
	if (!O_FLAG(tty, OPOST)) {
		tty_put_char(tty, c);
		return;
	}
	switch (c) {
	case '\n':
		if (O_FLAG(tty, ONLRET))
			tty->column = 0;
		if (O_FLAG(tty, ONLCR)) {
			tty->canon_column = tty->column = 0;
			tty_put_char(tty, '\r');
			break;
		}
		tty->canon_column = tty->column;
		break;
	case '\r':
		if (O_FLAG(tty, ONOCR) && tty->column == 0)
			return;
		if (O_FLAG(tty, OCRNL)) {
			c = '\n';
			if (O_FLAG(tty, ONLRET))
				tty->canon_column = tty->column = 0;
			break;
		}
		tty->canon_column = tty->column = 0;
		break;
	case '\t':
		tty->column = (tty->column | TAB_STOP_MASK) + 1;
		break;
	case '\b':
		if (tty->column > 0)
			tty->column--;
		break;
	default:
		if (is_cntrl(c))
			break;
		if (O_FLAG(tty, OLCUC) && c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (!is_continuation(tty, c))
			tty->column++;
	}
	tty_put_char(tty, c);
}

/* Echo a byte as it is (Linux: echo_char_raw). */
static void echo_char_raw(struct tty_struct *tty, u8 c) { do_output_char(tty, c); }

/* Echo a byte; under ECHOCTL a control char other than TAB shows as ^X (Linux: echo_char). */
static void echo_char(struct tty_struct *tty, u8 c)
{
	if (L_FLAG(tty, ECHOCTL) && is_cntrl(c) && c != '\t') {
		tty_put_char(tty, '^');
		tty_put_char(tty, c ^ CTRL_ECHO_XOR);
		tty->column += 2;
		return;
	}
	do_output_char(tty, c);
}

/* ECHOPRT: close the "\erased\" run before new input (Linux: finish_erasing). */
static void finish_erasing(struct tty_struct *tty)
{
	if (tty->erasing) {
		echo_char_raw(tty, '/');
		tty->erasing = false;
	}
}

/* The first char of a line: remember its column, for erasing tabs. */
static void echo_set_canon_col(struct tty_struct *tty)
{
	if (tty->canon_head == tty->read_head)
		tty->canon_column = tty->column;
}

/* ---------------------------------------------------------------- the input ring */

static void wake_readers(struct tty_struct *tty)
{
	tty->seq_in++;
	wake_up(&tty->read_wait);
}

/* Append a byte.  A full ring drops it, except that a line end replaces the
 * last byte of a too-long line, so the line still ends (Linux keeps room
 * for the newline in canonical mode). */
static void put_tty_queue(struct tty_struct *tty, u8 c, u8 flags)
{
	if (read_cnt(tty) >= N_TTY_BUF_SIZE - 1) {
		if (!flags || tty->read_head == tty->canon_head)
			return;
		tty->read_head--;
	}
	tty->read_buf[MASK(tty->read_head)] = c;
	tty->read_flags[MASK(tty->read_head)] = flags;
	tty->read_head++;
}

void n_tty_flush_input(struct tty_struct *tty)
{
	u64 flags = local_irq_save();
	tty->read_head = tty->read_tail = tty->canon_head = 0;
	tty->lnext = tty->erasing = false;
	tty->canon_column = tty->column;
	local_irq_restore(flags);
}

unsigned n_tty_chars_in_buffer(struct tty_struct *tty)
{
	if (L_FLAG(tty, ICANON))
		return tty->canon_head - tty->read_tail;
	return read_cnt(tty);
}

/* ---------------------------------------------------------------- erasing */

/* Back the cursor up over a tab: the column the line reaches without it,
 * recounted from where the line began (Linux: echo_erase_tab, process_echoes). */
static void echo_erase_tab(struct tty_struct *tty)
{
	unsigned col = tty->canon_column;
	for (unsigned i = tty->canon_head; i != tty->read_head; i++) {
		u8 c = tty->read_buf[MASK(i)];
		if (c == '\t')
			col = (col | TAB_STOP_MASK) + 1;
		else if (is_cntrl(c))
			col += L_FLAG(tty, ECHOCTL) ? 2 : 0;
		else if (!is_continuation(tty, c))
			col++;
	}
	while (tty->column > col)
		echo_char_raw(tty, '\b');
}

static void echo_erase_one(struct tty_struct *tty, u8 c, bool erase_key)
{
	if (L_FLAG(tty, ECHOPRT)) {
		if (!tty->erasing) {
			echo_char_raw(tty, '\\');
			tty->erasing = true;
		}
		echo_char(tty, c);
	} else if (erase_key && !L_FLAG(tty, ECHOE)) {
		echo_char(tty, CC(tty, VERASE));
	} else if (c == '\t') {
		echo_erase_tab(tty);
	} else {
		/* "\b \b" once per column the char took: two for ^X */
		int cols = is_cntrl(c) ? (L_FLAG(tty, ECHOCTL) ? 2 : 0) : 1;
		while (cols--) {
			echo_char_raw(tty, '\b');
			echo_char_raw(tty, ' ');
			echo_char_raw(tty, '\b');
		}
	}
}

enum kill_type { ERASE, WERASE, KILL };

/* KILL without ECHOKE: drop the line, echo the key (and a newline under ECHOK). */
static bool kill_line_plainly(struct tty_struct *tty, u8 c)
{
	if (!L_FLAG(tty, ECHO)) {
		tty->read_head = tty->canon_head;
		return true;
	}
	if (L_FLAG(tty, ECHOK) && L_FLAG(tty, ECHOKE) && L_FLAG(tty, ECHOE))
		return false;                   /* erase char by char, below */
	tty->read_head = tty->canon_head;
	finish_erasing(tty);
	echo_char(tty, c);
	if (L_FLAG(tty, ECHOK))
		echo_char_raw(tty, '\n');
	return true;
}

/* ERASE takes one char back, WERASE a word (BSD's ALTWERASE: alphanumerics
 * and '_' after any other chars), KILL the line (Linux: eraser). */
static void eraser(struct tty_struct *tty, u8 c)
{
	enum kill_type kill = is_key(tty, c, VERASE) ? ERASE : is_key(tty, c, VWERASE) ? WERASE : KILL;
	int seen_alnums = 0;

	if (tty->read_head == tty->canon_head)
		return;
	if (kill == KILL && kill_line_plainly(tty, c))
		return;
	while (tty->read_head != tty->canon_head) {
		unsigned head = tty->read_head;
		u8 ch;
		do {                    /* a whole UTF-8 sequence at once */
			ch = tty->read_buf[MASK(--head)];
		} while (is_continuation(tty, ch) && head != tty->canon_head);
		if (is_continuation(tty, ch))
			break;
		if (kill == WERASE) {
			if (is_alnum(ch) || ch == '_')
				seen_alnums++;
			else if (seen_alnums)
				break;
		}
		tty->read_head = head;
		if (L_FLAG(tty, ECHO))
			echo_erase_one(tty, ch, kill == ERASE);
		if (kill == ERASE)
			break;
	}
	if (tty->read_head == tty->canon_head && L_FLAG(tty, ECHO))
		finish_erasing(tty);
}

/* ^R: the key, a new line, then the line so far (Linux: the REPRINT case). */
static void reprint(struct tty_struct *tty, u8 c)
{
	finish_erasing(tty);
	echo_char(tty, c);
	echo_char_raw(tty, '\n');
	tty->canon_column = tty->column;
	for (unsigned i = tty->canon_head; i != tty->read_head; i++)
		echo_char(tty, tty->read_buf[MASK(i)]);
}

/* ---------------------------------------------------------------- receiving */

/* ^C, ^\, ^Z: flush unless NOFLSH, signal the foreground group, echo the key
 * (Linux: n_tty_receive_signal_char, isig). */
static void receive_signal_char(struct tty_struct *tty, int sig, u8 c)
{
	if (!L_FLAG(tty, NOFLSH))
		n_tty_flush_input(tty);
	tty_isig(tty, sig);
	if (I_FLAG(tty, IXON))
		start_tty(tty);
	if (L_FLAG(tty, ECHO))
		echo_char(tty, c);
}

/* End a line with c (NL, EOL, EOL2) or with the EOF place-holder. */
static void receive_line_end(struct tty_struct *tty, u8 c, u8 flag)
{
	put_tty_queue(tty, c, flag);
	tty->canon_head = tty->read_head;
	wake_readers(tty);
}

/* An ordinary char: echo, queue, and in raw mode wake the reader (Linux: n_tty_receive_char). */
static void receive_plain(struct tty_struct *tty, u8 c)
{
	if (L_FLAG(tty, ECHO)) {
		finish_erasing(tty);
		if (c == '\n') {
			echo_char_raw(tty, '\n');
		} else {
			echo_set_canon_col(tty);
			echo_char(tty, c);
		}
	}
	put_tty_queue(tty, c, 0);
	if (!L_FLAG(tty, ICANON))
		wake_readers(tty);
}

/* The canonical editing keys; false if c is none of them (Linux:
 * n_tty_receive_char_special, the icanon part). */
static bool receive_canon_special(struct tty_struct *tty, u8 c)
{
	bool iexten = L_FLAG(tty, IEXTEN);
	if (is_key(tty, c, VERASE) || is_key(tty, c, VKILL) || (iexten && is_key(tty, c, VWERASE))) {
		eraser(tty, c);
		return true;
	}
	if (iexten && is_key(tty, c, VLNEXT)) {
		tty->lnext = true;
		if (L_FLAG(tty, ECHO)) {
			finish_erasing(tty);
			if (L_FLAG(tty, ECHOCTL)) {     /* a '^' the next char will overwrite */
				echo_char_raw(tty, '^');
				echo_char_raw(tty, '\b');
			}
		}
		return true;
	}
	if (iexten && L_FLAG(tty, ECHO) && is_key(tty, c, VREPRINT)) {
		reprint(tty, c);
		return true;
	}
	if (c == '\n') {
		if (L_FLAG(tty, ECHO) || L_FLAG(tty, ECHONL))
			echo_char_raw(tty, '\n');
		receive_line_end(tty, c, N_TTY_EOL);
		return true;
	}
	if (is_key(tty, c, VEOF)) {
		receive_line_end(tty, c, N_TTY_EOF);    /* not echoed, as on Linux */
		return true;
	}
	if (is_key(tty, c, VEOL) || (iexten && is_key(tty, c, VEOL2))) {
		if (L_FLAG(tty, ECHO)) {
			echo_set_canon_col(tty);
			echo_char(tty, c);
		}
		receive_line_end(tty, c, N_TTY_EOL);
		return true;
	}
	return false;
}

/* IXON's ^S/^Q and ISIG's keys; true if c was one of them. */
static bool receive_control_key(struct tty_struct *tty, u8 c)
{
	if (I_FLAG(tty, IXON)) {
		if (is_key(tty, c, VSTART)) {
			start_tty(tty);
			return true;
		}
		if (is_key(tty, c, VSTOP)) {
			stop_tty(tty);
			return true;
		}
	}
	if (L_FLAG(tty, ISIG)) {
		int sig = is_key(tty, c, VINTR) ? SIGINT : is_key(tty, c, VQUIT) ? SIGQUIT :
			  is_key(tty, c, VSUSP) ? SIGTSTP : 0;
		if (sig) {
			receive_signal_char(tty, sig, c);
			return true;
		}
	}
	return false;
}

/* One byte from the wire, in interrupt context (Linux: n_tty_receive_buf_standard). */
void n_tty_receive_char(struct tty_struct *tty, u8 c)
{
	if (I_FLAG(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {               /* after ^V: literally, no special meaning */
		tty->lnext = false;
		receive_plain(tty, c);
		return;
	}
	if (receive_control_key(tty, c))
		return;
	if (tty->flow_stopped && I_FLAG(tty, IXON) && I_FLAG(tty, IXANY))
		start_tty(tty);
	if (c == '\r') {
		if (I_FLAG(tty, IGNCR))
			return;
		if (I_FLAG(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(tty, INLCR)) {
		c = '\r';
	}
	if (L_FLAG(tty, ICANON) && receive_canon_special(tty, c))
		return;
	receive_plain(tty, c);
}

/* ---------------------------------------------------------------- reading */

/* Can a reader go on? (Linux: input_available_p; amt is VMIN for poll) */
static bool input_available(struct tty_struct *tty, unsigned amt)
{
	if (L_FLAG(tty, ICANON))
		return tty->canon_head != tty->read_tail;
	return read_cnt(tty) >= (amt ? amt : 1);
}

/* Sleep until input (or the deadline, 0 for none); -ERESTARTSYS on a signal. */
static int wait_for_input(struct tty_struct *tty, u64 deadline)
{
	int err = 0;
	u64 flags = local_irq_save();
	if (!input_available(tty, 1)) {
		current->wake_at_ns = deadline;
		err = sleep_on(&tty->read_wait);
	}
	local_irq_restore(flags);
	return err ? -ERESTARTSYS : 0;
}

/* Take up to n bytes of complete lines into kbuf, stopping after a line's
 * end; *eol says a line ended (Linux: canon_copy_from_read_buf). */
static size_t canon_take(struct tty_struct *tty, u8 *kbuf, size_t n, bool *eol)
{
	size_t got = 0;
	u64 flags = local_irq_save();
	while (got < n && tty->read_tail != tty->canon_head) {
		unsigned i = MASK(tty->read_tail++);
		if (tty->read_flags[i] & N_TTY_EOF) {
			*eol = true;
			break;
		}
		kbuf[got++] = tty->read_buf[i];
		if (tty->read_flags[i] & N_TTY_EOL) {
			*eol = true;
			break;
		}
	}
	local_irq_restore(flags);
	return got;
}

/* Up to n bytes of whatever is queued (raw mode). */
static size_t raw_take(struct tty_struct *tty, u8 *kbuf, size_t n)
{
	size_t got = 0;
	u64 flags = local_irq_save();
	while (got < n && tty->read_tail != tty->read_head)
		kbuf[got++] = tty->read_buf[MASK(tty->read_tail++)];
	local_irq_restore(flags);
	return got;
}

/* One line at most: a read ends at a line's end, an EOF on an empty line
 * reads 0 (Linux: n_tty_read, canonical). */
static ssize_t canon_read(struct tty_struct *tty, struct file *f, char __user *ubuf, size_t n)
{
	u8 kbuf[CHUNK];
	size_t done = 0;
	for (;;) {
		bool eol = false;
		size_t got = canon_take(tty, kbuf, MIN(n - done, sizeof(kbuf)), &eol);
		if (got && copy_to_user(ubuf + done, kbuf, got))
			return done ? (ssize_t)done : -EFAULT;
		done += got;
		if (eol || done == n)
			return done;
		if (got)
			continue;
		if (done)
			return done;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		int err = wait_for_input(tty, 0);
		if (err)
			return err;
	}
}

/*
 * Raw mode, POSIX's VMIN/VTIME cases (Linux: n_tty_read with minimum and timeout):
 *   MIN 0, TIME 0   what is there, maybe nothing
 *   MIN 0, TIME t   the first byte, or nothing after t tenths of a second
 *   MIN m, TIME 0   m bytes (or n if fewer are asked for)
 *   MIN m, TIME t   m bytes, or fewer once t passes without a new one
 *                   (the timer starts with the first byte)
 */
static ssize_t raw_read(struct tty_struct *tty, struct file *f, char __user *ubuf, size_t n)
{
	u8 kbuf[CHUNK];
	size_t min = CC(tty, VMIN), done = 0;
	u64 time_ns = CC(tty, VTIME) * DECISECOND_NS, deadline = 0;
	if (!min && time_ns)
		deadline = ktime_get_ns() + time_ns;
	for (;;) {
		size_t got = raw_take(tty, kbuf, MIN(n - done, sizeof(kbuf)));
		if (got && copy_to_user(ubuf + done, kbuf, got))
			return done ? (ssize_t)done : -EFAULT;
		done += got;
		if (got && min && time_ns)      /* the inter-byte timer restarts */
			deadline = ktime_get_ns() + time_ns;
		if (done == n || (min && done >= min) || (!min && (done || !time_ns)))
			return done;
		if (deadline && ktime_get_ns() >= deadline)
			return done;
		if (got)
			continue;
		if (f->f_flags & O_NONBLOCK)
			return done ? (ssize_t)done : -EAGAIN;
		int err = wait_for_input(tty, deadline);
		if (err)
			return done ? (ssize_t)done : err;
	}
}

ssize_t n_tty_read(struct tty_struct *tty, struct file *f, char __user *ubuf, size_t n)
{
	int err = job_control_read(tty);
	if (err)
		return err;
	if (!n)
		return 0;
	return L_FLAG(tty, ICANON) ? canon_read(tty, f, ubuf, n) : raw_read(tty, f, ubuf, n);
}

/* ---------------------------------------------------------------- writing */

void stop_tty(struct tty_struct *tty) { tty->flow_stopped = true; }

void start_tty(struct tty_struct *tty)
{
	tty->flow_stopped = false;
	wake_up(&tty->write_wait);
}

/* While ^S holds output, a writer waits for ^Q (Linux: n_tty_write's flow check). */
static int wait_for_flow(struct tty_struct *tty)
{
	int err = 0;
	u64 flags = local_irq_save();
	while (tty->flow_stopped && !err)
		err = sleep_on(&tty->write_wait);
	local_irq_restore(flags);
	return err ? -ERESTARTSYS : 0;
}

/* Under TOSTOP a background writer gets SIGTTOU (Linux: n_tty_write). */
ssize_t n_tty_write(struct tty_struct *tty, struct file *f, const char __user *ubuf, size_t n)
{
	u8 kbuf[CHUNK];
	size_t done = 0;
	int err;
	if (L_FLAG(tty, TOSTOP) && (err = tty_check_change(tty)))
		return err;
	while (done < n) {
		size_t chunk = MIN(n - done, sizeof(kbuf));
		if ((err = wait_for_flow(tty)))
			return done ? (ssize_t)done : err;
		if (copy_from_user(kbuf, ubuf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		for (size_t i = 0; i < chunk; i++)
			do_output_char(tty, kbuf[i]);
		done += chunk;
	}
	return done;
}

/* POLLIN when a read would not block (VMIN bytes in raw mode without VTIME). */
unsigned n_tty_poll(struct tty_struct *tty)
{
	unsigned amt = !L_FLAG(tty, ICANON) && !CC(tty, VTIME) ? CC(tty, VMIN) : 1;
	unsigned mask = tty->flow_stopped ? 0 : POLLOUT | POLLWRNORM;
	return mask | (input_available(tty, amt) ? POLLIN | POLLRDNORM : 0);
}

/* ---------------------------------------------------------------- termios changes */

/* ICANON switched: what was typed in raw mode becomes one line, and the
 * line markers start afresh (Linux: n_tty_set_termios). */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	u64 flags = local_irq_save();
	if (!old || ((old->c_lflag ^ tty->termios.c_lflag) & ICANON)) {
		memset(tty->read_flags, 0, sizeof(tty->read_flags));
		if (!L_FLAG(tty, ICANON) || !read_cnt(tty)) {
			tty->canon_head = tty->read_tail;
		} else {
			tty->read_flags[MASK(tty->read_head - 1)] = N_TTY_EOL;
			tty->canon_head = tty->read_head;
		}
		tty->erasing = tty->lnext = false;
	}
	if (!I_FLAG(tty, IXON) && tty->flow_stopped)
		start_tty(tty);
	local_irq_restore(flags);
	wake_readers(tty);              /* VMIN/VTIME or ICANON may let a reader go */
}

void n_tty_open(struct tty_struct *tty)
{
	tty->read_head = tty->read_tail = tty->canon_head = 0;
	tty->column = tty->canon_column = 0;
	n_tty_set_termios(tty, NULL);
}
