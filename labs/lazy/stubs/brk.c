	/* TODO (lab lazy): the starting point allocates the whole new heap
	 * now, as xv6's sbrk does.  Delete this and let the pages come at
	 * their first touch (do_anonymous_page). */
	if (newend > oldend && populate_vma_page_range(find_vma(mm, oldend), oldend, newend, true)) {
		do_munmap(mm, oldend, newend - oldend);
		return mm->brk;
	}
