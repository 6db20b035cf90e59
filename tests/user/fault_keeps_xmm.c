/*
 * A page fault must leave the faulting task's SSE registers exactly as
 * they were: the kernel's page fault handler runs between two user
 * instructions, and the task cannot tell it happened except by time.
 * faultline clears a new page with 16-byte SSE stores through %xmm0
 * (arch/x86/lib/clear_page_64.c), which it must save and put back; Linux
 * clears with rep stosq and never touches them.  Checked, with xmm0-xmm15
 * loaded with known patterns and compared after, all in one asm block so
 * the compiler cannot spill them:
 *   - 64 write faults on fresh anonymous pages (demand-zero: clear_page);
 *   - 64 write faults on pages first read (the shared zero page is
 *     replaced by a cleared copy: do_wp_page);
 *   - 64 write faults in a fork child on pages the parent wrote (COW copy).
 * Each page is also checked to read back as written (first byte) and as
 * zero elsewhere, so a clear that missed bytes or cleared the wrong page
 * shows too.
 */
#include "ftest.h"

#define PAGES 64

static unsigned long long xin[16][2] __attribute__((aligned(16)));
static unsigned long long xout[16][2] __attribute__((aligned(16)));

/* Load xmm0-15 from xin, store v at each of n pages from base (each store
 * a write fault), then save xmm0-15 to xout. */
static void touch_with_xmm_live(char *base, long n, char v)
{
	asm volatile(
		"movdqa   0(%[in]), %%xmm0\n\t"  "movdqa  16(%[in]), %%xmm1\n\t"
		"movdqa  32(%[in]), %%xmm2\n\t"  "movdqa  48(%[in]), %%xmm3\n\t"
		"movdqa  64(%[in]), %%xmm4\n\t"  "movdqa  80(%[in]), %%xmm5\n\t"
		"movdqa  96(%[in]), %%xmm6\n\t"  "movdqa 112(%[in]), %%xmm7\n\t"
		"movdqa 128(%[in]), %%xmm8\n\t"  "movdqa 144(%[in]), %%xmm9\n\t"
		"movdqa 160(%[in]), %%xmm10\n\t" "movdqa 176(%[in]), %%xmm11\n\t"
		"movdqa 192(%[in]), %%xmm12\n\t" "movdqa 208(%[in]), %%xmm13\n\t"
		"movdqa 224(%[in]), %%xmm14\n\t" "movdqa 240(%[in]), %%xmm15\n\t"
		"1:\n\t"
		"movb %[v], (%[p])\n\t"		/* the write fault */
		"add $4096, %[p]\n\t"
		"dec %[n]\n\t"
		"jnz 1b\n\t"
		"movdqa %%xmm0,    0(%[out])\n\t" "movdqa %%xmm1,   16(%[out])\n\t"
		"movdqa %%xmm2,   32(%[out])\n\t" "movdqa %%xmm3,   48(%[out])\n\t"
		"movdqa %%xmm4,   64(%[out])\n\t" "movdqa %%xmm5,   80(%[out])\n\t"
		"movdqa %%xmm6,   96(%[out])\n\t" "movdqa %%xmm7,  112(%[out])\n\t"
		"movdqa %%xmm8,  128(%[out])\n\t" "movdqa %%xmm9,  144(%[out])\n\t"
		"movdqa %%xmm10, 160(%[out])\n\t" "movdqa %%xmm11, 176(%[out])\n\t"
		"movdqa %%xmm12, 192(%[out])\n\t" "movdqa %%xmm13, 208(%[out])\n\t"
		"movdqa %%xmm14, 224(%[out])\n\t" "movdqa %%xmm15, 240(%[out])"
		: [p] "+r"(base), [n] "+r"(n)
		: [in] "r"(xin), [out] "r"(xout), [v] "r"(v)
		: "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
		  "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",
		  "xmm13", "xmm14", "xmm15");
}

static int xmm_kept(void)
{
	return memcmp(xin, xout, sizeof(xin)) == 0;
}

/* Every page holds v in its first byte and fill elsewhere. */
static int pages_hold(const char *base, char v, char fill)
{
	for (long i = 0; i < PAGES; i++) {
		const char *pg = base + i * PAGE_SIZE;
		if (pg[0] != v)
			return 0;
		for (unsigned long b = 1; b < PAGE_SIZE; b++)
			if (pg[b] != fill)
				return 0;
	}
	return 1;
}

static char *map_pages(void)
{
	return mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

int main(void)
{
	char *a = map_pages(), *b = map_pages();
	volatile char sink = 0;
	int st;

	for (int i = 0; i < 16; i++) {
		xin[i][0] = 0x0123456789abcdefULL ^ (unsigned long long)i * 0x1111111111111111ULL;
		xin[i][1] = 0xfedcba9876543210ULL + (unsigned long long)i;
	}

	touch_with_xmm_live(a, PAGES, 0x5a);
	printf("demand-zero write faults: xmm kept %s, pages right %s\n",
	       xmm_kept() ? "yes" : "no", pages_hold(a, 0x5a, 0) ? "yes" : "no");

	for (long i = 0; i < PAGES; i++)
		sink += b[i * PAGE_SIZE];	/* map the zero page */
	memset(xout, 0, sizeof(xout));
	touch_with_xmm_live(b, PAGES, 0x33);
	printf("zero-page write faults: xmm kept %s, pages right %s\n",
	       xmm_kept() ? "yes" : "no", pages_hold(b, 0x33, 0) ? "yes" : "no");

	fflush(stdout);
	if (fork() == 0) {
		memset(xout, 0, sizeof(xout));
		touch_with_xmm_live(a, PAGES, 0x11);	/* COW copies of a's pages */
		printf("copy-on-write faults in child: xmm kept %s, pages right %s\n",
		       xmm_kept() ? "yes" : "no", pages_hold(a, 0x11, 0) ? "yes" : "no");
		fflush(stdout);
		_exit(0);
	}
	wait(&st);
	printf("parent's pages unchanged: %s\n", pages_hold(a, 0x5a, 0) ? "yes" : "no");
	return 0;
}
