def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection): prefix risky cells with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
