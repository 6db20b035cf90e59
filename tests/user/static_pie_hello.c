/*
 * A real static PIE (ET_DYN, no PT_INTERP; built with the recipe in
 * docs/linux-abi.md §1): the kernel loads it wherever mmap chooses and musl's
 * rcrt1 applies its own R_X86_64_RELATIVE relocations before main.  Prints
 * argc and argv[1..]; an initialised `static int x = 42` reads 42, and a
 * pointer initialised to &x (which needs a relocation) points at x.
 * Standalone on purpose: no ftest.h, nothing but stdio.
 */
#include <stdio.h>

static int x = 42;
static int *px = &x;			/* needs R_X86_64_RELATIVE */
static const char *greeting = "static PIE";	/* so does this */

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("hello from a %s\n", greeting);
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] %s\n", i, argv[i]);
	printf("x %d\n", x);
	printf("*px %d, px points at x %d\n", *px, px == &x);
	return 0;
}
