/*
 * include/init.h - the end of boot, and init calls (Linux:
 * include/linux/init.h, init/main.c).
 *
 * fs_initcall(fn) puts fn in a table that start_kernel runs before it
 * mounts the root (do_fs_initcalls), so a file system registers itself
 * without the VFS or init naming it (Linux's initcall levels do the same).
 */
#ifndef _FAULTLINE_INIT_H
#define _FAULTLINE_INIT_H
#include "types.h"

typedef int (*initcall_t)(void);

#define fs_initcall(fn) \
	static const initcall_t __initcall_##fn __used __section(".initcall.fs") __aligned(8) = fn

/* The table's bounds (linker.ld). */
extern const initcall_t __start_initcall_fs[], __stop_initcall_fs[];

/* init/kernel_init.c: run every fs_initcall; then start pid 1 (tests, a
 * crash scenario, or /sbin/init) while the caller idles. */
void do_fs_initcalls(void);
void rest_init(void);

#endif
