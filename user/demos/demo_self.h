/*
 * demo_self.h - how a demo opens its own program file.
 *
 * argv[0] is only the name the shell was given: "eof_sigbus" when the shell
 * found the program through PATH, which open() then looks for in the
 * current directory (ENOENT).  /proc/self/exe is the file the kernel
 * actually executed, on Linux and on faultline (fs/proc/base.c); argv[0]
 * is the fallback for a system without /proc.
 */
#ifndef DEMO_SELF_H
#define DEMO_SELF_H

#include <fcntl.h>

static int open_self(const char *argv0)
{
	int fd = open("/proc/self/exe", O_RDONLY);

	return fd >= 0 ? fd : open(argv0, O_RDONLY);
}

#endif
