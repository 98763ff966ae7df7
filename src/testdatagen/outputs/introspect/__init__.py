"""Database introspection: an existing database → a .tdg schema that generates valid data.

``introspect(url)`` returns the model (a ``Project``); ``to_tdg(project)``
prints it and proves it reads back unchanged. See docs/introspect.md.
"""

from testdatagen.outputs.introspect.api import PLAN_NAME, introspect, to_tdg

__all__ = ["PLAN_NAME", "introspect", "to_tdg"]
