/*
 * The address space of a process: struct mm_struct and its VMAs
 * (struct vm_area_struct), with Linux's names (include/linux/mm_types.h,
 * include/linux/mm.h), and the fault context struct vm_fault.
 */
#ifndef _FAULTLINE_MM_TYPES_H
#define _FAULTLINE_MM_TYPES_H
#include "types.h"
#include "rwsem.h"
#include "spinlock.h"
#include "list.h"
#include "rbtree.h"
#include <asm/pgtable.h>
#include <asm/ptrace.h>

/* vm_flags, Linux's values */
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL
#define VM_LOCKED 0x00002000UL      /* mlock: its pages stay in memory (always true here: no swap) */
#define VM_LOCKONFAULT 0x00080000UL /* mlock2(MLOCK_ONFAULT): locked as pages come, not faulted in now */
#define VM_ACCOUNT 0x00100000UL     /* its pages are counted as committed (mm/overcommit.c) */
#define VM_NORESERVE 0x00200000UL   /* MAP_NORESERVE: commits nothing (except in overcommit mode 2) */
#define VM_DONTCOPY 0x00020000UL    /* MADV_DONTFORK: fork leaves it out */
#define VM_WIPEONFORK 0x02000000UL  /* MADV_WIPEONFORK: the child gets it empty (zero-filled) */
#define VM_DONTDUMP 0x04000000UL    /* MADV_DONTDUMP: a core dump leaves its memory out */
#define VM_NOFAULT 0x00800000UL     /* OpenBSD __MAP_NOFAULT (docs/scenarios/nofault.md); no Linux equivalent */
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

/*
 * Results of handle_mm_fault and ->fault (Linux: vm_fault_t and enum
 * vm_fault_reason, include/linux/mm_types.h): 0, or these bits, with
 * Linux's values.  Only arch/x86/mm/fault.c turns one into a signal.
 * Linux marks the type __bitwise so sparse rejects mixing it with plain
 * integers; here the marker only documents that intent.
 */
#define __bitwise
typedef unsigned int __bitwise vm_fault_t;
enum vm_fault_reason {
	VM_FAULT_OOM = 0x0001,          /* no memory for a page or a page table */
	VM_FAULT_SIGBUS = 0x0002,       /* nothing can back this page: beyond EOF */
	VM_FAULT_MAJOR = 0x0004,        /* the page was read from the file system */
	VM_FAULT_SIGSEGV = 0x0040,      /* the access cannot be allowed at all */
};
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

#define FAULT_FLAG_WRITE 0x01
#define FAULT_FLAG_USER 0x02
#define FAULT_FLAG_INSTRUCTION 0x04
#define FAULT_FLAG_REMOTE 0x80          /* for another process: mm/gup.c (Linux's value) */

/* mm/gup.c: what a remote access wants (Linux include/linux/mm.h FOLL_*). */
#define FOLL_WRITE 0x01

struct vm_area_struct;
struct file;
struct page;

struct vm_fault {
	struct vm_area_struct *vma;
	u64 address;                /* page-aligned faulting address */
	u64 real_address;           /* exact CR2 */
	unsigned flags;             /* FAULT_FLAG_* */
	u64 pgoff;                  /* page offset in the file */
	pteval_t *pte;              /* the PTE slot being filled */
	pteval_t orig_pte;          /* what it held when the fault looked (rechecked under the lock) */
	struct page *page;          /* filled by ->fault */
};

struct vm_operations_struct {
	vm_fault_t (*fault)(struct vm_fault *vmf);
};

struct vm_area_struct {
	u64 vm_start, vm_end;       /* [vm_start, vm_end) */
	u64 vm_flags;
	u64 vm_pgoff;               /* offset in vm_file, in pages */
	struct file *vm_file;
	const struct vm_operations_struct *vm_ops;
	struct mm_struct *vm_mm;
	struct list_head vm_list;   /* in address order */
	struct rb_node vm_rb;       /* in mm->mm_rb, keyed by address */
	struct list_head shared;    /* in vm_file's mapping->i_mmap (Linux: vma->shared in an interval tree) */
	const char *vm_name;        /* "[stack]", "[heap]" for traces */
};

