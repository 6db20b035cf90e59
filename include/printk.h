#ifndef _FAULTLINE_PRINTK_H
#define _FAULTLINE_PRINTK_H
#include "types.h"
#include <stdarg.h>

/* Log levels as in Linux's include/linux/kern_levels.h: SOH + digit. */
#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_CONT KERN_SOH "c"
#define LOGLEVEL_DEFAULT 4      /* printk without a level: KERN_WARNING */
#define CONSOLE_LOGLEVEL_DEFAULT 7
#define CONSOLE_LOGLEVEL_QUIET 4

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void console_set_loglevel(int level);
int console_get_loglevel(void);
/* kernel/printk_ringbuffer.c: one piece of a line into the log (@ends: the line ends after it). */
#define LOG_KERN_FACILITY 0
void log_store(int facility, int level, bool cont, const char *text, size_t len, bool ends);
struct file_operations;
extern const struct file_operations devkmsg_fops;	/* /dev/kmsg (char 1:11) */
void console_set_port(int port);
int console_port(void);
/* One line (no newline) to the trace channel: ttyS3 if present, else the kernel log. */
void trace_channel_write(const char *line);

#define pr_emerg(...) printk(KERN_EMERG __VA_ARGS__)
#define pr_alert(...) printk(KERN_ALERT __VA_ARGS__)
#define pr_crit(...) printk(KERN_CRIT __VA_ARGS__)
#define pr_err(...) printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...) printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...) printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...) printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...) printk(KERN_DEBUG __VA_ARGS__)
#define pr_cont(...) printk(KERN_CONT __VA_ARGS__)

__noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define BUG_ON(c) do { if (unlikely(c)) panic("BUG at %s:%d: %s", __FILE__, __LINE__, #c); } while (0)

#endif
