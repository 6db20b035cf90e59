/*
 * arch/x86/kernel/process_64.c - the CPU state of a task that exec and
 * arch_prctl set (Linux: arch/x86/kernel/process_64.c, process.c).
 */
#include <syscalls.h>
#include <sched.h>
#include <string.h>
#include <uaccess.h>
#include <errno.h>
#include <asm/processor.h>
#include <asm/fpu.h>

#define ARCH_SET_GS 0x1001              /* Linux: arch/x86/include/uapi/asm/prctl.h */
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* exec: the new program starts at ip with stack sp, in user mode, with
 * interrupts on and every other register zero. */
void start_thread(struct pt_regs *regs, u64 ip, u64 sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->rip = ip;
	regs->rsp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->eflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
}

/* exec: forget the old program's TLS base and FPU state (Linux: flush_thread). */
void flush_thread(void)
{
	current->fs_base = 0;
	wrmsr(MSR_FS_BASE, 0);
	fpu_init_state(&current->fpu);
	fpu_restore(&current->fpu);
}

/* The TLS base musl and glibc set up first thing (Linux: do_arch_prctl_64). */
SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	switch (option) {
	case ARCH_SET_FS:
		if (arg2 >= TASK_SIZE_MAX)
			return -EPERM;
		current->fs_base = arg2;
		wrmsr(MSR_FS_BASE, arg2);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->fs_base, (unsigned long __user *)arg2);
	case ARCH_SET_GS:
		return arg2 >= TASK_SIZE_MAX ? -EPERM : 0;   /* the kernel never uses GS */
	case ARCH_GET_GS:
		return put_user(0UL, (unsigned long __user *)arg2);
	default:
		return -EINVAL;
	}
}
