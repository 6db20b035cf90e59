/*
 * include/utsname.h - the system's names, what uname(2) reports (Linux:
 * include/linux/utsname.h, init_uts_ns). The host name is writable
 * (sethostname, /proc/sys/kernel/hostname); the rest is fixed.
 */
#ifndef _FAULTLINE_UTSNAME_H
#define _FAULTLINE_UTSNAME_H
#include "types.h"

#define __NEW_UTS_LEN 64
struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1], nodename[__NEW_UTS_LEN + 1], release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1], machine[__NEW_UTS_LEN + 1], domainname[__NEW_UTS_LEN + 1];
};
extern struct new_utsname init_uts_ns;	/* kernel/utsname_sysctl.c */

#endif
