/*
 * include/cred.h - who a task is: its user and group ids, supplementary
 * groups and capabilities (Linux: include/linux/cred.h, capability.h).
 *
 * A struct cred is shared, read-only, between every task that has the same
 * credentials (a fork child shares its parent's) and counted by `usage`.
 * It is never changed in place: to change ids a task takes a private copy
 * (prepare_creds), edits it, and installs it (commit_creds), which drops
 * the old one; abort_creds throws a copy away.  Linux does the same with
 * RCU; faultline has one CPU and no kernel preemption, so a plain count is
 * enough.
 *
 *   uid,  gid      real: who started the process (kill, access(2))
 *   euid, egid     effective: what the process may do (new owners, kill)
 *   suid, sgid     saved: what an unprivileged process may switch back to
 *   fsuid, fsgid   file system: who file permission checks see (follows
 *                  euid/egid unless setfsuid/setfsgid moved it)
 *
 * Capabilities follow Linux's default rules (security/commoncap.c, no file
 * capabilities): root (euid 0) holds them all, and losing
 * uid 0 loses them (cap_emulate_setxuid), unless the securebits say
 * otherwise (KEEP_CAPS, NO_SETUID_FIXUP, NOROOT).  Faultline has no user
 * namespaces: a uid is the number user space sees.
 */
#ifndef _FAULTLINE_CRED_H
#define _FAULTLINE_CRED_H
#include "types.h"

#define NGROUPS_MAX 65536		/* Linux uapi/linux/limits.h */
#define GLOBAL_ROOT_UID 0u
#define GLOBAL_ROOT_GID 0u
#define INVALID_UID ((uid_t)-1)		/* "leave it as it is" to set*id, never a real id */
#define INVALID_GID ((gid_t)-1)

/* Capability numbers this kernel checks (Linux uapi/linux/capability.h). */
#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_FSETID 4
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_NET_BIND_SERVICE 10
#define CAP_NET_RAW 13
#define CAP_LINUX_IMMUTABLE 9
#define CAP_IPC_LOCK 14
#define CAP_IPC_OWNER 15
#define CAP_SYS_CHROOT 18
#define CAP_SYS_PTRACE 19
#define CAP_SYS_ADMIN 21
#define CAP_SYS_NICE 23
#define CAP_SYS_RESOURCE 24
#define CAP_SYS_TIME 25
#define CAP_MKNOD 27
#define CAP_LEASE 28
#define CAP_MAC_OVERRIDE 32
#define CAP_LAST_CAP 40			/* CAP_CHECKPOINT_RESTORE, Linux 5.9+ */

typedef u64 kernel_cap_t;		/* Linux 6.3+: one 64-bit mask */
#define CAP_TO_MASK(c) (1ull << (c))
#define CAP_VALID_MASK ((1ull << (CAP_LAST_CAP + 1)) - 1)
#define CAP_FULL_SET CAP_VALID_MASK
/* The file-system capabilities, which follow fsuid (Linux CAP_FS_SET). */
#define CAP_FS_SET (CAP_TO_MASK(CAP_CHOWN) | CAP_TO_MASK(CAP_MKNOD) | CAP_TO_MASK(CAP_DAC_OVERRIDE) | \
		    CAP_TO_MASK(CAP_DAC_READ_SEARCH) | CAP_TO_MASK(CAP_FOWNER) | CAP_TO_MASK(CAP_FSETID) | \
		    CAP_TO_MASK(CAP_MAC_OVERRIDE))

/* Supplementary groups, sorted ascending so in_group_p can bisect (Linux: struct group_info). */
struct group_info {
	int usage;
	int ngroups;
	gid_t gid[];
};

struct cred {
	int usage;
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	unsigned int securebits;	/* SECBIT_* (include/uapi/linux/securebits.h) */
	kernel_cap_t cap_inheritable, cap_permitted, cap_effective, cap_bset;
	kernel_cap_t cap_ambient;	/* kept across exec of a plain program; always within permitted & inheritable */
	struct group_info *group_info;
};

struct task_struct;
extern struct cred init_cred;		/* pid 0 and init: root with every capability */

/* kernel/cred.c: the life of a cred */
void cred_init(void);				/* init_task gets init_cred */
struct cred *prepare_creds(void);		/* a private copy of current's, or NULL */
int commit_creds(struct cred *new);		/* install it; the old one is put */
void abort_creds(struct cred *new);
const struct cred *get_cred(const struct cred *cred);
void put_cred(const struct cred *cred);
void copy_creds(struct task_struct *child);	/* fork: share the parent's */
void exit_creds(struct task_struct *t);		/* free_task */
const struct cred *override_creds(const struct cred *new);	/* access(2): act as another */
void revert_creds(const struct cred *old);
const struct cred *current_cred(void);
bool kill_ok_by_cred(const struct task_struct *t);	/* kernel/signal.c */
int check_kill_permission(int sig, struct task_struct *t);

static inline uid_t current_fsuid(void) { return current_cred()->fsuid; }
static inline gid_t current_fsgid(void) { return current_cred()->fsgid; }
static inline uid_t current_uid(void) { return current_cred()->uid; }
static inline uid_t current_euid(void) { return current_cred()->euid; }

/* kernel/groups.c */
struct group_info *groups_alloc(int ngroups);
void put_group_info(struct group_info *gi);
static inline struct group_info *get_group_info(struct group_info *gi) { gi->usage++; return gi; }
bool groups_search(const struct group_info *gi, gid_t gid);
bool in_group_p(gid_t gid);			/* fsgid or a supplementary group */
bool in_egroup_p(gid_t gid);			/* egid or a supplementary group */

/* kernel/capability.c */
bool capable(int cap);				/* in current's effective set */
bool has_capability(const struct task_struct *t, int cap);
void cap_task_fix_setuid(struct cred *new, const struct cred *old, bool fs_only);
void cap_bprm_creds(struct cred *new, const struct cred *old, bool no_new_privs);	/* exec: root gets every capability */
int cap_task_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5);	/* securebits, bounding set; -ENOSYS: not ours */

/* kernel/cred.c: would committing @new over @old make the task non-dumpable (Linux commit_creds)? */
bool is_dumpability_changed(const struct cred *old, const struct cred *new);

/* kernel/ptrace.c: may current read and write @task's memory (/proc/PID/mem, process_vm_*)? */
bool ptrace_may_access(struct task_struct *task);

#endif
