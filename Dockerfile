# Build stage: compile the release binary (migrations, seed, templates and CSS are embedded).
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src src
COPY templates templates
COPY static static
COPY migrations migrations
COPY data/seed.json data/seed.json
COPY benches benches
RUN cargo build --release --locked --bin llm-compare

# Run stage: the binary alone, as a non-root user, with the database on a volume.
FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --home /app app && mkdir -p /data && chown app /data
COPY --from=build /src/target/release/llm-compare /usr/local/bin/llm-compare
USER app
WORKDIR /app
ENV HOST=0.0.0.0 PORT=3000 DATABASE_URL=sqlite:///data/llm-compare.db
EXPOSE 3000
VOLUME ["/data"]
CMD ["llm-compare"]
