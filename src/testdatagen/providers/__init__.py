"""Realistic values per locale, a column at a time (see docs/providers.md).

Import the registry (``testdatagen.providers.registry``) to look formats up;
this package itself imports nothing heavy so that ``base`` stays a cheap
contract for the engine.

Modules: ``packs`` (vendored data, hash-pinned), ``alias``/``masks``/
``unique``/``checks``/``vec`` (vectorised building blocks), ``identity``
(shared person and place draws), one module per format group (``person``,
``internet``, ``address``, ``company``, ``finance``, ``text``, ``misc``),
``define`` (declaring a built-in), ``fallback`` (per-value providers),
``registry`` (lookup, plugins, samples).
"""
