#ifndef _FAULTLINE_IPC_H
#define _FAULTLINE_IPC_H
/* ipc/: System V IPC (Linux: include/linux/ipc_namespace.h's exit_shm, include/linux/sem.h's exit_sem). */

void exit_shm(void);	/* free the removed segments nothing maps any more (exit, exec, shmdt) */
void exit_sem(int tgid);	/* a process's last thread is gone: undo its SEM_UNDO operations */

#endif
