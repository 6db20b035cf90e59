/*
 * drivers/char/random.c - the kernel's random numbers: getrandom() and the
 * read side of /dev/random and /dev/urandom (Linux: drivers/char/random.c).
 * A xorshift generator, not a cryptographic one: enough for AT_RANDOM and
 * for programs that want varied bytes, and it never blocks.
 */
#include <syscalls.h>
#include <random.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <asm/processor.h>

#define CHUNK 256
#define GRND_NONBLOCK 0x0001          /* Linux include/uapi/linux/random.h */
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

/* xorshift64*, seeded from the TSC: unpredictable enough for a teaching
 * kernel's AT_RANDOM-style uses; not a cryptographic generator. */
static u64 rng_state;

static u64 rng_next(void)
{
	if (!rng_state)
		rng_state = rdtsc() | 1;
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dUL;
}

u32 get_random_u32(void)
{
	return rng_next() >> 32;
}

/* Fill a user buffer; a fault part-way returns what was copied (Linux). */
ssize_t get_random_bytes_user(void __user *ubuf, size_t len)
{
	u8 buf[CHUNK];
	u64 done = 0;
	while (done < len) {
		u64 n = MIN(len - done, sizeof(buf));
		for (u64 i = 0; i < n; i += 8) {
			u64 r = rng_next() ^ rdtsc();
			memcpy(buf + i, &r, MIN(8UL, n - i));
		}
		if (copy_to_user((u8 *)ubuf + done, buf, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}

SYSCALL_DEFINE3(getrandom, char __user *, ubuf, size_t, len, unsigned int, flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	return get_random_bytes_user(ubuf, len);
}
