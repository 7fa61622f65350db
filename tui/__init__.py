"""yomite's presentation: the Textual reader over what `index` provides."""
