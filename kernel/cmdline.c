/*
 * kernel/cmdline.c - parse the command line GRUB passes (the multiboot2
 * cmdline tag).  Words look like "quiet", "loglevel=4", "ktest=all",
 * "crash=null_deref".  A bad value or an unknown word gets a clear message,
 * never a silent default.
 */
#include <cmdline.h>
#include <asm/multiboot2.h>
#include <printk.h>
#include <power.h>
#include <string.h>


static int set_quiet(const char *v) { console_set_loglevel(CONSOLE_LOGLEVEL_QUIET); return 0; }
__setup("quiet", set_quiet);

#define LONG_MAX_VALUE 0x7fffffffffffffffL

int cmdline_parse_long(const char *v, long *out)
{
	long n = 0, sign = 1;
	if (!v || !*v)
		return -1;
	if (*v == '-')
		sign = -1, v++;
	for (; *v; v++) {
		if (*v < '0' || *v > '9' || n > (LONG_MAX_VALUE - (*v - '0')) / 10)
			return -1;		/* not a number, or too big for a long */
		n = n * 10 + (*v - '0');
	}
	*out = n * sign;
	return 0;
}

static int set_loglevel(const char *v)
{
	long n;
	if (cmdline_parse_long(v, &n) || n < 0 || n > 8)
		return -1;
	console_set_loglevel(n);
	return 0;
}
__setup("loglevel", set_loglevel);

static int set_console(const char *v)
{
	if (!v || strncmp(v, "ttyS", 4) || v[4] < '0' || v[4] > '3' || v[5])
		return -1;
	console_set_port(v[4] - '0');
	return 0;
}
__setup("console", set_console);

static int set_panic(const char *v)
{
	long n;
	if (cmdline_parse_long(v, &n))
		return -1;
	panic_timeout = (int)n;
	return 0;
}
__setup("panic", set_panic);

static char words[COMMAND_LINE_SIZE];

static const struct kernel_param *find_param(const char *name)
{
	for (const struct kernel_param *p = __start_setup; p < __stop_setup; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

/* Split in place into NUL-separated "name" / "value" pairs, then apply. */
int parse_cmdline(const char *cmdline)
{
	int errors = 0;
	char *p;
	strlcpy(words, cmdline, sizeof(words));
	for (p = words; *p;) {
		char *name, *val = NULL;
		const struct kernel_param *kp;
		while (*p == ' ')
			*p++ = 0;
		if (!*p)
			break;
		if (p[0] == '-' && p[1] == '-' && (p[2] == ' ' || !p[2]))
			break;                  /* the rest belongs to init */
		name = p;
		while (*p && *p != ' ' && *p != '=')
			p++;
		if (*p == '=') {
			*p++ = 0;
			val = p;
			while (*p && *p != ' ')
				p++;
		}
		if (*p)
			*p++ = 0;
		kp = find_param(name);
		if (!kp) {
			if (strncmp(name, "BOOT_IMAGE", 10))
				pr_warn("Unknown kernel command line parameters \"%s\", ignored\n", name);
			continue;
		}
		if (kp->set(val)) {
			pr_err("cmdline: bad value for %s: \"%s\"\n", name, val ? val : "");
			errors++;
		}
	}
	return errors;
}
