/*
 * kernel/init.c - the end of boot: make init-only data read-only, then do
 * what the command line asked for: in-kernel tests (ktest=), a crash
 * scenario (crash=), or start /sbin/init from the RAM disk.
 */
#include <ktest.h>
#include <printk.h>
#include <power.h>
#include <time.h>
#include <mm.h>
#include <sched.h>
#include <asm/processor.h>

int start_init_process(void);

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
		panic("No working init found.  Try passing init= option to kernel.");
}
