/*
 * include/uaccess.h - copying to and from user space.  The primitives
 * (copy_from_user, copy_to_user, clear_user, get_user, put_user and the
 * no-fault kernel read) are the CPU's: arch/x86/include/asm/uaccess.h.
 */
#ifndef _FAULTLINE_UACCESS_H
#define _FAULTLINE_UACCESS_H
#include "types.h"
#include <asm/uaccess.h>

/* Copy a NUL-terminated string of at most max bytes; its length, or -EFAULT
 * or -ENAMETOOLONG (Linux: lib/strncpy_from_user.c). */
long strncpy_from_user(char *dst, const char *usrc, long max);

#endif
