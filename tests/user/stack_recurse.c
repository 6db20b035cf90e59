/*
 * Recurse 4096 levels with a 1 KiB frame each (just over 4 MiB of stack):
 * the stack VMA starts at about 132 KiB and grows on demand up to
 * RLIMIT_STACK (8 MiB), so this works and every frame keeps its own data
 * (docs/linux-abi.md §9).  Prints the depth reached and whether all frames
 * kept their values; a failed growth kills the process with SIGSEGV.
 */
#include "ftest.h"

#define FRAME_BYTES 1024
#define DEPTH 4096		/* 4096 * 1 KiB = 4 MiB */

static int bad_frames;

/* Not a tail call: the frame is checked after the recursive call returns. */
static __attribute__((noinline)) int recurse(int n)
{
	volatile unsigned char frame[FRAME_BYTES];

	frame[0] = (unsigned char)n;
	frame[FRAME_BYTES - 1] = (unsigned char)(n >> 8);
	int depth = n < DEPTH ? recurse(n + 1) : n;
	if (frame[0] != (unsigned char)n ||
	    frame[FRAME_BYTES - 1] != (unsigned char)(n >> 8))
		bad_frames++;
	return depth;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);

	int depth = recurse(1);
	printf("depth %d of %d-byte frames reached\n", depth, FRAME_BYTES);
	printf("frames intact %d\n", bad_frames == 0);
	return 0;
}
