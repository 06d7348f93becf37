import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/HTTP endpoint on loopback that accepts every export to /v1/traces and throws it away, for measuring what
 * exporting costs the exporter. It prints how many exports and bytes it took when it stops.
 *
 *   java scripts/OtlpSink.java PORT
 */
public class OtlpSink {
    public static void main(String[] args) throws Exception {
        AtomicLong exports = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/traces", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                bytes.addAndGet(body.transferTo(OutputStreamSink.INSTANCE));
                exports.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("sink: " + exports.get() + " exports, " + bytes.get() + " bytes")));
        server.start();
        Thread.currentThread().join();
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
