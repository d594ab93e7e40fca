"""Chromium as the browser audit launches it, in a module that loads no model: a test suite
can launch it the same way without the app installed."""

CHROMIUM = "/usr/bin/chromium"
# Chromium as a container or CI runs it: no sandbox (often root), no GPU, nothing in the
# background that would add requests of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
