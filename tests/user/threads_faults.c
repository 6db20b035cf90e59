/*
 * threads_faults - the page-fault path with several threads in one mm
 * (Linux: mm/memory.c under the mmap_lock; one page per address however
 * many threads fault it):
 *   - 4 threads touch the same 64 fresh anonymous pages at once, each
 *     writing its own byte into every page: afterwards each page holds all
 *     four bytes (no thread got a private page of its own), and mincore
 *     says all 64 are resident;
 *   - getrusage(RUSAGE_SELF) counts the minor faults of all threads: at
 *     least 64 more than before; RUSAGE_THREAD of a thread that only
 *     computed counts none of them;
 *   - one thread writes in a loop while another mprotects the range
 *     read-only: the writer gets SIGSEGV with SEGV_ACCERR in its own
 *     handler, at an address inside the range;
 *   - one thread reads in a loop while another munmaps the range: the
 *     reader gets SEGV_MAPERR.
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>
#include <sys/resource.h>

#define PAGES 64
#define NTHREADS 4

static char *region;
static volatile int go;

static void *toucher(void *arg)
{
	long id = (long)arg;

	while (!go)
		sched_yield();
	for (int i = 0; i < PAGES; i++)
		region[i * PAGE_SIZE + id] = (char)(id + 1);
	return NULL;
}

static long thread_minflt = -1;

static void *idle_thread(void *arg)
{
	struct rusage ru;
	volatile long x = 0;

	(void)arg;
	for (int i = 0; i < 100000; i++)
		x += i;
	getrusage(RUSAGE_THREAD, &ru);
	thread_minflt = ru.ru_minflt;
	return NULL;
}

static void shared_pages(void)
{
	pthread_t th[NTHREADS];
	unsigned char vec[PAGES];
	struct rusage before, after;
	int complete = 0, resident = 0;

	region = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	getrusage(RUSAGE_SELF, &before);
	go = 0;
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&th[i], NULL, toucher, (void *)i);
	go = 1;
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	getrusage(RUSAGE_SELF, &after);
	for (int p = 0; p < PAGES; p++) {
		int all = 1;
		for (int i = 0; i < NTHREADS; i++)
			all &= region[p * PAGE_SIZE + i] == i + 1;
		complete += all;
	}
	mincore(region, PAGES * PAGE_SIZE, vec);
	for (int p = 0; p < PAGES; p++)
		resident += vec[p] & 1;
	printf("pages holding every thread's byte: %d of %d, resident %d\n", complete, PAGES, resident);
	printf("RUSAGE_SELF counted the threads' faults: %d\n", after.ru_minflt - before.ru_minflt >= PAGES);
	pthread_create(&th[0], NULL, idle_thread, NULL);
	pthread_join(th[0], NULL);
	printf("RUSAGE_THREAD of a computing thread below 8: %d\n", thread_minflt >= 0 && thread_minflt < 8);
	munmap(region, PAGES * PAGE_SIZE);
}

static __thread sigjmp_buf jmp;
static volatile int seen_code;
static volatile uintptr_t seen_addr;
static volatile int looping;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	seen_code = si->si_code;
	seen_addr = (uintptr_t)si->si_addr;
	siglongjmp(jmp, 1);
}

static void *writer(void *arg)
{
	(void)arg;
	if (sigsetjmp(jmp, 1))
		return NULL;
	for (unsigned long i = 0;; i++) {
		looping = 1;
		((volatile char *)region)[(i % PAGES) * PAGE_SIZE] = 1;
	}
}

static void *reader(void *arg)
{
	(void)arg;
	if (sigsetjmp(jmp, 1))
		return NULL;
	for (unsigned long i = 0;; i++) {
		looping = 1;
		(void)((volatile char *)region)[(i % PAGES) * PAGE_SIZE];
	}
}

static const char *segv_code_name(int c)
{
	return c == SEGV_MAPERR ? "SEGV_MAPERR" : c == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

static void change_under(void *(*fn)(void *), int unmap)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	pthread_t th;

	sigaction(SIGSEGV, &sa, NULL);
	region = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	seen_code = 0;
	looping = 0;
	pthread_create(&th, NULL, fn, NULL);
	while (!looping)
		sched_yield();
	usleep(10000);
	if (unmap)
		munmap(region, PAGES * PAGE_SIZE);
	else
		mprotect(region, PAGES * PAGE_SIZE, PROT_READ);
	pthread_join(th, NULL);
	printf("%s while a thread %s: %s in that thread, inside the range %d\n", unmap ? "munmap" : "mprotect(PROT_READ)",
	       unmap ? "reads" : "writes", segv_code_name(seen_code),
	       seen_addr >= (uintptr_t)region && seen_addr < (uintptr_t)region + PAGES * PAGE_SIZE);
	if (!unmap)
		munmap(region, PAGES * PAGE_SIZE);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	shared_pages();
	change_under(writer, 0);
	change_under(reader, 1);
	return 0;
}
