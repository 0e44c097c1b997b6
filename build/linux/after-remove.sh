#!/bin/bash
# electron-builder fills in ${executable} and ${sanitizedProductName}. Its own template
# (app-builder-lib/templates/linux), followed by the Dailies CLI link at the end.

# Delete the link to the binary
# update-alternatives --remove <name> <path>: 'path' must be the registered alternative binary,
# not the generic symlink — see https://man7.org/linux/man-pages/man1/update-alternatives.1.html
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload apparmor profile.
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  # Unload the profile from the running kernel before deleting the file so the
  # policy is not left enforced until the next reboot.  Mirror the chroot guard
  # used in the after-install script — live AppArmor operations are not
  # meaningful inside a chroot.
  # https://wiki.debian.org/AppArmor/HowToUse
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
# Dailies: the CLI link made at install, only when the package is really removed (deb:
# "remove" or "purge"; rpm: 0 copies left) and only if it still points into this app. An rpm
# upgrade runs the old package's script after the new one's after-install, which must keep
# the link it just made.
case "$1" in
  remove | purge | 0)
    if [ "$(readlink '/usr/bin/dailies')" = '/opt/${sanitizedProductName}/resources/bin/dailies' ]; then
      rm -f '/usr/bin/dailies'
    fi
    ;;
esac
