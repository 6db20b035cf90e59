/*
 * arch/x86/kernel/cpu.c - GDT, TSS and IDT for the one CPU faultline runs on.
 *
 * The GDT uses Linux's selectors (arch/x86/include/asm/segment.h), so oopses
 * read "RIP: 0010:" and signal frames carry cs 0x33 / ss 0x2b as on Linux:
 *   0x10 kernel code, 0x18 kernel data, 0x23 user 32-bit code, 0x2b user data,
 *   0x33 user 64-bit code, 0x40 the TSS (a 16-byte system descriptor).
 * The TSS holds rsp0 (the stack used when a ring-3 trap enters the kernel)
 * and the IST stacks: double fault, NMI and machine check each get their own,
 * so a kernel stack overflow can still be reported.
 */
#include <asm/traps.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <asm/processor.h>
#include <asm/proto.h>

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct gate_desc {
	u16 offset_low, segment;
	u8 ist, type_attr;
	u16 offset_mid;
	u32 offset_high, reserved;
} __packed;

struct desc_ptr { u16 size; u64 address; } __packed;

/* Descriptor bits (SDM vol. 3 §3.4.5): P, DPL, S, type; L for 64-bit code. */
#define SEG_CODE64_KERNEL 0x00af9a000000ffffUL
#define SEG_DATA_KERNEL 0x00cf92000000ffffUL
#define SEG_CODE32_USER 0x00cffa000000ffffUL
#define SEG_DATA_USER 0x00cff2000000ffffUL
#define SEG_CODE64_USER 0x00affa000000ffffUL
#define SYS_DESC_TSS_AVAIL 0x89
#define GATE_INTERRUPT 0x8e        /* present, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3 0x60
#define IST_STACK_SIZE (4 * PAGE_SIZE)
#define GDT_ENTRIES 10

struct tss64 cpu_tss __aligned(16);
static u64 gdt[GDT_ENTRIES] __aligned(16);
static struct gate_desc idt[256] __aligned(16);
static u8 ist_stacks[3][IST_STACK_SIZE] __aligned(16);

void tss_set_rsp0(u64 rsp0) { cpu_tss.rsp[0] = rsp0; }

static void set_tss_descriptor(void)
{
	u64 base = (u64)&cpu_tss, limit = sizeof(cpu_tss) - 1;
	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			     ((u64)SYS_DESC_TSS_AVAIL << 40) | (((limit >> 16) & 0xf) << 48) |
			     (((base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_TSS + 1] = base >> 32;
}

static void load_gdt(void)
{
	struct desc_ptr p = { sizeof(gdt) - 1, (u64)gdt };
	gdt[GDT_ENTRY_KERNEL_CS] = SEG_CODE64_KERNEL;
	gdt[GDT_ENTRY_KERNEL_DS] = SEG_DATA_KERNEL;
	gdt[GDT_ENTRY_USER32_CS] = SEG_CODE32_USER;
	gdt[GDT_ENTRY_USER_DS] = SEG_DATA_USER;
	gdt[GDT_ENTRY_USER_CS] = SEG_CODE64_USER;
	set_tss_descriptor();
	asm volatile("lgdt %0" : : "m"(p));
	/* Reload CS with a far return, the data segments and the task register. */
	asm volatile("pushq %0; leaq 1f(%%rip), %%rax; pushq %%rax; lretq; 1:"
		     : : "i"(__KERNEL_CS) : "rax", "memory");
	asm volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%ss" : : "r"(__KERNEL_DS));
	asm volatile("mov %0, %%fs; mov %0, %%gs" : : "r"(0));
	asm volatile("ltr %w0" : : "r"(GDT_ENTRY_TSS * 8));
}

static void set_gate(int vec, u64 handler, int ist, bool user_callable)
{
	struct gate_desc *g = &idt[vec];
	g->offset_low = handler & 0xffff;
	g->segment = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = GATE_INTERRUPT | (user_callable ? GATE_DPL3 : 0);
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

static int ist_for(int vec)
{
	switch (vec) {
	case X86_TRAP_DF: return IST_DF;
	case X86_TRAP_NMI: return IST_NMI;
	case X86_TRAP_MC: return IST_MCE;
	default: return 0;
	}
}

static void load_idt(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (u64)idt };
	for (int v = 0; v < IRQ_BASE + NR_IRQS; v++)
		/* int3 and into may be used from user mode (Linux: DPL 3 for #BP, #OF). */
		set_gate(v, trap_stubs[v], ist_for(v), v == X86_TRAP_BP || v == X86_TRAP_OF);
	asm volatile("lidt %0" : : "m"(p));
}

void cpu_init(void)
{
	for (int i = 0; i < 3; i++)
		cpu_tss.ist[i] = (u64)ist_stacks[i] + IST_STACK_SIZE;
	cpu_tss.iomap_base = sizeof(cpu_tss);   /* no I/O bitmap: ring 3 gets no ports */
	load_gdt();
	load_idt();
}
