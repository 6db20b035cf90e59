/*
 * The prctl options of the capability model (Linux security/commoncap.c
 * cap_task_prctl, cap_emulate_setxuid, cap_bprm_creds_from_file; fs/exec.c
 * bprm_fill_uid) and no_new_privs (kernel/sys.c):
 *   - PR_CAPBSET_READ: 1 for a capability in the bounding set, EINVAL past
 *     CAP_LAST_CAP; PR_CAPBSET_DROP needs CAP_SETPCAP (EPERM first, even
 *     for a bad number), then EINVAL for a bad number; a dropped one is
 *     gone from the bounding set and, after exec, from root's permitted set;
 *   - PR_SET_SECUREBITS needs CAP_SETPCAP (EPERM even to write 0), refuses
 *     unknown bits, and once a bit is locked it can neither change nor be
 *     unlocked; PR_SET_KEEPCAPS flips SECBIT_KEEP_CAPS (2 is EINVAL, a
 *     locked bit EPERM);
 *   - KEEP_CAPS keeps the permitted set across setuid(nobody) (effective
 *     is emptied all the same); exec clears it; NO_SETUID_FIXUP leaves
 *     even the effective set; NOROOT gives root nothing at exec;
 *   - PR_CAP_AMBIENT: IS_SET, RAISE, LOWER, CLEAR_ALL; a bad capability
 *     or operation, or CLEAR_ALL with an argument, is EINVAL; RAISE needs
 *     the capability permitted and inheritable (EPERM); the recipe that
 *     lets a non-root program keep a capability across exec works
 *     (KEEP_CAPS, setuid(nobody), capset, RAISE, exec), and a capset that
 *     drops it from the inheritable set drops it from the ambient set;
 *   - PR_SET_NO_NEW_PRIVS takes exactly (1, 0, 0, 0), PR_GET_NO_NEW_PRIVS
 *     (0, 0, 0, 0); the flag shows in /proc/self/status, is inherited,
 *     survives exec, makes a set-user-ID bit do nothing, and keeps root's
 *     exec from raising a permitted set it had given up.
 * Capabilities are reported one by one (a host's bounding set may lack
 * some): CAP_SETUID 7, CAP_SETPCAP 8, CAP_SYS_TIME 25.
 */
#include "credutil.h"
#include <sys/auxv.h>
#include <sys/prctl.h>

/* Linux uapi/linux/capability.h and securebits.h (musl has no header for them) */
#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_SYS_TIME 25
struct __user_cap_header_struct { unsigned version; int pid; };
struct __user_cap_data_struct { unsigned effective, permitted, inheritable; };
#define SECBIT_NOROOT 0x1
#define SECBIT_NO_SETUID_FIXUP 0x4
#define SECBIT_KEEP_CAPS 0x10
#define SECBIT_KEEP_CAPS_LOCKED 0x20
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_LOWER 3
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

#define BIT(n) (1ULL << (n))

static char dir[64], suid_nobody[128], suid_root[128], plain[128];

static void get_caps(unsigned long long *eff, unsigned long long *prm)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	syscall(SYS_capget, &h, d);
	*eff = d[0].effective | (unsigned long long)d[1].effective << 32;
	*prm = d[0].permitted | (unsigned long long)d[1].permitted << 32;
}

static void show_caps(const char *label)
{
	unsigned long long e, p;

	get_caps(&e, &p);
	printf("  %s: eff SETUID %d SETPCAP %d SYS_TIME %d, prm SETUID %d SETPCAP %d SYS_TIME %d\n", label,
	       !!(e & BIT(CAP_SETUID)), !!(e & BIT(CAP_SETPCAP)), !!(e & BIT(CAP_SYS_TIME)),
	       !!(p & BIT(CAP_SETUID)), !!(p & BIT(CAP_SETPCAP)), !!(p & BIT(CAP_SYS_TIME)));
}

static void show(const char *what, long r)
{
	printf("  %s: %ld %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

/* What an exec'd copy of this program sees. */
static void report_exec(void)
{
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");

	printf("  exec'd: euid %u AT_SECURE %lu nnp %d keepcaps %d securebits %#x\n", geteuid(), getauxval(AT_SECURE),
	       prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), prctl(PR_GET_KEEPCAPS), prctl(PR_GET_SECUREBITS));
	show_caps("exec'd");
	printf("  exec'd: ambient SYS_TIME %d\n", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SYS_TIME, 0, 0));
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "NoNewPrivs:", 11))
			printf("  exec'd status %s", line);
	if (f)
		fclose(f);
}

