"""A spreadsheet number as the sheet prints it: the decimals its number format shows, exactly.

openpyxl hands numeric cells over as Python floats. The printed figure is recovered with
`Decimal(repr(value))` (the shortest decimal that round-trips to the stored double — what Excel
itself shows) quantized to the decimals of the cell's number format; no float arithmetic ever.
"""
from __future__ import annotations

import re
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Parts of a format section that print no digits: quoted literals, escapes, [Red] / [$-804] /
# [>=100] brackets, _x padding and *x fill characters.
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DECIMALS = re.compile(r"\.([0#?]+)")
_DIGIT_PLACEHOLDER = re.compile(r"[0#?]")


@lru_cache(maxsize=256)  # a workbook uses a handful of formats over thousands of cells
def _sections(number_format: str) -> tuple[str, ...]:
    # Semicolons inside quotes do not separate sections.
    out, current, quoted = [], "", False
    for ch in number_format:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(current)
            current = ""
        else:
            current += ch
    out.append(current)
    return tuple(out)


def _plain(value: Decimal) -> str:
    """A Decimal in positional notation, without an exponent and without a trailing '.0'."""
    if value == value.to_integral_value():
        # format(), not quantize(): quantizing a number of more than 28 digits is an InvalidOperation
        text = format(value, "f")
        return text.partition(".")[0]
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _literal_text(section: str) -> str:
    """What a digit-free section prints ('"-"' → '-'; accounting formats print zero as a dash)."""
    text = re.sub(r'"([^"]*)"', r"\1", section)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"\[[^\]]*\]|_.|\*.", "", text)
    return text.strip()


def format_number(value: int | float, number_format: str | None) -> str:
    """The printed text of a numeric cell: '#,##0.00' and 1234.5 → '1234.50' (no thousands
    separators); 'General' and 210.0 → '210'; '0.0%' and 0.125 → '12.5%'."""
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    fmt = (number_format or "General").strip()
    sections = _sections(fmt)
    section = sections[0]
    if number < 0 and len(sections) > 1:
        section = sections[1]
    elif number == 0 and len(sections) > 2:
        section = sections[2]
    cleaned = _LITERAL.sub("", section)
    if fmt.lower() == "general" or section.strip() in {"", "@"}:
        return _plain(number)
    if number == 0 and "0" not in cleaned:
        # Only '#'/'?' placeholders print nothing for zero: what shows is the section's literal
        # (accounting formats print "-"), possibly nothing at all.
        return _literal_text(re.sub(r"[#?,.%]", "", section))
    if not _DIGIT_PLACEHOLDER.search(cleaned):
        return _plain(number)
    if "e" in cleaned.lower():
        return _plain(number)  # scientific notation: the full figure is more useful than 1.2E+04
    percent = cleaned.count("%")
    if percent:
        number = number.scaleb(2 * percent)
    match = _DECIMALS.search(cleaned)
    places = len(match.group(1)) if match else 0
    required = match.group(1).count("0") if match else 0
    try:
        shown = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return _plain(number)
    text = format(shown, "f")
    if places > required:  # '#' decimals print only when not zero
        whole, _, frac = text.partition(".")
        frac = frac.rstrip("0")
        frac = frac + "0" * max(0, required - len(frac))
        text = f"{whole}.{frac}" if frac else whole
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]  # -0.001 printed with 2 decimals is 0.00, not -0.00
    return text + "%" * percent
