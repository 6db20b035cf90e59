/*
 * arch/x86/include/asm/io_apic.h - the I/O APIC's registers (Intel
 * 82093AA datasheet; Linux: arch/x86/include/asm/io_apic.h).
 *
 * faultline takes its interrupts through the two 8259 PICs.  The I/O APIC
 * sees the same ISA lines, and one of its entries is used for a single
 * purpose: turning the timer's ticks into NMIs for the hard-lockup
 * detector (arch/x86/kernel/nmi.c).
 */
#ifndef _ASM_X86_IO_APIC_H
#define _ASM_X86_IO_APIC_H

#include "types.h"

#define IO_APIC_DEFAULT_PHYS_BASE 0xfec00000UL	/* the MP spec's default; QEMU's and most PCs' */
#define IO_APIC_REGSEL 0x00			/* write a register number here ... */
#define IO_APIC_IOWIN 0x10			/* ... then read or write it here */
#define IO_APIC_REG_VERSION 0x01		/* bits 7:0 version, 23:16 last entry */
#define IO_APIC_REDTBL(pin) (0x10 + 2 * (pin))	/* an entry: low dword, high dword next */

/* Redirection entry, low dword. */
#define IO_APIC_DM_NMI (4u << 8)		/* delivery mode NMI (the vector is ignored) */
#define IO_APIC_MASKED (1u << 16)
/* High dword: the destination APIC ID, physical mode. */
#define IO_APIC_DEST_SHIFT 24

/* ISA IRQ 0 (the PIT) arrives on pin 2 (the MADT's interrupt source override). */
#define IO_APIC_PIT_PIN 2

int io_apic_nmi_from_pin(unsigned pin);	/* 0, or -ENODEV if no I/O APIC answers */

#endif