static void run(const char *prog)
{
	char *argv[] = { (char *)prog, "report", NULL };

	execv(prog, argv);
	printf("  execv: %s\n", errno_name(errno));
	_exit(1);
}

static int copy_self(const char *self, const char *to, mode_t mode, uid_t uid)
{
	char buf[4096];
	int in = open(self, O_RDONLY), out = open(to, O_CREAT | O_WRONLY | O_TRUNC, 0700);
	ssize_t n;

	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	close(out);
	return chown(to, uid, 0) || chmod(to, mode);
}

/* Each case in a child: the settings are for ever. */
static void in_child(const char *label, void (*fn)(void))
{
	int status;
	pid_t pid;

	printf("%s:\n", label);
	if ((pid = fork()) == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
}

static void bounding_set(void)
{
	show("CAPBSET_READ SYS_TIME", prctl(PR_CAPBSET_READ, CAP_SYS_TIME));
	show("CAPBSET_READ 41", prctl(PR_CAPBSET_READ, 41));
	show("CAPBSET_DROP 99", prctl(PR_CAPBSET_DROP, 99));
	show("CAPBSET_DROP SYS_TIME", prctl(PR_CAPBSET_DROP, CAP_SYS_TIME));
	show("CAPBSET_READ SYS_TIME", prctl(PR_CAPBSET_READ, CAP_SYS_TIME));
	show_caps("before exec");
	run(plain);
}

static void unprivileged(void)
{
	become_nobody();
	show("CAPBSET_READ SETUID", prctl(PR_CAPBSET_READ, CAP_SETUID));
	show("CAPBSET_DROP SETUID", prctl(PR_CAPBSET_DROP, CAP_SETUID));
	show("CAPBSET_DROP 99", prctl(PR_CAPBSET_DROP, 99));
	show("SET_SECUREBITS 0", prctl(PR_SET_SECUREBITS, 0));
	show("SET_KEEPCAPS 1", prctl(PR_SET_KEEPCAPS, 1));
	show("GET_KEEPCAPS", prctl(PR_GET_KEEPCAPS));
}

static void securebits(void)
{
	show("GET_SECUREBITS", prctl(PR_GET_SECUREBITS));
	show("SET_SECUREBITS 0x1000 (unknown)", prctl(PR_SET_SECUREBITS, 0x1000));
	show("SET_KEEPCAPS 2", prctl(PR_SET_KEEPCAPS, 2));
	show("SET_SECUREBITS KEEP_CAPS", prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS));
	show("GET_KEEPCAPS", prctl(PR_GET_KEEPCAPS));
	show("SET_KEEPCAPS 0", prctl(PR_SET_KEEPCAPS, 0));
	show("GET_SECUREBITS", prctl(PR_GET_SECUREBITS));
	show("SET_SECUREBITS KEEP_CAPS|KEEP_CAPS_LOCKED",
	     prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS | SECBIT_KEEP_CAPS_LOCKED));
	show("SET_KEEPCAPS 0 (locked)", prctl(PR_SET_KEEPCAPS, 0));
	show("SET_SECUREBITS KEEP_CAPS_LOCKED (clear a locked bit)", prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS_LOCKED));
	show("SET_SECUREBITS 0 (unlock)", prctl(PR_SET_SECUREBITS, 0));
	show("GET_SECUREBITS", prctl(PR_GET_SECUREBITS));
}

static void keep_caps(void)
{
	prctl(PR_SET_KEEPCAPS, 1);
	show("setresuid nobody", setresuid(NOBODY, NOBODY, NOBODY));
	show_caps("after setresuid");
	run(plain);
}

static void no_keep_caps(void)
{
	show("setresuid nobody", setresuid(NOBODY, NOBODY, NOBODY));
	show_caps("after setresuid");
}

static void no_setuid_fixup(void)
{
	show("SET_SECUREBITS NO_SETUID_FIXUP", prctl(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP));
	show("setresuid nobody", setresuid(NOBODY, NOBODY, NOBODY));
	show_caps("after setresuid");
}

static void noroot(void)
{
	show("SET_SECUREBITS NOROOT", prctl(PR_SET_SECUREBITS, SECBIT_NOROOT));
	run(plain);
}

