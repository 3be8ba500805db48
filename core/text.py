"""One place that makes text safe for where it goes out: a line of an e-mail header, a Word or Excel file
(XML), a calendar entry. Text comes from people and documents, so it may hold anything: Word's line break
(a vertical tab, from Shift+Enter), form feeds from PDFs, stray control characters, newlines in a title."""

import re

from django.template.loader import render_to_string

# XML 1.0 allows tab, newline and carriage return of the C0 controls, and no surrogates, U+FFFE or U+FFFF.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters that end a line or a paragraph in one program or another (Word's vertical tab among them).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
BREAK = re.compile(f"\r\n|[{LINE_BREAKS}]")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def sentence_case(text: str) -> str:
    """The text with its first letter a capital (the rest as written: names and codes keep their case)."""
    return text[0].upper() + text[1:] if text else text


def for_xml(text: str) -> str:
    """Text a Word, Excel or other XML file can hold: line breaks kept as newlines, other controls gone."""
    return NOT_IN_XML.sub("", BREAK.sub("\n", text))


def one_line(text: str) -> str:
    """Text for a single line (an e-mail subject, a header, a file name): every break and control
    character becomes a space, runs of spaces become one."""
    return " ".join(CONTROL.sub(" ", BREAK.sub(" ", text)).split())


def render_subject(template: str, context: dict) -> str:
    """An e-mail subject from its template: one line, and not HTML-escaped (subjects are plain text; the
    template marks it so with autoescape off)."""
    return one_line(render_to_string(template, context))
