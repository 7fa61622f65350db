"""Mail files (see `index.parser`): a message saved whole (`*.eml`, or a file that
begins with a mail's header: `looks_like_mail`), read as a mail client shows it. Its
MIME is decoded with the standard library's `email`: the title is the `Subject:` (its
encoded words, `=?ISO-2022-JP?B?…?=`, decoded), the date the `Date:`, the outlet who
sent it (`From:`'s name, else its address: beside the date, as a mail client shows
it, and `outlet:` finds a sender's mails), the text the body's text/plain part decoded
in its charset (an HTML part's text when there is none: `html_text`), and the names of
the attachments (not their contents) a paragraph after it. A mail forwarded as an
attachment (`message/rfc822`) is read the same way (`Mail.forwarded`): its sender,
date, subject and text follow, as a mail client shows it inline; one forwarded in it
too, FORWARDED_DEPTH deep at most (deeper, it is named as an attachment). A charset
unknown or wrong
reads as a file's bytes do (`index.decoding.decode_declared`); a message `email`
cannot take apart is read as a text: never a traceback, never the text lost.

This module reads the MIME; `index.parser` sanitizes what it gives and reads the
body's paragraphs as a plain text's.
"""

from __future__ import annotations

import binascii
import email
import email.errors
import email.header
import email.policy
import email.utils
import quopri
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage, Message
from html.parser import HTMLParser

from index.decoding import Decoded, decode_bytes, decode_declared
from index.files import MAIL_SUFFIXES, MARKDOWN_SUFFIXES

MAIL_HEAD = 64 * 1024
"""Bytes of a file's beginning looked at for a mail's header."""
_FIELD = re.compile(rb"[!-9;-~]+:")
"""A header field's name and colon (printable ASCII but the colon: RFC 5322)."""
_MBOX_FROM = re.compile(rb"From [^\r\n]*\r?\n")
"""An mbox's separator line, above a message saved out of one (`From user@host date`)."""
MAIL_FIELDS = frozenset(
    {
        b"received",
        b"return-path",
        b"message-id",
        b"mime-version",
        b"delivered-to",
        b"dkim-signature",
    }
)
"""Fields a mail's transport writes (its servers', its client's MIME): two of them,
with `From:` and a `Subject:` or `Date:`, make a text's first lines a mail's header.
One alone, or fields a note may begin with too (References:, User-Agent:, a
`Subject: 会議` or `From: 山田`), left a note's lines lost where it was read as a mail:
its title, author and references gone, a `Date: 2012年5月1日` not a mail's dropped."""
MAIL_FIELDS_NEEDED = 2
_BOM = b"\xef\xbb\xbf"


def _header_names(data: bytes) -> list[bytes] | None:
    """The field names (lowercased) of the header `data` begins with (after an mbox's
    `From ` line), or None when its first lines up to a blank one are not all fields
    and their continuation lines."""
    head = data[:MAIL_HEAD].removeprefix(_BOM)
    if separator := _MBOX_FROM.match(head):
        head = head[separator.end() :]
    names: list[bytes] = []
    for line in head.split(b"\n"):
        line = line.removesuffix(b"\r")
        if not line:
            return names or None
        if line[:1] in (b" ", b"\t") and names:
            continue  # a folded field goes on
        field_name = _FIELD.match(line)
        if field_name is None:
            return None
        names.append(field_name.group()[:-1].lower())
    return None  # no blank line within MAIL_HEAD: no header of a mail's


def looks_like_mail(data: bytes, suffix: str) -> bool:
    """Whether a file of `data` named with `suffix` is a mail: named `*.eml` and
    beginning with a header field, or beginning with a mail's header (`MAIL_FIELDS`,
    up to a blank line); never a Markdown file (its front matter may look so)."""
    if suffix.lower() in MARKDOWN_SUFFIXES:
        return False
    names = _header_names(data)
    if names is None:
        return False
    if suffix.lower() in MAIL_SUFFIXES:
        return True
    return (
        len(MAIL_FIELDS.intersection(names)) >= MAIL_FIELDS_NEEDED
        and b"from" in names
        and (b"subject" in names or b"date" in names)
    )


