package dev.atmo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Numbers as the report writes them, and the medians the parts pick. */
final class Format {
    private Format() {
    }

    static String lat(Wrk.Result r) {
        return String.format(Locale.ROOT, "%s / %s / %s", ms(r.p50()), ms(r.p99()), ms(r.p999()));
    }

    static String lat2(Wrk.Result r) {
        return String.format(Locale.ROOT, "%s / %s", ms(r.p50()), ms(r.p99()));
    }

    static String ms(double micros) {
        double v = micros / 1000;
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String bytes(long n) {
        if (n >= 1048576 && n % 1048576 == 0) {
            return n / 1048576 + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " B";
    }

    static String orAll(String cpus) {
        return cpus.isEmpty() ? "(all)" : cpus;
    }

    static double[] map(Wrk.Result[] results, Function<Wrk.Result, Double> f) {
        return Arrays.stream(results).mapToDouble(f::apply).toArray();
    }

    interface Indexed {
        double apply(Wrk.Result r, int i);
    }

    static double[] mapIndexed(Wrk.Result[] results, Indexed f) {
        double[] out = new double[results.length];
        for (int i = 0; i < results.length; i++) {
            out[i] = f.apply(results[i], i);
        }
        return out;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }


}
