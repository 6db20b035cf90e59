	force_sig_fault(SIGSEGV, SI_KERNEL, 0);	/* TODO (lab ufault): say why (si_code) and where (si_addr) */
