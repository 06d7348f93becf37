/**
 * The application server: Directive, bundles, steps, HTTP, streams, capabilities, schedules. The command line
 * reaches it only through the packages exported here; the admin page, metrics, replies, schedules and steps
 * stay inside.
 */
module dev.atmo.core {
    // the server hands Runnables, limits and capabilities of the engine through its own API
    requires transitive dev.atmo.wasm;
    requires com.fasterxml.jackson.databind;
    requires com.graphqljava;
    requires com.zaxxer.hikari;
    requires io.nats.jnats;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires io.opentelemetry.sdk;
    requires io.opentelemetry.sdk.autoconfigure;
    requires io.opentelemetry.sdk.autoconfigure.spi;
    requires io.opentelemetry.sdk.common;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.tracer.common;
    requires java.net.http;
    requires java.sql;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires org.slf4j;
    requires org.snakeyaml.engine;
    requires redis.clients.jedis;

    exports dev.atmo;
    exports dev.atmo.bundle;
    exports dev.atmo.capability;
    exports dev.atmo.directive;
    exports dev.atmo.http;
    exports dev.atmo.request;
    exports dev.atmo.server;
    exports dev.atmo.stream;
    exports dev.atmo.trace;
}