@dataclass(slots=True)
class Mail:
    """What a mail shows (as `email` read it; not yet sanitized)."""

    subject: str
    sender: str
    published: datetime | None
    body: str
    decoded: Decoded
    """How the body's bytes were read (its encoding, damage, guess)."""
    attachments: list[str] = field(default_factory=list)
    forwarded: list[Mail] = field(default_factory=list)
    """The mails forwarded as attachments (`message/rfc822`), each read as this one."""
    from_field: str = ""
    """The `From:` field decoded, name and address (a forwarded mail's shows it)."""
    date_field: str = ""
    """The `Date:` field as written (a forwarded mail's shows it when it is no date)."""


FORWARDED_DEPTH = 4
"""Mails forwarded one in another read at most (a forward of a forward of…); a deeper
one is named as an attachment."""
_FORWARDED = frozenset({"message/rfc822", "message/global"})
"""The types of a part that is a mail (`message/global`: RFC 6532's, UTF-8 headers)."""


def read_mail(data: bytes) -> Mail | None:
    """The mail `data` holds, or None when `email` cannot take it apart (read it as a
    text then). `email` records a broken MIME as defects and goes on; anything it
    raises, on a message no test foresaw, is that None."""
    try:
        message = email.message_from_bytes(data.removeprefix(_BOM), policy=email.policy.default)
        assert isinstance(message, EmailMessage)  # what policy.default makes
        return _mail(message)
    except Exception:  # any failure reads the file as a text instead
        return None


def _mail(message: EmailMessage, depth: int = 0) -> Mail:
    raw = {name.lower(): value for name, value in reversed(list(message.raw_items()))}
    subject = " ".join(header_text(raw.get("subject", "")).split())
    sender = header_text(raw.get("from", ""))
    name, address = email.utils.parseaddr(sender)
    body_part = message.get_body(preferencelist=("plain", "html"))
    if body_part is None and not message.is_multipart():
        body_part = message  # no text part said so (no type, a broken multipart): its text
    body, decoded = "", Decoded("", "utf-8")
    if body_part is not None:
        payload = _payload(body_part)
        if payload is not None:
            decoded = decode_declared(payload, body_part.get_content_charset())
            body = decoded.text
            if body_part.get_content_type() == "text/html":
                body = html_text(body)
    mail = Mail(
        subject=subject,
        sender=" ".join((name or address or sender).split()),
        published=_date(raw.get("date")),
        body=body,
        decoded=decoded,
        from_field=" ".join(sender.split()),
        date_field=" ".join(header_text(raw.get("date", "")).split()),
    )
    _read_parts(message, body_part, mail, depth)
    return mail


def _read_parts(part: Message, body_part: Message | None, mail: Mail, depth: int) -> None:
    """The attachments' names and the forwarded mails of `part` and the parts in it
    (not those of a mail forwarded in it: its own), into `mail`."""
    if part is not body_part and part.get_content_type() in _FORWARDED:
        forwarded = _forwarded(part) if depth < FORWARDED_DEPTH else None
        if forwarded is not None:
            mail.forwarded.append(_mail(forwarded, depth + 1))
        else:
            mail.attachments.append(_attached(part) or part.get_content_type())
        return
    if part is not body_part and (name := _attached(part)):
        mail.attachments.append(name)
    if part.get_content_maintype() == "multipart" and isinstance(part.get_payload(), list):
        for inner in part.get_payload():
            if isinstance(inner, Message):
                _read_parts(inner, body_part, mail, depth)


