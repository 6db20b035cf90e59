/*
 * tests/host/vma_shim.h - the libc functions that tests/host/vma_shim.c and
 * tests/host/test_vma.c use.  Both are built with the kernel's headers
 * (-Iinclude), whose <string.h>, <types.h> etc. replace libc's, so these few
 * are declared by hand (the kernel's size_t is libc's: unsigned long).
 */
#ifndef _FAULTLINE_VMA_SHIM_H
#define _FAULTLINE_VMA_SHIM_H
#include <types.h>
#include <stdarg.h>

void *calloc(size_t n, size_t size);
void free(void *p);
__noreturn void abort(void);
ssize_t write(int fd, const void *buf, size_t n);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* printf to fd 2, unbuffered (the kernel's headers have no FILE). */
static inline __attribute__((format(printf, 1, 2))) void fprintf_stderr(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (n > 0 && write(2, buf, n) < 0)
		return;
}

#endif
