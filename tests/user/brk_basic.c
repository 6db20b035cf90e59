/*
 * brk through the raw system call (docs/linux-abi.md §10).  b0 = brk(0) is the
 * initial break.  A successful brk(x) returns exactly x and maps pages up to
 * PAGE_ALIGN(x): after brk(b0+10000) byte b0+12287 is writable and b0+12288
 * is SEGV_MAPERR.  Shrinking works and unmaps.  A failing brk returns the
 * old break, never -errno: below the initial break, past TASK_SIZE, -1, or
 * past RLIMIT_DATA (1 MiB: +2 MiB fails, +8 KiB works).
 */
#include "ftest.h"
#include <sys/resource.h>

#define GROW 10000
#define LAST_WRITABLE 12287		/* PAGE_ALIGN(GROW) - 1 */
#define NONCANONICAL (1UL << 47)
#define DATA_LIMIT (1024 * 1024)

static uintptr_t b0;

static uintptr_t sys_brk(uintptr_t x)
{
	return (uintptr_t)syscall(SYS_brk, x);
}

/* Print brk's result as an offset from b0. */
static void show(const char *label, uintptr_t r)
{
	long off = (long)(r - b0);
	printf("%s -> b0%c%ld\n", label, off < 0 ? '-' : '+', off < 0 ? -off : off);
}

int main(void)
{
	struct rlimit data = { DATA_LIMIT, DATA_LIMIT };

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	b0 = sys_brk(0);
	printf("b0 page-aligned %d\n", b0 % PAGE_SIZE == 0);

	show("brk(b0+10000)", sys_brk(b0 + GROW));
	show("brk(0)", sys_brk(0));
	report("write b0", try_write32(b0, 1), b0);
	report("write byte b0+12287",
	       try_write32(b0 + LAST_WRITABLE - 3, 2), b0);
	report("write b0+12288", try_write32(b0 + LAST_WRITABLE + 1, 3), b0);

	show("shrink brk(b0+4096)", sys_brk(b0 + PAGE_SIZE));
	report("write b0+4096 after shrink", try_write32(b0 + PAGE_SIZE, 4), b0);
	printf("b0 still holds %d\n", peek32(b0));

	show("brk(b0-4096)", sys_brk(b0 - PAGE_SIZE));
	show("brk(1<<47)", sys_brk(NONCANONICAL));
	show("brk(-1)", sys_brk((uintptr_t)-1));

	printf("setrlimit DATA 1 MiB: %d\n", setrlimit(RLIMIT_DATA, &data));
	show("brk(b0+2MiB)", sys_brk(b0 + 2 * DATA_LIMIT));
	show("brk(b0+8KiB)", sys_brk(b0 + 2 * PAGE_SIZE));
	return 0;
}
