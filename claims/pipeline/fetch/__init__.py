"""Fetch and decode: articles and feeds read over HTTP without reaching private networks, bytes decoded
to text, and broken encodings (mojibake) repaired."""
