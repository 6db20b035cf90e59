/*
 * FPU/SSE state and signal delivery (docs/linux-abi.md §6: "fpstate pointer
 * (64-byte aligned, above the frame)", "fpstate NULL resets the FPU";
 * rt_sigreturn restores the FPU from the frame).  Linux saves the
 * interrupted x87/SSE state into the signal frame, starts the handler with
 * the *initial* FPU state (fpu__clear_user_states: MXCSR 0x1f80, x87 control
 * word 0x037f, whatever main had set), and on rt_sigreturn reloads the state
 * from the frame, so a handler can edit it there.  Checked:
 *   - main sets MXCSR to round-up with the ZE flag raised (0x5f84) and the
 *     x87 control word to round-up (0x0b7f), fills xmm0-xmm15 with known
 *     patterns and pushes two values on the x87 stack, then sends itself
 *     SIGUSR1 with a raw kill syscall inside the same asm block;
 *   - the handler reports MXCSR and FCW as it finds them at entry, what the
 *     frame's fpregs hold (mxcsr, cwd, xmm0..15 patterns, st0/st1), then
 *     trashes every xmm register, MXCSR, FCW and the x87 stack, does some
 *     double arithmetic, and edits the frame: xmm3's low dword := 0x600d,
 *     MXCSR rounding := toward zero;
 *   - back in main: xmm registers are as before except xmm3's edited dword,
 *     MXCSR = 0x7f84 (edited RC, ZE kept), FCW 0x0b7f, the two x87 values
 *     intact;
 *   - a handler given fpregs = NULL on return gets the initial FPU state
 *     (MXCSR 0x1f80, FCW 0x037f) in main;
 *   - the same with a signal that interrupts a busy loop (ITIMER_REAL), not
 *     a system call: the loop keeps its accumulators in xmm registers.
 * Values are printed as hex patterns; nothing depends on addresses.
 */
#include "ftest.h"
#include <fenv.h>
#include <math.h>
#include <sys/time.h>

static unsigned long long xin[16][2] __attribute__((aligned(16)));
static unsigned long long xout[16][2] __attribute__((aligned(16)));
static long double stin[2] = { 1.5L, -2.25L }, stout[2];

static volatile unsigned h_mxcsr, h_fcw, f_mxcsr, f_cwd, f_xmm_ok, f_st_ok, f_fpregs;
static volatile double h_result;
static volatile int null_fpregs, handler_runs;

static unsigned get_mxcsr(void) { unsigned m; asm volatile("stmxcsr %0" : "=m"(m)); return m; }
static void set_mxcsr(unsigned m) { asm volatile("ldmxcsr %0" : : "m"(m)); }
static unsigned get_fcw(void) { unsigned short c; asm volatile("fnstcw %0" : "=m"(c)); return c; }
static void set_fcw(unsigned short c) { asm volatile("fldcw %0" : : "m"(c)); }

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	fpregset_t fp = uc->uc_mcontext.fpregs;
	volatile double a = 2.0;
	unsigned ok = 0;

	(void)sig; (void)si;
	h_mxcsr = get_mxcsr();		/* before any FP instruction */
	h_fcw = get_fcw();
	handler_runs++;
	f_fpregs = fp != NULL;
	if (fp) {
		f_mxcsr = fp->mxcsr;
		f_cwd = fp->cwd;
		for (int i = 0; i < 16; i++)
			if (memcmp(&fp->_xmm[i], xin[i], 16) == 0)
				ok++;
		f_xmm_ok = ok;
		/* st0 = -2.25 (pushed last), st1 = 1.5: compare the 10-byte images */
		f_st_ok = memcmp(&fp->_st[0], &stin[1], 10) == 0 &&
			  memcmp(&fp->_st[1], &stin[0], 10) == 0;
	}
	/* Trash the live FPU state. */
	set_mxcsr(0x3f80);
	set_fcw(0x077f);
	asm volatile("pcmpeqd %%xmm0,%%xmm0\n\t" "pcmpeqd %%xmm1,%%xmm1\n\t"
		     "pcmpeqd %%xmm2,%%xmm2\n\t" "pcmpeqd %%xmm3,%%xmm3\n\t"
		     "pcmpeqd %%xmm4,%%xmm4\n\t" "pcmpeqd %%xmm5,%%xmm5\n\t"
		     "pcmpeqd %%xmm6,%%xmm6\n\t" "pcmpeqd %%xmm7,%%xmm7\n\t"
		     "pcmpeqd %%xmm8,%%xmm8\n\t" "pcmpeqd %%xmm9,%%xmm9\n\t"
		     "pcmpeqd %%xmm10,%%xmm10\n\t" "pcmpeqd %%xmm11,%%xmm11\n\t"
		     "pcmpeqd %%xmm12,%%xmm12\n\t" "pcmpeqd %%xmm13,%%xmm13\n\t"
		     "pcmpeqd %%xmm14,%%xmm14\n\t" "pcmpeqd %%xmm15,%%xmm15\n\t"
		     "fld1\n\t" "fld1\n\t" "fld1\n\t" "fstp %%st(0)\n\t"
		     "fstp %%st(0)\n\t" "fstp %%st(0)\n\t" "fld1\n\t" "fld1\n\t"
		     : : : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
		       "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",
		       "xmm14", "xmm15", "memory");
	h_result = sqrt(a) * 3.0 + 1.0 / a;
	if (null_fpregs) {
		uc->uc_mcontext.fpregs = NULL;
	} else if (fp) {
		fp->_xmm[3].element[0] = 0x600d;
		fp->mxcsr = (fp->mxcsr & ~0x6000u) | 0x6000u;	/* RC = toward zero */
	}
}

