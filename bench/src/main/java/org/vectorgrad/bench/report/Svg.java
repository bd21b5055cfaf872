package org.vectorgrad.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A horizontal bar chart of speedups on a log scale, as plain SVG 1.1 (text and rectangles, no
 * scripts, no external fonts or styles) so it renders the same in a browser and on GitHub.
 */
final class Svg {
    /** One bar: which baseline it compares with, and the speedup of simd over it. */
    record Bar(String baseline, double speedup) {
    }

    /** One labelled row of bars. */
    record Row(String label, List<Bar> bars) {
    }

    /** A titled group of rows (one family). */
    record Group(String title, List<Row> rows) {
    }

    private static final Map<String, String> COLORS = Map.of(
            "scalar", "#4C78A8", "loop", "#F58518", "ejml", "#54A24B", "arraycopy", "#B279A2");
    private static final String OTHER_COLOR = "#9D755D";

    private static final int LABEL_W = 300;
    private static final int PLOT_W = 520;
    private static final int RIGHT_W = 70;
    private static final int BAR_H = 11;
    private static final int ROW_GAP = 6;
    private static final int GROUP_H = 26;

    private Svg() {
    }

    static String chart(String title, List<Group> groups, List<String> baselines) {
        double lo = 0.5;
        double hi = 2;
        for (Group g : groups) {
            for (Row r : g.rows()) {
                for (Bar b : r.bars()) {
                    lo = Math.min(lo, b.speedup());
                    hi = Math.max(hi, b.speedup());
                }
            }
        }
        int loExp = (int) Math.floor(log2(lo));
        int hiExp = (int) Math.ceil(log2(hi));
        int top = 70;
        int height = top;
        for (Group g : groups) {
            height += GROUP_H;
            for (Row r : g.rows()) {
                height += Math.max(1, r.bars().size()) * BAR_H + ROW_GAP;
            }
        }
        height += 30;
        int width = LABEL_W + PLOT_W + RIGHT_W;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">%n",
                width, height, width, height));
        s.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(text(8, 18, "start", "font-size=\"14\" font-weight=\"bold\"", title));
        int lx = LABEL_W;
        for (String b : baselines) {
            s.append(String.format("<rect x=\"%d\" y=\"28\" width=\"12\" height=\"10\" fill=\"%s\"/>%n", lx, color(b)));
            s.append(text(lx + 16, 37, "start", "", "simd vs " + b));
            lx += 30 + (int) Math.ceil(6.5 * ("simd vs " + b).length());
        }
        // grid: one line per power of two, the 1x line darker
        int gridBottom = height - 24;
        for (int e = loExp; e <= hiExp; e++) {
            double x = xOf(Math.pow(2, e), loExp, hiExp);
            String stroke = e == 0 ? "#333333" : "#dddddd";
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                    x, top - 12, x, gridBottom, stroke));
            String tick = e >= 0 ? (1L << e) + "×" : times(Math.pow(2, e));
            s.append(text(x, top - 16, "middle", "fill=\"#555555\"", tick));
            s.append(text(x, gridBottom + 14, "middle", "fill=\"#555555\"", tick));
        }
        int y = top;
        for (Group g : groups) {
            s.append(text(8, y + 17, "start", "font-weight=\"bold\"", g.title()));
            y += GROUP_H;
            for (Row r : g.rows()) {
                int rowH = Math.max(1, r.bars().size()) * BAR_H;
                String label = r.label().length() > 48 ? r.label().substring(0, 47) + "…" : r.label();
                s.append(text(LABEL_W - 6, y + rowH / 2.0 + 4, "end", "", label));
                int by = y;
                for (Bar b : r.bars()) {
                    double x0 = xOf(1, loExp, hiExp);
                    double x1 = xOf(b.speedup(), loExp, hiExp);
                    s.append(String.format(Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>simd vs %s: %s</title></rect>%n",
                            Math.min(x0, x1), by + 1, Math.max(1, Math.abs(x1 - x0)), BAR_H - 2, color(b.baseline()),
                            escape(b.baseline()), times(b.speedup())));
                    s.append(text(Math.max(x0, x1) + 3, by + BAR_H - 2, "start", "font-size=\"9\" fill=\"#333333\"",
                            times(b.speedup())));
                    by += BAR_H;
                }
                y += rowH + ROW_GAP;
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double xOf(double v, int loExp, int hiExp) {
        return LABEL_W + (log2(v) - loExp) / (hiExp - loExp) * PLOT_W;
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static String color(String baseline) {
        return COLORS.getOrDefault(baseline, OTHER_COLOR);
    }

    static String times(double v) {
        return Report.number(v) + "×";
    }

    private static String text(double x, double y, String anchor, String attrs, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n",
                x, y, anchor, attrs.isEmpty() ? "" : " " + attrs, escape(content));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