#define SAVED_AUXV_PAIRS 24	/* Linux: AT_VECTOR_SIZE_BASE; exec writes 19, AT_NULL included */

struct mm_struct {
	pteval_t *pgd;
	struct list_head mmap;      /* VMAs in address order */
	struct rb_root mm_rb;       /* the same VMAs in a red-black tree: O(log n) lookup */
	int map_count;
	struct vm_area_struct *vmacache;    /* last VMA found or inserted (mm/vma.c find_vma) */
	struct rw_semaphore mmap_lock;  /* include/mmap_lock.h: faults read, VMA changes write */
	spinlock_t page_table_lock;     /* a PTE is read and changed under it (Linux: the split PTE lock's fallback) */
	u64 enosys_logged[8];       /* syscalls this program was told are missing (logged once each) */
	u64 unsupported_logged[8];  /* syscalls that refused it a flag faultline lacks (logged once each) */
	u64 start_brk, brk, start_stack, mmap_base;
	u64 free_area_cache;        /* where the last top-down search ended */
	u64 cached_hole_size;       /* the largest gap between it and mmap_base */
	u64 rss, hiwater_rss;       /* pages mapped now / at most (getrusage ru_maxrss) */
	u64 arg_start, arg_end, env_start, env_end;
	u64 saved_auxv[2 * SAVED_AUXV_PAIRS];	/* the auxv exec gave the program, for /proc/PID/auxv */
	u32 saved_auxv_len;         /* bytes used in saved_auxv, AT_NULL pair included */
	struct file *exe_file;      /* the program it runs: no one may open it for writing (ETXTBSY) */
	u64 def_flags;              /* VM flags every new VMA gets: VM_LOCKED after mlockall(MCL_FUTURE) */
	bool disable_thp;           /* PR_SET_THP_DISABLE (Linux MMF_DISABLE_THP): kept over fork and exec; no THP here anyway */
	int dumpable;               /* SUID_DUMP_USER or _DISABLE (Linux: mm->flags' MMF_DUMPABLE bits): core dumps, ptrace */
	u32 coredump_filter;        /* /proc/PID/coredump_filter (Linux: mm->flags' MMF_DUMP_* bits): kept over fork and exec */
	int users;
};

#define MMF_DUMP_FILTER_DEFAULT 0x33	/* Linux: anonymous private and shared, ELF headers, private huge pages */
#define MMF_DUMP_FILTER_MASK 0x1ff	/* Linux MMF_DUMP_FILTER_BITS: nine kinds of memory */

#define vma_pages(v) (((v)->vm_end - (v)->vm_start) >> PAGE_SHIFT)

/* mm/vma.c */
struct vm_area_struct *find_vma(struct mm_struct *mm, u64 addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, u64 addr, struct vm_area_struct **prev);
struct vm_area_struct *vma_prev(struct vm_area_struct *vma);
struct vm_area_struct *vma_next(struct vm_area_struct *vma);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);
void unlink_file_vma(struct vm_area_struct *vma);	/* before the fput that may free the inode */
void remove_vma(struct vm_area_struct *vma);		/* unlink, fput, free (mm/mmap.c) */
void vma_link_file(struct vm_area_struct *vma);
/* mm/mmap.c: @mm runs @file (a reference and a write denial, both dropped by mmput); -ETXTBSY if it is open for writing. */
int set_mm_exe_file(struct mm_struct *mm, struct file *file);	/* into vm_file's i_mmap: the reverse map */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
void remove_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, u64 addr, int new_below);
int split_vma_to(struct mm_struct *mm, struct vm_area_struct *vma, u64 start, u64 end);
int populate_vma_page_range(struct vm_area_struct *v, u64 start, u64 end, bool write);	/* mm/mmap.c */
extern long sysctl_max_map_count;	/* /proc/sys/vm/max_map_count */
void vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma);
int expand_stack(struct vm_area_struct *vma, u64 address);
extern u64 stack_guard_gap;

