# One image for web (Daphne), worker and beat. Build: docker build -t ai-interviewer .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 VAR_DIR=/app/var
WORKDIR /app
# The code sandbox: bubblewrap for isolation, Node.js and a system Python 3.11 to run candidate code.
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap nodejs python3 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /app/var && chown -R app:app /app/var
USER app
EXPOSE 8000
# No access log: candidate links carry their invite token in the path.
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "--access-log", "/dev/null", "interview_site.asgi:application"]
