/*
 * busybox_tools - the tools people reach for first give sensible answers:
 * Debian's busybox-static (glibc inside) runs ps, free, uptime, top -bn1
 * and dmesg, which read /proc and the kernel log, and its ash runs a
 * pipeline over /proc/self and a subshell.  Each output is checked for
 * the lines Linux's would have (a header, our own process, "Mem:", "load
 * average:", the boot banner), not for numbers.  faultline only: the
 * host's answers name the host.  Expected output written from those rules.
 *
 * qrun-args: --add /bin/busybox:/bin/busybox
 */
#include "ftest.h"
#include <stdlib.h>

static char out[65536];

/* Run busybox with args, collect its stdout in out; => its exit status. */
static int run(char *const args[])
{
	int p[2], st;
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	pipe(p);
	if ((pid = fork()) == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execv("/bin/busybox", args);
		_exit(127);
	}
	close(p[1]);
	while (n < sizeof out - 1 && (r = read(p[0], out + n, sizeof out - 1 - n)) > 0)
		n += r;
	out[n] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int has(const char *s) { return strstr(out, s) != NULL; }

int main(void)
{
	int rc;

	setvbuf(stdout, NULL, _IONBF, 0);
	rc = run((char *[]){ "busybox", "ps", NULL });
	printf("ps: exit %d, header %d, lists init %d, lists us %d\n", rc,
	       has("PID") && has("COMMAND"), has("/sbin/init"), has("busybox_tools"));
	rc = run((char *[]){ "busybox", "free", NULL });
	printf("free: exit %d, total %d, Mem: %d, Swap: %d\n", rc, has("total"), has("Mem:"), has("Swap:"));
	rc = run((char *[]){ "busybox", "uptime", NULL });
	printf("uptime: exit %d, up %d, load average %d\n", rc, has(" up "), has("load average:"));
	rc = run((char *[]){ "busybox", "top", "-bn1", NULL });
	printf("top -bn1: exit %d, Mem: %d, PID column %d\n", rc, has("Mem:"), has("PID"));
	rc = run((char *[]){ "busybox", "dmesg", NULL });
	printf("dmesg: exit %d, boot banner %d\n", rc, has("Linux-compatible teaching kernel faultline"));
	run((char *[]){ "busybox", "sh", "-c", "ls /proc/self/ | busybox wc -l", NULL });
	/* Linux 6.18's process directory has 54 entries; faultline's pftrace opens but is not listed */
	printf("ls /proc/self/ | wc -l: %d\n", atoi(out));
	printf("/proc/self/pftrace opens: %d\n", access("/proc/self/pftrace", W_OK) == 0);
	run((char *[]){ "busybox", "sh", "-c", "x=$(echo a b | (read p q; echo $q)); echo \"[$x]\"", NULL });
	printf("subshell and $(...): %s", out);
	return 0;
}
