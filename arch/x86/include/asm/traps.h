#ifndef _FAULTLINE_TRAPS_H
#define _FAULTLINE_TRAPS_H
#include <asm/ptrace.h>

/* Exception vectors (SDM vol. 3 table 6-1), Linux's X86_TRAP_* names. */
enum {
	X86_TRAP_DE = 0, X86_TRAP_DB, X86_TRAP_NMI, X86_TRAP_BP, X86_TRAP_OF, X86_TRAP_BR,
	X86_TRAP_UD, X86_TRAP_NM, X86_TRAP_DF, X86_TRAP_OLD_MF, X86_TRAP_TS, X86_TRAP_NP,
	X86_TRAP_SS, X86_TRAP_GP, X86_TRAP_PF, X86_TRAP_SPURIOUS, X86_TRAP_MF, X86_TRAP_AC,
	X86_TRAP_MC, X86_TRAP_XF, X86_TRAP_VE, X86_TRAP_CP,
	X86_TRAP_VC = 29, X86_TRAP_SX = 30,
};
#define NR_EXCEPTIONS 32
#define IRQ_BASE 32            /* the 8259 PICs are remapped to vectors 32..47 */
#define NR_IRQS 16
#define IRQ_TIMER 0
#define IRQ_COM2_COM4 3        /* the UARTs' ISA lines (drivers/tty/serial.c) */
#define IRQ_COM1_COM3 4

/* IST slots in the TSS (Linux: IST_INDEX_DF, _NMI, _MCE). */
#define IST_DF 1
#define IST_NMI 2
#define IST_MCE 3

void cpu_init(void);            /* GDT, TSS, IDT */
void tss_set_rsp0(u64 rsp0);
void do_trap(struct pt_regs *regs, u64 vector);
void die(const char *str, struct pt_regs *regs, u64 err);
const char *trap_name(u64 vector);
void irq_init(void);
void do_irq(struct pt_regs *regs, int irq);     /* arch/x86/kernel/irq.c */
void timer_init(void);
extern unsigned long die_counter;

/* arch/x86/kernel/dumpstack.c */
void oops_begin(void);
void __die_header(const char *str, struct pt_regs *regs, u64 err);
void __die_body(struct pt_regs *regs);
void oops_end(struct pt_regs *regs, int signr, u64 cr2, bool show_cr2);
void show_regs(struct pt_regs *regs);
void dump_stack(void);

/* arch/x86/mm/fault.c */
void do_page_fault(struct pt_regs *regs, u64 error_code);

/* arch/x86/mm/extable.c */
struct exception_table_entry { u64 insn, fixup; };
/* The __ex_table section's bounds (linker.ld). */
extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];
const struct exception_table_entry *search_exception_tables(u64 addr);
bool fixup_exception(struct pt_regs *regs);

#endif
