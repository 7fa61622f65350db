"""The reader driven with Pilot, a file per feature: the search bar, the list, hits,
reading, cards and links, layout and look, dialogs, the update in the background,
the start, and the reading aids.

Until they were split by feature, these tests were tests/test_tui_reader.py (in the
order they were written) and tests/test_reading_aids.py: `git log -S <test name>`
finds a test's history across the move.
"""
