from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class OccupationsConfig(AppConfig):
    name = "occupations"
    verbose_name = "Occupations and places"

    def ready(self) -> None:
        from occupations.roles import CONTENT_MODELS, create_roles_after_migrate

        # After the last app whose permissions the roles name, all those permissions exist.
        labels = {app for app, _ in CONTENT_MODELS}
        last = [config for config in apps.get_app_configs() if config.label in labels][-1]
        post_migrate.connect(
            create_roles_after_migrate, sender=last, dispatch_uid="careerpaths_roles"
        )
