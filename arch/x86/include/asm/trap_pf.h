/*
 * arch/x86/include/asm/trap_pf.h - the page-fault error code (Linux: the
 * same file).  The CPU pushes it with every #PF; CR2 holds the address.
 *
 *   bit  name            set means                 clear means
 *   0    X86_PF_PROT     protection violation      page not present
 *   1    X86_PF_WRITE    write access              read access
 *   2    X86_PF_USER     from user mode (CPL 3)    from kernel mode
 *   3    X86_PF_RSVD     reserved bit set in an entry
 *   4    X86_PF_INSTR    instruction fetch
 *   5    X86_PF_PK       protection-key violation
 *   6    X86_PF_SHSTK    shadow-stack access
 *   15   X86_PF_SGX      SGX EPCM violation
 * (Intel SDM vol. 3, "Interrupt 14—Page-Fault Exception (#PF)".)
 */
#ifndef _ASM_X86_TRAP_PF_H
#define _ASM_X86_TRAP_PF_H

#define X86_PF_PROT (1UL << 0)
#define X86_PF_WRITE (1UL << 1)
#define X86_PF_USER (1UL << 2)
#define X86_PF_RSVD (1UL << 3)
#define X86_PF_INSTR (1UL << 4)
#define X86_PF_PK (1UL << 5)
#define X86_PF_SHSTK (1UL << 6)
#define X86_PF_SGX (1UL << 15)

#endif
