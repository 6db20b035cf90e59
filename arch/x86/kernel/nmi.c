/*
 * arch/x86/kernel/nmi.c - non-maskable interrupts (Linux:
 * arch/x86/kernel/nmi.c), and the NMI that watches for hard lockups.
 *
 * The soft-lockup detector (kernel/watchdog.c) runs in the timer
 * interrupt, so a kernel loop with interrupts disabled silences it too:
 * the machine hangs without a word.  Only an NMI gets through then.  Linux
 * takes one from a performance counter that overflows every few seconds
 * (kernel/watchdog_perf.c); QEMU's TCG has no such counter, so faultline
 * does what Linux's nmi_watchdog=1 once did: the I/O APIC delivers the
 * timer's line (the PIT, ISA IRQ 0) to the CPU as an NMI as well, and
 * each NMI asks whether the timer interrupt itself still runs.
 * "watchdog_thresh=0" turns it off with the soft-lockup detector.
 */
#include <asm/io_apic.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <printk.h>
#include <nmi.h>

static bool nmi_watchdog_on;

void nmi_watchdog_init(void)
{
	int err;

	if (!watchdog_thresh_secs())
		return;
	err = io_apic_nmi_from_pin(IO_APIC_PIT_PIN);
	if (err) {
		pr_info("NMI watchdog: no I/O APIC (%d): hard lockups are not detected\n", err);
		return;
	}
	nmi_watchdog_on = true;
	pr_info("NMI watchdog: enabled on CPU0, the timer's ticks as NMIs through the I/O APIC\n");
}

/* Linux default_do_nmi: ours (the watchdog's tick), or one nobody claims. */
void do_nmi(struct pt_regs *regs)
{
	if (nmi_watchdog_on) {
		watchdog_hardlockup_check(regs);
		return;
	}
	pr_emerg("Uhhuh. NMI received; dazed and confused, but trying to continue\n");
}
