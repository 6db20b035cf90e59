/* Fixed-width types for a freestanding kernel (no libc headers). */
#ifndef _FAULTLINE_TYPES_H
#define _FAULTLINE_TYPES_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long s64;
typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned long uintptr_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;        /* Linux: __kernel_uid32_t */
typedef unsigned int gid_t;
typedef u64 dev_t;               /* as glibc's, so host tests may include both */
typedef int clockid_t;
typedef long time_t;
typedef _Bool bool;

#define true 1
#define false 0
#define NULL ((void *)0)

#define INT_MAX 0x7fffffff      /* Linux: include/vdso/limits.h */
#define INT_MIN (-INT_MAX - 1)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define offsetof(t, m) __builtin_offsetof(t, m)
#define container_of(p, t, m) ((t *)((char *)(p) - offsetof(t, m)))

#define __user                  /* marks a user-space pointer (Linux: checked by sparse) */
#define __packed __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define __noreturn __attribute__((noreturn))
#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))
/*
 * A step of the page-fault path that the seeds name, which gcc inlines so
 * that its first instruction belongs to another inlined helper: then
 * "break do_wp_page" stops "at include/mm.h:50" (page_to_pfn), not in
 * mm/memory.c.  Most inlined steps (do_read_fault, access_error, ...) keep
 * their own first line and need nothing: gdb stops in them by name.
 * tests/harness/gdb.py checks every step.  The price is one call and return
 * on the paths these are on (Linux has the same idea for the stack:
 * noinline_for_stack).
 */
#define noinline_for_gdb __attribute__((noinline))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#endif
