/*
 * arch/x86/kernel/reboot.c - turning the machine off.  Under QEMU the harness adds
 * "-device isa-debug-exit,iobase=0xf4,iosize=4": a write there ends QEMU
 * with status (value << 1) | 1.  Without that device we fall back to the
 * ACPI PM1a port QEMU's PIIX4 exposes at 0x604, then halt.
 */
#include <power.h>
#include <printk.h>
#include <asm/io.h>
#include <asm/processor.h>

#define DEBUG_EXIT_PORT 0xf4
#define PIIX4_PM1A_CNT 0x604
#define PM1_SLP_EN_S5 0x2000

__noreturn void machine_power_off(int code)
{
	local_irq_disable();
	outl(DEBUG_EXIT_PORT, code);
	outw(PIIX4_PM1A_CNT, PM1_SLP_EN_S5);
	for (;;)
		halt();
}
