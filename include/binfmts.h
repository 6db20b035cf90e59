#ifndef _FAULTLINE_BINFMTS_H
#define _FAULTLINE_BINFMTS_H
/* Program formats exec knows besides ELF (Linux: include/linux/binfmts.h). */
#include <types.h>

#define BINPRM_BUF_SIZE 256		/* Linux: how much of a "#!" line is read */
#define BINPRM_MAX_RECURSION 4		/* Linux: scripts whose interpreter is a script, at most */

/* A "#!" line, parsed (fs/binfmt_script.c). */
struct script_line {
	char interp[BINPRM_BUF_SIZE];
	char arg[BINPRM_BUF_SIZE];
	bool has_arg;
};

/* 1: not a script; 0: *out filled; -ENOEXEC: a "#!" line without a usable interpreter. */
int script_parse(const u8 *hdr, size_t len, struct script_line *out);

#endif
