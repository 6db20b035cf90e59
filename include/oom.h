/*
 * include/oom.h - running out of memory (Linux: include/linux/oom.h).
 */
#ifndef _FAULTLINE_OOM_H
#define _FAULTLINE_OOM_H

/* mm/oom_kill.c: a user fault got VM_FAULT_OOM: reclaim, or kill the largest task; the fault is retried. */
void pagefault_out_of_memory(void);

#endif
