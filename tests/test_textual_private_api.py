"""A canary for the private parts of Textual and Rich the reader relies on.

The reader reaches past Textual's and Rich's public API where the public one cannot do
what it needs (a footer that is not rebuilt on every keystroke, a list drawn without
`Content`, ambiguous characters two cells wide, a decoder that does not crash on a stray
byte...). Textual is pinned in constraints.txt, but an upgrade that renames one of these
names would fail deep in a Pilot test, or worse not at all (a swap whose target moved
changes nothing). `PRIVATE` lists every such name with the shape the reader counts on and
the yomite file that relies on it, and each is checked here against the installed
Textual and Rich: an upgrade fails in this one file, naming the code to look at.

Shapes are read from the library's source as shipped (the reader swaps some of these
names at run time: `Strip.__init__`, `Content.truncate`, the linux driver's decoder).
`test_every_private_use_is_listed` keeps the table whole: a new use of a private name in
`tui/` or `index/` without an entry here fails it.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import pytest
from textual.app import App
from textual.reactive import Reactive
from textual.widgets import Input, OptionList

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("textual", "rich")

Kind = Literal[
    "module",  # a private module; `shape`: names it must hold
    "class",  # a class of the module `where`
    "function",  # a module-level function; `shape`: its parameters
    "global",  # a module global its own functions read when called (the reader rebinds it)
    "attribute",  # a module or class attribute; `shape`: attributes its value has
    "method",  # defined in the class; `shape`: its parameters
    "coroutine",  # an async method; `shape`: its parameters
    "classmethod",  # `shape`: its parameters (without cls)
    "property",
    "reactive",  # `shape`: the options yomite's redeclarations (`redeclared`) change
    "instance",  # an attribute the class's own __init__ (or a base's) sets on `self`
    "slots",  # `shape`: the class's __slots__, exactly
    "field",  # a field of a NamedTuple
    "css",  # a CSS class the widget's DEFAULT_CSS styles
]


@dataclass(frozen=True)
class Private:
    where: str
    """The owner: a module (`textual._wrap`) or a class (`textual.app:App`)."""
    name: str
    kind: Kind
    used_in: str
    """The yomite file (and what in it) that relies on the name."""
    shape: tuple[str, ...] = ()
    fingerprint: str = ""
    """For a method yomite copies or replaces: a digest of Textual's code as it was
    copied (`_fingerprint`). A change there is to be carried over to yomite's copy."""
    redeclared: tuple[str, ...] = ()
    """For a reactive: the yomite classes that declare it again, with `shape`'s options."""

    @property
    def label(self) -> str:
        """`textual.app.App._unnotify`, `textual._wrap`."""
        dotted = self.where.replace(":", ".")
        return f"{dotted}.{self.name}" if self.name else dotted


