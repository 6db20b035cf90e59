/*
 * kernel/printk_ringbuffer.c - the kernel log kept in memory, and its two
 * readers: /dev/kmsg and syslog(2) (Linux: kernel/printk/printk.c's
 * log_store, devkmsg_read/devkmsg_write and do_syslog, over
 * printk_ringbuffer.c).
 *
 * Every printk line is a record: a sequence number (0, 1, 2, ... for the
 * whole boot), the time since boot, the level and facility, and the text.
 * Records go in a ring of LOG_RECORDS fixed slots; when it is full the
 * oldest is overwritten, and a reader that wanted it hears -EPIPE (kmsg)
 * or skips it (syslog), as with Linux's lost records. The log keeps every
 * level; console_loglevel only filters what the serial port shows
 * (kernel/printk.c).
 *
 * Formats, as Linux's:
 *   /dev/kmsg, one record per read:  "PRIO,SEQ,USEC,-;text\n"  (PRIO = facility * 8 + level)
 *   syslog(2) reads:                 "<PRIO>[    s.uuuuuu] text\n" per record
 * A /dev/kmsg reader's file position is the next sequence number + 1
 * (0: not started, which begins at the oldest record kept).
 */
#include <syscalls.h>
#include <printk.h>
#include <sched.h>
#include <fs.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <asm/processor.h>

#define LOG_RECORDS 1024
#define LOG_LINE_MAX 200		/* text bytes a record keeps (Linux: PRINTKRB_RECORD_MAX 1024) */
#define LOG_BUF_LEN (LOG_RECORDS * (LOG_LINE_MAX + 32))	/* what SIZE_BUFFER reports: the text at most */
#define KMSG_RECORD_MAX (LOG_LINE_MAX + 64)	/* "PRIO,SEQ,USEC,-;" + text + "\n" */
#define SYSLOG_PREFIX_MAX 32		/* "<PRIO>[    s.uuuuuu] " */
#define LOG_USER_FACILITY 1		/* Linux: what /dev/kmsg writes default to (LOG_USER) */

/* syslog(2) actions (Linux: include/linux/syslog.h) */
#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define CONSOLE_LOGLEVEL_MIN 1

struct printk_record {
	u64 seq;
	u64 ts_nsec;
	u8 level, facility;
	bool open;			/* the line has not ended yet: KERN_CONT may add to it */
	u16 len;
	char text[LOG_LINE_MAX];
};

static struct printk_record log_ring[LOG_RECORDS];
static u64 log_next_seq;		/* the next record's number */
static u64 syslog_seq;			/* SYSLOG_ACTION_READ's next record */
static u64 clear_seq;			/* READ_ALL starts here (CLEAR moves it) */
static int log_wait;			/* /dev/kmsg and syslog READ sleep on &log_wait */
static int saved_console_loglevel = -1;

static u64 log_first_seq(void) { return log_next_seq > LOG_RECORDS ? log_next_seq - LOG_RECORDS : 0; }
static struct printk_record *log_rec(u64 seq) { return &log_ring[seq % LOG_RECORDS]; }

static void rec_append(struct printk_record *r, const char *text, size_t len)
{
	size_t room = LOG_LINE_MAX - r->len;

	memcpy(r->text + r->len, text, MIN(len, room));
	r->len += MIN(len, room);
}

/*
 * One piece of a line (without its '\n'); @ends says the line ends after
 * it. A piece continues the previous record if that one is still open
 * (KERN_CONT, or a message printed in parts). Called with interrupts off.
 */
void log_store(int facility, int level, bool cont, const char *text, size_t len, bool ends)
{
	struct printk_record *r = log_next_seq ? log_rec(log_next_seq - 1) : NULL;

	if (!(cont && r && r->open)) {
		if (r)
			r->open = false;
		r = log_rec(log_next_seq);
		*r = (struct printk_record){ .seq = log_next_seq++, .ts_nsec = ktime_get_ns(), .level = level,
					     .facility = facility };
	}
	rec_append(r, text, len);
	r->open = !ends;
	if (ends && log_wait)
		wake_up(&log_wait);
}

/* ------------------------------------------------------------ /dev/kmsg */

static int kmsg_format(const struct printk_record *r, char *buf, size_t size)
{
	u64 us = r->ts_nsec / 1000;

	return snprintf(buf, size, "%u,%lu,%lu,-;%.*s\n", r->facility << 3 | r->level, r->seq, us, r->len, r->text);
}

/* Wait for record @seq to be complete; 0, or -EAGAIN / -EINTR. */
static int wait_for_record(u64 seq, bool nonblock)
{
	while (seq >= log_next_seq || (seq == log_next_seq - 1 && log_rec(seq)->open)) {
		int err;

		if (nonblock)
			return -EAGAIN;
		log_wait++;
		err = sleep_on(&log_wait);
		log_wait--;
		if (err)
			return err;
	}
	return 0;
}

/* Linux devkmsg_read: one whole record per read, -EINVAL if it does not fit, -EPIPE once after a loss. */
static ssize_t devkmsg_read(struct file *f, char __user *ubuf, size_t n)
{
	char buf[KMSG_RECORD_MAX];
	u64 seq = f->f_pos ? f->f_pos - 1 : log_first_seq();
	int len, err;

	if (seq < log_first_seq()) {
		f->f_pos = log_first_seq() + 1;
		return -EPIPE;
	}
	if ((err = wait_for_record(seq, f->f_flags & O_NONBLOCK)))
		return err;
	if (seq < log_first_seq()) {		/* overwritten while we slept */
		f->f_pos = log_first_seq() + 1;
		return -EPIPE;
	}
	len = kmsg_format(log_rec(seq), buf, sizeof(buf));
	if ((size_t)len > n)
		return -EINVAL;
	if (copy_to_user(ubuf, buf, len))
		return -EFAULT;
	f->f_pos = seq + 2;
	return len;
}

