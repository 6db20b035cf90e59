/*
 * tests/host/fuzz/fuzz_shim.c - what arch/x86/kernel/setup.c and
 * kernel/cmdline.c need from the rest of the kernel when built for the
 * host fuzz targets: printk (the message is formatted, then dropped, so a
 * format that does not match its arguments still shows up), strlcpy (glibc
 * 2.36 has none), and the console and panic settings the __setup handlers
 * change.
 */
#include <printk.h>
#include <power.h>
#include <string.h>

#include <stdarg.h>		/* printk.h's va_list; the compiler's own header */

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

int panic_timeout;
static int loglevel, port;

int printk(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return n;
}

/* lib/string.c's contract: copy at most size - 1 bytes, NUL-terminate, return strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

void console_set_loglevel(int level) { loglevel = level; }
void console_set_port(int p)
{
	if (p < 0 || p > 3)
		__builtin_trap();	/* set_console promised ttyS0..ttyS3 */
	port = p;
}
