package dev.atmo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Line charts as small self-contained SVG files. */
final class Charts {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};
    private static final int W = 640;
    private static final int H = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One named line: x and y values of the same length. */
    record Series(String name, double[] x, double[] y) {
    }

    private Charts() {
    }

    static void line(Path file, String title, String xLabel, String yLabel, boolean logX, List<Series> series) {
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMax = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xMin = Math.min(xMin, fx(s.x()[i], logX));
                xMax = Math.max(xMax, fx(s.x()[i], logX));
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        yMax = yMax <= 0 ? 1 : niceCeil(yMax);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(W / 2.0, 22, "middle", 15, esc(title)));
        svg.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 10, "middle", 12, esc(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %d)\">%s</text>%n", TOP + (H - TOP - BOTTOM) / 2, TOP + (H - TOP - BOTTOM) / 2,
                esc(yLabel)));
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            double y = py(v, yMax);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, W - RIGHT, y));
            svg.append(text(LEFT - 6, y + 4, "end", 11, fmt(v)));
        }
        for (Series s : series.subList(0, 1)) {
            for (double xv : s.x()) {
                double x = px(fx(xv, logX), xMin, xMax);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n",
                        x, TOP, x, H - BOTTOM));
                svg.append(text(x, H - BOTTOM + 16, "middle", 11, fmt(xv)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                double x = px(fx(s.x()[i], logX), xMin, xMax);
                double y = py(s.y()[i], yMax);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        x, y, colour));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", points.toString().trim(), colour));
            int ly = TOP + 14 + 16 * k;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", W - RIGHT - 150, ly - 4, W - RIGHT - 130, ly - 4, colour));
            svg.append(text(W - RIGHT - 125, ly, "start", 11, esc(s.name())));
        }
        svg.append("</svg>\n");
        try {
            Files.writeString(file, svg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double fx(double x, boolean log) {
        return log ? Math.log10(Math.max(x, 1e-9)) : x;
    }

    private static double px(double x, double min, double max) {
        return LEFT + (x - min) / (max - min) * (W - LEFT - RIGHT);
    }

    private static double py(double y, double max) {
        return H - BOTTOM - y / max * (H - TOP - BOTTOM);
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String fmt(double v) {
        if (v >= 1_048_576 && v % 1_048_576 == 0) {
            return (long) (v / 1_048_576) + "M";
        }
        if (v >= 10_000 && v % 1024 == 0) {
            return (long) (v / 1024) + "K";
        }
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String text(double x, double y, String anchor, int size, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, s);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
