/*
 * tests/host/fuzz/fuzz_cmdline.c - libFuzzer target: kernel/cmdline.c
 * parse_cmdline() with its __setup table (quiet, loglevel=, console=,
 * panic=).
 *
 * kernel/cmdline.c is included here as it is.  The one change is where its
 * __setup() entries go: the kernel's linker script collects section
 * ".init.setup" between __start_setup and __stop_setup; on the host the
 * section is called "setup", a C identifier, so the host linker defines
 * __start_setup / __stop_setup itself (and ASan puts no redzones between
 * the entries).  What the setters call (console_set_loglevel, ...) is in
 * fuzz_shim.c.  The input is the command line, cut at its first NUL as GRUB's
 * string tag would be, in an exact-size heap buffer.
 */
#include <types.h>
#undef __section
#define __section(s) __attribute__((section("setup")))
#include "../../../kernel/cmdline.c"

void *malloc(size_t size);
void free(void *p);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	char *line = malloc(size + 1);

	memcpy(line, data, size);
	line[size] = '\0';
	parse_cmdline(line);
	free(line);
	return 0;
}
