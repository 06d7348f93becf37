package dev.atmo.admin;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG line of a handler's requests per slot, scaled to the busiest slot, with its errors in red on the
 * same scale when there were any.
 */
final class Sparkline {
    static final int WIDTH = 150;
    static final int HEIGHT = 28;

    private Sparkline() {
    }

    static String svg(List<HandlerStatus.Slot> slots) {
        long max = Math.max(1, slots.stream().mapToLong(HandlerStatus.Slot::requests).max().orElse(1));
        StringBuilder svg = new StringBuilder().append("<svg class=\"spark\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"requests and errors per slot\">");
        svg.append(line(slots, max, false, "req"));
        if (slots.stream().anyMatch(slot -> slot.errors() > 0)) {
            svg.append(line(slots, max, true, "err"));
        }
        return svg.append("</svg>").toString();
    }

    private static String line(List<HandlerStatus.Slot> slots, long max, boolean errors, String css) {
        StringBuilder points = new StringBuilder();
        double step = slots.size() > 1 ? (WIDTH - 2) / (double) (slots.size() - 1) : 0;
        for (int i = 0; i < slots.size(); i++) {
            long value = errors ? slots.get(i).errors() : slots.get(i).requests();
            double x = 1 + i * step;
            double y = HEIGHT - 2 - (HEIGHT - 4) * (double) value / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<polyline class=\"" + css + "\" points=\"" + points.toString().trim() + "\"/>";
    }
}
