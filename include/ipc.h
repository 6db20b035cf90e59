#ifndef _FAULTLINE_IPC_H
#define _FAULTLINE_IPC_H
/* ipc/: System V IPC (Linux: include/linux/ipc_namespace.h's exit_shm). */

void exit_shm(void);	/* free the removed segments nothing maps any more (exit, exec, shmdt) */

#endif
