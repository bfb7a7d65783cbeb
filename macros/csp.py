"""The Content-Security-Policy of every page: scripts only from the site's files, and the
theme's few inline scripts by their hash.

A static site sends no header of its own (the offline edition is read from file://), so the
policy travels in a `<meta http-equiv>` placed first in `<head>`, before any script. Its
hashes are computed from each page's final HTML, over the inline scripts the templates wrote
(Material's `__md_scope`, the tabs helper, whatever a later template adds), and never over
the page's content (Markdown, data): a script that got into the content anyway has no hash,
so it does not run. `'self'` covers the site over http and, in Chromium, the folder of the
offline edition over file://.

The preview (`make serve`) adds MkDocs' live-reload script, different on every request: the
preview's policy allows inline scripts; what is built and published never does.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SOURCE = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"\stype\s*=\s*[\"']?([^\"'\s>]+)", re.I)
# Types a browser runs as script; any other (application/json…) is data, never run.
_JAVASCRIPT = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)

# Everything from the site itself; images also as data: URIs (the theme's CSS icons).
_DIRECTIVES = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "frame-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def sha256(script: str) -> str:
    """The CSP source of an inline script: 'sha256-…' of its exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script a browser would run (no src, a JavaScript type)."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attributes, text = match.group(1), match.group(2)
        kind = _TYPE.search(attributes)
        if not _SOURCE.search(attributes) and (kind.group(1).lower() if kind else "") in _JAVASCRIPT:
            scripts.append(text)
    return scripts


def policy(hashes: list[str], preview: bool = False) -> str:
    directives = {name: list(sources) for name, sources in _DIRECTIVES.items()}
    if preview:
        directives["script-src"].append("'unsafe-inline'")
    else:
        directives["script-src"] += sorted(set(hashes))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def protect(html: str, content: str = "", preview: bool = False) -> str:
    """The page with its policy first in <head>: the template's inline scripts hashed, not
    those of `content` (the page's own HTML), nor any other."""
    untrusted = set(inline_scripts(content)) if content else set()
    hashes = [sha256(script) for script in inline_scripts(html) if script not in untrusted]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, preview)}">'
    charset = _CHARSET.search(html)
    head = _HEAD.search(html)
    if charset and (head is None or charset.start() > head.start()):
        return html[: charset.end()] + meta + html[charset.end() :]
    if head:
        return html[: head.end()] + meta + html[head.end() :]
    return meta + html
