// Small browser helpers for Concord's pages (no third-party scripts).
window.concord = {
  // The viewer's IANA time zone, e.g. "America/New_York"; the server formats local times with it.
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || null,
};
