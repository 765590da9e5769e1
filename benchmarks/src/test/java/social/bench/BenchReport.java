package social.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns one run (Gatling's report + the echo floor) into results.json and report.md, or, with
 * {@code summarize}, the steps of a find-max run into one summary.
 *
 * <pre>
 *   BenchReport run &lt;out dir&gt; &lt;gatling run dir&gt; &lt;echo.json or -&gt; &lt;machine.json&gt; &lt;mode&gt; &lt;rate&gt; &lt;duration&gt;
 *   BenchReport summarize &lt;out dir&gt; &lt;machine.json&gt;
 *   BenchReport series &lt;out dir&gt; &lt;machine.json&gt; soak|repeat
 * </pre>
 *
 * "run" prints {@code HELD} or {@code NOT-HELD} last: held means p99 &lt;= 100 ms, errors &lt;= 0.1 %
 * and at least 95 % of the requested requests were sent (the load generator kept up).
 */
public final class BenchReport {
    static final double P99_LIMIT_MS = 100;
    static final double ERROR_LIMIT_PCT = 0.1;

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "run" ->
                run(
                        Path.of(args[1]),
                        Path.of(args[2]),
                        args[3],
                        Path.of(args[4]),
                        args[5],
                        Double.parseDouble(args[6]),
                        Integer.parseInt(args[7]));
            case "summarize" -> summarize(Path.of(args[1]), Path.of(args[2]));
            case "series" -> series(Path.of(args[1]), Path.of(args[2]), args[3]);
            default -> {
                System.err.println("usage: BenchReport run|summarize ...");
                System.exit(2);
            }
        }
    }

    // ------------------------------------------------------------------ one run

    static void run(
            Path out, Path gatlingDir, String echoFile, Path machineFile, String mode, double rate, int duration)
            throws IOException {
        Files.createDirectories(out);
        List<Map<String, Object>> rows = parseGatling(gatlingDir.resolve("index.html"), duration);
        Map<String, Object> all = rows.stream()
                .filter(r -> "all".equals(r.get("name")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no 'measured' group in " + gatlingDir));
        JsonNode echo = "-".equals(echoFile)
                ? null
                : Http.JSON.readTree(Path.of(echoFile).toFile());

        ObjectNode result = Http.JSON.createObjectNode();
        result.put("mode", mode);
        result.put("targetRatePerSecond", rate);
        result.put("durationSeconds", duration);
        result.set("machine", Http.JSON.readTree(machineFile.toFile()));
        ArrayNode requests = result.putArray("requests");
        rows.forEach(r -> requests.add(Http.JSON.valueToTree(r)));
        if (echo != null) {
            result.set("echoFloor", echo);
            ObjectNode ratio = result.putObject("ratioToEchoFloor");
            JsonNode open = echo.path("openModel");
            ratio.put("p50", div(num(all, "p50Ms"), open.path("p50Ms").asDouble()));
            ratio.put("p99", div(num(all, "p99Ms"), open.path("p99Ms").asDouble()));
            double echoMax =
                    echo.path("closedLoopMax").path("throughputPerSecond").asDouble();
            ratio.put(
                    "throughputOfEchoMax",
                    echoMax == 0 ? 0 : Math.round(10000 * num(all, "throughputPerSecond") / echoMax) / 10000.0);
        }
        Path cpuFile = out.resolve("cpu.json");
        JsonNode cpu = Files.exists(cpuFile) ? Http.JSON.readTree(cpuFile.toFile()) : null;
        if (cpu != null) {
            result.set("cpu", cpu);
        }
        long expected = Math.round(rate * duration);
        boolean sentEnough = num(all, "count") >= 0.95 * expected;
        boolean p99ok = num(all, "p99Ms") <= P99_LIMIT_MS;
        boolean errorsOk = num(all, "errorPct") <= ERROR_LIMIT_PCT;
        ObjectNode verdict = result.putObject("verdict");
        verdict.put("p99AtMost100ms", p99ok);
        verdict.put("errorsAtMost0.1pct", errorsOk);
        verdict.put("sentAtLeast95pctOfRequested", sentEnough);
        verdict.put("held", p99ok && errorsOk && sentEnough);
        result.put("gatlingReport", gatlingDir.resolve("index.html").toString());
        Http.JSON
                .writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("results.json").toFile(), result);

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: ")
                .append(mode)
                .append(String.format(Locale.ROOT, " at %.0f req/s for %d s%n%n", rate, duration));
        machine(md, result.get("machine"));
        md.append("\n## HTTP through the gateway (Gatling, open model, after the warm-up)\n\n");
        table(md, rows);
        if (echo != null) {
            JsonNode open = echo.path("openModel");
            JsonNode closed = echo.path("closedLoopMax");
            md.append(String.format(
                    Locale.ROOT,
                    "%n## Transport floor: raw RabbitMQ request/reply echo, same broker%n%n"
                            + "Request %d B, reply %d B (the mix's mean response), %d consumers with prefetch %d, direct reply-to.%n%n"
                            + "| echo | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |%n|---|---:|---:|---:|---:|---:|---:|%n"
                            + "| open model at %.0f req/s | %.1f | %.2f | %.2f | %.2f | %.2f | %d |%n",
                    echo.path("requestBytes").asInt(),
                    echo.path("replyBytes").asInt(),
                    echo.path("consumers").asInt(),
                    echo.path("prefetch").asInt(),
                    open.path("rate").asDouble(),
                    open.path("throughputPerSecond").asDouble(),
                    open.path("p50Ms").asDouble(),
                    open.path("p90Ms").asDouble(),
                    open.path("p99Ms").asDouble(),
                    open.path("maxMs").asDouble(),
                    open.path("errors").asLong()));
            if (!closed.isMissingNode()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| closed loop, %d in flight (the broker's max) | %.0f | %.2f | %.2f | %.2f | %.2f | - |%n",
                        closed.path("concurrency").asInt(),
                        closed.path("throughputPerSecond").asDouble(),
                        closed.path("p50Ms").asDouble(),
                        closed.path("p90Ms").asDouble(),
                        closed.path("p99Ms").asDouble(),
                        closed.path("maxMs").asDouble()));
            }
            JsonNode ratio = result.get("ratioToEchoFloor");
            md.append(String.format(
                    Locale.ROOT,
                    "%nRatio HTTP / echo: p50 %.1fx, p99 %.1fx; HTTP throughput = %.2f %% of the echo's closed-loop max.%n",
                    ratio.path("p50").asDouble(),
                    ratio.path("p99").asDouble(),
                    100 * ratio.path("throughputOfEchoMax").asDouble()));
        }
        if (cpu != null) {
            cpuTable(md, cpu);
            gcTable(md, cpu.path("gcPauses"));
        }
        md.append(String.format(
                Locale.ROOT,
                "%n**Verdict: %s** (p99 <= 100 ms: %s; errors <= 0.1 %%: %s; sent >= 95 %% of %d: %s)%n",
                verdict.get("held").asBoolean() ? "held" : "NOT held",
                p99ok,
                errorsOk,
                expected,
                sentEnough));
        md.append("\nGatling's full report: `")
                .append(gatlingDir.resolve("index.html"))
                .append("`\n");
        Files.writeString(out.resolve("report.md"), md);
        System.out.print(md);
        System.out.println(verdict.get("held").asBoolean() ? "HELD" : "NOT-HELD");
    }

    /** Where the CPU went: per process, CPU milliseconds per request and cores busy. */
    private static void cpuTable(StringBuilder md, JsonNode cpu) {
        md.append(String.format(
                Locale.ROOT,
                "%n## CPU (a %d s window inside the measured period)%n%n"
                        + "| process | CPU ms per request | cores busy |%n|---|---:|---:|%n",
                cpu.path("windowSeconds").asInt()));
        JsonNode cores = cpu.path("cpuCoresBusy");
        cpu.path("cpuMsPerRequest")
                .properties()
                .forEach(e -> md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.3f | %.2f |%n",
                        e.getKey(),
                        e.getValue().asDouble(),
                        cores.path(e.getKey()).asDouble())));
        md.append("\n`machine` is the whole machine's busy time (incl. Gatling and the kernel);"
                + " `load-generator` is Gatling's own (Maven's JVM running it).\n");
    }

    /** Stop-the-world GC pauses per service in the same window (from each service's GC log). */
    private static void gcTable(StringBuilder md, JsonNode gc) {
        if (gc.isMissingNode() || gc.isEmpty()) {
            md.append("\nNo GC logs (JAVA_OPTS without `-Xlog:gc:file=.run/logs/gc-%p.log:uptime`): no GC pauses.\n");
            return;
        }
        md.append(
                "\n## GC pauses (the same window)\n\n| service | pauses | total ms | max ms |\n|---|---:|---:|---:|\n");
        gc.properties()
                .forEach(e -> md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.1f | %.1f |%n",
                        e.getKey(),
                        e.getValue().path("count").asInt(),
                        e.getValue().path("totalMs").asDouble(),
                        e.getValue().path("maxMs").asDouble())));
    }

    /** The rows of Gatling's statistics table, with the measured group as "all" and warm-up rows dropped. */
    static List<Map<String, Object>> parseGatling(Path indexHtml, int duration) throws IOException {
        String html = Files.readString(indexHtml);
        Pattern row =
                Pattern.compile("<tr id=\"([^\"]+)\"(?: data-parent=\"([^\"]*)\")?\\s*>(.*?)</tr>", Pattern.DOTALL);
        Pattern name = Pattern.compile("class=\"ellipsed-name\">([^<]*)<");
        Pattern cell = Pattern.compile("<td class=\"value [^\"]*col-(\\d+)\">([^<]*)</td>");
        List<Map<String, Object>> rows = new ArrayList<>();
        Matcher m = row.matcher(html);
        while (m.find()) {
            String id = m.group(1);
            String parent = m.group(2) == null ? "" : m.group(2);
            boolean group = id.startsWith("group_measured");
            boolean request = parent.startsWith("group_measured");
            if (!group && !request) {
                continue;
            }
            Matcher n = name.matcher(m.group(3));
            String label = group ? "all" : n.find() ? n.group(1).trim() : id;
            Map<String, String> cells = new LinkedHashMap<>();
            Matcher c = cell.matcher(m.group(3));
            while (c.find()) {
                cells.put(c.group(1), c.group(2).trim());
            }
            long count = (long) parse(cells.get("2"));
            long ko = (long) parse(cells.get("4"));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", label);
            r.put("count", count);
            r.put("ok", (long) parse(cells.get("3")));
            r.put("errors", ko);
            r.put("errorPct", count == 0 ? 0.0 : Math.round(10000.0 * ko / count) / 100.0);
            r.put("throughputPerSecond", Math.round(100.0 * count / duration) / 100.0);
            r.put("minMs", parse(cells.get("7")));
            r.put("p50Ms", parse(cells.get("8")));
            r.put("p90Ms", parse(cells.get("9")));
            r.put("p99Ms", parse(cells.get("10")));
            r.put("p999Ms", parse(cells.get("11")));
            r.put("maxMs", parse(cells.get("12")));
            r.put("meanMs", parse(cells.get("13")));
            rows.add(r);
        }
        rows.sort(Comparator.comparing(r -> "all".equals(r.get("name")) ? "~" : (String) r.get("name")));
        return rows;
    }

    static double parse(String v) {
        if (v == null || v.isEmpty() || "-".equals(v)) {
            return 0;
        }
        return Double.parseDouble(v.replace(",", ""));
    }

    static void table(StringBuilder md, List<Map<String, Object>> rows) {
        md.append("| request | count | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : rows) {
            boolean all = "all".equals(r.get("name"));
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.0f | %.0f | %.0f | %.0f | %d (%.2f %%) |%n",
                    all ? "**all**" : "`" + r.get("name") + "`",
                    (Long) r.get("count"),
                    (Double) r.get("throughputPerSecond"),
                    (Double) r.get("p50Ms"),
                    (Double) r.get("p90Ms"),
                    (Double) r.get("p99Ms"),
                    (Double) r.get("maxMs"),
                    (Long) r.get("errors"),
                    (Double) r.get("errorPct")));
        }
    }

    static void machine(StringBuilder md, JsonNode m) {
        md.append("Machine: ");
        List<String> parts = new ArrayList<>();
        m.fields()
                .forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
        md.append(String.join("; ", parts)).append("\n");
    }

    static double num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    static double div(double a, double b) {
        return b == 0 ? 0 : Math.round(100 * a / b) / 100.0;
    }

    // ------------------------------------------------------------------ find-max

    static void summarize(Path out, Path machineFile) throws IOException {
        List<JsonNode> steps = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("step-"))
                    .toList()) {
                if (Files.exists(d.resolve("results.json"))) {
                    steps.add(Http.JSON.readTree(d.resolve("results.json").toFile()));
                }
            }
        }
        steps.sort(Comparator.comparingDouble(s -> s.path("targetRatePerSecond").asDouble()));
        ObjectNode result = Http.JSON.createObjectNode();
        result.put("mode", "find-max");
        result.set("machine", Http.JSON.readTree(machineFile.toFile()));
        double highest = 0;
        ArrayNode arr = result.putArray("steps");
        StringBuilder md = new StringBuilder(
                "# Benchmark: find-max (mix, rate stepped up until p99 > 100 ms or errors > 0.1 %)\n\n");
        machine(md, result.get("machine"));
        md.append("\n| target req/s | achieved req/s | p50 ms | p90 ms | p99 ms | max ms | errors | held |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonNode s : steps) {
            JsonNode all = allRow(s);
            boolean held = s.path("verdict").path("held").asBoolean();
            double rate = s.path("targetRatePerSecond").asDouble();
            if (held && rate > highest) {
                highest = rate;
            }
            ObjectNode step = arr.addObject();
            step.put("targetRatePerSecond", rate);
            step.set("all", all);
            step.put("held", held);
            if (!all.isEmpty()) {
                md.append(String.format(
                        Locale.ROOT, "| %.0f | %s | %s |%n", rate, latencyCells(all), held ? "yes" : "**no**"));
            }
        }
        result.put("highestRateHeld", highest);
        md.append(String.format(Locale.ROOT, "%n**Highest rate held: %.0f req/s**%n", highest));
        Path echoFile = out.resolve("echo.json");
        if (Files.exists(echoFile)) {
            JsonNode echo = Http.JSON.readTree(echoFile.toFile());
            result.set("echoFloor", echo);
            JsonNode open = echo.path("openModel");
            md.append(String.format(
                    Locale.ROOT,
                    "%nTransport floor (raw RabbitMQ echo, reply %d B, open model at %.0f req/s): "
                            + "p50 %.2f ms, p99 %.2f ms, errors %d; closed-loop max %.0f req/s.%n",
                    echo.path("replyBytes").asInt(),
                    open.path("rate").asDouble(),
                    open.path("p50Ms").asDouble(),
                    open.path("p99Ms").asDouble(),
                    open.path("errors").asLong(),
                    echo.path("closedLoopMax").path("throughputPerSecond").asDouble()));
        }
        md.append("\nEach step's own report: `step-<rate>/report.md`.\n");
        Http.JSON
                .writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("results.json").toFile(), result);
        Files.writeString(out.resolve("report.md"), md);
        System.out.print(md);
    }

    // ------------------------------------------------------------------ soak and repeat

    /** How far the last segment of a soak may drift from the first, in p99 and in GC pause time. */
    static final double STEADY_DRIFT = 0.20;

    /**
     * The runs of a soak (segment-NN, back to back) or of a repeat (run-NN) in order: each one's
     * latencies, GC pauses over all services and verdict. A soak is steady when its last segment's
     * p99 and total GC pause time are each within 20 % of its first segment's (or both under 1 ms
     * and 10 ms of pauses apart, below which a ratio means nothing); a repeat agrees when every
     * run has the same verdict.
     */
    static void series(Path out, Path machineFile, String kind) throws IOException {
        String prefix = "soak".equals(kind) ? "segment-" : "run-";
        List<Path> dirs;
        try (Stream<Path> list = Files.list(out)) {
            dirs = list.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.exists(p.resolve("results.json")))
                    .sorted()
                    .toList();
        }
        if (dirs.isEmpty()) {
            throw new IllegalStateException("no " + prefix + "* results in " + out);
        }
        ObjectNode result = Http.JSON.createObjectNode();
        result.put("mode", kind);
        result.set("machine", Http.JSON.readTree(machineFile.toFile()));
        ArrayNode arr = result.putArray("runs");
        StringBuilder md = new StringBuilder(
                "soak".equals(kind)
                        ? "# Benchmark: soak (the same load without a pause, measured in back-to-back segments)\n\n"
                        : "# Benchmark: the same run repeated\n\n");
        machine(md, result.get("machine"));
        md.append(
                "\n| run | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | GC pauses (all services) | GC total ms | GC max ms | held |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        List<ObjectNode> runs = new ArrayList<>();
        for (Path d : dirs) {
            JsonNode r = Http.JSON.readTree(d.resolve("results.json").toFile());
            JsonNode all = allRow(r);
            int pauses = 0;
            double gcTotal = 0;
            double gcMax = 0;
            for (JsonNode g : r.path("cpu").path("gcPauses")) {
                pauses += g.path("count").asInt();
                gcTotal += g.path("totalMs").asDouble();
                gcMax = Math.max(gcMax, g.path("maxMs").asDouble());
            }
            boolean held = r.path("verdict").path("held").asBoolean();
            ObjectNode run = arr.addObject();
            run.put("name", d.getFileName().toString());
            run.put("p99Ms", all.path("p99Ms").asDouble());
            run.put("throughputPerSecond", all.path("throughputPerSecond").asDouble());
            run.put("gcPauses", pauses);
            run.put("gcTotalMs", Math.round(gcTotal * 10) / 10.0);
            run.put("gcMaxMs", gcMax);
            run.put("held", held);
            run.set("ratioToEchoFloor", r.path("ratioToEchoFloor"));
            runs.add(run);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %.1f | %.1f | %s |%n",
                    d.getFileName(),
                    latencyCells(all),
                    pauses,
                    gcTotal,
                    gcMax,
                    held ? "yes" : "**no**"));
        }
        if ("soak".equals(kind)) {
            ObjectNode first = runs.get(0);
            ObjectNode last = runs.get(runs.size() - 1);
            double p99Drift =
                    drift(first.path("p99Ms").asDouble(), last.path("p99Ms").asDouble(), 1);
            double gcDrift = drift(
                    first.path("gcTotalMs").asDouble(), last.path("gcTotalMs").asDouble(), 10);
            boolean steady = Math.abs(p99Drift) <= STEADY_DRIFT && Math.abs(gcDrift) <= STEADY_DRIFT;
            boolean allHeld = runs.stream().allMatch(r -> r.path("held").asBoolean());
            ObjectNode verdict = result.putObject("verdict");
            verdict.put("p99Drift", Math.round(p99Drift * 1000) / 1000.0);
            verdict.put("gcPauseTimeDrift", Math.round(gcDrift * 1000) / 1000.0);
            verdict.put("steady", steady);
            verdict.put("everySegmentHeld", allHeld);
            md.append(String.format(
                    Locale.ROOT,
                    "%n**Last segment against the first: p99 %+.0f %%, GC pause time %+.0f %% -> %s**; "
                            + "every segment held: %s.%n",
                    100 * p99Drift,
                    100 * gcDrift,
                    steady ? "steady (both within 20 %)" : "NOT steady",
                    allHeld ? "yes" : "**no**"));
        } else {
            long held = runs.stream().filter(r -> r.path("held").asBoolean()).count();
            boolean agree = held == 0 || held == runs.size();
            result.putObject("verdict")
                    .put("held", held)
                    .put("runs", runs.size())
                    .put("sameVerdict", agree);
            md.append(String.format(
                    Locale.ROOT,
                    "%n**Held %d of %d: %s**%n",
                    held,
                    runs.size(),
                    agree ? "the same verdict every time" : "the verdicts differ"));
        }
        md.append("\nEach run's own report: `").append(prefix).append("NN/report.md`.\n");
        Http.JSON
                .writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("results.json").toFile(), result);
        Files.writeString(out.resolve("report.md"), md);
        System.out.print(md);
    }

    /** (last - first) / first, or 0 when both are within {@code floor} of each other (noise, not drift). */
    static double drift(double first, double last, double floor) {
        if (Math.abs(last - first) < floor) {
            return 0;
        }
        return first == 0 ? Double.POSITIVE_INFINITY : (last - first) / first;
    }

    /** A run's achieved req/s, p50, p90, p99 and max (ms) and errors, as table cells. */
    static String latencyCells(JsonNode all) {
        return String.format(
                Locale.ROOT,
                "%.1f | %.0f | %.0f | %.0f | %.0f | %d (%.2f %%)",
                all.path("throughputPerSecond").asDouble(),
                all.path("p50Ms").asDouble(),
                all.path("p90Ms").asDouble(),
                all.path("p99Ms").asDouble(),
                all.path("maxMs").asDouble(),
                all.path("errors").asLong(),
                all.path("errorPct").asDouble());
    }

    /** The "all" row of one run's requests (an empty node when missing). */
    static JsonNode allRow(JsonNode run) {
        for (JsonNode r : run.path("requests")) {
            if ("all".equals(r.path("name").asText())) {
                return r;
            }
        }
        return Http.JSON.createObjectNode();
    }
}
