/* fs/coredump.c: the core file a fatal "core" signal writes (Linux: include/linux/coredump.h). */
#ifndef _FAULTLINE_COREDUMP_H
#define _FAULTLINE_COREDUMP_H

#include <types.h>

/* Write ./core for signal @sig if RLIMIT_CORE allows; true if a dump was
 * begun: the wait status then carries WCOREDUMP (0x80). */
bool do_coredump(int sig);

#endif
