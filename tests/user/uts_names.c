/*
 * uts_names - sethostname and setdomainname (Linux kernel/sys.c): root may
 * set either (here to the value it already has, so running the test
 * changes nothing on the machine); a name longer than 64 bytes or a
 * negative length is EINVAL, an unreadable name EFAULT, and without
 * CAP_SYS_ADMIN (euid nobody) both are EPERM, checked before the length.
 */
#include "ftest.h"
#include <sys/utsname.h>
#include <sys/wait.h>

static void show(const char *label, long r)
{
	printf("%s: %s\n", label, r ? errno_name(errno) : "0");
}

int main(void)
{
	struct utsname u, after;
	char big[80];
	pid_t pid;
	int status;

	uname(&u);
	memset(big, 'x', sizeof big);
	show("sethostname (its own value)", syscall(SYS_sethostname, u.nodename, strlen(u.nodename)));
	show("setdomainname (its own value)", syscall(SYS_setdomainname, u.domainname, strlen(u.domainname)));
	uname(&after);
	printf("names unchanged: %s\n", !strcmp(u.nodename, after.nodename) && !strcmp(u.domainname, after.domainname) ? "yes" : "no");
	show("sethostname, 65 bytes", syscall(SYS_sethostname, big, 65L));
	show("setdomainname, 65 bytes", syscall(SYS_setdomainname, big, 65L));
	show("sethostname, length -1", syscall(SYS_sethostname, big, -1L));
	show("setdomainname, bad pointer", syscall(SYS_setdomainname, (char *)8, 4L));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (seteuid(65534))
			_exit(1);
		show("euid nobody: sethostname", syscall(SYS_sethostname, u.nodename, strlen(u.nodename)));
		show("euid nobody: setdomainname, 65 bytes", syscall(SYS_setdomainname, big, 65L));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return 0;
}