def _forwarded(part: Message) -> EmailMessage | None:
    """The mail a `message/rfc822` part holds; None when it holds none. A client that
    encoded it in base64 or quoted-printable (RFC 2046 allows neither) had `email`
    read the encoded text as a mail's body: it is decoded and read as a mail."""
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(inner, EmailMessage):
        return None
    encoding = part.get("content-transfer-encoding", "").strip().lower()
    if encoding in ("base64", "quoted-printable") and not inner.keys():
        written = inner.get_payload(decode=False)
        if not isinstance(written, str):
            return None
        data = written.encode("ascii", "replace")
        if encoding == "base64":
            try:
                data = binascii.a2b_base64(data)
            except binascii.Error:  # cut short: as far as it decodes
                whole = _NOT_BASE64.sub(b"", data)
                data = binascii.a2b_base64(whole[: len(whole) // 4 * 4])
        else:
            data = quopri.decodestring(data)
        decoded = email.message_from_bytes(data, policy=email.policy.default)
        return decoded if isinstance(decoded, EmailMessage) else None
    return inner


_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")


def _payload(part: Message) -> bytes | None:
    """A part's bytes, its transfer encoding undone; a base64 body cut short or damaged
    as far as it decodes (`email` gave it back still encoded: the reader saw base64)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    if part.get("content-transfer-encoding", "").strip().lower() == "base64" and any(
        isinstance(defect, _BASE64_BROKEN) for defect in part.defects
    ):
        written = part.get_payload(decode=False)
        if isinstance(written, str) and not written.isascii():
            # No base64 at all: text the header mislabels, decoded as base64 it was junk
            # (mｫ␞). Its bytes as written: `email` keeps them as surrogates in the
            # part's `_payload` (get_payload gives them as U+FFFD).
            raw = getattr(part, "_payload", "")
            return raw.encode("ascii", "surrogateescape") if isinstance(raw, str) else None
        if isinstance(written, str):
            encoded = _NOT_BASE64.sub(b"", written.encode("ascii", "replace"))
            payload = binascii.a2b_base64(encoded[: len(encoded) // 4 * 4])
    return payload


_BASE64_BROKEN = (
    email.errors.InvalidBase64CharactersDefect,
    email.errors.InvalidBase64PaddingDefect,
    email.errors.InvalidBase64LengthDefect,
)


def _attached(part: Message) -> str:
    """The name of an attachment (a part with a file name, or given as an attachment);
    '' for a part of the message's own (its body, an alternative, a container)."""
    filename = part.get_filename()
    if filename:
        return " ".join(header_text(filename).split())
    if part.get_content_disposition() == "attachment":
        return part.get_content_type()
    return ""


def header_text(raw: str) -> str:
    """A header field's value as written (`raw`: raw bytes beyond ASCII held as
    surrogates) decoded: its encoded words (`=?ISO-2022-JP?B?…?=`) each in its charset
    (`decode_declared`: the text of one in a charset unknown or wrong is not lost),
    raw bytes beyond ASCII (a client's that sent them unencoded) as a file's are."""
    if not raw.isascii():
        raw = decode_bytes(raw.encode("utf-8", "surrogateescape")).text
        if not raw.isascii():
            return raw
    try:
        parts = email.header.decode_header(raw)
    except (email.errors.HeaderParseError, ValueError):
        return raw
    return "".join(
        part if isinstance(part, str) else decode_declared(part, charset).text
        for part, charset in parts
    )


def _date(raw: str | None) -> datetime | None:
    """The `Date:` field's date and time, in the sender's offset; None when it is not one."""
    if not raw:
        return None
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


class _HtmlText(HTMLParser):
    """An HTML mail's text as a browser lays it out, roughly: each block's text a line
    (a `<div>`'s, a list item's after `・`, a table row's cells between spaces), a blank
    line around paragraphs, headings, lists, tables and quotes, and where a `<br>` leaves
    an empty line (`<div><br></div>`: how a mail client writes one); the text of
    `<script>`, `<style>` and `<head>` dropped, entities decoded. Blocks one in another
    (`<div><div>…`) end one line, not one each: a client's mail of `<div>` lines read
    as a paragraph a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0
        self.breaks = 2  # line ends the text ends with (as if after a paragraph)

    def _break(self, breaks: int) -> None:
        """End the line (`breaks` 1) or the paragraph (2), unless the text does already."""
        if self.breaks < breaks:
            self.pieces.append("\n" * (breaks - self.breaks))
            self.breaks = breaks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.pieces.append("\n")
            self.breaks += 1
        elif tag == "li":
            self._break(1)
            self.pieces.append("・")
            self.breaks = 0
        elif tag in ("td", "th"):
            self.pieces.append(" ")
        elif tag in _PARAGRAPHS:
            self._break(2)
        elif tag in _BLOCKS:
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _PARAGRAPHS:
            self._break(2)
        elif tag in _BLOCKS:
            self._break(1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        data = _HTML_SPACE.sub(" ", data)
        if self.breaks:
            data = data.lstrip(" ")
        if data:
            self.pieces.append(data)
            self.breaks = 0


_HIDDEN = frozenset({"script", "style", "head", "title", "template"})
_PARAGRAPHS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol", "hr", "pre"}
)
_BLOCKS = frozenset(
    {"div", "li", "tr", "section", "article", "header", "footer", "dl", "dt", "dd", "center"}
)
_HTML_SPACE = re.compile(r"[ \t\r\n\f\xa0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_text(html: str) -> str:
    """The text of an HTML mail's body (`_HtmlText`), each line stripped."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = "\n".join(line.strip() for line in "".join(parser.pieces).split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip()
