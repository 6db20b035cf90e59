	/* TODO (lab lazy): a read of a page never written should map the
	 * shared zero page, read-only, and allocate nothing.  Until then a
	 * read gets a page of its own, as a write does below. */
