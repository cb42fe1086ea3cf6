"""Natural keys from one declaration: fixtures carry slugs and codes, never database ids.

A model lists the lookups that identify a row, e.g. ``NATURAL_KEY = ("period__name", "band")``;
``natural_key()`` walks the same paths, so dumping and loading can never disagree.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class NaturalKeyQuerySet(models.QuerySet):
    def get_by_natural_key(self, *key: str) -> models.Model:
        return self.get(**dict(zip(self.model.NATURAL_KEY, key, strict=True)))


NaturalKeyManager = models.Manager.from_queryset(NaturalKeyQuerySet)


class NaturalKeyModel(models.Model):
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("slug",)

    objects = NaturalKeyManager()

    class Meta:
        abstract = True

    def natural_key(self) -> tuple:
        key = []
        for path in self.NATURAL_KEY:
            value = self
            for attribute in path.split("__"):
                value = getattr(value, attribute)
            key.append(value)
        return tuple(key)
