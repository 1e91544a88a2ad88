"""Types and values in the words of checker messages ("a score", "a value from {...}")."""

from __future__ import annotations

from critc.compiler.model import framework as m


def not_a_value(value: object, type_: m.Type) -> str:
    """Why `value` is not a value of an enumeration or rating type."""
    if type_.kind == "rating":
        return f"`{value}` is not a level of rating scale `{type_.scale}`"
    return f"`{value}` is not one of the declared values {{{', '.join(type_.values)}}}"


def a_type(type_: m.Type) -> str:
    """`a score`, `an integer`, `a value from {low, high}`."""
    text = str(type_)
    if text.startswith("one of"):
        return "a value from " + text.removeprefix("one of ")
    return ("an " if text[:1] in "aeiou" else "a ") + text
