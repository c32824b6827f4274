"""The shortcodes of Docsy, the theme most open-source Hugo sites use, and their kin.

Docsy's ``alert``, ``pageinfo``, ``imgproc``, ``tabpane``/``tab``, ``card``/``cardpane``;
the admonition shortcodes ``note``, ``warning``, ``caution`` that many sites define
(Kubernetes' among them); and ``mermaid``. Each becomes the MyST directive that shows
the same thing with Sphinx alone: admonitions, figures, containers, code blocks. Where
the project loads sphinx-design, tabs become its ``tab-set``; where it loads
sphinxcontrib-mermaid, diagrams are drawn.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..i18n import _
from ..markdown import escape_markdown
from .builtin import _classes, _directive, _fence_for, _option
from .model import Context, Shortcode, ShortcodeError

if TYPE_CHECKING:
    from collections.abc import Callable

#: Bootstrap's alert colours, as Docsy's ``color`` takes them, to Sphinx's admonitions
_ALERT_KINDS = {
    "primary": "note",
    "secondary": "note",
    "info": "note",
    "light": "note",
    "dark": "note",
    "success": "tip",
    "warning": "warning",
    "danger": "danger",
}
_HTML_TAG = re.compile(r"<[^>]*>")
_LANGUAGE = re.compile(r"[\w+#.-]*")


def _one_line(text: str) -> str:
    """Text for a directive's line or an option: no HTML tags, one line."""
    return " ".join(_HTML_TAG.sub("", text).split())


def _plain(text: str) -> str:
    """Markdown's words without its emphasis and code marks, for an image's alt text."""
    return _one_line(re.sub(r"[*_`]+", "", text))


def admonition(kind: str, title: str, content: str, shortcode: Shortcode) -> str:
    """An admonition of ``kind`` (``note``, ``warning``...), with ``title`` when given.

    In running text, where no block fits, the title (or the kind) in bold, then the text.

    :param kind: a docutils admonition: note, tip, important, warning, caution, danger
    :param title: the heading to show instead of the kind's own, or ``""``
    :param content: the Markdown inside
    """
    title = _one_line(title)
    if not shortcode.block:
        label = title or _(kind.capitalize())
        return f"**{escape_markdown(label)}:** {' '.join(content.split())}"
    if not content.strip():
        # a directive without content is an error: the title alone, as a paragraph
        return f"**{escape_markdown(title)}**" if title else ""
    # a backtick in the title would end a backtick fence's info string
    fence = _fence_for(content) if "`" not in title else "~" * 4
    if title:
        return _directive(f"{{admonition}} {title}", [_option("class", kind)], [content], fence)
    return _directive(f"{{{kind}}}", [], [content], fence)


def render_alert(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """Docsy's ``{{% alert title="..." color="warning" %}}`` -> an admonition."""
    if shortcode.inner is None:
        raise ShortcodeError("alert: no closing {{% /alert %}}")
    color = shortcode.get("color").lower() or "primary"
    kind = _ALERT_KINDS.get(color, "note")
    return admonition(kind, shortcode.get("title"), shortcode.inner, shortcode)


def render_admonition(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< note >}}``, ``warning``, ``caution`` ... ``{{< /note >}}`` -> that admonition."""
    if shortcode.inner is None:
        raise ShortcodeError(f"{shortcode.name}: no closing {{{{< /{shortcode.name} >}}}}")
    return admonition(shortcode.name, shortcode.get("title"), shortcode.inner, shortcode)


def _container(classes: str, content: str) -> str:
    """A ``container`` directive: a ``<div>`` with ``classes`` around Markdown."""
    if not content.strip():
        return ""
    return _directive(f"{{container}} {classes}", [], [content], _fence_for(content))


def render_pageinfo(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """Docsy's ``pageinfo``: a box around its text (class ``callposts-pageinfo``)."""
    if shortcode.inner is None:
        raise ShortcodeError("pageinfo: no closing {{% /pageinfo %}}")
    if not shortcode.block:
        return " ".join(shortcode.inner.split())
    color = _classes(shortcode, shortcode.get("color") or "primary")
    return _container(f"callposts-pageinfo callposts-pageinfo-{color}", shortcode.inner)


