/*
 * include/drivers.h - what start_kernel calls to bring up each driver
 * (Linux would run these as initcalls).
 */
#ifndef _FAULTLINE_DRIVERS_H
#define _FAULTLINE_DRIVERS_H

void chr_dev_init(void);        /* drivers/char/mem.c: /dev/null, zero, full, random */
void tty_init(void);            /* drivers/tty/tty_io.c: /dev/ttyS0..3, console, tty */

#endif
