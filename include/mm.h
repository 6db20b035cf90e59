/*
 * Physical memory: struct page, the buddy allocator, the early allocator
 * (memblock) and the kernel heap.
 */
#ifndef _FAULTLINE_MM_H
#define _FAULTLINE_MM_H
#include "types.h"
#include "list.h"
#include <asm/page.h>

/* page->flags */
#define PG_reserved (1U << 0)   /* never handed out: kernel image, holes, firmware */
#define PG_buddy (1U << 1)      /* head of a free block in the buddy lists */
#define PG_slab (1U << 2)       /* belongs to kmalloc */
#define PG_uptodate (1U << 3)   /* page-cache page holds the file's data */
#define PG_dirty (1U << 4)      /* page-cache page newer than its blocks: writeback writes it */
#define PG_referenced (1U << 5) /* page-cache page used since reclaim last looked (a second chance) */
#define PG_locked (1U << 6)     /* page-cache page being copied to or from user space: reclaim keeps off */
#define PG_poisoned (1U << 7)   /* free page filled with PAGE_POISON (page_poison=1) */
#define PG_mappedtodisk (1U << 8) /* page-cache page: every block behind it is allocated on disk */
#define PG_pcp (1U << 9)        /* free, on the per-CPU list of single pages (mm/page_alloc.c) */

struct address_space;
struct page {
	u32 flags;
	u32 order;                  /* buddy: order of the free block; slab: size class */
	int refcount;               /* users: page tables, the page cache, kmalloc */
	int mapcount;               /* user PTEs mapping this page (Linux: _mapcount + 1) */
	struct list_head buddy_list;    /* buddy: on a free_area list (Linux: buddy_list) */
	struct list_head slab_list;     /* slab: on its size class's partial list */
	u32 inuse;                  /* slab: objects handed out from this page */
	struct list_head lru;       /* page cache: on the reclaim LRU (mm/vmscan.c) */
	struct address_space *mapping;  /* page cache: the file */
	u64 index;                  /* page cache: page offset in the file */
};

#define MAX_ORDER 11            /* blocks of 2^0 .. 2^10 pages, as Linux's MAX_ORDER */
#define GFP_KERNEL 0
#define __GFP_ZERO 1
/* A page for user space (anonymous, page cache): refused while fewer than
 * GFP_USER_RESERVE_PAGES are free, so the kernel's own allocations (page
 * tables, buffers, kmalloc) still succeed when user memory runs out and the
 * fault path can reclaim or kill instead (Linux: the min watermark). */
#define __GFP_USER 2
#define GFP_USER_RESERVE_PAGES 128

extern struct page *mem_map;
extern u64 max_pfn;

static inline u64 page_to_pfn(const struct page *p) { return (u64)(p - mem_map); }
static inline struct page *pfn_to_page(u64 pfn) { return &mem_map[pfn]; }
static inline u64 page_to_phys(const struct page *p) { return page_to_pfn(p) << PAGE_SHIFT; }
static inline void *page_address(const struct page *p) { return __va(page_to_phys(p)); }
static inline struct page *virt_to_page(const void *v) { return pfn_to_page(__pa(v) >> PAGE_SHIFT); }
static inline struct page *phys_to_page(u64 pa) { return pfn_to_page(pa >> PAGE_SHIFT); }

/* mm/memblock.c: the boot-time allocator, before the buddy exists. */
void memblock_init(void);
u64 memblock_alloc(u64 size, u64 align);   /* physical address, zeroed */
void memblock_reserve(u64 base, u64 size);
u64 memblock_end_of_ram(void);
void memblock_free_all(void);               /* hand what is left to the buddy */
typedef void (*memblock_range_fn)(u64 start, u64 end, void *arg);
void memblock_for_each_ram(memblock_range_fn fn, void *arg);

/* mm/page_alloc.c */
void page_alloc_init(void);
struct page *alloc_pages(unsigned gfp, unsigned order);
void __free_pages(struct page *p, unsigned order);
void free_page_range(u64 start_pfn, u64 end_pfn);
static inline struct page *alloc_page(unsigned gfp) { return alloc_pages(gfp, 0); }
u64 get_zeroed_page(void);                  /* kernel virtual address, 0 on failure */
void free_page(u64 addr);
u64 nr_free_pages(void);
void fail_page_alloc_after(long n);
/* mm/page_poison.c */
void kernel_poison_pages(struct page *p, unsigned n);
void kernel_unpoison_pages(struct page *p, unsigned n);	/* ktests: fail every allocation after n more */
u64 nr_total_pages(void);
static inline void get_page(struct page *p) { p->refcount++; }
void put_page(struct page *p);

/* A user PTE starts or stops mapping a page (Linux: page_add_*_rmap,
 * page_remove_rmap).  Reserved pages (the zero page) are not counted. */
static inline void page_add_rmap(struct page *p)
{
	if (!(p->flags & PG_reserved))
		p->mapcount++;
}
static inline void page_remove_rmap(struct page *p)
{
	if (!(p->flags & PG_reserved))
		p->mapcount--;
}
static inline int page_mapcount(const struct page *p) { return p->mapcount; }
/* Linux set_page_dirty / clear_page_dirty_for_io, without the accounting. */
static inline void set_page_dirty(struct page *p) { p->flags |= PG_dirty; }
static inline bool test_clear_page_dirty(struct page *p)
{
	bool was = p->flags & PG_dirty;
	p->flags &= ~PG_dirty;
	return was;
}

/* mm/vmscan.c: the page-cache LRU and reclaim */
void lru_cache_add(struct page *p);
void lru_cache_del(struct page *p);
static inline void mark_page_accessed(struct page *p) { p->flags |= PG_referenced; }
u64 nr_page_cache_pages(void);
u64 shrink_page_cache(u64 nr_to_free);	/* pages freed */
void reclaim_if_low(void);		/* the kswapd part: keep a few pages free */
void drop_clean_page_cache(void);	/* drop_caches 1 */

/* mm/slab.c */
void *kmalloc(size_t size, unsigned gfp);
void *kzalloc(size_t size);
void kfree(const void *p);

/* mm/vmalloc.c: kernel stacks with an unmapped guard page below each. */
#define THREAD_SIZE (8 * PAGE_SIZE)     /* 32 KiB: path buffers live on it */
void *kstack_alloc(void);                  /* returns the stack's lowest address */
void kstack_free(void *stack);
void kstack_area_init(void);

/* arch/x86/mm/init.c */
void paging_init(void);
void mark_rodata_ro(void);
extern u64 *init_pgd;                       /* kernel half shared by every mm */

#endif