def render_imgproc(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """Docsy's ``{{< imgproc NAME Fill "640x384" >}}caption{{< /imgproc >}}`` -> a figure.

    The image is the bundle's file whose path holds ``NAME``, as Docsy finds it; the
    processing (``Fill``, ``Fit``, ``Resize``, ``Crop`` and their sizes) is left out:
    the figure shows the original, scaled by the theme.
    """
    name = shortcode.get("src", 0)
    if not name:
        raise ShortcodeError("imgproc: no image name")
    path = context.find_resource(name)
    if path is None:
        raise ShortcodeError(f"imgproc: no file of the page's folder matches {name!r}")
    caption = (shortcode.inner or "").strip()
    alt = _plain(caption.split("\n\n")[0]) or name
    if not shortcode.block:
        return f"![{escape_markdown(alt)}](<{path}>)"
    options = [_option("alt", alt), _option("class", "callposts-imgproc")]
    return _directive(f"{{figure}} {path}", options, [caption] if caption else [])


def _code_block(code: str, language: str) -> str:
    """Code as Hugo's ``highlight`` shows it; ``text`` when no language is given."""
    language = language.lower()
    if not _LANGUAGE.fullmatch(language):
        language = "text"
    code = code.strip("\r\n")
    return _directive(f"{{code-block}} {language or 'text'}", [], [code], _fence_for(code))


def render_tabpane(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """Docsy's ``tabpane``: sphinx-design's ``tab-set`` when loaded, else its tabs in turn."""
    if shortcode.inner is None:
        raise ShortcodeError("tabpane: no closing {{< /tabpane >}}")
    content = shortcode.inner.strip("\n")
    if "tabs" in context.features and content.strip():
        return _directive("{tab-set}", [], [content], _fence_for(content))
    return _container("callposts-tabs", content)


def render_tab(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """Docsy's ``tab``: its header, then its content.

    As in Docsy, the content is code (in the tab's ``lang``, the pane's ``lang``, or its
    header with ``langEqualsHeader``) unless the tab or its pane says ``text=true``.
    Without sphinx-design, the header is a rubric above the content.
    """
    if shortcode.inner is None:
        raise ShortcodeError("tab: no closing {{< /tab >}}")
    pane = shortcode.parent if shortcode.parent and shortcode.parent.name == "tabpane" else None
    header = _one_line(
        shortcode.args[0] if shortcode.args and not shortcode.kwargs else shortcode.get("header")
    ) or _("Tab")
    text = shortcode.flag("text")
    if text is None and pane is not None:
        text = pane.flag("text")
    if text:
        content = shortcode.inner.strip("\n")
    else:
        language = shortcode.get("lang")
        if not language and pane is not None:
            language = header if pane.flag("langEqualsHeader") else pane.get("lang")
        content = _code_block(shortcode.raw or "", language)
    if not shortcode.block:
        return f"**{escape_markdown(header)}** {' '.join(content.split())}"
    if "tabs" in context.features:
        return _directive(f"{{tab-item}} {header}", [], [content], _fence_for(content))
    heading = _directive(f"{{rubric}} {header}", [_option("class", "callposts-tab")], [])
    return f"{heading}\n{content}" if content.strip() else heading


def render_card(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """Docsy's ``card``: header, title, subtitle, content (or code), footer, in a box."""
    raw = shortcode.raw if shortcode.raw is not None else ""
    if shortcode.flag("code"):
        content = _code_block(raw, shortcode.get("lang"))
    else:
        content = (shortcode.inner or "").strip("\n")
    header, title, subtitle, footer = (
        _one_line(shortcode.get(key)) for key in ("header", "title", "subtitle", "footer")
    )
    if not shortcode.block:
        parts = [f"**{header or title}**" if header or title else "", content]
        return " ".join(" ".join(part.split()) for part in parts if part)
    parts = [
        _directive(f"{{rubric}} {header}", [], []) if header else "",
        f"**{title}**" if title else "",
        f"*{subtitle}*" if subtitle else "",
        content,
        footer,
    ]
    return _container("callposts-card", "\n\n".join(part for part in parts if part.strip()))


def render_cardpane(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """Docsy's ``cardpane``: its cards, side by side where the theme allows."""
    if shortcode.inner is None:
        raise ShortcodeError("cardpane: no closing {{< /cardpane >}}")
    return _container("callposts-cardpane", shortcode.inner.strip("\n"))


def render_mermaid(shortcode: Shortcode, context: Context, destination: bool = False) -> str:
    """``{{< mermaid >}}`` -> a diagram with sphinxcontrib-mermaid, else its code."""
    if shortcode.raw is None:
        raise ShortcodeError("mermaid: no closing {{< /mermaid >}}")
    code = shortcode.raw.strip("\r\n")
    head = "{mermaid}" if "mermaid" in context.features else "{code-block} text"
    return _directive(head, [], [code], _fence_for(code))


def mermaid_fence(features: frozenset[str]) -> str:
    """The info string for a ```` ```mermaid ```` fence: a diagram, or code without warning.

    Pygments knows no ``mermaid``, so Sphinx would warn for the fence as written.
    """
    return "{mermaid}" if "mermaid" in features else "text"


#: shortcodes whose inner text is code: it is not rewritten
RAW_INNER = frozenset({"mermaid"})

DOCSY: dict[str, Callable[..., str]] = {
    "alert": render_alert,
    "pageinfo": render_pageinfo,
    "imgproc": render_imgproc,
    "tabpane": render_tabpane,
    "tab": render_tab,
    "card": render_card,
    "cardpane": render_cardpane,
    "note": render_admonition,
    "warning": render_admonition,
    "caution": render_admonition,
    "mermaid": render_mermaid,
}
