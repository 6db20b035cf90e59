/* Linux include/uapi/linux/personality.h: the flag bits faultline looks at. */
#ifndef _UAPI_LINUX_PERSONALITY_H
#define _UAPI_LINUX_PERSONALITY_H

#define ADDR_NO_RANDOMIZE 0x0040000	/* setarch -R: exec sets no PF_RANDOMIZE */

#endif
