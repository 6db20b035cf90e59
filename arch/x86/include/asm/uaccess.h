/*
 * arch/x86/include/asm/uaccess.h - kernel access to user memory, made safe by the exception table: each
 * instruction that may fault on a bad user address has an __ex_table entry
 * naming where to continue, and do_page_fault()/do_trap() jump there instead
 * of oopsing (Linux: arch/x86/include/asm/uaccess.h and
 * search_exception_tables; docs/scenarios/segv-codes-and-exception-table.md).  stac/clac open SMAP only around the access.
 */
#ifndef _ASM_X86_UACCESS_H
#define _ASM_X86_UACCESS_H
#include <types.h>
#include <errno.h>
#include <asm/page.h>
#include <asm/processor.h>

#define _ASM_EXTABLE(from, to) \
	".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.quad " #from ", " #to "\n\t.popsection\n\t"

/* A user range is acceptable if it lies wholly below TASK_SIZE_MAX. */
static inline bool access_ok(const void *addr, u64 size)
{
	u64 a = (u64)addr;
	return size <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - size;
}

/*
 * Copy n bytes; return how many were NOT copied (0 on success).  Eight
 * bytes at a time, then the tail byte by byte (Linux 6.1:
 * copy_user_generic_string, for CPUs without fast "rep movsb"; QEMU's
 * CPU models are such CPUs, and -icount counts each iteration).  A fault
 * in the 8-byte part goes on byte by byte from where it stopped, so the
 * count of bytes copied is exact: read() into a buffer that ends at an
 * unmapped page returns exactly the bytes that fit, as on Linux.
 */
static inline u64 __copy_nofault(void *dst, const void *src, u64 n)
{
	u64 tail = n & 7, quads = n >> 3;
	asm volatile("1: rep movsq\n\t"
		     "   mov %[tail], %%rcx\n\t"     /* the last n % 8 bytes */
		     "   jmp 3f\n\t"
		     "2: lea (%[tail], %%rcx, 8), %%rcx\n"  /* fault: quads left -> bytes left */
		     "3: rep movsb\n"
		     "4:\n\t"
		     _ASM_EXTABLE(1b, 2b) _ASM_EXTABLE(3b, 4b)
		     /* tail is an output too, so it never shares %rcx with quads */
		     : "+D"(dst), "+S"(src), "+c"(quads), [tail] "+r"(tail) : : "memory");
	return quads;
}

static inline u64 copy_from_user(void *dst, const void *usrc, u64 n)
{
	u64 left;
	if (!access_ok(usrc, n))
		return n;
	stac();
	left = __copy_nofault(dst, usrc, n);
	clac();
	return left;
}

static inline u64 copy_to_user(void *udst, const void *src, u64 n)
{
	u64 left;
	if (!access_ok(udst, n))
		return n;
	stac();
	left = __copy_nofault(udst, src, n);
	clac();
	return left;
}

static inline u64 clear_user(void *udst, u64 n)
{
	if (!access_ok(udst, n))
		return n;
	stac();
	asm volatile("1: rep stosb\n2:\n\t" _ASM_EXTABLE(1b, 2b)
		     : "+D"(udst), "+c"(n) : "a"(0) : "memory");
	clac();
	return n;
}

/* Read a kernel address that may not be mapped (oops Code: bytes, stack walks). */
static inline int copy_from_kernel_nofault(void *dst, const void *src, u64 n)
{
	return __copy_nofault(dst, src, n) ? -EFAULT : 0;
}

#define get_user(x, ptr) \
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr) ({ \
	__typeof__(*(ptr)) __v = (x); \
	copy_to_user((ptr), &__v, sizeof(__v)) ? -EFAULT : 0; })


#endif
