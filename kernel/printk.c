/*
 * kernel/printk.c - the kernel log on a serial port, Linux style:
 * "[    1.234567] message", filtered by console_loglevel (set by "quiet" and
 * "loglevel=" on the command line; Linux: kernel/printk/printk.c). Every
 * line also goes into the in-memory log, whatever its level
 * (kernel/printk_ringbuffer.c: /dev/kmsg, syslog(2), dmesg).
 */
#include <printk.h>
#include <serial.h>
#include <string.h>
#include <time.h>
#include <asm/processor.h>

static int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static int log_port;             /* ttyS0 unless "console=ttySn" */
static bool line_open;           /* the last message did not end in '\n' */

void console_set_loglevel(int level) { console_loglevel = level; }
int console_get_loglevel(void) { return console_loglevel; }
void console_set_port(int port) { log_port = port; }
int console_port(void) { return log_port; }

static void emit_timestamp_to(int port)
{
	char ts[32];
	u64 us = ktime_get_us();
	int n = snprintf(ts, sizeof(ts), "[%5lu.%06lu] ", us / 1000000, us % 1000000);
	serial_write(port, ts, n);
}

static void emit_timestamp(void) { emit_timestamp_to(log_port); }

/* Split off the KERN_* prefix; return the level, or -1 for KERN_CONT. */
static int parse_level(const char **fmt)
{
	const char *s = *fmt;
	if (s[0] != KERN_SOH[0] || !s[1])
		return LOGLEVEL_DEFAULT;
	*fmt = s + 2;
	return s[1] == 'c' ? -1 : s[1] - '0';
}

/* Each line of the message into the log (kernel/printk_ringbuffer.c), whatever the console shows. */
static void log_message(int level, bool cont, const char *buf, int n)
{
	for (const char *p = buf, *end = buf + n; p < end;) {
		const char *nl = p;

		while (nl < end && *nl != '\n')
			nl++;
		log_store(LOG_KERN_FACILITY, level, cont, p, nl - p, nl < end);
		cont = false;
		p = nl + 1;
	}
}

/* The serial console's copy: "[    1.234567] " before each line. */
static void console_emit(const char *buf, int n, bool cont)
{
	if (line_open && !cont) {  /* Linux: only KERN_CONT continues an open line */
		serial_write(log_port, "\n", 1);
		line_open = false;
	}
	for (const char *p = buf, *end = buf + n; p < end;) {
		const char *nl = p;
		while (nl < end && *nl != '\n')
			nl++;
		if (!line_open)
			emit_timestamp();
		serial_write(log_port, p, nl - p + (nl < end));
		line_open = nl >= end;
		p = nl + 1;
	}
}

int vprintk(const char *fmt, va_list ap)
{
	static int cont_level = LOGLEVEL_DEFAULT;
	char buf[512];
	int level = parse_level(&fmt);
	int n;
	u64 flags;

	bool cont = level < 0;
	if (cont)
		level = cont_level;
	cont_level = level;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n > (int)sizeof(buf) - 1) {
		n = sizeof(buf) - 1;
		buf[n - 1] = '\n';      /* a cut message still ends its line */
	}
	flags = local_irq_save();
	log_message(level, cont, buf, n);
	if (level < console_loglevel)
		console_emit(buf, n, cont);
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/*
 * The trace channel: a traced process's page-fault lines (mm/pftrace.c) go
 * to ttyS3 (COM4) when the machine has one (make run PFTRACE=FILE, tools/qrun
 * --pftrace FILE), so they do not interleave with the shell on ttyS0; on a
 * machine without it, into the kernel log.  Linux's nearest is the ftrace
 * ring buffer, read from tracefs's trace_pipe.
 */
#define TRACE_PORT 3

void trace_channel_write(const char *line)
{
	u64 flags;

	if (!serial_present(TRACE_PORT)) {
		pr_info("%s\n", line);
		return;
	}
	flags = local_irq_save();
	emit_timestamp_to(TRACE_PORT);
	serial_write(TRACE_PORT, line, strlen(line));
	serial_write(TRACE_PORT, "\n", 1);
	local_irq_restore(flags);
}