/* Linux devkmsg_write: "<PRIO>text" (PRIO optional) becomes one record, of facility LOG_USER by default. */
static ssize_t devkmsg_write(struct file *f, const char __user *ubuf, size_t n)
{
	char buf[LOG_LINE_MAX + 8], *p = buf;
	int facility = LOG_USER_FACILITY, level = LOGLEVEL_DEFAULT;
	size_t len = MIN(n, sizeof(buf) - 1);
	u64 flags;

	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (p[0] == '<' && p[1] >= '0' && p[1] <= '9') {
		int prio = 0;

		for (p++; *p >= '0' && *p <= '9'; p++)
			prio = prio * 10 + (*p - '0');
		if (*p == '>') {
			facility = (prio >> 3) ? prio >> 3 : LOG_USER_FACILITY;
			level = prio & 7;
			p++;
		} else {
			p = buf;
		}
	}
	len = strlen(p);
	if (len && p[len - 1] == '\n')
		len--;
	flags = local_irq_save();
	log_store(facility, level, false, p, len, true);
	local_irq_restore(flags);
	return n;
}

const struct file_operations devkmsg_fops = {
	.read = devkmsg_read,
	.write = devkmsg_write,
};

/* ------------------------------------------------------------ syslog(2) */

static int syslog_format(const struct printk_record *r, char *buf, size_t size)
{
	u64 us = r->ts_nsec / 1000;

	return snprintf(buf, size, "<%u>[%5lu.%06lu] %.*s\n", r->facility << 3 | r->level, us / 1000000,
			us % 1000000, r->len, r->text);
}

static size_t syslog_len(const struct printk_record *r)
{
	char buf[SYSLOG_PREFIX_MAX + LOG_LINE_MAX + 2];

	return syslog_format(r, buf, sizeof(buf));
}

/* Records [from, log_next_seq) into @ubuf, oldest first: the newest that fit in @len (Linux syslog_print_all). */
static int syslog_print_all(char __user *ubuf, int len, u64 from)
{
	char buf[SYSLOG_PREFIX_MAX + LOG_LINE_MAX + 2];
	u64 seq = MAX(from, log_first_seq()), total = 0;
	int done = 0;

	for (u64 s = seq; s < log_next_seq; s++)
		total += syslog_len(log_rec(s));
	for (; total > (u64)len && seq < log_next_seq; seq++)
		total -= syslog_len(log_rec(seq));
	for (; seq < log_next_seq; seq++) {
		int n = syslog_format(log_rec(seq), buf, sizeof(buf));

		if (done + n > len)
			break;
		if (copy_to_user(ubuf + done, buf, n))
			return -EFAULT;
		done += n;
	}
	return done;
}

/* SYSLOG_ACTION_READ: waits for a record, then hands out whole records from syslog_seq on, consuming them. */
static int syslog_read(char __user *ubuf, int len)
{
	char buf[SYSLOG_PREFIX_MAX + LOG_LINE_MAX + 2];
	int done = 0, err;

	if ((err = wait_for_record(MAX(syslog_seq, log_first_seq()), false)))
		return err;
	syslog_seq = MAX(syslog_seq, log_first_seq());
	while (syslog_seq < log_next_seq && !log_rec(syslog_seq)->open) {
		int n = syslog_format(log_rec(syslog_seq), buf, sizeof(buf));

		if (done + n > len)
			break;
		if (copy_to_user(ubuf + done, buf, n))
			return -EFAULT;
		done += n;
		syslog_seq++;
	}
	return done;
}

static int syslog_size_unread(void)
{
	int n = 0;

	for (u64 s = MAX(syslog_seq, log_first_seq()); s < log_next_seq; s++)
		n += syslog_len(log_rec(s));
	return n;
}

static int syslog_console(int type, int len)
{
	switch (type) {
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel < 0)
			saved_console_loglevel = console_get_loglevel();
		console_set_loglevel(CONSOLE_LOGLEVEL_MIN);
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel >= 0)
			console_set_loglevel(saved_console_loglevel);
		saved_console_loglevel = -1;
		return 0;
	default:			/* CONSOLE_LEVEL */
		if (len < 1 || len > 8)
			return -EINVAL;
		console_set_loglevel(len < CONSOLE_LOGLEVEL_MIN ? CONSOLE_LOGLEVEL_MIN : len);
		saved_console_loglevel = -1;
		return 0;
	}
}

/* Linux do_syslog (every task is root: CAP_SYSLOG always held). */
SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
	int r;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (type == SYSLOG_ACTION_READ)
			return syslog_read(buf, len);
		r = syslog_print_all(buf, len, clear_seq);
		if (r >= 0 && type == SYSLOG_ACTION_READ_CLEAR)
			clear_seq = log_next_seq;
		return r;
	case SYSLOG_ACTION_CLEAR:
		clear_seq = log_next_seq;
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return syslog_console(type, len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		return syslog_size_unread();
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
}
