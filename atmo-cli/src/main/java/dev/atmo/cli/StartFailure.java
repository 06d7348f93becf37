package dev.atmo.cli;

import dev.atmo.stream.StreamException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

/**
 * Why a start failed, in one line an operator can act on: what failed, where, and the option (or file) to
 * change. Expected failures (a port in use, an unreachable NATS server) are explained without a stack trace.
 */
final class StartFailure {

    /** The addresses a start tried to listen on. */
    record Listening(String host, int port, Optional<Integer> adminPort) {
    }

    private StartFailure() {
    }

    static String explain(Throwable failure, Listening listening) {
        Optional<String> bind = causes(failure).stream()
                .filter(c -> c instanceof IOException && c.getMessage() != null)
                .map(Throwable::getMessage)
                .filter(m -> m.contains("Address already in use") || m.contains("Cannot assign requested address")
                        || m.contains("Permission denied"))
                .findFirst();
        if (bind.isPresent()) {
            return bindFailure(bind.get(), listening);
        }
        String message = Optional.ofNullable(failure.getMessage()).orElse(failure.toString());
        if (failure instanceof StreamException && message.startsWith("cannot connect to NATS at")) {
            return message + "; start nats-server there, or point connections.nats.serverAddress in the Directive"
                    + " at a running one";
        }
        if (message.startsWith("cannot use TLS certificate")) {
            return message + "; --tls-cert (ATMO_TLS_CERT) and --tls-key (ATMO_TLS_KEY) must name readable PEM files";
        }
        return message;
    }

    private static String bindFailure(String reason, Listening listening) {
        String host = listening.host();
        int port = busyPort(listening);
        String address = host + ":" + port;
        boolean admin = listening.adminPort().filter(p -> p == port).isPresent() && port != listening.port();
        String flag = admin ? "--admin-port N (env ATMO_ADMIN_PORT)" : "--port N (env ATMO_HTTP_PORT)";
        if (reason.contains("Address already in use")) {
            return "cannot listen on " + address + ": the port is already in use by another process; stop it, or"
                    + " choose another port with " + flag;
        }
        if (reason.contains("Cannot assign requested address")) {
            return "cannot listen on " + address + ": " + host + " is not an address of this machine; choose one"
                    + " with --host ADDR (env ATMO_HTTP_HOST): 0.0.0.0 for every interface, 127.0.0.1 for this"
                    + " machine only";
        }
        return "cannot listen on " + address + ": permission denied (ports below 1024 need privileges); choose"
                + " another port with " + flag;
    }

    /** The first of the ports that cannot be bound now: the one the start failed on, unless it was freed since. */
    private static int busyPort(Listening listening) {
        for (int port : listening.adminPort().map(a -> List.of(listening.port(), a)).orElse(List.of(listening.port()))) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(listening.host(), port));
            } catch (IOException | IllegalArgumentException e) {
                return port;
            }
        }
        return listening.port();
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            for (Throwable suppressed : t.getSuppressed()) {
                chain.add(suppressed);
            }
        }
        return chain;
    }
}
