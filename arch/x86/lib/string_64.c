/*
 * arch/x86/lib/string_64.c - memcpy and memset with x86's string
 * instructions (Linux: arch/x86/lib/memcpy_64.S, memset_64.S).  The
 * portable rest of <string.h> is in lib/string.c.
 */
#include <string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	/* rep movsb is short, and fast on every CPU since Ivy Bridge (ERMS). */
	asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	return ret;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	asm volatile("rep stosb" : "+D"(dst), "+c"(n) : "a"(c) : "memory");
	return ret;
}
