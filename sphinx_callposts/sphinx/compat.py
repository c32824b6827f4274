"""What differs between the supported Sphinx releases."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def builder_class(env: BuildEnvironment) -> type[Builder]:
    """The class of the build's builder, for transforms.

    Sphinx 9 keeps it on the environment and deprecates ``SphinxTransform.app``;
    before, only the application knows the builder.
    """
    cls = getattr(env, "_builder_cls", None)
    return cls if cls is not None else type(env.app.builder)
