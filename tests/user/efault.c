/*
 * A bad user pointer passed to a system call is not a signal: the call
 * returns -1 with errno EFAULT (docs/linux-abi.md §2), whether the pointer is
 * unmapped (address 1), NULL, or a canonical kernel address.  Tried on
 * write(1, ...) and on read() from a pipe that has data waiting (so read
 * would not block).  A good buffer works, as a control.
 */
#include "ftest.h"

#define LEN 10
#define LOW_BAD ((void *)1)
#define KERNEL_ADDR ((void *)0xffff888000000000UL)

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

int main(void)
{
	int p[2];
	char buf[LEN];

	setvbuf(stdout, NULL, _IONBF, 0);
	show("write(1, 1, 10)", write(1, LOW_BAD, LEN));
	show("write(1, NULL, 10)", write(1, NULL, LEN));
	show("write(1, kernel, 10)", write(1, KERNEL_ADDR, LEN));

	pipe(p);
	show("write(pipe, \"0123456789\", 10)", write(p[1], "0123456789", LEN));
	show("read(pipe, kernel, 10)", read(p[0], KERNEL_ADDR, LEN));
	show("read(pipe, 1, 10)", read(p[0], LOW_BAD, LEN));
	show("read(pipe, buf, 10)", read(p[0], buf, LEN));
	return 0;
}
