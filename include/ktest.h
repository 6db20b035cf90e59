/*
 * In-kernel tests in the spirit of KUnit: KTEST(name) { ... } registers a
 * test in the .ktests section; "ktest=all" or "ktest=a,b" on the command
 * line runs them, printing "ok N name" / "not ok N name" (KTAP).
 * KTEST_EXPECT(cond) records a failure with file:line and keeps going.
 */
#ifndef _FAULTLINE_KTEST_H
#define _FAULTLINE_KTEST_H
#include "types.h"

struct ktest {
	const char *name;
	void (*fn)(struct ktest *t);
};
struct ktest_state { int failures; };
extern struct ktest_state ktest_state;

#define KTEST(n) \
	static void ktest_##n(struct ktest *t); \
	static const struct ktest __ktest_##n __used __section(".ktests") __aligned(8) = { #n, ktest_##n }; \
	static void ktest_##n(struct ktest *t)

void ktest_fail(const char *file, int line, const char *cond);
#define KTEST_EXPECT(c) do { if (!(c)) ktest_fail(__FILE__, __LINE__, #c); } while (0)

/* Crash scenarios: each is a separate boot, "crash=name". */
struct crash_scenario {
	const char *name;
	void (*fn)(void);
};
#define CRASH_SCENARIO(n) \
	static void crash_##n(void); \
	static const struct crash_scenario __crash_##n __used __section(".crash_scenarios") __aligned(8) = { #n, crash_##n }; \
	static void crash_##n(void)

int run_ktests(const char *selector);
int run_crash_scenario(const char *name);
const char *ktest_selector(void);
const char *crash_selector(void);

/* The sections KTEST() and CRASH_SCENARIO() entries are collected in (linker.ld). */
extern const struct ktest __start_ktests[], __stop_ktests[];
extern const struct crash_scenario __start_crash_scenarios[], __stop_crash_scenarios[];

#endif
