/*
 * Large local arrays grow the stack VMA (docs/linux-abi.md §9: no %rsp check,
 * only RLIMIT_STACK and the guard gap):
 *   bottom_up: a 512 KiB array whose lowest byte is touched first - the
 *     first access lands ~512 KiB below the current stack VMA and must grow
 *     it in one step;
 *   top_down: a 1 MiB array touched one page at a time from its top, so the
 *     stack grows page by page into fresh territory.
 * Each array is then checked; prints the bytes verified.
 */
#include "ftest.h"

#define SMALL_BYTES (512 * 1024)
#define BIG_BYTES (1024 * 1024)

static __attribute__((noinline)) long bottom_up(void)
{
	volatile unsigned char a[SMALL_BYTES];
	long ok = 0;

	for (long i = 0; i < SMALL_BYTES; i += PAGE_SIZE)
		a[i] = (unsigned char)(i / PAGE_SIZE);
	for (long i = 0; i < SMALL_BYTES; i += PAGE_SIZE)
		ok += a[i] == (unsigned char)(i / PAGE_SIZE);
	return ok * PAGE_SIZE;
}

static __attribute__((noinline)) long top_down(void)
{
	volatile unsigned char a[BIG_BYTES];
	long ok = 0;

	for (long i = BIG_BYTES - 1; i >= 0; i -= PAGE_SIZE)
		a[i] = (unsigned char)(i / PAGE_SIZE);
	for (long i = BIG_BYTES - 1; i >= 0; i -= PAGE_SIZE)
		ok += a[i] == (unsigned char)(i / PAGE_SIZE);
	return ok * PAGE_SIZE;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	if (sigsetjmp(fault_jmp, 1)) {
		report("stack fault", fault.signo, 0);
		return 1;
	}
	printf("bottom-up 512 KiB: %ld bytes verified\n", bottom_up());
	printf("top-down 1 MiB: %ld bytes verified\n", top_down());
	return 0;
}
