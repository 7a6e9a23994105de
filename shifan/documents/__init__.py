"""Documents: the engines that turn data into office files and back (infrastructure).

Imports no domain app. Domain code describes its lists and documents; this app renders and
reads them. `xlsx` holds the Excel engine for long lists (templates, imports, exports).
"""
