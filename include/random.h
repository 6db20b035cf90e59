/*
 * include/random.h - random bytes for the kernel and its devices
 * (drivers/char/random.c).
 */
#ifndef _FAULTLINE_RANDOM_H
#define _FAULTLINE_RANDOM_H
#include "types.h"
#include "syscalls.h"

ssize_t get_random_bytes_user(void __user *ubuf, size_t len);
u32 get_random_u32(void);		/* the kernel's own (AF_UNIX autobind's first name) */

#endif
