# Atmo container image: build with Maven, then run on a minimal Debian base with a runtime of only the
# JDK modules Atmo uses (jlink) and a class-data archive made at build time, as a non-root user.
#
#   docker build -t atmo .                       (podman: podman build --format docker -t atmo .)
#   docker run -v "$PWD/examples/hello:/home/atmo/bundle:ro" -p 8080:8080 atmo bundle
#
# --build-arg JVM_ARCHIVE=off leaves the class-data archive out (see docs/deployment.md).

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B package -DskipTests
# The modules Atmo's classes use (jdeps over the unpacked jar, without the module descriptors that the
# shaded dependencies bring), plus the elliptic-curve TLS provider where the JDK still ships it apart.
RUN mkdir /tmp/classes && cd /tmp/classes && jar xf /src/atmo-cli/target/atmo.jar \
 && find . -name module-info.class -delete \
 && modules="$(jdeps --ignore-missing-deps --print-module-deps -q --multi-release 21 /tmp/classes)" \
 && if java --list-modules | grep -q '^jdk.crypto.ec@'; then modules="$modules,jdk.crypto.ec"; fi \
 && echo "runtime modules: $modules" \
 && jlink --add-modules "$modules" --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive \
      --output /opt/atmo-jre

FROM debian:bookworm-slim
ARG JVM_ARCHIVE=on
RUN groupadd --system --gid 999 atmo \
 && useradd --system --uid 999 --gid atmo --home-dir /home/atmo --create-home atmo \
 && install -d -m 0700 -o atmo -g atmo /home/atmo/module-cache \
 && apt-get update && apt-get install -y --no-install-recommends curl \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
ENV JAVA_HOME=/opt/atmo-jre
ENV PATH=/opt/atmo-jre/bin:$PATH
COPY --from=build /opt/atmo-jre /opt/atmo-jre
COPY --from=build /src/atmo-cli/target/atmo.jar /usr/local/lib/atmo/atmo.jar
COPY scripts/atmo /usr/local/bin/atmo
COPY scripts/atmo-archive.sh /usr/local/bin/atmo-archive
COPY scripts/atmo-healthcheck /usr/local/bin/atmo-healthcheck
COPY --from=build /src/examples/hello /usr/local/share/atmo/training
RUN if [ "$JVM_ARCHIVE" = on ]; then atmo-archive /usr/local/lib/atmo/atmo.jsa /usr/local/share/atmo/training; fi
USER atmo
WORKDIR /home/atmo
ENV ATMO_HTTP_PORT=8080
ENV ATMO_JVM_ARCHIVE=/usr/local/lib/atmo/atmo.jsa
ENV ATMO_MODULE_CACHE=/home/atmo/module-cache
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s CMD ["atmo-healthcheck"]
ENTRYPOINT ["atmo", "start"]
