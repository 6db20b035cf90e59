/*
 * arch/x86/kernel/tsc.c - the TSC as the kernel's clock.
 * The TSC rate is measured against PIT channel 2 (1.193182 MHz, gated by
 * port 0x61), as Linux's pit_calibrate_tsc() does.  Under QEMU with
 * "-icount shift=0" the TSC counts guest instructions, which is what the
 * benchmarks rely on.
 */
#include <time.h>
#include <asm/io.h>
#include <asm/processor.h>

#define PIT_HZ 1193182UL
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_GATE 0x61
#define PIT_GATE_CH2 0x01        /* gate input of channel 2 */
#define PIT_GATE_SPEAKER 0x02    /* speaker data: keep it off */
#define PIT_GATE_OUT2 0x20       /* channel 2 output (reads 1 at terminal count) */
#define PIT_CMD_CH2_MODE0_LOHI 0xb0
#define CALIBRATE_MS 10

static u64 tsc_boot, tsc_khz;
volatile u64 jiffies;

void tsc_calibrate(void)
{
	u32 count = PIT_HZ * CALIBRATE_MS / 1000;
	u64 t0, t1;
	u8 gate = (inb(PIT_GATE) & ~PIT_GATE_SPEAKER) | PIT_GATE_CH2;

	outb(PIT_GATE, gate & ~PIT_GATE_CH2);
	outb(PIT_CMD, PIT_CMD_CH2_MODE0_LOHI);
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	t0 = rdtsc();
	outb(PIT_GATE, gate);                  /* start counting */
	while (!(inb(PIT_GATE) & PIT_GATE_OUT2))
		;
	t1 = rdtsc();
	tsc_khz = (t1 - t0) / CALIBRATE_MS;
	if (!tsc_khz)
		tsc_khz = 1;
	if (!tsc_boot)
		tsc_boot = t0;
}

/* The first rdtsc anchors time 0 even before calibration. */
static u64 tsc_since_boot(void)
{
	u64 t = rdtsc();
	if (!tsc_boot)
		tsc_boot = t;
	return t - tsc_boot;
}

u64 tsc_khz_value(void) { return tsc_khz; }

u64 ktime_get_us(void)
{
	u64 cycles = tsc_since_boot();
	if (!tsc_khz)
		return 0;
	return cycles / tsc_khz * 1000 + (cycles % tsc_khz) * 1000 / tsc_khz;
}

u64 ktime_get_ns(void)
{
	u64 cycles = tsc_since_boot();
	if (!tsc_khz)
		return 0;
	return cycles / tsc_khz * 1000000 + (cycles % tsc_khz) * 1000000 / tsc_khz;
}
