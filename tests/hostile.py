"""A corpus of hostile strings, and a way to put them into every free-text field of the data."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.model.collections import COLLECTIONS
from macros.model.schema import inlined_schema

# Each one, if it ever ran, would set window.__pwned or open a dialog.
CORPUS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<svg onload="window.__pwned=3"><circle r=1></circle></svg>',
    "<math><mtext><img src=x onerror=alert(4)></mtext></math>",
    '"><script>alert(5)</script>',
    "'><body onload=alert(6)>",
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(7)">clic</a>',
    "[lien](javascript:alert(8)) ![image](data:text/html,<script>alert(9)</script>)",
    '<iframe src="vbscript:msgbox(10)"></iframe>',
    "&lt;script&gt;alert(11)&lt;/script&gt; &#60;b&#62;",
    "{{ 7 * 7 }} {% raw %} {# commentaire #}",
    "{{ config.__class__.__init__.__globals__ }}",
    "</title><script>alert(12)</script>",
    "</textarea></style></script><script>alert(13)</script>",
    "\u202eevil\u202c \u200b\ufeff zéro‍largeur",
    "*gras* _souligné_ `code` <!-- commentaire -->",
    "<details open ontoggle=alert(14)>",
    "<input autofocus onfocus=alert(15)>",
    '<base href="javascript:alert(16)//">',
]


def _free_text(schema: dict) -> bool:
    return schema.get("type") == "string" and "enum" not in schema and "pattern" not in schema


def _inject(value, schema: dict, counter: list[int]):
    """The value with every free-text string replaced by the next corpus string."""
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return {key: _inject(item, properties.get(key, {}), counter) for key, item in value.items()}
    if isinstance(value, list):
        return [_inject(item, schema.get("items", {}), counter) for item in value]
    if isinstance(value, str) and _free_text(schema):
        # Numbered, so that no two values are equal (two initiatives may not share a name).
        payload = f"{CORPUS[counter[0] % len(CORPUS)]} n{counter[0]}"
        counter[0] += 1
        limit = schema.get("maxLength", len(payload))
        text = payload[:limit]
        return text if len(text) >= schema.get("minLength", 0) else value
    return value


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def inject_everywhere(root: Path) -> int:
    """Rewrite every data file of a project copy with hostile text; return fields changed."""
    counter = [0]
    schemas = root / "data" / "schemas"
    for collection in COLLECTIONS.values():
        schema = inlined_schema((schemas / collection.schema).resolve())
        for file in sorted((root / "data").glob(collection.pattern)):
            lines = file.read_text(encoding="utf-8").splitlines()
            data = yaml.safe_load("\n".join(lines))
            changed = _inject(data, schema, counter)
            file.write_text(lines[0] + "\n" + yaml.dump(changed, Dumper=_Plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # This data was never published: no list of published figures to compare it with; and the
    # log's key figures are named by ids made from their labels, which the corpus has replaced.
    (root / "data" / "publie" / "chiffres.csv").unlink(missing_ok=True)
    log = root / "data" / "journal.yaml"
    if log.exists():
        first, entries = log.read_text(encoding="utf-8").splitlines()[0], yaml.safe_load(log.read_text(encoding="utf-8"))
        for entry in entries:
            entry.pop("chiffres", None)
        log.write_text(first + "\n" + yaml.dump(entries, Dumper=_Plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return counter[0]
