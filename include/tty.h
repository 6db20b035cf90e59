/*
 * include/tty.h - a terminal: the user's serial port with a line
 * discipline, termios and job control (Linux: include/linux/tty.h).
 *
 * One struct tty_struct per terminal (faultline has one: the user's port).
 * drivers/tty/tty_io.c owns the devices and the file operations,
 * n_tty.c the line discipline (input editing, echo, output processing),
 * tty_ioctl.c termios and the buffer ioctls, tty_jobctrl.c the
 * controlling terminal, the foreground process group and SIGTTIN/SIGTTOU.
 */
#ifndef _FAULTLINE_TTY_H
#define _FAULTLINE_TTY_H
#include "types.h"
#include "uapi/asm-generic/termbits.h"
#include "uapi/asm-generic/ioctls.h"

#define N_TTY_BUF_SIZE 4096             /* Linux's read buffer: a power of two */

struct file;

struct tty_struct {
	int port;                       /* the serial port (ttyS<port>) */
	struct termios termios;
	struct winsize winsize;

	/* job control (tty_jobctrl.c): the session this is the controlling
	 * terminal of, and its foreground process group; 0 when none */
	int session, pgrp;
	bool flow_stopped;              /* ^S or TCOOFF: output waits for ^Q / TCOON */

	/* n_tty: the input ring; chars before canon_head form complete lines */
	u8 read_buf[N_TTY_BUF_SIZE];
	u8 read_flags[N_TTY_BUF_SIZE];  /* N_TTY_EOL / N_TTY_EOF per slot */
	unsigned read_head, read_tail, canon_head;
	unsigned column, canon_column;  /* the cursor, and where the current line began */
	bool lnext;                     /* ^V: the next char is taken literally */
	bool erasing;                   /* ECHOPRT: inside \...\ */
	u64 seq_in;                     /* input events, for epoll's edge triggering */
	int read_wait, write_wait;      /* sleep channels */
};

/* tty_io.c */
void tty_init(void);
struct tty_struct *tty_of_file(struct file *f);   /* NULL: a raw port, or /dev/tty without one */
void tty_receive_byte(int port, u8 c);            /* from the UART's interrupt */

/* n_tty.c: the line discipline */
void n_tty_open(struct tty_struct *tty);
void n_tty_receive_char(struct tty_struct *tty, u8 c);
ssize_t n_tty_read(struct tty_struct *tty, struct file *f, char __user *buf, size_t n);
ssize_t n_tty_write(struct tty_struct *tty, struct file *f, const char __user *buf, size_t n);
unsigned n_tty_poll(struct tty_struct *tty);
void n_tty_flush_input(struct tty_struct *tty);
unsigned n_tty_chars_in_buffer(struct tty_struct *tty);
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);
void tty_put_char(struct tty_struct *tty, u8 c);       /* to the wire, no processing */
void start_tty(struct tty_struct *tty);
void stop_tty(struct tty_struct *tty);

/* tty_ioctl.c */
long tty_mode_ioctl(struct tty_struct *tty, struct file *f, unsigned cmd, u64 arg);
void tty_std_termios(struct termios *t);
void tty_default_winsize(struct winsize *ws);

/* tty_jobctrl.c */
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *f, unsigned cmd, u64 arg);
int tty_check_change(struct tty_struct *tty);          /* SIGTTOU for a background caller */
int job_control_read(struct tty_struct *tty);          /* SIGTTIN for a background reader */
bool tty_is_ctty(struct tty_struct *tty);              /* current's controlling terminal? */
struct tty_struct *get_current_tty(void);              /* current's controlling terminal, or NULL */
void disassociate_ctty(void);                           /* a session leader's exit or TIOCNOTTY */
void tty_isig(struct tty_struct *tty, int sig);        /* ^C ^\ ^Z: to the foreground group */

#endif
