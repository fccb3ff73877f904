"""HTML: one self-contained file (inline CSS, no external resource), print-ready, linked contents."""
from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup, escape

from ..model import Budget
from ..reference.layouts import Layout
from .document import Document, build_document
from .grid import Grid, GridCell

_ALIGN = {"right": "amount", "center": "center"}


def _cell_html(tag: str, cell: GridCell, extra: str = "", text: str | None = None) -> str:
    classes = []
    if cell.kind in ("label", "section"):
        classes.append(cell.kind)
    elif cell.kind == "amount" or cell.align == "right":
        classes.append("amount")
    elif cell.align == "center" and tag == "td":
        classes.append("center")
    if cell.bold and tag == "td":
        classes.append("bold")
    attrs = ""
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    if extra:
        attrs += f' style="{extra}"'
    body = escape(cell.text if text is None else text)
    body = Markup(str(body).replace("\n", "<br>"))
    return f"<{tag}{attrs}>{body}</{tag}>"


def grid_html(grid: Grid) -> Markup:
    """<table> with real rowspan/colspan; the header in <thead> so printing repeats it."""
    out = ['<table class="budget">']
    if grid.head:
        out.append("<thead>")
        for row in grid.head:
            out.append("<tr>" + "".join(_cell_html("th", c) for c in row) + "</tr>")
        out.append("</thead>")
    out.append("<tbody>")
    for row in grid.body:
        out.append("<tr>" + "".join(_cell_html("td", c) for c in row) + "</tr>")
    out.append("</tbody></table>")
    return Markup("\n".join(out))


def css_string(text: str) -> Markup:
    """Text for the inside of a CSS string ("…") in a <style> element: every character that could end
    the string, the declaration or the element (quotes, backslash, line breaks, <, >, &) and every
    control character is written as a CSS escape (\\22 ) — HTML escaping means nothing inside <style>."""
    out = []
    for ch in str(text):
        if ch.isalnum() and ch not in "<>&" and ord(ch) >= 0x20 or ch in " -_.,:;()（）·、，：":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return Markup("".join(out))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("yusuan.render", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["grid_html"] = grid_html
    env.filters["css_string"] = css_string
    return env


def css() -> str:
    return resources.files("yusuan.render").joinpath("templates", "document.css").read_text(encoding="utf-8")


def render_document(doc: Document) -> str:
    template = _environment().get_template("document.html.j2")
    return template.render(doc=doc, css=Markup(css()))


def render(budget: Budget, layout: str | Layout | None = None) -> bytes:
    return render_document(build_document(budget, layout)).encode("utf-8")
