/*
 * version.h - the version vmux reports (vmux version, PLAN.meta, report
 * headers) and the source it was built from.
 * A build may override the version with -DVMUX_VERSION='"x.y.z"'.
 */
#ifndef VMUX_VERSION_H
#define VMUX_VERSION_H

#ifndef VMUX_VERSION
#define VMUX_VERSION "0.1.0"
#endif

/*
 * The commit the binary was built from, as `git describe --always --dirty`
 * gave it at build time ("fd2cae8", "fd2cae8-dirty" when tracked files
 * differed from it), or "unknown" for a tree that is not a git checkout.
 * Static storage; never NULL.
 */
const char *version_build(void);

#endif