static void nnp_args(void)
{
	show("GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	show("SET_NO_NEW_PRIVS 0", prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0));
	show("SET_NO_NEW_PRIVS 1, 1", prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0));
	show("SET_NO_NEW_PRIVS 1", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	show("GET_NO_NEW_PRIVS 1", prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0));
	show("GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	show("SET_NO_NEW_PRIVS 1 again", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	if (fork() == 0) {
		show("fork child GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
		_exit(0);
	}
	wait(NULL);
	run(suid_nobody);
}

static void nnp_nobody_suid_root(void)
{
	become_nobody();
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	run(suid_root);
}

static void nobody_suid_root(void)
{
	become_nobody();
	run(suid_root);
}

/* capset: these effective, permitted and inheritable bits of the low word. */
static long set_caps(unsigned e, unsigned p, unsigned i)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { e, p, i }, { 0, 0, 0 } };

	errno = 0;
	return syscall(SYS_capset, &h, d);
}

static void ambient_errors(void)
{
	become_nobody();
	show("AMBIENT IS_SET SETUID", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SETUID, 0, 0));
	show("AMBIENT RAISE SETUID", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SETUID, 0, 0));
	show("AMBIENT LOWER SETUID", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_SETUID, 0, 0));
	show("AMBIENT IS_SET 99", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 99, 0, 0));
	show("AMBIENT op 99", prctl(PR_CAP_AMBIENT, 99, CAP_SETUID, 0, 0));
	show("AMBIENT CLEAR_ALL 1", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0));
	show("AMBIENT CLEAR_ALL", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0));
}

static void ambient_keeps(void)
{
	unsigned t = 1u << CAP_SYS_TIME;

	show("root AMBIENT RAISE SYS_TIME, not inheritable", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SYS_TIME, 0, 0));
	prctl(PR_SET_KEEPCAPS, 1);
	show("setresuid nobody", setresuid(NOBODY, NOBODY, NOBODY));
	show("capset eff, prm, inh SYS_TIME", set_caps(t, t, t));
	show("AMBIENT RAISE SYS_TIME", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SYS_TIME, 0, 0));
	show("AMBIENT IS_SET SYS_TIME", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SYS_TIME, 0, 0));
	if (fork() == 0) {
		show("capset without inheritable", set_caps(t, t, 0));
		show("AMBIENT IS_SET SYS_TIME", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SYS_TIME, 0, 0));
		_exit(0);
	}
	wait(NULL);
	if (fork() == 0) {
		show("AMBIENT LOWER SYS_TIME", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_SYS_TIME, 0, 0));
		run(plain);
	}
	wait(NULL);
	run(plain);
}

/* Root gives up CAP_SYS_TIME in its permitted set, then execs. */
static void drop_sys_time(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	syscall(SYS_capget, &h, d);
	d[0].permitted &= ~(1u << CAP_SYS_TIME);
	d[0].effective &= ~(1u << CAP_SYS_TIME);
	show("capset without SYS_TIME", syscall(SYS_capset, &h, d));
}

static void nnp_root_keeps_less(void)
{
	drop_sys_time();
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	run(plain);
}

static void root_regains(void)
{
	drop_sys_time();
	run(plain);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		report_exec();
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "prctl_caps");
	chmod(dir, 0755);
	copy_self(argv[0], path_in(suid_nobody, sizeof suid_nobody, dir, "suid_nobody"), 04755, NOBODY);
	copy_self(argv[0], path_in(suid_root, sizeof suid_root, dir, "suid_root"), 04755, 0);
	copy_self(argv[0], path_in(plain, sizeof plain, dir, "plain"), 0755, 0);

	in_child("bounding set, as root", bounding_set);
	in_child("as nobody", unprivileged);
	in_child("securebits, as root", securebits);
	in_child("KEEP_CAPS, then setuid(nobody), then exec", keep_caps);
	in_child("no KEEP_CAPS, setuid(nobody)", no_keep_caps);
	in_child("NO_SETUID_FIXUP, setuid(nobody)", no_setuid_fixup);
	in_child("NOROOT, root execs", noroot);
	in_child("ambient set, as nobody", ambient_errors);
	in_child("ambient set: keep SYS_TIME as nobody across exec", ambient_keeps);
	in_child("no_new_privs, root runs a setuid-nobody program", nnp_args);
	in_child("nobody runs a setuid-root program", nobody_suid_root);
	in_child("no_new_privs, nobody runs a setuid-root program", nnp_nobody_suid_root);
	in_child("root without SYS_TIME execs", root_regains);
	in_child("root without SYS_TIME, no_new_privs, execs", nnp_root_keeps_less);
	printf("cleanup: %d\n", rm_rf(dir));
	return 0;
}
