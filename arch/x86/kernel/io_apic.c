/*
 * arch/x86/kernel/io_apic.c - one I/O APIC entry, routed as an NMI (Linux:
 * arch/x86/kernel/apic/io_apic.c, and the NMI watchdog of older kernels,
 * nmi_watchdog=1, which did the same with the timer's line).
 *
 * The chip's registers are two words of memory-mapped I/O: write a
 * register's number to IOREGSEL, then read or write IOWIN.  They are
 * mapped uncached (PCD|PWT) at their direct-map address.
 */
#include <asm/io_apic.h>
#include <asm/pgtable.h>
#include <mm.h>
#include <errno.h>

static volatile u32 *io_apic;

static u32 io_apic_read(u32 reg)
{
	io_apic[IO_APIC_REGSEL / 4] = reg;
	return io_apic[IO_APIC_IOWIN / 4];
}

static void io_apic_write(u32 reg, u32 val)
{
	io_apic[IO_APIC_REGSEL / 4] = reg;
	io_apic[IO_APIC_IOWIN / 4] = val;
}

/* Map the chip; a bus with nothing there reads all ones. */
static int io_apic_map(void)
{
	u64 va = (u64)__va(IO_APIC_DEFAULT_PHYS_BASE);

	if (io_apic)
		return 0;
	if (map_kernel_range(init_pgd, va, IO_APIC_DEFAULT_PHYS_BASE, PAGE_SIZE,
			     __PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT))
		return -ENOMEM;
	io_apic = (volatile u32 *)va;
	if (io_apic_read(IO_APIC_REG_VERSION) == 0xffffffffu) {
		io_apic = NULL;
		return -ENODEV;
	}
	return 0;
}

/* Every edge on @pin becomes an NMI to the CPU with APIC ID 0, whatever IF says. */
int io_apic_nmi_from_pin(unsigned pin)
{
	int err = io_apic_map();

	if (err)
		return err;
	if (pin > ((io_apic_read(IO_APIC_REG_VERSION) >> 16) & 0xff))
		return -ENODEV;
	io_apic_write(IO_APIC_REDTBL(pin) + 1, 0u << IO_APIC_DEST_SHIFT);
	io_apic_write(IO_APIC_REDTBL(pin), IO_APIC_DM_NMI);	/* edge, active high, unmasked */
	return 0;
}
