# Production image: gunicorn + whitenoise for web; the same image runs the
# Celery worker and beat (see docker-compose.yml).

FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=false
# gettext: compilemessages; pango and the Noto CJK fonts: WeasyPrint PDFs in Chinese.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext fonts-noto-cjk fonts-arphic-ukai fonts-arphic-gkai00mp \
        libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY --from=assets /build/node_modules/bootstrap/dist node_modules/bootstrap/dist
COPY --from=assets /build/node_modules/tom-select/dist node_modules/tom-select/dist
COPY . .
# Settings refuse to load without production values; these exist for the build only.
ENV BUILD_ENV="SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.db REDIS_URL=redis://build/0"
RUN env $BUILD_ENV python manage.py compilemessages --ignore=node_modules -v0 \
    && env $BUILD_ENV python manage.py collectstatic --noinput -v0 \
    && useradd --system --home /app portal \
    && mkdir -p /data/media && chown portal /data/media
USER portal
EXPOSE 8000
# Worker processes: WEB_CONCURRENCY (read by gunicorn).
CMD ["gunicorn", "congress_portal.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
