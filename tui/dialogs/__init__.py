"""Modal dialogs, each typed by the value it returns.

Each is imported when first asked for (`from tui.dialogs import ConfirmDialog` loads
that dialog's module alone, as `textual.widgets` does its widgets): the reader's first
screen shows none, and the facet picker's module pulls in the reading analysis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_names

if TYPE_CHECKING:
    from tui.dialogs.confirm import ConfirmDialog
    from tui.dialogs.facet_picker import FacetPicker
    from tui.dialogs.link_picker import LinkChoice, LinkPicker
    from tui.dialogs.text_prompt import TextPrompt

__all__ = ["ConfirmDialog", "FacetPicker", "LinkChoice", "LinkPicker", "TextPrompt"]

_MODULES = {
    "ConfirmDialog": "tui.dialogs.confirm",
    "FacetPicker": "tui.dialogs.facet_picker",
    "LinkChoice": "tui.dialogs.link_picker",
    "LinkPicker": "tui.dialogs.link_picker",
    "TextPrompt": "tui.dialogs.text_prompt",
}


__getattr__ = lazy_names(__name__, _MODULES)