PRIVATE: tuple[Private, ...] = (
    # -- tui/app.py: notices put away before a screen is pushed, OSC 52, NO_COLOR's filter
    Private(
        "textual.app:App",
        "_notifications",
        "instance",
        "tui/app.py (YomiteApp.push_screen)",
        ("__iter__",),
    ),
    Private(
        "textual.app:App",
        "_unnotify",
        "method",
        "tui/app.py (YomiteApp.push_screen)",
        ("self", "notification", "refresh"),
    ),
    Private(
        "textual.app:App",
        "_refresh_notifications",
        "method",
        "tui/app.py (YomiteApp.push_screen)",
        ("self",),
    ),
    Private("textual.app:App", "_clipboard", "instance", "tui/app.py (YomiteApp.send_clipboard)"),
    Private(
        "textual.app:App",
        "_driver",
        "instance",
        "tui/app.py (YomiteApp.send_clipboard, on_mount's terminal watch, action_suspend)",
    ),
    Private(
        "textual.app:App",
        "_filters",
        "instance",
        "tui/app.py (YomiteApp.watch_theme)",
        ("__iter__",),
    ),
    Private(
        # Not underscored, but read with getattr(..., None): gone, the watch for a
        # terminal that went away would silently never start.
        "textual.drivers.linux_driver:LinuxDriver",
        "fileno",
        "instance",
        "tui/app.py (YomiteApp.on_mount's terminal watch)",
    ),
    Private(
        # A CSS type selector (`MainScreen ToastRack`): renamed, the rule matches nothing.
        "textual.widgets._toast",
        "ToastRack",
        "class",
        "tui/app.py (CSS: notices stand above the status line)",
    ),
    # -- tui/widgets/article_list.py: rows drawn without Content, and kept ---------------
    Private(
        "textual.widgets.option_list:Option",
        "_visual",
        "instance",
        "tui/widgets/article_list.py (ArticleList._get_visual)",
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "_get_visual",
        "method",
        "tui/widgets/article_list.py (ArticleList._get_visual overrides it)",
        ("self", "option"),
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "_get_option_render",
        "method",
        "tui/widgets/article_list.py (ArticleList._get_option_render overrides it and "
        "draws a Rows option as it does)",
        ("self", "option", "style"),
        fingerprint="951d35d81cfe8b89",
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "_option_to_index",
        "instance",
        "tui/widgets/article_list.py (ArticleList._get_option_render)",
        ("__getitem__",),
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "_lines",
        "property",
        "tui/widgets/article_list.py (ArticleList._top_on_an_entry)",
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "_index_to_line",
        "property",
        "tui/widgets/article_list.py (ArticleList.show, ArticleList._top_on_an_entry)",
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "_update_lines",
        "method",
        "tui/widgets/article_list.py (ArticleList.render_lines, ArticleList.max_scroll_y)",
        ("self",),
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "_line_cache",
        "instance",
        "tui/widgets/article_list.py (ArticleList.render_lines reads its .lines; "
        "ArticleList.max_scroll_y its .lines and .index_to_line)",
        ("lines", "index_to_line"),
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "_mouse_hovering_over",
        "reactive",
        "tui/widgets/article_list.py (ArticleList.render_lines)",
    ),
    Private(
        "textual.widgets._option_list:OptionList",
        "render_line",
        "method",
        "tui/widgets/article_list.py (ArticleList.render_line re-implements it)",
        ("self", "y"),
        fingerprint="806a3977ba2c8289",
    ),
    # -- tui/widgets/key_footer.py: keys shown, hidden and greyed in place ----------------
    Private(
        "textual.widgets._footer",
        "FooterKey",
        "class",
        "tui/widgets/key_footer.py (imported from the private module), tui/app.py (CSS)",
    ),
    Private(
        "textual.widgets._footer:Footer",
        "_bindings_ready",
        "reactive",
        "tui/widgets/key_footer.py (KeyFooter.bindings_changed)",
    ),
    Private(
        "textual.widgets._footer:Footer",
        "bindings_changed",
        "method",
        "tui/widgets/key_footer.py (KeyFooter.bindings_changed skips it when nothing "
        "shown changes, and knows when it rebuilds)",
        ("self", "screen"),
        fingerprint="8667af3fbeef1c9f",
    ),
    Private(
        "textual.widgets._footer:FooterKey",
        "_disabled",
        "instance",
        "tui/widgets/key_footer.py (KeyFooter._show_in_place greys a key in place; "
        "KeyFooter._fit_keys leaves greyed keys out)",
    ),
    Private(
        "textual.widgets._footer:FooterKey",
        "-disabled",
        "css",
        "tui/widgets/key_footer.py (KeyFooter._show_in_place greys a key in place)",
    ),
    Private(
        "textual.widgets._footer:Footer",
        "-command-palette",
        "css",
        "tui/widgets/key_footer.py (KeyFooter._fit_keys), tui/app.py (CSS)",
    ),
    # -- tui/widgets/search_bar.py: the query input -------------------------------------
    Private(
        "textual.widgets._input:Input",
        "_position_to_cell",
        "method",
        "tui/widgets/search_bar.py (QueryInput.cursor_screen_offset)",
        ("self", "position"),
    ),
    Private(
        "textual.widgets._input:Input",
        "_watch_selection",
        "method",
        "tui/widgets/search_bar.py (QueryInput._watch_selection overrides it)",
        ("self", "selection"),
    ),
    Private(
        "textual.widgets._input:Input",
        "_on_key",
        "coroutine",
        "tui/widgets/editing_input.py (EditingInput._on_key runs before it)",
        ("self", "event"),
    ),
    Private(
        "textual.widgets._input:Input",
        "_on_paste",
        "method",
        "tui/widgets/search_bar.py (QueryInput._on_paste replaces it)",
        ("self", "event"),
    ),
    Private(
        "textual.widgets._input:Input",
        "_on_focus",
        "method",
        "tui/widgets/search_bar.py (QueryInput._on_focus runs before it)",
        ("self", "event"),
    ),
    Private(
        "textual.widgets._input:Input",
        "_on_blur",
        "method",
        "tui/widgets/search_bar.py (QueryInput._on_blur runs before it)",
        ("self", "event"),
    ),
    Private(
        "textual.widgets._input:Input",
        "_initial_value",
        "instance",
        "tui/widgets/search_bar.py (QueryInput._scroll_to_cursor)",
    ),
    Private(
        "textual.widgets._input:Input",
        "_value",
        "property",
        "tui/widgets/search_bar.py (QueryInput.render_line: the query's cell length)",
    ),
    Private(
        "textual.widgets._input:Input",
        "_cursor_offset",
        "property",
        "tui/widgets/search_bar.py (QueryInput._scroll_to_cursor)",
    ),
    Private(
        "textual.widgets._input:Input",
        "_bindings",
        "instance",
        "tui/widgets/editing_input.py (EditingInput._on_key reads its .key_to_bindings)",
        ("key_to_bindings",),
    ),
    # -- redeclared reactives: what each changes, the rest as Textual declares it ---------
    Private(
        "textual.screen:Screen",
        "focused",
        "reactive",
        "tui/screens/main.py (MainScreen.focused, without the repaint)",
        ("repaint=False",),
        redeclared=("tui.screens.main:MainScreen",),
    ),
    Private(
        "textual.widget:Widget",
        "virtual_size",
        "reactive",
        "tui/widgets/article_list.py (ArticleList), tui/widgets/search_bar.py (QueryInput, "
        "CountLabel): a repaint, not a layout",
        ("layout=False", "repaint=True"),
        redeclared=(
            "tui.widgets.article_list:ArticleList",
            "tui.widgets.search_bar:QueryInput",
            "tui.widgets.search_bar:CountLabel",
        ),
    ),
    # -- tui/ellipsis.py: Content cuts with "…" right after its text ----------------------
    Private(
        "textual.content:Content",
        "_trim_spans",
        "classmethod",
        "tui/ellipsis.py (_truncate)",
        ("text", "spans"),
    ),
    Private("textual.content:Content", "_spans", "instance", "tui/ellipsis.py (_truncate)"),
    Private(
        "textual.content:Content",
        "truncate",
        "method",
        "tui/ellipsis.py (install swaps it; the swap takes its arguments)",
        ("self", "max_width", "*", "ellipsis", "pad"),
    ),
    # -- tui/strips.py: Strip's caches made when first used -------------------------------
    Private(
        "textual.strip:Strip",
        "__slots__",
        "slots",
        "tui/strips.py (CACHE_SIZES and OTHER_SLOTS: the replaced __init__ sets them)",
        (
            "_segments",
            "_cell_length",
            "_divide_cache",
            "_crop_cache",
            "_style_cache",
            "_filter_cache",
            "_render_cache",
            "_line_length_cache",
            "_crop_extend_cache",
            "_offsets_cache",
            "_link_ids",
            "_cell_count",
        ),
    ),
    Private(
        "textual.strip:Strip",
        "__init__",
        "method",
        "tui/strips.py (install replaces it with _init, and adds __getattr__)",
        ("self", "segments", "cell_length"),
        fingerprint="ea6ef715165d32df",
    ),
    Private(
        "textual.strip:Strip",
        "divide",
        "method",
        "tui/strips.py (install wraps it)",
        ("self", "cuts"),
    ),
    # -- tui/cellwidth.py: ambiguous characters two cells wide ----------------------------
    Private(
        "rich.cells",
        "get_character_cell_size",
        "global",
        "tui/cellwidth.py (swapped where it was imported by name)",
        ("character", "unicode_version"),
    ),
    Private(
        "rich.cells",
        "_is_single_cell_widths",
        "global",
        "tui/cellwidth.py (swapped where it was imported by name)",
    ),
    Private(
        "rich.cells",
        "_SINGLE_CELLS",
        "attribute",
        "tui/cellwidth.py (_NARROW_SINGLE_CELLS)",
        ("__iter__",),
    ),
    Private(
        "rich.segment",
        "get_character_cell_size",
        "global",
        "tui/cellwidth.py (_holders: rebound there)",
    ),
    Private(
        "rich.segment",
        "_is_single_cell_widths",
        "global",
        "tui/cellwidth.py (_holders: rebound there)",
    ),
    Private(
        "textual._wrap",
        "",
        "module",
        "tui/cellwidth.py (_holders)",
        ("get_character_cell_size",),
    ),
    Private(
        "textual._wrap",
        "get_character_cell_size",
        "global",
        "tui/cellwidth.py (_holders: rebound there)",
    ),
    Private(
        "textual.widgets._input",
        "",
        "module",
        "tui/cellwidth.py (_holders)",
        ("get_character_cell_size",),
    ),
    Private(
        "textual.widgets._input",
        "get_character_cell_size",
        "global",
        "tui/cellwidth.py (_holders: rebound there)",
    ),
    # -- index/typeset.py: per-character widths that add up as Rich measures ---------------
    Private("rich._unicode_data", "", "module", "index/typeset.py (_cell_widths)", ("load",)),
    Private(
        "rich._unicode_data",
        "load",
        "function",
        "index/typeset.py (_cell_widths)",
        ("unicode_version",),
    ),
    Private("rich.cells:CellTable", "narrow_to_wide", "field", "index/typeset.py (_cell_widths)"),
    # -- tui/terminal_input.py: a stray byte is no crash ----------------------------------
    Private(
        "textual.drivers.linux_driver",
        "getincrementaldecoder",
        "global",
        "tui/terminal_input.py (install rebinds it to a lenient decoder)",
    ),
)


