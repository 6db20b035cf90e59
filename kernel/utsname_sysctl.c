/*
 * kernel/utsname_sysctl.c - the system's names (Linux: init/version.c's
 * init_uts_ns) and their /proc files: /proc/sys/kernel/{ostype, osrelease,
 * version, hostname, domainname} (Linux: kernel/utsname_sysctl.c) and
 * /proc/version (Linux: fs/proc/version.c). hostname and domainname are
 * writable, as with sethostname(2).
 */
#include <utsname.h>
#include <proc_fs.h>
#include <init.h>
#include <string.h>
#include <errno.h>

struct new_utsname init_uts_ns = {
	.sysname = "Linux",
	.nodename = "faultline",
	.release = "6.1.0-faultline",
	.version = "#1 faultline teaching kernel",
	.machine = "x86_64",
	.domainname = "(none)",
};

static void ostype_show(struct seq_file *m) { seq_printf(m, "%s\n", init_uts_ns.sysname); }
static void osrelease_show(struct seq_file *m) { seq_printf(m, "%s\n", init_uts_ns.release); }
static void version_show(struct seq_file *m) { seq_printf(m, "%s\n", init_uts_ns.version); }
static void hostname_show(struct seq_file *m) { seq_printf(m, "%s\n", init_uts_ns.nodename); }
static void domainname_show(struct seq_file *m) { seq_printf(m, "%s\n", init_uts_ns.domainname); }

/* Linux proc_do_uts_string: the text up to a newline, at most __NEW_UTS_LEN bytes. */
static int set_uts_string(char *dst, const char *buf)
{
	size_t n = 0;

	while (buf[n] && buf[n] != '\n')
		n++;
	if (n > __NEW_UTS_LEN)
		return -EINVAL;
	memcpy(dst, buf, n);
	dst[n] = '\0';
	return 0;
}

static int hostname_write(const char *buf, size_t n) { (void)n; return set_uts_string(init_uts_ns.nodename, buf); }
static int domainname_write(const char *buf, size_t n) { (void)n; return set_uts_string(init_uts_ns.domainname, buf); }

/* Linux fs/proc/version.c: "Linux version RELEASE (builder) VERSION". */
static void proc_version_show(struct seq_file *m)
{
	seq_printf(m, "%s version %s (faultline@localhost) (gcc) %s\n", init_uts_ns.sysname, init_uts_ns.release,
		   init_uts_ns.version);
}

static int utsname_sysctl_init(void)
{
	return proc_create_single("version", proc_version_show) ||
	       proc_create_single("sys/kernel/ostype", ostype_show) ||
	       proc_create_single("sys/kernel/osrelease", osrelease_show) ||
	       proc_create_single("sys/kernel/version", version_show) ||
	       proc_create_rw("sys/kernel/hostname", hostname_show, hostname_write) ||
	       proc_create_rw("sys/kernel/domainname", domainname_show, domainname_write);
}
fs_initcall(utsname_sysctl_init);
