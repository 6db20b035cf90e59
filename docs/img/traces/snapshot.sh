#!/bin/sh
# Traced by tools/qrun --pftrace (see draw.sh): the eof_sigbus demo runs under
# this shell, then vmadump writes the shell's own address space to the trace
# channel for tools/vmaplot.
"$1" > /dev/null
vmadump $$ > /dev/ttyS3
