/*
 * kernel/panic.c - stop the machine with a message (Linux: kernel/panic.c).
 * "panic=N" on the command line: 0 (default) halts with the message on the
 * console, like Linux's panic=0; any other value powers QEMU off through the
 * isa-debug-exit device, which is what the test harness uses.
 */
#include <printk.h>
#include <power.h>
#include <asm/processor.h>

int panic_timeout;

__noreturn void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	local_irq_disable();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	pr_emerg("Kernel Offset: disabled\n");
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	if (panic_timeout)
		machine_power_off(EXIT_PANIC);
	for (;;)
		halt();
}
