/*
 * FPU/SSE state is per process (docs/linux-abi.md §11 "fork ... copy-on-write
 * memory"; §1 musl's fesetround sets both the x87 control word and MXCSR):
 *   - a fork child inherits the rounding mode and MXCSR flags of its parent
 *     (fork copies the FPU registers);
 *   - parent and child then run concurrently, each in its own rounding mode
 *     (parent FE_DOWNWARD, child FE_UPWARD), calling sched_yield() between
 *     steps so that they keep switching; every step recomputes 1/3, 2/3,
 *     sqrt(2) in double and 1/3 in long double (x87) and compares the bits
 *     with what that mode must give.  Each counts its mismatches and
 *     prints a checksum of the results with %.17g and %a;
 *   - the two processes take turns through two pipes for a second phase,
 *     so that every step really is interleaved with the other process;
 *   - execve starts the new program with the default FPU state (MXCSR
 *     0x1f80, FE_TONEAREST, x87 control word 0x037f) even if the caller had
 *     changed it.
 * Output of the concurrent phase is printed by the parent after the child
 * has exited (the child reports through a pipe).
 */
#include "ftest.h"
#include <fenv.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>

#define STEPS 300

static unsigned get_mxcsr(void) { unsigned m; asm volatile("stmxcsr %0" : "=m"(m)); return m; }
static unsigned get_fcw(void) { unsigned short c; asm volatile("fnstcw %0" : "=m"(c)); return c; }

struct expect { double third, two_thirds, sqrt2; long double lthird; };

static volatile double one = 1.0, two = 2.0, three = 3.0;
static volatile long double lone = 1.0L, lthree = 3.0L;

static void compute(struct expect *e)
{
	e->third = one / three;
	e->two_thirds = two / three;
	e->sqrt2 = sqrt(two);
	e->lthird = lone / lthree;
}

static int differs(const struct expect *a, const struct expect *b)
{
	return memcmp(&a->third, &b->third, 8) || memcmp(&a->two_thirds, &b->two_thirds, 8) ||
	       memcmp(&a->sqrt2, &b->sqrt2, 8) || memcmp(&a->lthird, &b->lthird, 10);
}

static const char *mode_name(int m)
{
	switch (m) {
	case FE_TONEAREST: return "FE_TONEAREST";
	case FE_DOWNWARD: return "FE_DOWNWARD";
	case FE_UPWARD: return "FE_UPWARD";
	case FE_TOWARDZERO: return "FE_TOWARDZERO";
	}
	return "?";
}

/* The reference results for a rounding mode, computed before any fork. */
static struct expect ref_down, ref_up;

static int run_steps(const struct expect *ref, int (*between)(void), double *sum)
{
	int bad = 0;
	struct expect e;

	*sum = 0;
	for (int i = 0; i < STEPS; i++) {
		compute(&e);
		if (differs(&e, ref))
			bad++;
		*sum += e.third + e.two_thirds + e.sqrt2;
		between();
	}
	return bad;
}

static int p_in, p_out;		/* ping-pong pipe ends for the second phase */
static int pingpong(void)
{
	char c = 'x';

	write(p_out, &c, 1);
	return read(p_in, &c, 1);
}

int main(int argc, char **argv)
{
	int status, up[2], a2b[2], b2a[2];
	char buf[512];
	ssize_t n;
	double sum;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
		printf("after exec: mode %s mxcsr 0x%x fcw 0x%x\n", mode_name(fegetround()),
		       get_mxcsr(), get_fcw());
		return 0;
	}

	fesetround(FE_DOWNWARD);
	compute(&ref_down);
	fesetround(FE_UPWARD);
	compute(&ref_up);
	printf("1/3 down %a up %a differ %d\n", ref_down.third, ref_up.third,
	       ref_down.third != ref_up.third);
	printf("1/3L down %La up %La\n", ref_down.lthird, ref_up.lthird);

	/* Inheritance: FE_DOWNWARD plus the inexact flag. */
	fesetround(FE_DOWNWARD);
	feclearexcept(FE_ALL_EXCEPT);
	{ volatile double x = one / three; (void)x; }
	pipe(up);
	pid_t pid = fork();
	if (pid == 0) {
		close(up[0]);
		int len = snprintf(buf, sizeof buf, "child at fork: mode %s inexact %d mxcsr 0x%x fcw 0x%x\n",
				   mode_name(fegetround()), fetestexcept(FE_INEXACT) != 0,
				   get_mxcsr(), get_fcw());
		fesetround(FE_UPWARD);
		int bad = run_steps(&ref_up, sched_yield, &sum);
		len += snprintf(buf + len, sizeof buf - len,
				"child yield phase: mismatches %d sum %.17g mode %s\n", bad, sum,
				mode_name(fegetround()));
		write(up[1], buf, len);
		_exit(0);
	}
	close(up[1]);
	int bad = run_steps(&ref_down, sched_yield, &sum);
	while ((n = read(up[0], buf, sizeof buf - 1)) > 0) {
		buf[n] = 0;
		printf("%s", buf);
	}
	close(up[0]);
	waitpid(pid, &status, 0);
	printf("parent yield phase: mismatches %d sum %.17g mode %s\n", bad, sum,
	       mode_name(fegetround()));

	/* Strict alternation through two pipes. */
	pipe(a2b);
	pipe(b2a);
	pipe(up);
	pid = fork();
	if (pid == 0) {
		close(up[0]);
		close(a2b[1]);
		close(b2a[0]);
		fesetround(FE_UPWARD);
		p_in = a2b[0];
		p_out = b2a[1];
		bad = run_steps(&ref_up, pingpong, &sum);
		int len = snprintf(buf, sizeof buf, "child ping-pong: mismatches %d sum %.17g\n",
				   bad, sum);
		write(up[1], buf, len);
		_exit(0);
	}
	close(up[1]);
	close(a2b[0]);
	close(b2a[1]);
	p_in = b2a[0];
	p_out = a2b[1];
	bad = run_steps(&ref_down, pingpong, &sum);
	close(a2b[1]);
	while ((n = read(up[0], buf, sizeof buf - 1)) > 0) {
		buf[n] = 0;
		printf("%s", buf);
	}
	waitpid(pid, &status, 0);
	printf("parent ping-pong: mismatches %d sum %.17g\n", bad, sum);

	/* exec resets the FPU. */
	fesetround(FE_TOWARDZERO);
	pid = fork();
	if (pid == 0) {
		char *args[] = { argv[0], "after-exec", NULL }, *env[] = { NULL };

		execve(argv[0], args, env);
		printf("execve failed %s\n", errno_name(errno));
		_exit(127);
	}
	waitpid(pid, &status, 0);
	print_wait_status("exec child", status);
	printf("parent still: mode %s\n", mode_name(fegetround()));
	return 0;
}
