/*
 * include/mmap_lock.h - the address-space lock (Linux: include/linux/
 * mmap_lock.h; called mmap_sem before Linux 5.8, the name older books use).
 * Readers: the page-fault path and what only looks at VMAs (mincore,
 * msync).  Writers: whatever changes the VMA set or its flags (mmap,
 * munmap, mprotect, mremap, brk, madvise, mlock).
 */
#ifndef _FAULTLINE_MMAP_LOCK_H
#define _FAULTLINE_MMAP_LOCK_H
#include "mm_types.h"
#include "rwsem.h"

static inline void mmap_read_lock(struct mm_struct *mm) { down_read(&mm->mmap_lock); }
static inline void mmap_read_unlock(struct mm_struct *mm) { up_read(&mm->mmap_lock); }
static inline void mmap_write_lock(struct mm_struct *mm) { down_write(&mm->mmap_lock); }
static inline void mmap_write_unlock(struct mm_struct *mm) { up_write(&mm->mmap_lock); }

#endif
