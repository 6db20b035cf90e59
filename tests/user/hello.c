/*
 * The smallest end-to-end test: the ELF loads, _start finds argc/argv on
 * the initial stack (docs/linux-abi.md §9), stdout works, and uname reports what
 * Linux reports (sysname "Linux", machine "x86_64", §11).  Only the last
 * component of argv[0] is printed, since the directory depends on the
 * harness.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("hello from faultline test\n");
	printf("argc %d\n", argc);
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
	printf("argv[0] basename %s\n",
	       slash ? slash + 1 : argc > 0 ? argv[0] : "(none)");
	for (int i = 1; i < argc; i++)
		printf("argv[%d] %s\n", i, argv[i]);
	printf("uname: %d\n", uname(&u));
	printf("sysname %s machine %s\n", u.sysname, u.machine);
	return 0;
}
