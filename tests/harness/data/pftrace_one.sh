#!/bin/sh
# tools/qrun --pftrace traces this script; it turns its own tracing off, then
# starts one program untraced (in the background, so both run at once) and
# one under the pftrace command.  Only the second and its child may appear
# on the trace channel (tests/harness/pftrace.py), followed by a vmadump of
# the shell; tools/pfplot and tools/vmaplot then draw the channel's file.
echo 0 > /proc/$$/pftrace
echo "shell $$"
/t/stack_below_rsp > /dev/null &
echo "untraced $!"
pftrace /t/fork_cow > /dev/null &
echo "traced $!"
wait
vmadump $$ > /dev/ttyS3         # the shell's address space, for tools/vmaplot
echo done
