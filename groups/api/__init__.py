"""The read-only public API (/api/v1/): one source of truth for the PauseAI website and
anyone else.

- `views`: the registry's own endpoints (national groups, communities, GeoJSON), with
  their `serializers`;
- `website_feeds`: the PauseAI website's own shapes, built by groups.website;
- `urls`: both, and the OpenAPI schema and its page.

Only public fields leave: never internal notes, private chat links, payee or
personal details. tests/api/test_endpoints.py lists every field of every endpoint
and fails when one appears that is not on its public list. What is public is read
through groups.selectors, as the pages read it.
"""
