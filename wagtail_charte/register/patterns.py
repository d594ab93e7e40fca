"""Cookie-name patterns: an exact name, or a glob where `*` is the only wildcard.

`static/wagtail_charte/consent.js` implements the same rule; both are tested against
`tests/data/cookie_patterns.json`.
"""


def is_glob(pattern: str) -> bool:
    return "*" in pattern


def matches(pattern: str, name: str) -> bool:
    """Whether the observed cookie `name` is covered by the declared `pattern`.

    Linear: each piece between stars is searched for once, left to right, where a regular
    expression would backtrack exponentially on patterns such as `*_*_*_*_X`.
    """
    pieces = pattern.split("*")
    first, last = pieces[0], pieces[-1]
    if len(pieces) == 1:
        return name == pattern
    if len(name) < len(first) + len(last):
        return False
    if not name.startswith(first) or not name.endswith(last):
        return False
    position, end = len(first), len(name) - len(last)
    for piece in pieces[1:-1]:
        found = name.find(piece, position)
        if found < 0 or found + len(piece) > end:
            return False
        position = found + len(piece)
    return True
