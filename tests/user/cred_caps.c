/*
 * cred_caps - capabilities follow uid 0 (Linux security/commoncap.c):
 * root has CAP_CHOWN, CAP_KILL, CAP_SETUID in its effective and permitted
 * sets; euid leaving 0 empties the effective set but keeps the permitted
 * one (so seteuid(0) gets them back); fsuid leaving 0 drops only the file
 * capabilities (CAP_CHOWN) from the effective set; capset may drop a
 * capability, after which even uid 0 gets EPERM, and cannot raise it
 * back; setuid to a non-zero uid empties both sets. capget with an unknown
 * version is EINVAL and writes back 0x20080522; with a NULL data pointer
 * it is 0. Only a few bits are printed: the host's bounding set may lack others.
 */
#include "credutil.h"

/* Linux uapi/linux/capability.h (musl has no header for it) */
#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_CHOWN 0
#define CAP_KILL 5
#define CAP_SETUID 7
struct __user_cap_header_struct { unsigned version; int pid; };
struct __user_cap_data_struct { unsigned effective, permitted, inheritable; };
#include <sys/fsuid.h>

static struct __user_cap_data_struct data[2];

static long cap_get(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return syscall(SYS_capget, &h, data);
}

static long cap_set(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return syscall(SYS_capset, &h, data);
}

static int bit(unsigned set, int cap) { return (set >> cap) & 1; }

static void show_caps(const char *label)
{
	if (cap_get()) {
		printf("%-30s capget %s\n", label, errno_name(errno));
		return;
	}
	printf("%-30s eff chown=%d kill=%d setuid=%d  perm chown=%d kill=%d setuid=%d\n", label,
	       bit(data[0].effective, CAP_CHOWN), bit(data[0].effective, CAP_KILL), bit(data[0].effective, CAP_SETUID),
	       bit(data[0].permitted, CAP_CHOWN), bit(data[0].permitted, CAP_KILL), bit(data[0].permitted, CAP_SETUID));
}

static void steps(void)
{
	char path[] = "/tmp/cred_caps.XXXXXX";
	int fd = mkstemp(path);

	show_caps("root");
	SHOW("seteuid(1000)", seteuid(1000));
	show_caps("euid 1000");
	SHOW("seteuid(0)", seteuid(0));
	show_caps("euid 0 again");
	printf("setfsuid(1000) returns %d\n", setfsuid(1000));
	show_caps("fsuid 1000");
	SHOW("chown as fsuid 1000", fchown(fd, 1, 1));
	printf("setfsuid(0) returns %d\n", setfsuid(0));
	show_caps("fsuid 0 again");
	cap_get();
	data[0].effective &= ~(1u << CAP_CHOWN);
	data[0].permitted &= ~(1u << CAP_CHOWN);
	SHOW("capset drop CAP_CHOWN", cap_set());
	show_caps("after capset");
	SHOW("chown as root without CAP_CHOWN", fchown(fd, 1, 1));
	data[0].effective |= 1u << CAP_CHOWN;
	data[0].permitted |= 1u << CAP_CHOWN;
	SHOW("capset raise CAP_CHOWN again", cap_set());
	data[0].permitted &= ~(1u << CAP_CHOWN);
	SHOW("capset effective beyond permitted", cap_set());
	SHOW("setuid(1000)", setuid(1000));
	show_caps("uid 1000");
	unlink(path);
}

int main(void)
{
	struct __user_cap_header_struct h = { 0x12345678, 0 };
	int status;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	SHOW("capget bad version", syscall(SYS_capget, &h, data));
	printf("version written back: %#x\n", h.version);
	h.version = 0x12345678;
	SHOW("capget bad version, NULL data", syscall(SYS_capget, &h, NULL));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = -1;
	SHOW("capget pid -1", syscall(SYS_capget, &h, data));
	h.pid = 1;
	SHOW("capset pid 1", syscall(SYS_capset, &h, data));
	fflush(stdout);
	if ((pid = fork()) == 0) {
		steps();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("[child exit %d]\n", WEXITSTATUS(status));
	show_caps("parent");
	return 0;
}
