/*
 * drivers/tty/serial.c - 16550 UART driver, polled.
 * Register offsets from the PC16550D data sheet; ports 0x3f8/0x2f8/0x3e8/0x2e8
 * are the PC's COM1..COM4 (Linux: ttyS0..ttyS3), on IRQ 4 (COM1, COM3) and
 * IRQ 3 (COM2, COM4).  Output is polled.  Input is polled too, except on
 * the user's terminal: its "received data" interrupt hands each byte to
 * the line discipline at once, so ^C reaches a program that is not
 * reading (Linux: drivers/tty/serial/8250/8250_port.c serial8250_rx_chars).
 */
#include <serial.h>
#include <tty.h>
#include <asm/io.h>

#define UART_DATA 0         /* RBR/THR (DLAB=0), divisor low (DLAB=1) */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7
#define UART_LCR_DLAB 0x80
#define UART_LCR_8N1 0x03
#define UART_FCR_ENABLE_CLEAR 0xc7
#define UART_MCR_DTR_RTS_OUT2 0x0b
#define UART_LSR_DR 0x01    /* data ready */
#define UART_LSR_THRE 0x20  /* transmit holding register empty */
#define UART_IER_RDI 0x01   /* interrupt when a byte has been received */
#define UART_FCR_TRIGGER_1 0x07  /* FIFO on, both cleared, interrupt at every byte */
#define UART_IRQ_COM1_COM3 4
#define UART_IRQ_COM2_COM4 3
#define UART_DIVISOR_115200 1

static const u16 serial_base[SERIAL_PORTS] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
static bool present[SERIAL_PORTS];
static bool rx_irq[SERIAL_PORTS];     /* received bytes come by interrupt */

/* A UART exists if its scratch register keeps what we write. */
static bool uart_probe(u16 base)
{
	outb(base + UART_SCR, 0x5a);
	return inb(base + UART_SCR) == 0x5a;
}

void serial_init(void)
{
	for (int i = 0; i < SERIAL_PORTS; i++) {
		u16 b = serial_base[i];
		present[i] = uart_probe(b);
		if (!present[i])
			continue;
		outb(b + UART_IER, 0);
		outb(b + UART_LCR, UART_LCR_DLAB);
		outb(b + UART_DATA, UART_DIVISOR_115200);
		outb(b + UART_IER, 0);
		outb(b + UART_LCR, UART_LCR_8N1);
		outb(b + UART_FCR, UART_FCR_ENABLE_CLEAR);
		outb(b + UART_MCR, UART_MCR_DTR_RTS_OUT2);
	}
}

bool serial_present(int port)
{
	return port >= 0 && port < SERIAL_PORTS && present[port];
}

void serial_putc(int port, char c)
{
	u16 b;
	if (!serial_present(port))
		return;
	b = serial_base[port];
	while (!(inb(b + UART_LSR) & UART_LSR_THRE))
		;
	outb(b + UART_DATA, c);
}

void serial_write(int port, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc(port, '\r');
		serial_putc(port, s[i]);
	}
}

bool serial_rx_ready(int port)
{
	return serial_present(port) && (inb(serial_base[port] + UART_LSR) & UART_LSR_DR);
}

int serial_getc(int port)
{
	u16 b;
	if (!serial_present(port))
		return -1;
	b = serial_base[port];
	if (!(inb(b + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(b + UART_DATA);
}

/* The ISA IRQ line of a port. */
static int serial_irq(int port) { return port % 2 ? UART_IRQ_COM2_COM4 : UART_IRQ_COM1_COM3; }

/* From now on, each byte the port receives goes to tty_receive_byte from
 * the interrupt (Linux: serial8250_startup, UART_IER_RDI). */
void serial_enable_rx_interrupt(int port)
{
	u16 b;
	if (!serial_present(port))
		return;
	b = serial_base[port];
	outb(b + UART_FCR, UART_FCR_TRIGGER_1);
	rx_irq[port] = true;
	outb(b + UART_IER, UART_IER_RDI);
}

/* IRQ 3 or 4: take what the ports on that line received (Linux: serial8250_interrupt). */
void serial8250_interrupt(int irq)
{
	for (int port = 0; port < SERIAL_PORTS; port++) {
		int c;
		if (!rx_irq[port] || serial_irq(port) != irq)
			continue;
		/* all of it: the PIC is edge-triggered, a byte left would raise no new edge */
		while ((c = serial_getc(port)) >= 0)
			tty_receive_byte(port, c);
	}
}
