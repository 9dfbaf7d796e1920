package io.alluvium.architect;

import static io.alluvium.architect.Quantities.usd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a {@link Design} as one self-contained HTML page: an inline SVG layer diagram, an inline SVG
 * cost chart, then the Markdown report converted to HTML. No script, no external asset, so the file can
 * be mailed or attached to a review.
 */
public final class HtmlRenderer {
    private static final int WIDTH = 960;
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`(.+?)`");

    private HtmlRenderer() {
    }

    public static String render(Design d) {
        return page(d.requirements().name(), titleFirst(MarkdownRenderer.render(d), diagram(d) + costChart(d.cost())));
    }

    public static String renderComparison(Comparison c) {
        return page("Compare", titleFirst(MarkdownRenderer.renderComparison(c),
                diagram(c.a()) + costChart(c.a().cost()) + diagram(c.b()) + costChart(c.b().cost())));
    }

    /** The report's title, then the pictures, then the rest of the report: a reader sees what the diagram is of. */
    private static String titleFirst(String md, String pictures) {
        int end = md.indexOf('\n');
        return markdownToHtml(md.substring(0, end)) + pictures + markdownToHtml(md.substring(end + 1));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>"
                + "body{font-family:system-ui,sans-serif;max-width:" + WIDTH + "px;margin:2em auto;color:#222;line-height:1.4}"
                + "table{border-collapse:collapse;margin:.5em 0;font-size:.85em}"
                + "td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;overflow-wrap:anywhere}"
                + "th{background:#f0f0f0}h1,h2,h3{border-bottom:1px solid #eee}svg{display:block;margin:1em 0}"
                + ".num{text-align:right;white-space:nowrap}.num.basis{white-space:normal}.bad{background:#fde2e1;font-weight:bold}.warn{background:#fff4d6}"
                + "</style></head><body>\n" + body + "</body></html>\n";
    }

