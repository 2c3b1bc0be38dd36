package dev.tessera.e2e.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What happened second by second in one benchmark run — requests accepted, assignments delivered, the
 * POST latency the clients saw, the request-to-delivered latency, the services' RSS — drawn as one chart
 * (PNG) next to the report. Times are wall-clock instants on the benchmark's machine (client and services
 * share it).
 */
public final class Timeline {

    private final Instant start;
    private final TreeMap<Integer, List<Long>> postLatency = new TreeMap<>();
    private final TreeMap<Integer, List<Long>> deliveryLatency = new TreeMap<>();

    public Timeline(Instant start) {
        this.start = start;
    }

    private int second(Instant at) {
        return (int) Math.max(0, (at.toEpochMilli() - start.toEpochMilli()) / 1000);
    }

    /** A request the server accepted at {@code at} (the response's arrival), {@code millis} after it was sent. */
    public synchronized void accepted(Instant at, long millis) {
        postLatency.computeIfAbsent(second(at), s -> new ArrayList<>()).add(millis);
    }

    /** An assignment delivered at {@code at}, {@code millis} after its request was created. */
    public synchronized void delivered(Instant at, long millis) {
        deliveryLatency.computeIfAbsent(second(at), s -> new ArrayList<>()).add(millis);
    }

    public static long percentile(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** All POST latencies recorded, in ms. */
    public synchronized List<Long> postLatencies() {
        return postLatency.values().stream().flatMap(List::stream).toList();
    }

    /**
     * Writes the chart: throughput (accepted/s, delivered/s), latency (POST p99, delivery p50 and p99, log
     * scale) and each service's RSS (MiB, from {@code memory}, whose seconds count from {@code memoryStart}).
     */
    public synchronized void chart(Path png, String title, Map<String, Map<Integer, Long>> memory, Instant memoryStart)
            throws IOException {
        XYSeries accepted = new XYSeries("requests accepted/s");
        XYSeries delivered = new XYSeries("assignments delivered/s");
        XYSeries postP99 = new XYSeries("POST p99 (ms)");
        XYSeries deliveryP50 = new XYSeries("request→delivered p50 (ms)");
        XYSeries deliveryP99 = new XYSeries("request→delivered p99 (ms)");
        int last = Math.max(postLatency.isEmpty() ? 0 : postLatency.lastKey(),
                deliveryLatency.isEmpty() ? 0 : deliveryLatency.lastKey());
        for (int s = 0; s <= last; s++) {
            List<Long> posts = postLatency.getOrDefault(s, List.of());
            List<Long> deliveries = deliveryLatency.getOrDefault(s, List.of());
            accepted.add(s, posts.size());
            delivered.add(s, deliveries.size());
            if (!posts.isEmpty()) {
                postP99.add(s, Math.max(1, percentile(posts, 99)));
            }
            if (!deliveries.isEmpty()) {
                deliveryP50.add(s, Math.max(1, percentile(deliveries, 50)));
                deliveryP99.add(s, Math.max(1, percentile(deliveries, 99)));
            }
        }
        XYPlot throughput = plot(new NumberAxis("per second"), accepted, delivered);
        LogarithmicAxis ms = new LogarithmicAxis("latency (ms, log)");
        ms.setAllowNegativesFlag(false);
        XYPlot latency = plot(ms, postP99, deliveryP50, deliveryP99);
        List<XYSeries> rss = new ArrayList<>();
        long offset = (start.toEpochMilli() - memoryStart.toEpochMilli()) / 1000;
        memory.forEach((service, bySecond) -> {
            XYSeries series = new XYSeries(service + " RSS (MiB)");
            new TreeMap<>(bySecond).forEach((second, mib) -> {
                long s = second - offset;
                if (s >= 0 && s <= last) {
                    series.add(s, mib);
                }
            });
            rss.add(series);
        });
        XYPlot memoryPlot = plot(new NumberAxis("RSS (MiB)"), rss.toArray(XYSeries[]::new));

        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("seconds since the first request"));
        combined.add(throughput, 3);
        combined.add(latency, 3);
        combined.add(memoryPlot, 2);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1200, 1000);
    }

    private static XYPlot plot(NumberAxis axis, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.length; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
