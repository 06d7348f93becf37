package dev.atmo.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link AdminStatus} as one self-contained HTML page: inline CSS, inline SVG sparklines, no external assets,
 * every name escaped. A small inline script fetches the page again every two seconds and swaps in its
 * {@code <main>}, so the numbers move without a reload.
 */
public final class StatusPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
            header,main{max-width:1200px;margin:0 auto;padding:0 16px}
            h1{font-size:20px;margin:16px 0 4px}h2{font-size:16px;margin:24px 0 8px}
            .meta{color:#5b6475}table{border-collapse:collapse;width:100%;background:#fff}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e6eb;vertical-align:top}
            th{font-weight:600;background:#eef0f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .up{color:#17803d}.down{color:#c62828;font-weight:600}.bad{color:#c62828}
            .spark polyline{fill:none;stroke-width:1.5}.spark .req{stroke:#2f6fdb}.spark .err{stroke:#c62828}
            ul.errors{margin:0;padding-left:16px;color:#c62828}code{font-size:12px}
            """;
    private static final String SCRIPT = """
            setInterval(async () => {
              try {
                const answer = await fetch(location.href, {cache: 'no-store'});
                if (!answer.ok) return;
                const page = new DOMParser().parseFromString(await answer.text(), 'text/html');
                const fresh = page.querySelector('main');
                if (fresh) document.querySelector('main').replaceWith(fresh);
              } catch (e) { /* the server may be restarting: try again on the next tick */ }
            }, 2000);
            """;

    private StatusPage() {
    }

    public static String render(AdminStatus status) {
        AdminStatus.BundleState bundle = status.bundle();
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Atmo: ")
                .append(Html.escape(bundle.identifier())).append("</title><style>").append(STYLE)
                .append("</style></head><body><header><h1>Atmo: ").append(Html.escape(bundle.identifier()))
                .append("</h1></header><main>");
        html.append("<p class=\"meta\">appVersion <b>").append(Html.escape(bundle.appVersion()))
                .append("</b> · loaded ").append(time(bundle.loadedAt())).append(" from <code>")
                .append(Html.escape(bundle.source())).append("</code> · as of <span id=\"as-of\">")
                .append(time(Optional.of(status.time()))).append("</span></p>");
        handlers(html, status.handlers());
        runnables(html, status.runnables());
        connections(html, status.connections());
        schedules(html, status.schedules());
        loads(html, bundle.loads());
        return html.append("</main><script>").append(SCRIPT).append("</script></body></html>\n").toString();
    }

    private static void handlers(StringBuilder html, List<HandlerStatus> handlers) {
        if (handlers.isEmpty()) {
            html.append("<h2>Routes and stream handlers</h2><p class=\"meta\">The bundle serves none.</p>");
            return;
        }
        Duration window = handlers.get(0).window();
        html.append("<h2>Routes and stream handlers <span class=\"meta\">(last ").append(window.toMinutes())
                .append(" min)</span></h2><table id=\"handlers\"><tr><th>kind</th><th>handler</th><th>requests</th>"
                        + "<th>req/s</th><th>errors</th><th>error rate</th><th>p50</th><th>p99</th><th>activity</th>"
                        + "<th>since start</th></tr>");
        for (HandlerStatus h : handlers) {
            double seconds = Math.max(1, h.window().toSeconds());
            html.append("<tr data-handler=\"").append(Html.escape(h.kind() + " " + h.name())).append("\"><td>")
                    .append(Html.escape(h.kind())).append("</td><td><code>").append(Html.escape(h.name()))
                    .append("</code></td><td class=\"n requests\">").append(h.requests())
                    .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.2f", h.requests() / seconds))
                    .append("</td><td class=\"n errors").append(h.errors() > 0 ? " bad" : "").append("\">")
                    .append(h.errors()).append("</td><td class=\"n\">").append(h.requests() == 0 ? "–"
                            : String.format(Locale.ROOT, "%.1f %%", 100.0 * h.errors() / h.requests()))
                    .append("</td><td class=\"n\">").append(latency(h.p50())).append("</td><td class=\"n\">")
                    .append(latency(h.p99())).append("</td><td>").append(Sparkline.svg(h.slots()))
                    .append("</td><td class=\"n total\">").append(h.totalRequests()).append(" / ")
                    .append(h.totalErrors()).append(" err</td></tr>");
        }
        html.append("</table>");
    }

    private static void runnables(StringBuilder html, List<AdminStatus.RunnableState> runnables) {
        html.append("<h2>Runnables</h2><table id=\"runnables\"><tr><th>name</th><th>FQFN</th><th>ABI</th>"
                + "<th>language</th><th>module</th><th>engine</th><th>pool in use / idle / max</th>"
                + "<th>last errors</th></tr>");
        for (AdminStatus.RunnableState r : runnables) {
            html.append("<tr data-runnable=\"").append(Html.escape(r.fqfn())).append("\"><td>")
                    .append(Html.escape(r.name())).append("</td><td><code>").append(Html.escape(r.fqfn()))
                    .append("</code></td><td>").append(Html.escape(r.abi())).append("</td><td>")
                    .append(Html.escape(r.language())).append("</td><td class=\"n\">").append(bytes(r.moduleBytes()))
                    .append("</td><td>").append(r.compiled() ? "compiled" : "interpreted")
                    .append("</td><td class=\"n\">").append(r.pool().inUse()).append(" / ").append(r.pool().idle())
                    .append(" / ").append(r.pool().max()).append("</td><td>");
            if (!r.errors().isEmpty()) {
                html.append("<ul class=\"errors\">");
                for (RunnableFailure e : r.errors()) {
                    html.append("<li>").append(time(Optional.of(e.time()))).append(" <code>")
                            .append(Html.escape(e.requestId())).append("</code> ").append(Html.escape(e.message()))
                            .append("</li>");
                }
                html.append("</ul>");
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void connections(StringBuilder html, List<AdminStatus.ConnectionState> connections) {
        html.append("<h2>Connections</h2>");
        if (connections.isEmpty()) {
            html.append("<p class=\"meta\">The Directive declares no connections.</p>");
            return;
        }
        html.append("<table id=\"connections\"><tr><th>kind</th><th>address</th><th>state</th></tr>");
        for (AdminStatus.ConnectionState c : connections) {
            html.append("<tr><td>").append(Html.escape(c.kind())).append("</td><td><code>")
                    .append(Html.escape(c.address())).append("</code></td><td class=\"").append(c.up() ? "up" : "down")
                    .append("\">").append(c.up() ? "up" : "down").append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void schedules(StringBuilder html, List<AdminStatus.ScheduleState> schedules) {
        html.append("<h2>Schedules</h2>");
        if (schedules.isEmpty()) {
            html.append("<p class=\"meta\">No schedules run in this process.</p>");
            return;
        }
        html.append("<table id=\"schedules\"><tr><th>name</th><th>every</th><th>next run</th><th>last run</th>"
                + "<th>outcome</th></tr>");
        for (AdminStatus.ScheduleState s : schedules) {
            String outcome = s.lastOutcome().orElse("–");
            html.append("<tr><td>").append(Html.escape(s.name())).append("</td><td>")
                    .append(Html.escape(s.every().toString().substring(2).toLowerCase(Locale.ROOT)))
                    .append("</td><td>").append(time(s.nextRun())).append("</td><td>").append(time(s.lastRun()))
                    .append("</td><td").append(outcome.equals("ok") || outcome.equals("–") ? "" : " class=\"bad\"")
                    .append(">").append(Html.escape(outcome)).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void loads(StringBuilder html, List<BundleLoad> loads) {
        html.append("<h2>Bundle loads</h2><table id=\"loads\"><tr><th>time</th><th>outcome</th><th>message</th></tr>");
        for (BundleLoad load : loads) {
            html.append("<tr><td>").append(time(Optional.of(load.time()))).append("</td><td class=\"")
                    .append(load.ok() ? "up\">serving" : "down\">failed").append("</td><td>")
                    .append(Html.escape(load.message())).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static String time(Optional<Instant> time) {
        return time.map(TIME::format).orElse("–");
    }

    private static String latency(Optional<Duration> latency) {
        if (latency.isEmpty()) {
            return "–";
        }
        double millis = latency.get().toNanos() / 1e6;
        return millis < 1 ? String.format(Locale.ROOT, "%.0f µs", millis * 1000)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