# -- reading the libraries as shipped ------------------------------------------------------


def _resolve(where: str) -> Any:
    module_name, _, qualname = where.partition(":")
    target: Any = importlib.import_module(module_name)
    for part in filter(None, qualname.split(".")):
        target = getattr(target, part)
    return target


@cache
def _module_tree(path: str) -> ast.Module:
    return ast.parse(Path(path).read_text(encoding="utf-8"), path)


@cache
def _class_node(cls: type) -> ast.ClassDef | None:
    """The class statement of `cls` in its source file, as shipped."""
    try:
        source = inspect.getsourcefile(cls)
    except TypeError:
        return None
    if source is None:
        return None
    body: list[ast.stmt] = _module_tree(source).body
    node: ast.ClassDef | None = None
    for part in cls.__qualname__.split("."):
        node = next((n for n in body if isinstance(n, ast.ClassDef) and n.name == part), None)
        if node is None:
            return None
        body = node.body
    return node


def _library_classes(cls: type) -> list[type]:
    return [c for c in cls.__mro__ if c.__module__.split(".")[0] in LIBRARIES]


def _member(cls: type, name: str) -> tuple[type, ast.stmt] | None:
    """The statement defining `name` in the body of `cls` or of a library base, first in
    the MRO."""
    for owner in _library_classes(cls):
        node = _class_node(owner)
        for statement in node.body if node else ():
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                if statement.name == name:
                    return owner, statement
            elif _assigned_names(statement) & {name}:
                return owner, statement
    return None


