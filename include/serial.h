#ifndef _FAULTLINE_SERIAL_H
#define _FAULTLINE_SERIAL_H
#include "types.h"

/* 16550 UARTs at the PC's standard ports: ttyS0..ttyS3. */
#define SERIAL_PORTS 4
void serial_init(void);
void serial_putc(int port, char c);
void serial_write(int port, const char *s, size_t n);
int serial_getc(int port);         /* -1 when no byte is waiting */
bool serial_rx_ready(int port);
bool serial_present(int port);
void serial_enable_rx_interrupt(int port);   /* bytes go to tty_receive_byte (include/tty.h) */
void serial8250_interrupt(int irq);          /* IRQ 3 and 4 (arch/x86/kernel/irq.c) */

#endif
