# Atmo container image: build with Maven, run on a slim JRE as a non-root user.
# The same steps run without Docker in scripts/image.sh, which CI uses to check them.
#
# --build-arg JVM_ARCHIVE=on adds a class-data archive made by a training run on examples/hello,
# which the launcher uses for a faster start (see docs/deployment.md).

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B package -DskipTests

FROM eclipse-temurin:21-jre
ARG JVM_ARCHIVE=off
RUN groupadd --system --gid 999 atmo \
 && useradd --system --uid 999 --gid atmo --home-dir /home/atmo --create-home atmo \
 && install -d -m 0700 -o atmo -g atmo /home/atmo/module-cache \
 && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/atmo-cli/target/atmo.jar /usr/local/lib/atmo/atmo.jar
COPY scripts/atmo /usr/local/bin/atmo
COPY scripts/atmo-archive.sh /usr/local/bin/atmo-archive
COPY --from=build /src/examples/hello /usr/local/share/atmo/training
RUN if [ "$JVM_ARCHIVE" = on ]; then atmo-archive /usr/local/lib/atmo/atmo.jsa /usr/local/share/atmo/training; fi
USER atmo
WORKDIR /home/atmo
ENV ATMO_HTTP_PORT=8080
ENV ATMO_JVM_ARCHIVE=/usr/local/lib/atmo/atmo.jsa
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD curl -fsS "http://127.0.0.1:${ATMO_HTTP_PORT}/health" || exit 1
ENTRYPOINT ["atmo", "start"]
