"""docker-compose.yml and the settings must speak of the same variables."""

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_IN_PRODUCTION = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_URL",
}  # fmt: skip


def variables_read_by_settings():
    """Names passed as the first argument of env.<anything>(...) in settings.py."""
    tree = ast.parse((ROOT / "congress_portal" / "settings.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "env"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def portal_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return {name: service for name, service in compose["services"].items()
            if service.get("image", "").startswith("congress-portal")}  # fmt: skip


# Read by gunicorn, not by the settings.
SERVER_VARIABLES = {"WEB_CONCURRENCY"}


def test_portal_services_share_one_environment():
    services = portal_services()
    shared = services["worker"]["environment"]

    assert {"migrate", "web", "worker", "beat"} == set(services)
    for service in services.values():
        assert set(service["environment"]) - set(shared) <= SERVER_VARIABLES
        assert {name: service["environment"][name] for name in shared} == shared


def test_every_compose_variable_is_read_by_the_settings():
    environment = portal_services()["worker"]["environment"]

    assert set(environment) <= variables_read_by_settings()
    assert set(environment) >= REQUIRED_IN_PRODUCTION


def test_exactly_one_beat_and_redis_never_evicts():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

    assert compose["services"]["beat"]["deploy"]["replicas"] == 1
    assert "scale" not in compose["services"]["beat"]
    assert "--maxmemory-policy noeviction" in compose["services"]["redis"]["command"]


def nginx_locations():
    """deploy/nginx.conf's locations: path → the directives inside its braces."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    conf = re.sub(r"#.*", "", conf)
    return dict(re.findall(r"location\s+(\S+)\s*\{([^}]*)\}", conf))


def test_nginx_sends_stored_files_only_from_an_internal_location(settings):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    nginx = compose["services"]["nginx"]
    locations = nginx_locations()
    internal = locations[settings.SENDFILE_URL]
    media_root = portal_services()["web"]["environment"]["MEDIA_ROOT"]

    assert nginx["image"].startswith("nginx:")
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in nginx["volumes"]
    assert f"media:{media_root}:ro" in nginx["volumes"]
    assert re.search(r"^\s*internal;", internal, re.MULTILINE)
    assert re.search(rf"^\s*alias {media_root}/;", internal, re.MULTILINE)
    assert [path for path, body in locations.items() if "alias" in body or "root" in body] == [
        settings.SENDFILE_URL
    ]
    assert not any(path.startswith(("/media", settings.MEDIA_URL)) for path in locations)


def test_only_nginx_is_published_and_the_portal_hands_it_the_files():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = portal_services()

    assert all("ports" not in service for service in services.values())
    assert compose["services"]["nginx"]["ports"] == ["127.0.0.1:8000:80"]
    assert services["web"]["environment"]["FILE_SERVER"] == "nginx"
    assert "proxy_pass http://portal;" in nginx_locations()["/"]
