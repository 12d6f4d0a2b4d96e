"""Sandbox mode's test controls: a clock that can be moved forward, faults armed for a client's
next API calls, test users and organizations, and resetting an organization's books.

Everything here acts only when the server runs with `sandbox` on (BILAG_SANDBOX, `bilag serve
--sandbox`); with it off the clock's offset is 0 and no fault is ever looked up.
"""