/* Load xmm0-15 and two x87 values, kill(getpid(), SIGUSR1), store them. */
static void fpu_round_trip(void)
{
	long pid = getpid();

	asm volatile(
		"movdqa 0(%[in]),%%xmm0\n\t" "movdqa 16(%[in]),%%xmm1\n\t"
		"movdqa 32(%[in]),%%xmm2\n\t" "movdqa 48(%[in]),%%xmm3\n\t"
		"movdqa 64(%[in]),%%xmm4\n\t" "movdqa 80(%[in]),%%xmm5\n\t"
		"movdqa 96(%[in]),%%xmm6\n\t" "movdqa 112(%[in]),%%xmm7\n\t"
		"movdqa 128(%[in]),%%xmm8\n\t" "movdqa 144(%[in]),%%xmm9\n\t"
		"movdqa 160(%[in]),%%xmm10\n\t" "movdqa 176(%[in]),%%xmm11\n\t"
		"movdqa 192(%[in]),%%xmm12\n\t" "movdqa 208(%[in]),%%xmm13\n\t"
		"movdqa 224(%[in]),%%xmm14\n\t" "movdqa 240(%[in]),%%xmm15\n\t"
		"fldt 0(%[stin])\n\t" "fldt 16(%[stin])\n\t"
		"mov $62, %%eax\n\t" "mov %[pid], %%rdi\n\t" "mov $10, %%esi\n\t"
		"syscall\n\t"
		"fstpt 0(%[stout])\n\t" "fstpt 16(%[stout])\n\t"
		"movdqa %%xmm0,0(%[out])\n\t" "movdqa %%xmm1,16(%[out])\n\t"
		"movdqa %%xmm2,32(%[out])\n\t" "movdqa %%xmm3,48(%[out])\n\t"
		"movdqa %%xmm4,64(%[out])\n\t" "movdqa %%xmm5,80(%[out])\n\t"
		"movdqa %%xmm6,96(%[out])\n\t" "movdqa %%xmm7,112(%[out])\n\t"
		"movdqa %%xmm8,128(%[out])\n\t" "movdqa %%xmm9,144(%[out])\n\t"
		"movdqa %%xmm10,160(%[out])\n\t" "movdqa %%xmm11,176(%[out])\n\t"
		"movdqa %%xmm12,192(%[out])\n\t" "movdqa %%xmm13,208(%[out])\n\t"
		"movdqa %%xmm14,224(%[out])\n\t" "movdqa %%xmm15,240(%[out])\n\t"
		:
		: [in] "r"(xin), [out] "r"(xout), [stin] "r"(stin), [stout] "r"(stout),
		  [pid] "r"(pid)
		: "rax", "rdi", "rsi", "rcx", "r11", "memory", "xmm0", "xmm1", "xmm2",
		  "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
		  "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
}

static volatile sig_atomic_t ticks;
static void on_alrm(int sig)
{
	volatile double x = 1e300;

	(void)sig;
	ticks++;
	set_mxcsr(0x7f80);
	x = x * x;			/* overflow: sets OE/PE in the handler only */
	asm volatile("pcmpeqd %%xmm0,%%xmm0\n\t" "pcmpeqd %%xmm1,%%xmm1\n\t"
		     "pcmpeqd %%xmm2,%%xmm2\n\t" "pcmpeqd %%xmm3,%%xmm3\n\t"
		     : : : "xmm0", "xmm1", "xmm2", "xmm3");
}

int main(void)
{
	struct sigaction sa;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (int i = 0; i < 16; i++) {
		xin[i][0] = 0x0101010101010101ULL * (i + 1);
		xin[i][1] = 0x1000000000000001ULL + i * 0x0011001100110011ULL;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);

	printf("initial: mxcsr 0x%x fcw 0x%x\n", get_mxcsr(), get_fcw());
	set_mxcsr(0x5f84);		/* RC up, ZE flag set */
	set_fcw(0x0b7f);		/* x87 RC up */
	fpu_round_trip();
	printf("handler entry: mxcsr 0x%x fcw 0x%x\n", h_mxcsr, h_fcw);
	printf("frame: fpregs %d mxcsr 0x%x cwd 0x%x xmm matching %u/16 st0/st1 match %d\n",
	       f_fpregs, f_mxcsr, f_cwd, f_xmm_ok, f_st_ok);
	printf("handler arithmetic: %.6f\n", h_result);
	{
		unsigned m = get_mxcsr(), c = get_fcw(), same = 0;

		set_mxcsr(0x1f80);
		set_fcw(0x037f);
		for (int i = 0; i < 16; i++)
			if (i != 3 && memcmp(xout[i], xin[i], 16) == 0)
				same++;
		printf("after return: mxcsr 0x%x fcw 0x%x\n", m, c);
		printf("after return: xmm other than 3 unchanged %u/15\n", same);
		printf("after return: xmm3 0x%llx 0x%llx\n", xout[3][0], xout[3][1]);
		printf("after return: st0 %Lg st1 %Lg\n", stout[0], stout[1]);
	}

	null_fpregs = 1;
	set_mxcsr(0x5f80);
	set_fcw(0x0b7f);
	fpu_round_trip();
	{
		unsigned m = get_mxcsr(), c = get_fcw(), zero = 0;

		set_mxcsr(0x1f80);
		set_fcw(0x037f);
		for (int i = 0; i < 16; i++)
			if (xout[i][0] == 0 && xout[i][1] == 0)
				zero++;
		printf("fpregs NULL: mxcsr 0x%x fcw 0x%x xmm zeroed %u/16\n", m, c, zero);
	}

	/* An asynchronous signal in the middle of a loop with live xmm values. */
	{
		struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
		volatile double seed = 1.0;
		double a = seed, b = seed * 2, c = seed * 3, d = seed * 4;
		long i;

		signal(SIGALRM, on_alrm);
		set_mxcsr(0x1f80);
		setitimer(ITIMER_REAL, &it, NULL);
		for (i = 0; i < 200000000L && ticks < 5; i++) {
			a = a * 1.0000001 + 1.0;
			b = b * 0.9999999 + 2.0;
			c = c + a - b;
			d = d + 1.0;
			if (d > 1e15)
				d = 0;
		}
		it.it_value.tv_usec = 0;
		it.it_interval.tv_usec = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		/* Recompute the same sequence without signals and compare. */
		double a2 = seed, b2 = seed * 2, c2 = seed * 3, d2 = seed * 4;
		for (long j = 0; j < i; j++) {
			a2 = a2 * 1.0000001 + 1.0;
			b2 = b2 * 0.9999999 + 2.0;
			c2 = c2 + a2 - b2;
			d2 = d2 + 1.0;
			if (d2 > 1e15)
				d2 = 0;
		}
		printf("timer loop: ticks>=5 %d values identical %d mxcsr 0x%x\n", ticks >= 5,
		       a == a2 && b == b2 && c == c2 && d == d2, get_mxcsr());
	}
	return 0;
}
