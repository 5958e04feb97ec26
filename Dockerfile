# frontdoor's container image: built in one stage, run from a small one as a user that
# is not root. Everything the binary serves (pages, styles, scripts, translations, the
# default standards) is compiled into it, so the image holds one file and CA certificates.
#
#   docker build -t frontdoor .
#   docker run -p 8080:8080 frontdoor demo --listen 0.0.0.0:8080
#
# docker-compose.yml runs two nodes on PostgreSQL behind Caddy; docs/operations.md says how.

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
# The dependencies first, so a change to frontdoor's own code does not rebuild them.
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src benches && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && echo 'fn main() {}' > benches/pages.rs \
    && cargo build --release --locked \
    && rm -rf src benches
COPY . .
RUN touch src/main.rs src/lib.rs && cargo build --release --locked --bin frontdoor \
    && cp target/release/frontdoor /frontdoor

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/frontdoor --create-home frontdoor
COPY --from=build /frontdoor /usr/local/bin/frontdoor
USER frontdoor
WORKDIR /var/lib/frontdoor
# Inside a container the listeners face the container's network; the proxy in front is
# what the public reaches. SQLite (one node) keeps its file in the volume at this folder.
ENV FRONTDOOR_LISTEN=0.0.0.0:8080 \
    FRONTDOOR_SMTP_LISTEN=0.0.0.0:2525 \
    FRONTDOOR_DATABASE_URL=sqlite:/var/lib/frontdoor/frontdoor.db \
    FRONTDOOR_MAIL_DIR=/var/lib/frontdoor/mail-out
VOLUME ["/var/lib/frontdoor"]
EXPOSE 8080 2525 9090
ENTRYPOINT ["frontdoor"]
CMD ["serve"]
