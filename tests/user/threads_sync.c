/*
 * threads_sync - the libcs' synchronisation objects, all built on futex:
 * 8 threads through a pthread_barrier 50 times (every round complete, one
 * serial thread per round); a rwlock guarding a counter (readers never see
 * a half-done write); a counting semaphore handing out 1000 tokens
 * exactly; pthread_cond_timedwait timing out (an absolute CLOCK_REALTIME
 * deadline, FUTEX_WAIT_BITSET) and being signalled in time;
 * sem_timedwait timing out; pthread_once running its routine once.
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#define N 8
#define ROUNDS 50

static pthread_barrier_t bar;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long pair[2], torn;
static int serials, rounds_seen[ROUNDS];
static sem_t sem;
static long tokens;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_fn(void) { once_runs++; }

static void *worker(void *arg)
{
	long id = (long)arg;

	pthread_once(&once, once_fn);
	for (int r = 0; r < ROUNDS; r++) {
		if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_fetch_add(&serials, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&rounds_seen[r], 1, __ATOMIC_SEQ_CST);
		if (id % 2) {
			pthread_rwlock_wrlock(&rw);
			pair[0]++;
			sched_yield();
			pair[1]++;
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			if (pair[0] != pair[1])
				__atomic_fetch_add(&torn, 1, __ATOMIC_SEQ_CST);
			pthread_rwlock_unlock(&rw);
		}
	}
	for (;;) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		if (sem_timedwait(&sem, &ts))
			break;
		pthread_mutex_lock(&mu);
		tokens++;
		pthread_mutex_unlock(&mu);
	}
	return NULL;
}

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int flag;

static void *signaller(void *arg)
{
	(void)arg;
	usleep(20000);
	pthread_mutex_lock(&mu);
	flag = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static int timedwait_ms(int ms)
{
	struct timespec ts;
	int r = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&mu);
	while (!flag && r == 0)
		r = pthread_cond_timedwait(&cv, &mu, &ts);
	pthread_mutex_unlock(&mu);
	return r;
}

int main(void)
{
	pthread_t th[N], s;
	int complete = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	pthread_barrier_init(&bar, NULL, N);
	sem_init(&sem, 0, 1000);
	for (long i = 0; i < N; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	for (int i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	for (int r = 0; r < ROUNDS; r++)
		complete += rounds_seen[r] == N;
	printf("barrier: %d of %d rounds complete, %d serial threads\n", complete, ROUNDS, serials);
	printf("rwlock: writes %ld, torn reads %ld\n", pair[0], torn);
	printf("semaphore: %ld tokens taken\n", tokens);
	printf("pthread_once ran %d time(s)\n", once_runs);
	printf("cond_timedwait, nobody signals: %s\n", timedwait_ms(30) == ETIMEDOUT ? "ETIMEDOUT" : "other");
	pthread_create(&s, NULL, signaller, NULL);
	printf("cond_timedwait, signalled in time: %d\n", timedwait_ms(2000));
	pthread_join(s, NULL);
	return 0;
}
