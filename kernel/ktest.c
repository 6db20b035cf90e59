/*
 * kernel/ktest.c - run the registered in-kernel tests and crash scenarios.
 * Output is KTAP-like and parsed by tests/run_tests.py:
 *   KTAP version 1
 *   1..N
 *   ok 1 buddy_alloc_free
 *   not ok 2 ...           (preceded by "# file:line: cond" for each failure)
 *   # ktest: N passed, M failed
 */
#include <ktest.h>
#include <cmdline.h>
#include <printk.h>
#include <string.h>

struct ktest_state ktest_state;

static char ktest_sel[128], crash_sel[64];
static int set_ktest(const char *v)
{
	if (!v || !*v)
		return -1;
	strlcpy(ktest_sel, v, sizeof(ktest_sel));
	return 0;
}
__setup("ktest", set_ktest);
static int set_crash(const char *v)
{
	if (!v || !*v)
		return -1;
	strlcpy(crash_sel, v, sizeof(crash_sel));
	return 0;
}
__setup("crash", set_crash);
const char *ktest_selector(void) { return ktest_sel[0] ? ktest_sel : NULL; }
const char *crash_selector(void) { return crash_sel[0] ? crash_sel : NULL; }

void ktest_fail(const char *file, int line, const char *cond)
{
	pr_info("    # %s:%d: expected %s\n", file, line, cond);
	ktest_state.failures++;
}

/* Is name one of the comma-separated words in sel ("all" matches all)? */
static bool selected(const char *sel, const char *name)
{
	size_t n = strlen(name);
	if (!strcmp(sel, "all"))
		return true;
	for (const char *p = sel; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, name, n))
			return true;
		p += len + (end ? 1 : 0);
	}
	return false;
}

static bool known_ktest(const char *name, size_t len)
{
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
		if (strlen(t->name) == len && !strncmp(t->name, name, len))
			return true;
	return false;
}

/* Every word in the selector must name a test: a typo is an error, not a no-op. */
static int check_selector(const char *sel)
{
	int bad = 0;
	if (!strcmp(sel, "all"))
		return 0;
	for (const char *p = sel; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (!known_ktest(p, len)) {
			pr_err("ktest: unknown test \"%.*s\"\n", (int)len, p);
			bad++;
		}
		p += len + (end ? 1 : 0);
	}
	return bad;
}

int run_ktests(const char *sel)
{
	int n = 0, passed = 0, failed = 0, total = 0;
	if (check_selector(sel)) {
		pr_err("ktest: known tests are:");
		for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
			pr_cont(" %s", t->name);
		pr_cont("\n");
		return -1;
	}
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
		total += selected(sel, t->name);
	pr_info("KTAP version 1\n");
	pr_info("1..%d\n", total);
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (!selected(sel, t->name))
			continue;
		ktest_state.failures = 0;
		t->fn((struct ktest *)t);
		n++;
		if (ktest_state.failures) {
			failed++;
			pr_info("not ok %d %s\n", n, t->name);
		} else {
			passed++;
			pr_info("ok %d %s\n", n, t->name);
		}
	}
	pr_info("# ktest: %d passed, %d failed\n", passed, failed);
	return failed;
}

int run_crash_scenario(const char *name)
{
	for (const struct crash_scenario *c = __start_crash_scenarios; c < __stop_crash_scenarios; c++) {
		if (strcmp(c->name, name))
			continue;
		pr_info("crash: running scenario %s\n", name);
		c->fn();
		pr_err("crash: scenario %s returned without faulting\n", name);
		return -1;
	}
	pr_err("crash: unknown scenario \"%s\"; known:", name);
	for (const struct crash_scenario *c = __start_crash_scenarios; c < __stop_crash_scenarios; c++)
		pr_cont(" %s", c->name);
	pr_cont("\n");
	return -1;
}