def _assigned_names(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.Assign):
        return {t.id for t in statement.targets if isinstance(t, ast.Name)}
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return {statement.target.id}
    return set()


def _self_attributes(node: ast.AST) -> set[str]:
    """Attributes set on `self` or `cls` anywhere under `node`."""
    found = set()
    for sub in ast.walk(node):
        targets: list[ast.expr] = []
        if isinstance(sub, ast.Assign):
            targets = sub.targets
        elif isinstance(sub, ast.AnnAssign | ast.AugAssign):
            targets = [sub.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id in ("self", "cls")
            ):
                found.add(target.attr)
    return found


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    """Parameter names as declared: `*` before keyword-only ones, `*name`, `**name`."""
    arguments = function.args
    names = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
    if arguments.vararg is not None:
        names.append(f"*{arguments.vararg.arg}")
    elif arguments.kwonlyargs:
        names.append("*")
    names += [a.arg for a in arguments.kwonlyargs]
    if arguments.kwarg is not None:
        names.append(f"**{arguments.kwarg.arg}")
    return tuple(names)


def _fingerprint(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """A digest of the function's code, its layout, comments and docstring left out."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    code = ast.dump(ast.Module(body=body, type_ignores=[]))
    return hashlib.sha256(code.encode()).hexdigest()[:16]


def _decorators(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {d.id for d in function.decorator_list if isinstance(d, ast.Name)}


SAMPLES: dict[str, Callable[[], object]] = {
    "textual.app:App": App,
    "textual.widgets._option_list:OptionList": OptionList,
    "textual.widgets._input:Input": Input,
}
"""Instances to check an `instance` entry's `shape` on (cheap to make, no terminal)."""


def _reactive_options(reactive: Reactive[Any]) -> dict[str | None, object]:
    options: dict[str | None, object] = {}
    for item in reactive.__rich_repr__():
        # Rich's repr protocol allows a bare value or a 1-tuple; a Reactive yields
        # (name, value[, default]), the option's name None for the default value.
        assert isinstance(item, tuple) and len(item) >= 2, item
        key, value, *_ = item
        if key != "name":
            options[key] = value
    return options


def _check_function(
    entry: Private, function: ast.stmt | None, kinds: tuple[type, ...]
) -> str | None:
    if not isinstance(function, kinds):
        return "is no longer a " + ("coroutine" if entry.kind == "coroutine" else "function")
    assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
    if entry.kind == "classmethod" and "classmethod" not in _decorators(function):
        return "is no longer a classmethod"
    if entry.kind == "property" and "property" not in _decorators(function):
        return "is no longer a property"
    parameters = _parameters(function)
    if entry.kind == "classmethod":
        parameters = parameters[1:]
    if entry.shape and parameters != entry.shape:
        return f"now takes ({', '.join(parameters)}), not ({', '.join(entry.shape)})"
    if entry.fingerprint and _fingerprint(function) != entry.fingerprint:
        return (
            f"has changed (fingerprint {_fingerprint(function)}, was {entry.fingerprint}): "
            "compare it with yomite's copy, carry the change over, then update the "
            "fingerprint here"
        )
    return None


def problem(entry: Private) -> str | None:
    """What is wrong with `entry` in the installed libraries (None: it is as expected)."""
    try:
        owner = _resolve(entry.where)
    except (ImportError, AttributeError) as error:
        return f"cannot be found: {error}"
    kind = entry.kind
    if kind == "module":
        missing = [name for name in entry.shape if not hasattr(owner, name)]
        return f"no longer holds {', '.join(missing)}" if missing else None
    if kind == "class":
        return None if inspect.isclass(getattr(owner, entry.name, None)) else "is gone"
    if kind == "attribute":
        if not hasattr(owner, entry.name):
            return "is gone"
        value = getattr(owner, entry.name)
        missing = [name for name in entry.shape if not hasattr(value, name)]
        return f"has no {', '.join(missing)} (it is a {type(value).__name__})" if missing else None
    if kind in ("function", "global"):
        return _check_global(entry, owner)
    assert inspect.isclass(owner)
    if kind == "slots":
        slots = tuple(getattr(owner, "__slots__", ()))
        return None if set(slots) == set(entry.shape) else f"are now {slots}"
    if kind == "field":
        return None if entry.name in getattr(owner, "_fields", ()) else "is gone"
    if kind == "css":
        css = getattr(owner, "DEFAULT_CSS", "")
        return None if f".{entry.name}" in css else "is no longer styled by its DEFAULT_CSS"
    if kind == "instance":
        return _check_instance(entry, owner)
    if kind == "reactive":
        return _check_reactive(entry, owner)
    found = _member(owner, entry.name)
    if found is None:
        return "is gone"
    defined_in, statement = found
    if defined_in is not owner:
        return f"is no longer defined by {owner.__name__} (only by {defined_in.__name__})"
    kinds: tuple[type, ...] = (ast.FunctionDef,)
    if kind == "coroutine":
        kinds = (ast.AsyncFunctionDef,)
    return _check_function(entry, statement, kinds)


def _check_global(entry: Private, module: ModuleType) -> str | None:
    """A module global the module's own functions read when called: rebinding it (as the
    reader does) changes what they do. Also a plain module-level function (`function`)."""
    if not hasattr(module, entry.name):
        return "is gone"
    source = inspect.getsourcefile(module)
    assert source is not None
    tree = _module_tree(source)
    if entry.kind == "function" or entry.shape:
        function = next(
            (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == entry.name),
            None,
        )
        found = _check_function(entry, function, (ast.FunctionDef,))
        if found is not None or entry.kind == "function":
            return found
    read_in_functions = any(
        isinstance(node, ast.Name) and node.id == entry.name and isinstance(node.ctx, ast.Load)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    )
    return None if read_in_functions else "is no longer read by the module's functions"


def _check_instance(entry: Private, owner: type) -> str | None:
    if not any(
        entry.name in _self_attributes(node)
        for node in map(_class_node, _library_classes(owner))
        if node is not None
    ):
        return "is no longer set on its instances"
    if entry.shape:
        sample = getattr(SAMPLES[entry.where](), entry.name)
        missing = [name for name in entry.shape if not hasattr(sample, name)]
        if missing:
            return f"has no {', '.join(missing)} any more (it is a {type(sample).__name__})"
    return None


def _check_reactive(entry: Private, owner: type) -> str | None:
    reactive = vars(owner).get(entry.name)
    if not isinstance(reactive, Reactive):
        return f"is no longer a reactive of {owner.__name__}"
    expected = _reactive_options(reactive)
    for change in entry.shape:
        option, _, value = change.partition("=")
        expected[option] = ast.literal_eval(value)
    for where in entry.redeclared:
        ours = _reactive_options(vars(_resolve(where))[entry.name])
        if ours != expected:
            changed = sorted(
                str(k) for k in expected.keys() | ours.keys() if expected.get(k) != ours.get(k)
            )
            return (
                f"is now declared otherwise: {where} declares it again, changing "
                f"{', '.join(entry.shape)} only, but now differs from it in {', '.join(changed)}"
            )
    return None


def _versions() -> str:
    return f"Textual {version('textual')}, Rich {version('rich')}"


@pytest.mark.parametrize("entry", PRIVATE, ids=lambda e: f"{e.label} ({e.kind})")
def test_each_private_name_is_still_there(entry: Private) -> None:
    found = problem(entry)
    assert found is None, (
        f"{entry.used_in} relies on {entry.label} ({entry.kind}), which in {_versions()} "
        f"{found}. "
        "Adapt that code (and this entry) to the new version, or keep Textual/Rich pinned."
    )


# -- that the table is whole ----------------------------------------------------------------


def test_no_other_module_binds_the_cell_measure_by_name() -> None:
    """`tui.cellwidth` rebinds Rich's measure in each module that imported it by name: one
    more such module would measure ambiguous characters one cell wide, silently."""
    from tui.cellwidth import _holders

    names = {"get_character_cell_size", "_is_single_cell_widths"}
    holders = set()
    for library in LIBRARIES:
        root = Path(importlib.import_module(library).__file__ or "").parent
        for path in root.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if not any(name in text for name in names):
                continue
            for statement in _module_tree(str(path)).body:
                if (
                    isinstance(statement, ast.ImportFrom)
                    and statement.module == "rich.cells"
                    and {alias.name for alias in statement.names} & names
                ):
                    relative = path.relative_to(root.parent).with_suffix("")
                    holders.add(".".join(relative.parts))
    known = {module.__name__ for module in _holders()}
    assert holders <= known, (
        f"tui/cellwidth.py (_holders) misses {sorted(holders - known)} of {_versions()}, "
        "which import Rich's cell measure by name: add them there and to PRIVATE"
    )


def _tui_files() -> list[Path]:
    return sorted((ROOT / "tui").rglob("*.py"))


def _index_files() -> list[Path]:
    return sorted((ROOT / "index").rglob("*.py"))


def _own_private_names() -> set[str]:
    """Private attribute names of yomite's own (tui/ and index/) classes: their methods
    and class variables, and what they set on `self` or `cls`."""
    own: set[str] = set()
    for path in [*_tui_files(), *_index_files()]:
        for node in ast.walk(_module_tree(str(path))):
            if not isinstance(node, ast.ClassDef):
                continue
            own |= _self_attributes(node)
            for statement in node.body:
                if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                    own.add(statement.name)
                own |= _assigned_names(statement)
    return {name for name in own if _is_private(name)}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _imported_elsewhere(tree: ast.Module) -> set[str]:
    """Names a module binds by importing from outside Textual and Rich (`os`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] not in LIBRARIES:
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in LIBRARIES:
                continue
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def _library_members(cls: type) -> set[str]:
    """Every name a Textual or Rich class in the MRO of `cls` defines or sets on `self`."""
    members: set[str] = set()
    for owner in _library_classes(cls):
        members |= _members_of(owner)
    return members


@cache
def _members_of(owner: type) -> frozenset[str]:
    node = _class_node(owner)
    if node is None:
        return frozenset()
    members = _self_attributes(node)
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            members.add(statement.name)
        members |= _assigned_names(statement)
    return frozenset(members)


def _private_uses() -> dict[str, set[str]]:
    """Each private name of Textual or Rich that tui/ or index/ uses, and where (file:line).

    - a private module imported (`textual._wrap`, `from textual.widgets._footer import`);
    - `x._name` where `_name` is no private name of yomite's own, nor `x` a module from
      elsewhere (`os._exit`);
    - in a class deriving from Textual or Rich, `self._name` / `super()._name` used or
      `_name` defined, where a Textual or Rich base defines `_name` too.

    In index/, the private modules imported only (Rich's width table in typeset.py): it
    reaches into Whoosh's privates too, which `x._name` cannot tell from Rich's.
    """
    own = _own_private_names()
    uses: dict[str, set[str]] = {}
    tui_files = _tui_files()

    def use(name: str, path: Path, node: ast.AST) -> None:
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        uses.setdefault(name, set()).add(where)

    for path in [*tui_files, *_index_files()]:
        tree = _module_tree(str(path))
        elsewhere = _imported_elsewhere(tree)
        module_name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(tree):
            if path not in tui_files and not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom):
                    modules = [node.module or ""]
                for module in modules:
                    if module.split(".")[0] in LIBRARIES and any(
                        _is_private(part) for part in module.split(".")
                    ):
                        use(module, path, node)
            elif isinstance(node, ast.Attribute) and _is_private(node.attr):
                base = node.value
                if isinstance(base, ast.Name) and base.id in elsewhere:
                    continue
                if node.attr not in own:
                    use(node.attr, path, node)
            elif isinstance(node, ast.ClassDef) and module_name != "tui.__main__":
                _class_uses(importlib.import_module(module_name), node, path, use)
    return uses


def _class_uses(
    module: ModuleType,
    node: ast.ClassDef,
    path: Path,
    use: Callable[[str, Path, ast.AST], None],
) -> None:
    cls = getattr(module, node.name, None)
    if not inspect.isclass(cls) or not _library_classes(cls):
        return  # a nested class (messages) or one of yomite's own
    library = _library_members(cls)
    for sub in ast.walk(node):
        name = None
        if isinstance(sub, ast.Attribute):
            base = sub.value
            if (isinstance(base, ast.Name) and base.id in ("self", "cls")) or (
                isinstance(base, ast.Call)
                and isinstance(base.func, ast.Name)
                and base.func.id == "super"
            ):
                name = sub.attr
        elif isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
            name = sub.name
        if name is not None and _is_private(name) and name in library:
            use(name, path, sub)


def _listed() -> set[str]:
    listed = set()
    for entry in PRIVATE:
        if entry.kind == "module":
            listed |= {entry.where, entry.where.rsplit(".", 1)[-1]}
        elif entry.kind == "class":
            listed.add(entry.where)
        elif entry.kind == "slots":
            listed |= set(entry.shape)
        else:
            listed.add(entry.name)
    return listed


def test_every_private_use_is_listed() -> None:
    """A private name of Textual or Rich used in tui/ or index/ (index/typeset.py reads
    Rich's width table) has its entry in PRIVATE."""
    unlisted = {name: places for name, places in _private_uses().items() if name not in _listed()}
    assert not unlisted, "private names of Textual or Rich used without an entry in PRIVATE: " + (
        "; ".join(f"{name} ({', '.join(sorted(places))})" for name, places in unlisted.items())
    )


def private_names() -> set[str]:
    """The names counted as private to Textual or Rich: underscored attributes (each of
    Strip's slots), private modules, and the classes reached in them."""
    names = set()
    for entry in PRIVATE:
        module = entry.where.split(":")[0]
        in_private_module = any(_is_private(part) for part in module.split("."))
        if entry.kind == "slots":
            names |= {f"{entry.where}.{slot}" for slot in entry.shape}
        elif _is_private(entry.name):
            names.add(f"{entry.where}.{entry.name}")
        elif entry.kind in ("module", "class") and in_private_module:
            names.add(f"{module}.{entry.name}".rstrip("."))
    return names


def test_the_count_in_pyproject_is_the_tables() -> None:
    """pyproject.toml says how many private names the reader uses: this table's count."""
    count = len(private_names())
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f"{count} private names" in text, (
        f"pyproject.toml's comment on Textual should say {count} private names"
    )
