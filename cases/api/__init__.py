"""The read-only REST API (/api/): what a system account's organisation may see, or for
the management role only the suppressed figures. Which records it returns is decided by the
functions of ``cases.permissions`` alone, as for the pages."""
