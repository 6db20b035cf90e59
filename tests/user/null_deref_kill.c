/*
 * Write to *(int *)0 with no handler installed: the default action of
 * SIGSEGV kills the process, so the harness records "[signal 11]" and
 * "survived" is never printed (docs/linux-abi.md §4, §5).
 */
#include "ftest.h"

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);

	printf("writing to NULL\n");
	poke32(0, 1);
	printf("survived\n");		/* only if the fault was not delivered */
	return 0;
}
