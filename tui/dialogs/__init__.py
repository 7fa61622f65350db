"""Modal dialogs, each typed by the value it returns."""

from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.facet_picker import FacetPicker
from tui.dialogs.link_picker import LinkChoice, LinkPicker
from tui.dialogs.text_prompt import TextPrompt

__all__ = ["ConfirmDialog", "FacetPicker", "LinkChoice", "LinkPicker", "TextPrompt"]
