/* Temporary: pieces not written yet. */
#include <sched.h>
#include <syscall.h>
#include <mm_types.h>
#include <printk.h>
struct task_struct *current;
void force_sig_fault(int sig, int code, u64 addr) { panic("force_sig_fault"); }
void exit_to_user_mode(struct pt_regs *regs) {}
void syscall_exit_to_user_mode(struct pt_regs *regs) {}
void do_exit(int code) { panic("do_exit"); }
void schedule_tail(void) {}
int do_syscall_64(struct pt_regs *regs) { return 0; }
void scheduler_tick(void) {}
struct vm_area_struct *find_vma(struct mm_struct *mm, u64 addr) { return 0; }
int expand_stack(struct vm_area_struct *vma, u64 address) { return -1; }
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, u64 address, unsigned flags) { return VM_FAULT_SIGSEGV; }
int start_init_process(void) { return -1; }