/* mm/memory.c */
static inline void mm_rss_add(struct mm_struct *mm, long pages)
{
	mm->rss += pages;
	if (mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
}
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, u64 address, unsigned flags);
pteval_t vm_get_page_prot(u64 vm_flags);
void zap_page_range(struct vm_area_struct *vma, u64 start, u64 end);
struct address_space;
void unmap_mapping_range(struct address_space *m, u64 first);	/* pages >= first, from every mapping */
/* mm/rmap.c: write-protect and clean every PTE mapping a page-cache page; true if one was dirty. */
bool page_mkclean(struct page *page);
void try_to_unmap(struct page *page);
pteval_t *page_pte_in(struct vm_area_struct *vma, struct page *page, u64 *addr);
void change_protection(struct vm_area_struct *vma, u64 start, u64 end);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
extern struct page *zero_page;
void memory_init(void);

/* mm/mmap.c */
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);

/* mm/gup.c: copy to (FOLL_WRITE) or from another mm, faulting its pages in; bytes copied. */
size_t access_remote_vm(struct mm_struct *mm, u64 addr, void *buf, size_t len, unsigned gup_flags);
struct mm_struct *dup_mm(struct mm_struct *old);
u64 get_unmapped_area(struct mm_struct *mm, u64 addr, u64 len, u64 flags);
long do_mmap(struct mm_struct *mm, u64 addr, u64 len, u64 prot, u64 flags, struct file *file, u64 pgoff);
int do_munmap(struct mm_struct *mm, u64 start, u64 len);
int do_mprotect(struct mm_struct *mm, u64 start, u64 len, u64 prot);
void switch_mm(struct mm_struct *mm);
u64 mmap_base_for(u64 stack_limit);
struct vm_area_struct *new_vma(struct mm_struct *mm, u64 addr, u64 len, u64 vm_flags,
			       struct file *file, u64 pgoff);

/* mm/shmem.c */
int shmem_zero_setup(struct vm_area_struct *vma);

/* mm/overcommit.c: committed memory (Committed_AS) and vm.overcommit_memory */
extern int sysctl_overcommit_memory;
extern unsigned long sysctl_overcommit_ratio, sysctl_overcommit_kbytes;	/* mode 2's limit */
int vm_enough_memory(struct mm_struct *mm, long pages);	/* commit @pages, or -ENOMEM */
void vm_acct_memory(long pages);			/* commit without asking */
void vm_unacct_memory(long pages);
bool accountable_mapping(u64 vm_flags);
u64 vm_memory_committed(void);				/* pages */
u64 vm_commit_limit(void);				/* pages */
u64 mm_total_vm(struct mm_struct *mm);			/* pages in every VMA (mm/vma.c) */
u64 vma_pages_in_range(struct mm_struct *mm, u64 start, u64 end);	/* mm/vma.c */
bool may_expand_vm(struct mm_struct *mm, u64 vm_flags, u64 npages);	/* RLIMIT_AS, RLIMIT_DATA (mm/vma.c) */

/* mm/msync.c, mm/mremap.c, mm/mmap.c: the work behind their system calls */
long do_msync(struct mm_struct *mm, u64 start, u64 len, u64 flags);
long do_mincore(struct mm_struct *mm, u64 start, u64 len, u8 *uvec);
long do_mremap(struct mm_struct *mm, u64 old, u64 old_len, u64 new_len, u64 flags, u64 new_addr);
u64 do_brk(struct mm_struct *mm, u64 addr);
int do_madvise(struct mm_struct *mm, u64 start, u64 len, int advice);

#endif
