/* include/uapi/linux/prctl.h - prctl(2)'s options that faultline answers (Linux: the same path). */
#ifndef _UAPI_LINUX_PRCTL_H
#define _UAPI_LINUX_PRCTL_H

#define PR_SET_PDEATHSIG 1		/* arg2: the signal a child gets when its parent thread exits */
#define PR_GET_PDEATHSIG 2		/* arg2: int * */
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4		/* arg2: SUID_DUMP_DISABLE or SUID_DUMP_USER */
#define PR_GET_KEEPCAPS 7
#define PR_SET_KEEPCAPS 8		/* arg2: 0 or 1, the SECBIT_KEEP_CAPS bit */
#define PR_GET_TIMING 13
#define PR_SET_TIMING 14
#define PR_TIMING_STATISTICAL 0		/* the only timing Linux has */
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_CAPBSET_READ 23
#define PR_CAPBSET_DROP 24
#define PR_GET_SECUREBITS 27
#define PR_SET_SECUREBITS 28
#define PR_SET_TIMERSLACK 29		/* arg2: nanoseconds, 0 = back to the default */
#define PR_GET_TIMERSLACK 30
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define PR_GET_TID_ADDRESS 40
#define PR_SET_THP_DISABLE 41
#define PR_GET_THP_DISABLE 42
#define PR_CAP_AMBIENT 47		/* arg2: one of these, arg3 the capability */
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_LOWER 3
#define PR_CAP_AMBIENT_CLEAR_ALL 4

/* Dumpability (Linux include/linux/sched/coredump.h; prctl takes 0 and 1 only). */
#define SUID_DUMP_DISABLE 0		/* no core dump, /proc and ptrace need privilege */
#define SUID_DUMP_USER 1		/* the default */

#endif
