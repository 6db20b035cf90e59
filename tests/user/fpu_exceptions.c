/*
 * Unmasked floating-point exceptions (docs/linux-abi.md §5 si_code list:
 * FPE_FLTDIV 3, FLTOVF 4, FLTUND 5, FLTRES 6, FLTINV 7; §12 vectors:
 * 16 #MF "fpu exception" -> SIGFPE, 19 #XM "simd exception" -> SIGFPE).
 * Linux's math_error() picks si_code from the exception flags that are
 * both raised and unmasked, sets si_addr to the faulting RIP and
 * REG_TRAPNO to the vector; the handler starts with the initial FPU state
 * (§6), so after a siglongjmp out of it the x87 control word reads 0x037f
 * and MXCSR 0x1f80.  Each case runs in a forked child (with alarm(2) as a
 * backstop) that prints what its SIGFPE handler saw:
 *   x87 1/0 with ZM cleared, then fwait      -> FPE_FLTDIV, trapno 16
 *   x87 sqrt(-1) with IM cleared, then fwait -> FPE_FLTINV, trapno 16
 *   x87 1e4000L*1e4000L with OM cleared      -> FPE_FLTOVF, trapno 16
 *   x87 1/3 with PM cleared                  -> FPE_FLTRES, trapno 16
 *   SSE 1/0, all masked (the default)        -> no signal, result inf
 * plus whether si_addr == REG_RIP, REG_ERR, and the frame's saved x87
 * status flags.  (Unmasked SSE exceptions, #XM, are not tested: QEMU's TCG
 * never raises them, so faultline under TCG cannot match Linux there.)
 */
#include "ftest.h"
#include <stdlib.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code, addr_is_rip;
static volatile long got_trapno, got_err;
static volatile unsigned saved_mxcsr, saved_swd;

static unsigned get_mxcsr(void) { unsigned m; asm volatile("stmxcsr %0" : "=m"(m)); return m; }
static void set_mxcsr(unsigned m) { asm volatile("ldmxcsr %0" : : "m"(m)); }
static unsigned get_fcw(void) { unsigned short c; asm volatile("fnstcw %0" : "=m"(c)); return c; }

static void on_fpe(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	got_sig = sig;
	got_code = si->si_code;
	addr_is_rip = (uintptr_t)si->si_addr == (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	got_err = uc->uc_mcontext.gregs[REG_ERR];
	if (uc->uc_mcontext.fpregs) {
		saved_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
		saved_swd = uc->uc_mcontext.fpregs->swd;
	}
	siglongjmp(jb, 1);
}

static const char *fpe_code(int c)
{
	switch (c) {
	case FPE_INTDIV: return "FPE_INTDIV";
	case FPE_INTOVF: return "FPE_INTOVF";
	case FPE_FLTDIV: return "FPE_FLTDIV";
	case FPE_FLTOVF: return "FPE_FLTOVF";
	case FPE_FLTUND: return "FPE_FLTUND";
	case FPE_FLTRES: return "FPE_FLTRES";
	case FPE_FLTINV: return "FPE_FLTINV";
	case FPE_FLTSUB: return "FPE_FLTSUB";
	case SI_KERNEL: return "SI_KERNEL";
	case 0: return "0";
	}
	return "?";
}

static volatile double d_one = 1.0, d_zero = 0.0;
static volatile double result;

static void sse_div(double a, double b)
{
	double r = a;

	asm volatile("divsd %1, %0" : "+x"(r) : "x"(b));
	result = r;
}

enum { X87_DIV, X87_SQRT, X87_MUL };

/* One x87 operation under control word cw; fwait delivers a pending fault. */
static void x87_op(unsigned short cw, int op, long double a, long double b)
{
	long double r;

	asm volatile("fldcw %0" : : "m"(cw));
	switch (op) {
	case X87_DIV: asm volatile("fdivrp\n\tfwait" : "=t"(r) : "0"(b), "u"(a) : "st(1)"); break;
	case X87_SQRT: asm volatile("fsqrt\n\tfwait" : "=t"(r) : "0"(a)); break;
	case X87_MUL: asm volatile("fmulp\n\tfwait" : "=t"(r) : "0"(a), "u"(b) : "st(1)"); break;
	}
	result = (double)r;
}

static void run(const char *label, int which)
{
	int status, p[2];
	char buf[512];
	size_t got = 0;
	ssize_t n;

	fflush(stdout);
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;

		close(p[0]);
		dup2(p[1], 1);
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_fpe;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGFPE, &sa, NULL);
		alarm(2);
		if (sigsetjmp(jb, 1) == 0) {
			switch (which) {
			case 0: x87_op(0x037f & ~0x4, X87_DIV, 1.0L, 0.0L); break;
			case 1: x87_op(0x037f & ~0x1, X87_SQRT, -1.0L, 0.0L); break;
			case 2: x87_op(0x037f & ~0x8, X87_MUL, 1e4000L, 1e4000L); break;
			case 3: x87_op(0x037f & ~0x20, X87_DIV, 1.0L, 3.0L); break;
			case 5: sse_div(d_one, d_zero); break;
			}
			printf("no signal, result %g mxcsr 0x%x\n", result, get_mxcsr());
		} else {
			unsigned m = get_mxcsr(), c = get_fcw();

			asm volatile("fnclex");
			set_mxcsr(0x1f80);
			printf("%s %s addr==rip %d trapno %ld err %ld frame mxcsr 0x%x swd&0x3f 0x%x\n",
			       sig_name(got_sig), fpe_code(got_code), addr_is_rip, got_trapno,
			       got_err, saved_mxcsr, saved_swd & 0x3f);
			printf("after siglongjmp: mxcsr 0x%x fcw 0x%x\n", m, c);
		}
		_exit(0);
	}
	close(p[1]);
	while (got < sizeof buf - 1 && (n = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += n;
	buf[got] = 0;
	close(p[0]);
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		printf("%s: %s\n", label, line);
	waitpid(pid, &status, 0);
	print_wait_status(label, status);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	run("x87 1/0 ZM clear", 0);
	run("x87 sqrt(-1) IM clear", 1);
	run("x87 overflow OM clear", 2);
	run("x87 1/3 PM clear", 3);
	run("sse 1/0 masked", 5);
	return 0;
}