    /** Main flow left to right (ingestion, storage, processing, serving), cross-cutting layers below. */
    static String diagram(Design d) {
        List<Layer> flow = List.of(Layer.INGESTION, Layer.STORAGE, Layer.PROCESSING, Layer.SERVING);
        List<Layer> below = List.of(Layer.ORCHESTRATION, Layer.GOVERNANCE, Layer.NETWORK);
        int boxW = 210;
        int gap = 30;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"300\" role=\"img\" "
                + "aria-label=\"layer diagram\"><defs><marker id=\"arrow\" markerWidth=\"10\" markerHeight=\"10\" refX=\"9\" refY=\"3\" orient=\"auto\">"
                + "<path d=\"M0,0 L0,6 L9,3 z\" fill=\"#555\"/></marker></defs>");
        for (int i = 0; i < flow.size(); i++) {
            int x = 10 + i * (boxW + gap);
            box(s, x, 20, boxW, 150, title(d, flow.get(i)), services(d, flow.get(i)), "#e8f1fb");
            if (i > 0) {
                s.append("<line x1=\"").append(x - gap).append("\" y1=\"95\" x2=\"").append(x - 2)
                        .append("\" y2=\"95\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>");
            }
        }
        int lowW = (WIDTH - 20 - 2 * gap) / 3;
        for (int i = 0; i < below.size(); i++) {
            box(s, 10 + i * (lowW + gap), 200, lowW, 90, title(d, below.get(i)), services(d, below.get(i)), "#f4f4f4");
        }
        return s.append("</svg>\n").toString();
    }

    /** A box's title: the layer and what it costs a month. */
    private static String title(Design d, Layer l) {
        return l.title() + ": " + usd(d.cost().byLayer().getOrDefault(l, 0.0)).replaceFirst("\\.\\d\\d$", "") + "/month";
    }

    /** Capacity figures a box shows under its title, by layer: what flows through and how many nodes carry it. */
    private static final Map<Layer, List<Map.Entry<String, String>>> FIGURES = Map.of(
            Layer.INGESTION, List.of(Map.entry("ingest_mb_per_s_peak", "MB/s peak"), Map.entry("msk_brokers", "brokers"),
                    Map.entry("kinesis_shards", "shards")),
            Layer.PROCESSING, List.of(Map.entry("flink_kpus", "KPU"), Map.entry("emr_nodes", "EMR nodes"), Map.entry("spark_cores", "cores/run")),
            Layer.SERVING, List.of(Map.entry("athena_tb_per_month", "TB/month scanned"), Map.entry("redshift_nodes", "Redshift nodes"),
                    Map.entry("olap_nodes", "OLAP nodes"), Map.entry("elasticache_nodes", "cache nodes"), Map.entry("opensearch_nodes", "search nodes")));

    /** The services chosen for a layer (after its throughput and node counts), then any service billed in it that the choices do not name. */
    private static List<String> services(Design d, Layer l) {
        List<String> out = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        for (Map.Entry<String, String> f : FIGURES.getOrDefault(l, List.of())) {
            d.capacity().estimates().stream().filter(e -> e.id().equals(f.getKey()) && e.value() > 0).findFirst()
                    .ifPresent(e -> figures.add(Quantities.number(e.value()) + " " + f.getValue()));
        }
        if (!figures.isEmpty()) {
            out.add(String.join(", ", figures));
        }
        d.services().stream().filter(s -> s.layer() == l).forEach(s -> out.add(s.service()));
        d.cost().lines().stream().filter(c -> c.layer() == l && c.usd() != 0).map(CostLine::service).distinct()
                .filter(billed -> out.stream().noneMatch(s -> s.contains(billed.replaceFirst("^(Amazon|AWS) ", ""))))
                .forEach(billed -> out.add("+ " + billed));
        return out;
    }

    /** A box with its title wrapped to the box's width (bold 13 px: about 8 px a character), then its lines (11 px: about 7). */
    private static void box(StringBuilder s, int x, int y, int w, int h, String title, List<String> lines, String fill) {
        s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" rx=\"6\" fill=\"").append(fill).append("\" stroke=\"#7a9cc6\"/>");
        int ty = y + 18;
        for (String part : wrap(title, w / 8)) {
            s.append("<text x=\"").append(x + 8).append("\" y=\"").append(ty).append("\" font-weight=\"bold\" font-size=\"13\">")
                    .append(esc(part)).append("</text>");
            ty += 16;
        }
        ty += 2;
        for (String line : lines) {
            for (String part : wrap(line, w / 7)) {
                if (ty > y + h - 6) {
                    return;
                }
                s.append("<text x=\"").append(x + 8).append("\" y=\"").append(ty).append("\" font-size=\"11\">").append(esc(part)).append("</text>");
                ty += 14;
            }
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + word.length() + 1 > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.add(line.toString());
        return out;
    }

    /** Horizontal bars, one per layer, scaled to the largest. */
    static String costChart(MonthlyCost cost) {
        Map<Layer, Double> byLayer = cost.byLayer();
        double max = byLayer.values().stream().mapToDouble(v -> v).max().orElse(1);
        int rowH = 24;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\""
                + (byLayer.size() * rowH + 40) + "\" role=\"img\" aria-label=\"cost by layer\"><text x=\"10\" y=\"18\" font-weight=\"bold\">"
                + esc("Cost per month by layer: " + usd(cost.total())) + "</text>");
        int y = 30;
        for (Map.Entry<Layer, Double> e : byLayer.entrySet()) {
            double width = max <= 0 ? 0 : Math.max(0, e.getValue()) / max * 560;
            s.append("<text x=\"10\" y=\"").append(y + 16).append("\" font-size=\"12\">").append(esc(e.getKey().title())).append("</text>");
            s.append("<rect x=\"230\" y=\"").append(y + 4).append("\" width=\"").append(String.format(java.util.Locale.ROOT, "%.1f", width))
                    .append("\" height=\"16\" fill=\"#4a7fc1\"/>");
            s.append("<text x=\"").append(String.format(java.util.Locale.ROOT, "%.1f", 236 + width)).append("\" y=\"").append(y + 16)
                    .append("\" font-size=\"12\">").append(esc(usd(e.getValue()))).append("</text>");
            y += rowH;
        }
        return s.append("</svg>\n").toString();
    }

    static final int FOLD_ROWS = 20;
    private static final java.util.regex.Pattern MONEY = java.util.regex.Pattern.compile("^-?\\$[0-9,]+(\\.[0-9]+)?( \\(.*\\))?$");

    /**
     * Money right-aligned, on one line unless it carries its basis ("$658.40 (s3.put + s3.get)", which must wrap or the
     * table runs off the page); a failed SLA or a reached bottleneck in red, a near one in amber.
     */
    private static String cellClass(String text) {
        Matcher money = MONEY.matcher(text);
        if (money.matches()) {
            return money.group(2) == null ? " class=\"num\"" : " class=\"num basis\"";
        }
        if (text.equals("NO") || text.equals("reached")) {
            return " class=\"bad\"";
        }
        return text.startsWith("near (within") ? " class=\"warn\"" : "";
    }

    /** Converts the Markdown subset the {@link MarkdownRenderer} emits: headings, paragraphs, lists, tables, bold, code. */
    static String markdownToHtml(String md) {
        StringBuilder out = new StringBuilder();
        StringBuilder table = new StringBuilder();
        int rows = 0;
        boolean inTable = false;
        boolean inList = false;
        for (String raw : md.split("\n")) {
            String line = raw.stripTrailing();
            boolean tableRow = line.startsWith("|");
            boolean listItem = line.matches("^\\s*(- |\\d+\\. ).*");
            if (inTable && !tableRow) {
                out.append(closeTable(table, rows));
                inTable = false;
            }
            if (inList && !listItem) {
                out.append("</ul>\n");
                inList = false;
            }
            if (tableRow) {
                if (line.matches("^\\|(---\\|)+$")) {
                    continue;
                }
                String tag = inTable ? "td" : "th";
                if (!inTable) {
                    table.setLength(0);
                    table.append("<table>");
                    rows = 0;
                    inTable = true;
                } else {
                    rows++;
                }
                table.append("<tr>");
                for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|")) {
                    String text = cell.strip().replace("\\|", "|");
                    table.append('<').append(tag).append(cellClass(text)).append('>').append(inline(text)).append("</").append(tag).append('>');
                }
                table.append("</tr>\n");
            } else if (listItem) {
                if (!inList) {
                    out.append("<ul>");
                    inList = true;
                }
                out.append("<li>").append(inline(line.strip().replaceFirst("^(- |\\d+\\. )", ""))).append("</li>\n");
            } else if (line.startsWith("#")) {
                int level = Math.min(6, line.indexOf(' '));
                out.append("<h").append(level).append('>').append(inline(line.substring(level).strip())).append("</h").append(level).append(">\n");
            } else if (!line.isBlank()) {
                out.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (inTable) {
            out.append(closeTable(table, rows));
        }
        if (inList) {
            out.append("</ul>\n");
        }
        return out.toString();
    }

    /** A table of more rows than {@link #FOLD_ROWS} folds: the report stays readable, its figures one click away. */
    private static String closeTable(StringBuilder table, int rows) {
        String html = table.append("</table>\n").toString();
        return rows > FOLD_ROWS ? "<details><summary>" + rows + " rows</summary>" + html + "</details>\n" : html;
    }

    private static String inline(String text) {
        String s = esc(text);
        s = BOLD.matcher(s).replaceAll("<strong>$1</strong>");
        Matcher m = CODE.matcher(s);
        return m.replaceAll("<code>$1</code>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
