/*
 * threads_cancel - pthread_cancel, which both libcs build on a signal sent
 * with tgkill to the one thread (glibc SIGCANCEL = 32, musl 33) and on
 * syscalls that return EINTR to it:
 *   - a thread blocked in read() on a pipe is cancelled: join gives
 *     PTHREAD_CANCELED and its cleanup handler ran;
 *   - one blocked in pause(), likewise;
 *   - with cancellation disabled the request waits: the thread finishes
 *     its work and is cancelled at the next cancellation point after it
 *     enables it again;
 *   - pthread_kill(thread, 0) on a live thread is 0.
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>

static int p[2];
static volatile int cleaned, started, requested, work_done;

static void cleanup(void *arg) { (void)arg; cleaned++; }

static void *blocked_read(void *arg)
{
	char c;
	(void)arg;
	pthread_cleanup_push(cleanup, NULL);
	started = 1;
	read(p[0], &c, 1);
	pthread_cleanup_pop(0);
	return NULL;
}

static void *blocked_pause(void *arg)
{
	(void)arg;
	pthread_cleanup_push(cleanup, NULL);
	started = 1;
	for (;;)
		pause();
	pthread_cleanup_pop(0);
	return NULL;
}

static void *deferred(void *arg)
{
	(void)arg;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	started = 1;
	while (!requested)		/* not a timed wait: a loaded host may */
		usleep(1000);		/* stretch the canceller's own sleep */
	work_done = 1;
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	pthread_testcancel();
	work_done = 2;			/* never reached */
	return NULL;
}

static void cancel(void *(*fn)(void *), const char *what)
{
	pthread_t th;
	void *ret;

	started = requested = 0;
	pthread_create(&th, NULL, fn, NULL);
	while (!started)
		usleep(1000);
	usleep(20000);
	printf("%s: pthread_kill(0) %d, ", what, pthread_kill(th, 0));
	printf("cancel %d, ", pthread_cancel(th));
	requested = 1;
	pthread_join(th, &ret);
	printf("joined PTHREAD_CANCELED %d, cleanups so far %d\n", ret == PTHREAD_CANCELED, cleaned);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(p);
	cancel(blocked_read, "blocked in read");
	cancel(blocked_pause, "blocked in pause");
	cancel(deferred, "cancellation disabled");
	printf("the deferred thread finished its work first: %d\n", work_done == 1);
	return 0;
}
