/*
 * arch/x86/kernel/crash.c - deliberate kernel faults, one per boot ("crash=name"),
 * each expected to print a precise oops (tests/run_tests.py checks every
 * line against Linux's format, docs/linux-abi.md §13, and against kernel.elf;
 * docs/scenarios/reading-an-oops.md reads one).
 *
 *   rodata_write        write to .rodata            #PF 0x0003, permissions violation
 *   ro_after_init_write write to __ro_after_init    #PF 0x0003, after mark_rodata_ro()
 *   null_deref          store through NULL          #PF 0x0002, "kernel NULL pointer dereference"
 *   nx_exec             call into a data page       #PF 0x0011, "tried to execute NX-protected page"
 *   stack_overflow      unbounded recursion         guard page -> #DF on its IST stack
 *   gp_fault            non-canonical load          #GP "general protection fault"
 *   ud2                 invalid opcode              #UD "invalid opcode"
 *   divide_error        divide by zero              #DE "divide error"
 *   soft_lockup         endless loop, irqs on       no oops: kernel/watchdog.c's soft-lockup report
 *   hard_lockup         endless loop, irqs off      no oops: the NMI watchdog's hard-lockup report
 *   atomic_sleep        schedule() under a spinlock "BUG: scheduling while atomic" (include/spinlock.h)
 *
 * The functions are noinline and touch memory through volatile so the
 * faulting instruction is in the function the RIP line names.
 */
#include <ktest.h>
#include <cache.h>
#include <printk.h>
#include <asm/processor.h>
#include <spinlock.h>
#include <sched.h>

#define __noinline __attribute__((noinline))

static const int crash_rodata_value = 42;
static int crash_ro_after_init_value __ro_after_init = 7;
static u8 crash_data_page[16] __aligned(16) = { 0xc3 };   /* "ret", in NX .data */

__noinline void crash_write_rodata(volatile int *p) { *p = 1; }
CRASH_SCENARIO(rodata_write) { crash_write_rodata((volatile int *)&crash_rodata_value); }

__noinline void crash_write_ro_after_init(volatile int *p) { *p = 1; }
CRASH_SCENARIO(ro_after_init_write) { crash_write_ro_after_init(&crash_ro_after_init_value); }

__noinline void crash_null_write(volatile int *p) { *p = 1; }
CRASH_SCENARIO(null_deref) { crash_null_write((volatile int *)0); }

__noinline void crash_call_data(void (*fn)(void)) { fn(); }
CRASH_SCENARIO(nx_exec) { crash_call_data((void (*)(void))crash_data_page); }

static volatile int crash_recurse_forever = 1;   /* stops gcc proving the recursion infinite */
__noinline int crash_recurse(int depth)
{
	volatile char pad[256];
	pad[0] = (char)depth;
	if (!crash_recurse_forever)
		return 0;
	return crash_recurse(depth + 1) + pad[0];
}
CRASH_SCENARIO(stack_overflow) { crash_recurse(0); }

__noinline u64 crash_load_noncanonical(volatile u64 *p) { return *p; }
CRASH_SCENARIO(gp_fault) { crash_load_noncanonical((volatile u64 *)0xdead000000000100UL); }

__noinline void crash_invalid_opcode(void) { asm volatile("ud2"); }
CRASH_SCENARIO(ud2) { crash_invalid_opcode(); }

__noinline int crash_divide(volatile int a, volatile int b) { return a / b; }
CRASH_SCENARIO(divide_error) { crash_divide(1, 0); }

/* A kernel loop that never ends, interrupts on: kernel/watchdog.c's
 * soft-lockup detector must report it and panic. */
static volatile int crash_spin_forever = 1;
__noinline void crash_spin(void)
{
	while (crash_spin_forever)
		cpu_relax();
}
CRASH_SCENARIO(soft_lockup) { local_irq_enable(); crash_spin(); }

/* The same loop with interrupts off: the timer is silenced too, so only
 * the NMI watchdog (arch/x86/kernel/nmi.c) can report it. */
CRASH_SCENARIO(hard_lockup) { local_irq_disable(); crash_spin(); }

/* Sleeping with a spinlock held: on SMP another CPU could spin on the lock
 * forever, so schedule() refuses (kernel/sched.c, include/spinlock.h). */
static spinlock_t crash_lock;
CRASH_SCENARIO(atomic_sleep)
{
	spin_lock(&crash_lock);
	schedule();
	spin_unlock(&crash_lock);
}
