"""``@record``: the immutable value type of the rules, at the cost of a plain class.

Legal basis: none (plumbing). An evaluation builds about 140 result objects; a
``dataclass(frozen=True)`` sets each field through ``object.__setattr__`` (~810 ns for five
fields), a plain slotted one in ~170 ns. So at run time a record is a slotted, hashable,
comparable dataclass without the frozen guard, and to the type checker it is frozen
(``dataclass_transform(frozen_default=True)``): ``mypy --strict`` rejects any assignment to a
field, which is where the guard belongs. Hash and equality are the dataclass ones over the
fields, as before, so records stay usable as cache keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import dataclass_transform, overload


@overload
def record[T](cls: type[T], /) -> type[T]: ...
@overload
def record[T](*, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, eq_default=True, field_specifiers=(field,))
def record[T](
    cls: type[T] | None = None, /, *, order: bool = False
) -> type[T] | Callable[[type[T]], type[T]]:
    """A slotted, hashable dataclass that mypy treats as frozen."""

    def wrap(target: type[T]) -> type[T]:
        return dataclass(slots=True, unsafe_hash=True, order=order)(target)

    return wrap if cls is None else wrap(cls)
