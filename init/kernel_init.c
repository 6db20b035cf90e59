/*
 * init/kernel_init.c - the end of boot: make init-only data read-only, then do
 * what the command line asked for: in-kernel tests (ktest=), a crash
 * scenario (crash=), or start /sbin/init from the RAM disk.
 */
#include <ktest.h>
#include <init.h>
#include <printk.h>
#include <power.h>
#include <time.h>
#include <mm.h>
#include <sched.h>
#include <asm/processor.h>
#include <asm/multiboot2.h>
#include <errno.h>
#define COMMAND_LINE_SIZE_FOR_INIT COMMAND_LINE_SIZE

#include <fs.h>
#include <cmdline.h>
#include <string.h>
#include <signal.h>

#define MAX_INIT_ARGS 32

static char init_path[128] = "/sbin/init";
static const char *init_argv[MAX_INIT_ARGS + 2];
static int init_argc;

static int set_init(const char *v)
{
	if (!v || v[0] != '/' || strlen(v) >= sizeof(init_path))
		return -1;
	strlcpy(init_path, v, sizeof(init_path));
	return 0;
}
__setup("init", set_init);


/* Everything after " -- " on the command line is passed to init (as Linux does). */
static char init_args_buf[COMMAND_LINE_SIZE_FOR_INIT];
static void collect_init_args(void)
{
	const char *dd = boot_params.cmdline;
	char *p;
	init_argv[init_argc++] = init_path;
	while ((dd = strchr(dd, '-')) && !(dd[1] == '-' && (dd[2] == ' ' || !dd[2]) &&
					   (dd == boot_params.cmdline || dd[-1] == ' ')))
		dd++;
	if (!dd)
		return;
	strlcpy(init_args_buf, dd + 2, sizeof(init_args_buf));
	for (p = init_args_buf; *p && init_argc < MAX_INIT_ARGS;) {
		while (*p == ' ')
			*p++ = 0;
		if (!*p)
			break;
		init_argv[init_argc++] = p;
		while (*p && *p != ' ')
			p++;
	}
}

static void open_console_fds(void)
{
	int err;
	/* stdin, stdout and stderr of init (Linux: console_on_rootfs). */
	struct file *f = filp_open("/dev/console", O_RDWR, 0, &err);
	for (int fd = 0; fd < 3 && f; fd++) {
		current->files->fd[fd] = f;
		current->files->fd_end = fd + 1;
		f->f_count += fd ? 1 : 0;
	}
}

/* Runs as pid 1 in the kernel, then returns into user mode as /sbin/init. */
static int run_init_process(void *unused)
{
	int err;
	strlcpy(current->fs->pwd_path, "/", sizeof(current->fs->pwd_path));
	current->signal->pgrp = current->signal->session = current->pid;    /* init leads session 1 */
	current->signal->flags |= SIGNAL_UNKILLABLE;    /* Linux: init ignores what it does not handle */
	open_console_fds();
	pr_info("Run %s as init process\n", init_path);
	err = do_execve(init_path, 0, 0, init_argv, task_pt_regs(current));
	if (err) {
		pr_emerg("Failed to execute %s (error %d)\n", init_path, err);
		panic("No working init found.  Try passing init= option to kernel.");
	}
	return 0;
}

static int start_init_process(void)
{
	collect_init_args();
	return kernel_thread(run_init_process, NULL) ? 0 : -ENOMEM;
}

static void report_boot_time(void)
{
	u64 us = ktime_get_us();
	pr_info("faultline: boot took %lu.%03lu ms to the end of init (TSC)\n", us / 1000, us % 1000);
}

void rest_init(void)
{
	const char *sel;
	mark_rodata_ro();
	report_boot_time();
	if ((sel = crash_selector())) {
		run_crash_scenario(sel);
		panic("crash scenario did not oops");
	}
	if ((sel = ktest_selector())) {
		int failed = run_ktests(sel);
		pr_info("reboot: Power down (ktest %s)\n", failed ? "failed" : "passed");
		machine_power_off(EXIT_SUCCESS_CODE);
	}
	if (start_init_process())
		panic("cannot create the init task");
	cpu_idle();
}

void do_fs_initcalls(void)
{
	for (const initcall_t *fn = __start_initcall_fs; fn < __stop_initcall_fs; fn++)
		if ((*fn)())
			pr_err("init: an fs_initcall failed\n");
}
