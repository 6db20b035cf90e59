	/* TODO (lab ufault): make the page holding addr usable and return
	 * true, or return false for an address that is not the arena's. */
	return false;
