/*
 * arch/x86/lib/string_64.c - memcpy and memset with x86's string
 * instructions (Linux: arch/x86/lib/memcpy_64.S, memset_64.S).  The
 * portable rest of <string.h> is in lib/string.c.
 */
#include <string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	u64 quads = n >> 3, tail = n & 7;
	/* Eight bytes a step, then the tail (Linux memcpy_64.S without ERMS;
	 * under QEMU's -icount each iteration is one instruction). */
	asm volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(quads) : : "memory");
	asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(tail) : : "memory");
	return ret;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	u64 quads = n >> 3, tail = n & 7;
	u64 fill = (u8)c * 0x0101010101010101UL;	/* the byte in all eight lanes */
	asm volatile("rep stosq" : "+D"(dst), "+c"(quads) : "a"(fill) : "memory");
	asm volatile("rep stosb" : "+D"(dst), "+c"(tail) : "a"(fill) : "memory");
	return ret;
}
