"""What the CSP tests of the site and of the offline edition share: a page's policy, read from
its <meta>, and a listener that records every violation."""

from __future__ import annotations

import re

# Records every CSP violation of a page (Playwright's init scripts are not subject to CSP).
LISTENER = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
    "[e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(' ')));"
)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def policy_of(html: str) -> dict[str, list[str]]:
    match = _META.search(html)
    assert match, "pas de Content-Security-Policy"
    return {part.split()[0]: part.split()[1:] for part in match.group(1).split("; ")}
