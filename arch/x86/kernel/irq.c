/*
 * arch/x86/kernel/irq.c - the two 8259 PICs and the PIT timer.
 * The PICs are remapped to vectors 32..47 so IRQs do not collide with CPU
 * exceptions (the BIOS default, 8..15, would); the PIT fires HZ times a
 * second and drives preemption; IRQ 3 and 4 are the serial ports' received
 * bytes (Linux: arch/x86/kernel/i8259.c, i8253.c).
 */
#include <asm/traps.h>
#include <sched.h>
#include <nmi.h>
#include <time.h>
#include <asm/io.h>
#include <serial.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define ICW1_INIT_ICW4 0x11       /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01
#define PIC_CASCADE_IRQ 2
#define PIC_EOI 0x20
#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define PIT_CMD_CH0_RATE_LOHI 0x34   /* channel 0, lo/hi byte, mode 2 (rate generator) */
#define PIT_HZ 1193182UL

void irq_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4); io_delay();
	outb(PIC2_CMD, ICW1_INIT_ICW4); io_delay();
	outb(PIC1_DATA, IRQ_BASE); io_delay();          /* ICW2: vector offsets */
	outb(PIC2_DATA, IRQ_BASE + 8); io_delay();
	outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ); io_delay(); /* ICW3: slave on IRQ2 */
	outb(PIC2_DATA, PIC_CASCADE_IRQ); io_delay();
	outb(PIC1_DATA, ICW4_8086); io_delay();
	outb(PIC2_DATA, ICW4_8086); io_delay();
	/* the timer, and the UARTs (a port interrupts only once its driver asks) */
	outb(PIC1_DATA, ~((1 << IRQ_TIMER) | (1 << IRQ_COM2_COM4) | (1 << IRQ_COM1_COM3)) & 0xff);
	outb(PIC2_DATA, 0xff);
}

void timer_init(void)
{
	u32 divisor = PIT_HZ / HZ;
	outb(PIT_CMD, PIT_CMD_CH0_RATE_LOHI);
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
}

static void ack_irq(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

void do_irq(struct pt_regs *regs, int irq)
{
	ack_irq(irq);
	if (irq == IRQ_TIMER) {
		jiffies++;
		watchdog_timer_fn(regs);
		scheduler_tick(user_mode(regs));
	} else if (irq == IRQ_COM1_COM3 || irq == IRQ_COM2_COM4) {
		serial8250_interrupt(irq);
	}
}
