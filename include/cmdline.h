#ifndef _FAULTLINE_CMDLINE_H
#define _FAULTLINE_CMDLINE_H
#include "types.h"

/*
 * Kernel command-line parameters, "name" or "name=value" (Linux: __setup /
 * early_param).  Each registers with __setup(); unknown words are reported.
 */
struct kernel_param {
	const char *name;
	int (*set)(const char *val);   /* 0 = ok; otherwise the value was bad */
};
#define __setup(str, fn) \
	static const struct kernel_param __setup_##fn __used __section(".init.setup") __aligned(8) = { str, fn }

int parse_cmdline(const char *cmdline);
const char *cmdline_get(const char *name);   /* value of name=..., or NULL */
int cmdline_parse_long(const char *v, long *out);   /* 0, or -1 if v is not a decimal number */

/* The .setup section the __setup() entries are collected in (linker.ld). */
extern const struct kernel_param __start_setup[], __stop_setup[];

#endif
