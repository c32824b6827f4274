"""The collapsible block that Hugo's ``details`` shortcode becomes: ``callposts-details``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("sphinx_callposts")


class details_block(nodes.container):  # noqa: N801
    """A collapsible block: ``<details>`` in HTML, a plain container elsewhere."""


class details_summary(nodes.paragraph):  # noqa: N801
    """The always-visible line of a :class:`details_block`."""


class DetailsDirective(SphinxDirective):
    """``{callposts-details} Summary`` with ``:open:`` and ``:class:``: Hugo's ``details``."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {"open": directives.flag, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        """The block, its summary as plain text, its content parsed as Markdown."""
        summary_text = self.arguments[0] if self.arguments else _("Details")
        node = details_block(classes=["callposts-details", *self.options.get("class", [])])
        node["open"] = "open" in self.options
        node += details_summary("", "", nodes.strong(summary_text, summary_text))
        self.set_source_info(node)
        node += self.parse_content_to_nodes(allow_section_headings=False)
        return [node]


def visit_details_html(self: HTML5Translator, node: details_block) -> None:
    """``<details>``; classes and ``open`` only."""
    attributes: dict[str, Any] = {"open": "open"} if node["open"] else {}
    self.body.append(self.starttag(node, "details", **attributes))


def depart_details_html(self: HTML5Translator, node: details_block) -> None:
    """Close ``<details>``."""
    self.body.append("</details>\n")


def visit_summary_html(self: HTML5Translator, node: details_summary) -> None:
    """``<summary>``."""
    self.body.append("<summary>")


def depart_summary_html(self: HTML5Translator, node: details_summary) -> None:
    """Close ``<summary>``."""
    self.body.append("</summary>\n")


def setup_details(app: Sphinx) -> None:
    """Register the ``callposts-details`` directive and its nodes."""
    app.add_directive("callposts-details", DetailsDirective)
    app.add_node(details_block, html=(visit_details_html, depart_details_html))
    app.add_node(details_summary, html=(visit_summary_html, depart_summary_html))
