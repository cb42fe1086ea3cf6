"""Django's loaddata, with a clearer error for a reference to a row that does not exist.

Django defers a natural-key reference it cannot resolve (it might be a forward reference) and
saves the row without it, so a required one fails as "NOT NULL constraint failed: ...industry_id".
A required reference cannot wait, so this names it instead: "... its industry
['no-such-industry'] does not exist". Everything else is Django's loaddata, atomic as always.
"""

from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError


class Command(loaddata.Command):
    def save_obj(self, obj):
        for field, value in (obj.deferred_fields or {}).items():
            if field.many_to_one and not field.null:
                try:
                    described = f"{obj.object._meta.label} “{obj.object}”"
                except Exception:  # its __str__ may need the very reference that is missing
                    described = obj.object._meta.label
                raise DeserializationError(
                    f"{described}: its {field.name} {value!r} does not exist "
                    f"(no {field.related_model._meta.label} has that natural key)."
                )
        return super().save_obj(obj)
